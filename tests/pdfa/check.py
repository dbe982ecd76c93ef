#!/usr/bin/env python3
"""tests/pdfa/check.py - the PDF/A-2u and PDF/UA-1 rules nqpdf implements,
checked on one PDF (tests/pdfa.sh runs it; docs/pdf.md lists the clauses).

    check.py FILE.pdf QPDF.json [--none]

QPDF.json is `qpdf --json --json-stream-data=inline --decode-level=generalized
FILE.pdf`.  Prints one line per violation, `RULE<TAB>message`; RULE is one of
the names in RULES below, which tests/pdfa.sh reports one by one.  --none:
the file was made with --pdf-standard=none, so it must claim no PDF/A.
Only the Python standard library: base64, json, re, xml.
"""
import base64
import json
import re
import sys
import xml.dom.minidom

RULES = [
    "header", "trailer", "eof", "streams", "xmp", "xmp-info", "xmp-ext",
    "output-intent", "fonts", "annot-flags", "actions", "transparency",
    "ua-catalog", "ua-marked", "ua-parent-tree", "ua-annots", "ua-figure",
    "ua-struct", "ua-nesting", "ua-headings", "none",
]

out = []


def bad(rule, msg):
    assert rule in RULES, rule
    out.append("%s\t%s" % (rule, msg))


pdf_path, json_path = sys.argv[1], sys.argv[2]
none = "--none" in sys.argv[3:]
raw = open(pdf_path, "rb").read()
q = json.load(open(json_path))["qpdf"][1]
trailer = q["trailer"]["value"]


def obj(ref):
    """The value of an indirect reference ('12 0 R'), or the value itself."""
    if isinstance(ref, str) and re.fullmatch(r"\d+ \d+ R", ref):
        o = q.get("obj:" + ref)
        if o is None:
            return None
        return o.get("value", o.get("stream"))
    return ref


def sdict(ref):
    """A stream's dictionary and decoded data, or (None, None)."""
    o = q.get("obj:" + ref) if isinstance(ref, str) else None
    if not o or "stream" not in o:
        return None, None
    st = o["stream"]
    return st["dict"], base64.b64decode(st.get("data", ""))


def text(v):
    """A PDF string from qpdf's JSON ('u:...' text or 'b:...' hex bytes)."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b[:2] == b"\xfe\xff":
            return b[2:].decode("utf-16-be")
        return b.decode("latin-1")
    return None


def objects():
    for k, v in q.items():
        if k.startswith("obj:"):
            yield k[4:], v.get("value", v.get("stream", {}).get("dict"))


catalog = obj(trailer["/Root"])
page_refs = []


def walk_page_refs(ref):
    node = obj(ref)
    if node.get("/Type") == "/Pages":
        for kid in node["/Kids"]:
            walk_page_refs(kid)
    else:
        page_refs.append(ref)


walk_page_refs(catalog["/Pages"])
pages = [obj(r) for r in page_refs]

# ---------------------------------------------------------- PDF/A-2, 6.1
# 6.1.2: the header, then a comment of at least 4 bytes above 127.
m = re.match(rb"%PDF-1\.7\r?\n%([^\r\n]*)\r?\n", raw)
if not m:
    bad("header", "the file does not start with %PDF-1.7 and a comment line")
elif len(m.group(1)) < 4 or any(c < 128 for c in m.group(1)[:4]):
    bad("header", "the second line is not a comment of 4 bytes above 127")

# 6.1.3: /ID in the trailer, two strings; no /Encrypt.
ids = trailer.get("/ID")
if not isinstance(ids, list) or len(ids) != 2 or not all(text(i) is not None for i in ids):
    bad("trailer", "no /ID of two strings in the trailer")
elif ids[0].startswith("b:") and set(ids[0][2:]) == {"0"}:
    bad("trailer", "/ID is still the placeholder (all zeros)")
if "/Encrypt" in trailer:
    bad("trailer", "the trailer has /Encrypt")
# 6.1.3: nothing after the last %%EOF but one end-of-line marker.
tail = raw[raw.rfind(b"%%EOF") + 5:]
if tail not in (b"", b"\n", b"\r\n", b"\r"):
    bad("eof", "%d bytes after the last %%%%EOF" % len(tail))

# 6.1.7.1: `stream` followed by CRLF or LF, `endstream` after an EOL; no
# external streams (/F, /FFilter, /FDecodeParms).
for mm in re.finditer(rb"stream(\r\n|\n|\r|.)", raw):
    if raw[mm.start() - 3:mm.start()] == b"end":
        continue
    if mm.group(1) not in (b"\r\n", b"\n"):
        bad("streams", "`stream` at byte %d is not followed by CRLF or LF" % mm.start())
        break
for mm in re.finditer(rb"endstream", raw):
    if raw[mm.start() - 1:mm.start()] not in (b"\n", b"\r"):
        bad("streams", "`endstream` at byte %d does not follow an EOL" % mm.start())
        break
for k, v in q.items():
    if k.startswith("obj:") and "stream" in v:
        for key in ("/F", "/FFilter", "/FDecodeParms"):
            if key in v["stream"]["dict"]:
                bad("streams", "%s: stream with %s" % (k, key))

# ---------------------------------------------------------- PDF/A-2, 6.6
info = obj(trailer.get("/Info")) or {}
xmp_text = None
if none:
    md = catalog.get("/Metadata")
    if md:
        d, data = sdict(md)
        if data and b"pdfaid" in data:
            bad("none", "--pdf-standard=none still claims PDF/A (pdfaid in the XMP)")
    if catalog.get("/OutputIntents"):
        bad("none", "--pdf-standard=none still has /OutputIntents")
else:
    md = catalog.get("/Metadata")
    d, data = sdict(md) if md else (None, None)
    if d is None:
        bad("xmp", "the catalog has no /Metadata stream")
    else:
        if d.get("/Type") != "/Metadata" or d.get("/Subtype") != "/XML":
            bad("xmp", "/Metadata is not /Type /Metadata /Subtype /XML")
        xmp_text = data.decode("utf-8")
        head = re.match(r'<\?xpacket ([^?]*)\?>', xmp_text)
        if not head:
            bad("xmp", "no <?xpacket begin...?> header")
        elif "bytes=" in head.group(1) or "encoding=" in head.group(1):
            bad("xmp", "the xpacket header has bytes= or encoding= (6.6.2.1)")
        try:
            dom = xml.dom.minidom.parseString(data)
        except Exception as e:  # noqa: BLE001 - any parse error is the finding
            bad("xmp", "the XMP is not well-formed XML: %s" % e)
            dom = None

        def xv(tag):
            """Text of the first element named tag (prefix:name), or None."""
            if dom is None:
                return None
            els = dom.getElementsByTagName(tag)
            if not els:
                return None
            lis = els[0].getElementsByTagName("rdf:li")
            node = lis[0] if lis else els[0]
            return "".join(c.data for c in node.childNodes if c.nodeType == c.TEXT_NODE)

        if xv("pdfaid:part") != "2" or xv("pdfaid:conformance") != "U":
            bad("xmp", "pdfaid:part is %r, conformance %r (want 2, U)" %
                (xv("pdfaid:part"), xv("pdfaid:conformance")))
        if xv("pdfuaid:part") != "1":
            bad("xmp", "pdfuaid:part is %r (want 1)" % xv("pdfuaid:part"))
        # 6.6.3: every Info entry has its XMP equivalent, with the same value.
        pairs = [("/Title", "dc:title"), ("/Author", "dc:creator"),
                 ("/Subject", "dc:description"), ("/Keywords", "pdf:Keywords"),
                 ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")]
        for key, tag in pairs:
            if key in info and text(info[key]) != xv(tag):
                bad("xmp-info", "Info %s %r but XMP %s %r" % (key, text(info[key]), tag, xv(tag)))
        for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
            if key not in info:
                continue
            dm = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)", text(info[key]) or "")
            want = "%s-%s-%sT%s:%s:%sZ" % dm.groups() if dm else None
            if want != xv(tag):
                bad("xmp-info", "Info %s %r but XMP %s %r" % (key, text(info[key]), tag, xv(tag)))
        # 6.6.2.3.1: a schema PDF/A-2 does not predefine is described by an
        # extension schema; of those nqpdf writes, that is pdfuaid.
        if dom is not None:
            prefixes = [e.firstChild.data for e in dom.getElementsByTagName("pdfaSchema:prefix")
                        if e.firstChild]
            if "pdfuaid" not in prefixes:
                bad("xmp-ext", "no pdfaExtension schema for the pdfuaid namespace")
            known = {"x", "rdf", "xml", "dc", "xmp", "pdf", "pdfaid", "pdfaExtension",
                     "pdfaSchema", "pdfaProperty", "pdfaType", "pdfaField"} | set(prefixes)
            for pfx in set(re.findall(r"<([A-Za-z]+):", xmp_text)):
                if pfx not in known:
                    bad("xmp-ext", "namespace prefix %s used without an extension schema" % pfx)

    # 6.2.3: one /GTS_PDFA1 output intent with an RGB ICC profile (nqpdf
    # paints only DeviceRGB, 6.2.4.3).
    ois = obj(catalog.get("/OutputIntents")) or []
    gts = [obj(o) for o in ois if (obj(o) or {}).get("/S") == "/GTS_PDFA1"]
    if len(gts) != 1:
        bad("output-intent", "%d /GTS_PDFA1 output intents (want 1)" % len(gts))
    else:
        d, icc = sdict(gts[0].get("/DestOutputProfile"))
        if d is None:
            bad("output-intent", "no /DestOutputProfile stream")
        elif d.get("/N") != 3:
            bad("output-intent", "/N %r (want 3)" % d.get("/N"))
        elif len(icc) < 128 or icc[36:40] != b"acsp":
            bad("output-intent", "the profile has no ICC header")
        else:
            if int.from_bytes(icc[0:4], "big") != len(icc):
                bad("output-intent", "ICC size field %d but %d bytes" %
                    (int.from_bytes(icc[0:4], "big"), len(icc)))
            if icc[12:16] not in (b"mntr", b"prtr") or icc[16:20] != b"RGB ":
                bad("output-intent", "profile class %r colour space %r" % (icc[12:16], icc[16:20]))
            if not 2 <= icc[8] <= 4:
                bad("output-intent", "ICC version %d" % icc[8])
        if "/OutputConditionIdentifier" not in gts[0]:
            bad("output-intent", "no /OutputConditionIdentifier")

# 6.2.11: fonts embedded, with ToUnicode; CIDFontType2 with CIDToGIDMap.
for k, v in objects():
    if not isinstance(v, dict) or v.get("/Type") != "/Font":
        continue
    st = v.get("/Subtype")
    if st == "/Type0":
        if "/ToUnicode" not in v:
            bad("fonts", "%s: Type0 font without /ToUnicode (6.2.11.7.2)" % k)
        continue
    if st in ("/CIDFontType2", "/CIDFontType0", "/TrueType", "/Type1"):
        fd = obj(v.get("/FontDescriptor")) or {}
        if not any(f in fd for f in ("/FontFile", "/FontFile2", "/FontFile3")):
            bad("fonts", "%s: font program not embedded (6.2.11.4.1)" % k)
        if st == "/CIDFontType2" and "/CIDToGIDMap" not in v:
            bad("fonts", "%s: CIDFontType2 without /CIDToGIDMap (6.2.11.3.2)" % k)
    else:
        bad("fonts", "%s: font subtype %s nqpdf does not write" % (k, st))

# 6.3.2: annotations printable and not hidden; 6.3.3: only Link (which
# needs no appearance) - anything else would need /AP.
annots = []
for pi, p in enumerate(pages):
    for a in obj(p.get("/Annots")) or []:
        annots.append((pi, a, obj(a)))
for pi, ref, a in annots:
    f = a.get("/F", 0)
    if not f & 4 or f & (1 | 2 | 32 | 256):
        bad("annot-flags", "page %d annotation %s: /F %r (print set, hidden/noview clear)" % (pi + 1, ref, f))
    if a.get("/Subtype") != "/Link" and "/AP" not in a:
        bad("annot-flags", "annotation %s (%s) without /AP" % (ref, a.get("/Subtype")))

# 6.5.1, 6.6.1: no JavaScript, no forbidden actions, no additional actions.
names = obj(catalog.get("/Names")) or {}
if "/JavaScript" in names:
    bad("actions", "the name tree has /JavaScript")
for k, v in objects():
    if not isinstance(v, dict):
        continue
    if "/JS" in v or "/AA" in v:
        bad("actions", "%s has /JS or /AA" % k)
    if v.get("/Type") == "/Action" or ("/S" in v and "/URI" in v):
        if v.get("/S") not in ("/URI", "/GoTo", "/GoToR", "/Named", "/Thread"):
            bad("actions", "%s: action %s" % (k, v.get("/S")))
    for key in ("/A",):
        act = obj(v.get(key))
        if isinstance(act, dict) and act.get("/S") in ("/Launch", "/JavaScript", "/Sound",
                                                         "/Movie", "/ResetForm", "/ImportData",
                                                         "/Hide", "/SetOCGState", "/Rendition",
                                                         "/Trans", "/GoTo3DView"):
            bad("actions", "%s: forbidden action %s" % (k, act.get("/S")))
if "/OpenAction" in catalog and (obj(catalog["/OpenAction"]) or {}).get("/S") == "/JavaScript":
    bad("actions", "a JavaScript /OpenAction")


# 6.4: no transparency at all (soft masks, constant alpha below 1, blend
# modes, transparency groups), so none of its rules can fail.
def scan(v, where):
    if isinstance(v, dict):
        for key, x in v.items():
            if key == "/SMask" and x != "/None":
                bad("transparency", "%s: /SMask" % where)
            elif key in ("/CA", "/ca") and isinstance(x, (int, float)) and x < 1:
                bad("transparency", "%s: %s %r" % (where, key, x))
            elif key == "/BM" and x not in ("/Normal", "/Compatible"):
                bad("transparency", "%s: /BM %r" % (where, x))
            elif key == "/Group" and isinstance(obj(x), dict) and obj(x).get("/S") == "/Transparency":
                bad("transparency", "%s: a transparency group" % where)
            else:
                scan(x, where)
    elif isinstance(v, list):
        for x in v:
            scan(x, where)


for k, v in objects():
    scan(v, k)

# ---------------------------------------------------------- PDF/UA-1
# 7.1: /MarkInfo /Marked true, not /Suspects; /ViewerPreferences
# /DisplayDocTitle true with a title; 7.2: /Lang.
mi = obj(catalog.get("/MarkInfo")) or {}
if mi.get("/Marked") is not True:
    bad("ua-catalog", "/MarkInfo /Marked is not true")
if mi.get("/Suspects") is True:  # veraPDF 7.1-4: Suspects != true
    bad("ua-catalog", "/MarkInfo /Suspects is true")
vp = obj(catalog.get("/ViewerPreferences")) or {}
if vp.get("/DisplayDocTitle") is not True:
    bad("ua-catalog", "/ViewerPreferences /DisplayDocTitle is not true")
if not text(info.get("/Title")):
    bad("ua-catalog", "no document title in Info")
if xmp_text is not None and "<dc:title>" not in xmp_text:
    bad("ua-catalog", "no dc:title in the XMP")
if not (text(catalog.get("/Lang")) or "").strip():
    bad("ua-catalog", "no /Lang in the catalog")

# The structure tree.
STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
            "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
            "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
            "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
            "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}
str_ref = catalog.get("/StructTreeRoot")
root = obj(str_ref)
elems = {}      # ref -> dict
mcr_owner = {}  # (page ref, mcid) -> elem ref
objr_owner = {}  # annotation ref -> elem ref
order = []      # elements in tree order
if not isinstance(root, dict) or root.get("/Type") != "/StructTreeRoot":
    bad("ua-struct", "no /StructTreeRoot")
    root = {}


def kids(e):
    k = e.get("/K")
    if k is None:
        return []
    return k if isinstance(k, list) else [k]


def visit(ref, parent_ref, depth):
    e = obj(ref)
    if not isinstance(e, dict) or "/S" not in e:
        bad("ua-struct", "%s is not a structure element" % ref)
        return
    if ref in elems:
        bad("ua-struct", "%s appears twice in the tree" % ref)
        return
    elems[ref] = e
    order.append(ref)
    s = e["/S"][1:]
    if s not in STANDARD and s not in (obj(root.get("/RoleMap")) or {}):
        bad("ua-struct", "%s: /S /%s is not a standard type and not role-mapped" % (ref, s))
    if e.get("/P") != parent_ref:
        bad("ua-struct", "%s: /P %s, but its parent is %s" % (ref, e.get("/P"), parent_ref))
    pg = e.get("/Pg")
    for k in kids(e):
        if isinstance(k, int):
            if pg is None:
                bad("ua-struct", "%s: MCID %d without /Pg" % (ref, k))
            mcr_owner[(pg, k)] = ref
        elif isinstance(k, str):
            visit(k, ref, depth + 1)
        elif isinstance(k, dict) and k.get("/Type") == "/MCR":
            mcr_owner[(k.get("/Pg", pg), k.get("/MCID"))] = ref
        elif isinstance(k, dict) and k.get("/Type") == "/OBJR":
            objr_owner[k.get("/Obj")] = ref
        else:
            bad("ua-struct", "%s: a kid nqpdf does not write: %r" % (ref, k))


for k in kids(root):
    visit(k, str_ref, 0)
if order and elems[order[0]]["/S"] != "/Document":
    bad("ua-struct", "the root element is %s, not /Document" % elems[order[0]]["/S"])


# Every page's content stream: each painting operator inside marked
# content, tagged content with an MCID, no tagged content inside tagged
# content, each MCID once (7.1: content is tagged or an artifact).
TOKEN = re.compile(rb"<<|>>|\[|\]|\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|"
                   rb"[-+]?\d*\.?\d+|[A-Za-z'\"*]+[0-9]?|%[^\n]*")
PAINT = {b"Tj", b"TJ", b"'", b'"', b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"Do",
         b"sh", b"BI"}
page_mcids = []
for pi, p in enumerate(pages):
    cs = p.get("/Contents")
    streams = cs if isinstance(cs, list) else [cs]
    data = b"".join(sdict(s)[1] or b"" for s in streams if s)
    stack = []   # 'T' tagged (with MCID), 'A' artifact, 'O' other
    operands = []
    mcids = []
    for t in TOKEN.findall(data):
        if t.startswith(b"%"):
            continue
        if re.fullmatch(rb"[A-Za-z'\"*]+[0-9]?", t) and t not in (b"true", b"false", b"null"):
            if t in (b"BDC", b"BMC"):
                tag = operands[0] if operands else b""
                mc = re.search(rb"/MCID\s+(\d+)", b" ".join(operands))
                kind = "A" if tag == b"/Artifact" else "T" if mc else "O"
                # 7.1-1, 7.1-2: no artifact inside tagged content, no
                # tagged content inside an artifact (nqpdf nests none).
                if stack and kind != "O":
                    bad("ua-marked", "page %d: %s content inside %s content" %
                        (pi + 1, "tagged" if kind == "T" else "artifact",
                         "tagged" if "T" in stack else "artifact" if "A" in stack else "marked"))
                if kind == "T":
                    mcids.append(int(mc.group(1)))
                stack.append(kind)
            elif t == b"EMC":
                if not stack:
                    bad("ua-marked", "page %d: EMC without BDC/BMC" % (pi + 1))
                else:
                    stack.pop()
            elif t in PAINT and not ("T" in stack or "A" in stack):
                bad("ua-marked", "page %d: %s outside tagged or artifact content" % (pi + 1, t.decode()))
            operands = []
        else:
            operands.append(t)
    if stack:
        bad("ua-marked", "page %d: marked content left open" % (pi + 1))
    if len(set(mcids)) != len(mcids):
        bad("ua-marked", "page %d: an MCID used twice" % (pi + 1))
    page_mcids.append(mcids)

# The ParentTree (PDF 32000-1, 14.7.4.4): page MCIDs and annotations lead
# back to the element that has them.
nums = {}


def collect_nums(node):
    node = obj(node)
    if not isinstance(node, dict):
        return
    n = node.get("/Nums", [])
    for i in range(0, len(n) - 1, 2):
        nums[n[i]] = n[i + 1]
    for k in node.get("/Kids", []):
        collect_nums(k)


collect_nums(root.get("/ParentTree"))
for pi, p in enumerate(pages):
    if not page_mcids[pi]:
        continue
    key = p.get("/StructParents")
    arr = obj(nums.get(key)) if key is not None else None
    if not isinstance(arr, list):
        bad("ua-parent-tree", "page %d has MCIDs but no ParentTree entry" % (pi + 1))
        continue
    for mc in page_mcids[pi]:
        owner = mcr_owner.get((page_refs[pi], mc))
        if owner is None:
            bad("ua-parent-tree", "page %d MCID %d belongs to no structure element" % (pi + 1, mc))
        elif mc >= len(arr) or arr[mc] != owner:
            bad("ua-parent-tree", "page %d MCID %d: ParentTree says %s, the tree %s" %
                (pi + 1, mc, arr[mc] if mc < len(arr) else None, owner))
for (pg, mc), owner in mcr_owner.items():
    if pg in page_refs and mc not in page_mcids[page_refs.index(pg)]:
        bad("ua-parent-tree", "%s refers to MCID %s, not on its page" % (owner, mc))
if root and root.get("/ParentTreeNextKey", 0) <= max([k for k in nums] + [-1]):
    bad("ua-parent-tree", "/ParentTreeNextKey is not above every key")

# 7.18.1: every annotation has /Contents; 7.18.3: /Tabs /S on pages with
# annotations; 7.18.5: a Link annotation is in a Link element (OBJR), and
# its /StructParent leads there.
for pi, p in enumerate(pages):
    if obj(p.get("/Annots")) and p.get("/Tabs") != "/S":
        bad("ua-annots", "page %d has annotations but /Tabs %r" % (pi + 1, p.get("/Tabs")))
for pi, ref, a in annots:
    if not (text(a.get("/Contents")) or "").strip():
        bad("ua-annots", "annotation %s on page %d has no /Contents" % (ref, pi + 1))
    owner = objr_owner.get(ref)
    if owner is None or elems[owner]["/S"] != "/Link":
        bad("ua-annots", "annotation %s is in no Link element" % ref)
    elif nums.get(a.get("/StructParent")) != owner:
        bad("ua-annots", "annotation %s: /StructParent does not lead to its Link" % ref)

# 7.2 (veraPDF 7.2-17..20, 7.2-26..28): lists and contents nest as
# ISO 32000-1 14.8.4.3.3 and 14.8.4.2 say.
PARENT_OK = {"/LI": {"/L"}, "/LBody": {"/LI"}, "/Lbl": {"/LI"}, "/TOCI": {"/TOC"}}
KIDS_OK = {"/L": {"/L", "/LI", "/Caption"}, "/LI": {"/Lbl", "/LBody"},
           "/TOC": {"/TOC", "/TOCI", "/Caption"}}
for ref in order:
    e = elems[ref]
    s = e["/S"]
    parent = elems.get(e.get("/P"))
    if s in PARENT_OK and (parent is None or parent["/S"] not in PARENT_OK[s]):
        bad("ua-nesting", "%s %s is not inside %s" % (s, ref, "/".join(sorted(PARENT_OK[s]))))
    if s in KIDS_OK:
        for k in kids(e):
            ks = elems.get(k, {}).get("/S") if isinstance(k, str) else "content"
            if ks not in KIDS_OK[s]:
                bad("ua-nesting", "%s %s holds %s" % (s, ref, ks))

# 7.3: every Figure has alternative text.
for ref in order:
    e = elems[ref]
    if e["/S"] == "/Figure" and not (text(e.get("/Alt")) or "").strip():
        bad("ua-figure", "Figure %s has no /Alt" % ref)

# 7.4.2 (as Matterhorn 14-003 tests it): heading levels do not skip, and
# the first is H1.
last = 0
for ref in order:
    m = re.fullmatch(r"/H([1-6])", elems[ref]["/S"])
    if m:
        lv = int(m.group(1))
        if lv > last + 1:
            bad("ua-headings", "%s: H%d after H%d" % (ref, lv, last))
        last = lv

if out:
    print("\n".join(out))
