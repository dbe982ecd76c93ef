# tests/pdfa.sh - sourced by tests/run.sh: the PDF/A-2u and PDF/UA-1 rules
# nqpdf implements, each checked with real tools on every example
# (docs/pdf.md lists which veraPDF clauses these cover, and which not).
#   tests/pdfa/check.py  the rules read off `qpdf --json` (one line per
#                        violation, RULE<TAB>message)
#   pdfinfo -meta, -struct-text, pdffonts, mutool show: the same facts
#                        through poppler and mupdf
#   tests/pdfa/icc.py    the output intent's sRGB profile, read and measured
#                        through Little CMS (transicc)
# Then: the checker itself catches each violation (mutated copies made with
# qpdf --qdf and fix-qdf), --pdf-standard=none, and byte-identical output
# with a content-derived /ID.

pa=$OUT/pdfa
mkdir -p "$pa"

# pa_json FILE: FILE's objects with decoded streams, for check.py.
pa_json() {
	qpdf --json --json-stream-data=inline --decode-level=generalized "$1" >"$1.json" 2>"$1.json.err"
}

# The rules check.py knows, with the clause each stands for.
pa_rules='header|PDF/A-2 6.1.2: %PDF-1.7 and a binary comment line
trailer|PDF/A-2 6.1.3: a file /ID, no /Encrypt
eof|PDF/A-2 6.1.3: nothing after %%EOF
streams|PDF/A-2 6.1.7.1: stream keywords and EOLs, no external streams
xmp|PDF/A-2 6.6.2.1, 6.6.4; PDF/UA-1 5: XMP stream, pdfaid part 2 U, pdfuaid part 1
xmp-info|PDF/A-2 6.6.3: XMP mirrors Info (title, author, subject, keywords, creator, producer, dates)
xmp-ext|PDF/A-2 6.6.2.3.1: an extension schema for pdfuaid, no undeclared namespace
output-intent|PDF/A-2 6.2.3, 6.2.4.3: one GTS_PDFA1 output intent with an RGB ICC profile
fonts|PDF/A-2 6.2.11.3.2, 6.2.11.4.1, 6.2.11.7.2: fonts embedded, CIDToGIDMap, ToUnicode
annot-flags|PDF/A-2 6.3.2, 6.3.3: annotations printable and visible, Link only
actions|PDF/A-2 6.5.1, 6.6.1: no JavaScript, no forbidden or additional actions
transparency|PDF/A-2 6.4: no transparency at all
ua-catalog|PDF/UA-1 7.1, 7.2: Marked, Suspects not true, DisplayDocTitle, dc:title, /Lang
ua-marked|PDF/UA-1 7.1: every painting operator tagged or an artifact
ua-parent-tree|PDF/UA-1 7.1 (ISO 32000-1 14.7.4.4): ParentTree leads each MCID to its element
ua-annots|PDF/UA-1 7.18.1, 7.18.3, 7.18.5: /Contents, /Tabs /S, Link elements with OBJR
ua-figure|PDF/UA-1 7.3: every Figure has /Alt
ua-struct|PDF/UA-1 7.1: standard structure types, a Document root, consistent /P
ua-nesting|PDF/UA-1 7.2 (veraPDF 7.2-17 to 20, 26 to 28): L/LI/Lbl/LBody and TOC/TOCI nest correctly
ua-headings|PDF/UA-1 7.4.2: heading levels start at H1 and skip none'

if ! have qpdf || ! have python3; then
	skip "pdfa: conformance checks (qpdf or python3 missing)"
else
	: >"$pa/all.found"
	for ex in minimal daily-2026-05-14 policy-briefing industry-briefing; do
		f=$pa/$ex.pdf
		timeout 30 "$NQPDF" "examples/$ex.json" -o "$f" 2>/dev/null
		if [ ! -s "$f" ] || ! pa_json "$f"; then
			printf 'render\t%s: no PDF or qpdf --json failed\n' "$ex" >>"$pa/all.found"
			continue
		fi
		python3 tests/pdfa/check.py "$f" "$f.json" 2>&1 | sed "s/	/	$ex: /" >>"$pa/all.found"
	done
	echo "$pa_rules" | while IFS='|' read -r rule what; do
		grep "^$rule	" "$pa/all.found" | cut -f2- | head -n 20 >"$pa/$rule.detail"
		check "pdfa: $what" "$pa/$rule.detail"
	done >"$pa/rules.out"
	# The loop ran in a subshell: count its results here.
	cat "$pa/rules.out"
	npass=$((npass + $(grep -c '^ok - ' "$pa/rules.out")))
	nfail=$((nfail + $(grep -c '^FAIL - ' "$pa/rules.out")))
	# Lines check.py printed under no known rule (a crash, a new rule).
	d=$pa/unknown.detail
	rules=$(echo "$pa_rules" | cut -d'|' -f1 | tr '\n' '|')
	awk -F'\t' -v r="|$rules" 'index(r, "|" $1 "|") == 0' "$pa/all.found" >"$d"
	check "pdfa: check.py reports only known rules and does not crash" "$d"
fi

# ---- the same facts through poppler and mupdf, on the daily example
f=$pa/daily-2026-05-14.pdf
src=examples/daily-2026-05-14.json
if have pdfinfo && [ -s "$f" ]; then
	d=$pa/poppler.detail
	: >"$d"
	pdfinfo "$f" >"$pa/info.txt" 2>>"$d"
	grep -q '^Tagged: *yes$' "$pa/info.txt" || echo "pdfinfo: not Tagged: yes" >>"$d"
	grep -q '^PDF version: *1.7$' "$pa/info.txt" || echo "pdfinfo: not PDF version 1.7" >>"$d"
	grep -q '^Metadata Stream: *yes$' "$pa/info.txt" || echo "pdfinfo: no metadata stream" >>"$d"
	pdfinfo -meta "$f" >"$pa/meta.xml" 2>>"$d"
	for w in '<pdfaid:part>2</pdfaid:part>' '<pdfaid:conformance>U</pdfaid:conformance>' \
		'<pdfuaid:part>1</pdfuaid:part>' '<xmp:CreateDate>2026-05-14T00:00:00Z</xmp:CreateDate>'; do
		grep -qF "$w" "$pa/meta.xml" || echo "pdfinfo -meta lacks $w" >>"$d"
	done
	if have pdffonts; then
		# Every font embedded, with ToUnicode (the "u"): columns emb, uni.
		pdffonts "$f" 2>>"$d" | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-2) != "yes") { print "pdffonts: " $0 }' >>"$d"
	fi
	check "pdfa: pdfinfo says Tagged, PDF 1.7, pdfaid 2 U and pdfuaid 1 in the XMP; pdffonts: embedded with ToUnicode" "$d"

	# The tags carry the text: every heading under H1/H2, the references
	# as a list of LI with Lbl and LBody, the contents as TOC/TOCI, one
	# Figure per QR code; the running head and folios are not in it.
	d=$pa/struct.detail
	: >"$d"
	pdfinfo -struct-text "$f" >"$pa/struct.txt" 2>>"$d"
	tr -d ' \n' <"$pa/struct.txt" >"$pa/struct.flat"
	grep -A1 '^  H2 (block)$' "$pa/struct.txt" >"$pa/h2.txt"
	sed -n 's/.*"heading": *"\([^"]*\)".*/\1/p' "$src" | while IFS= read -r h; do
		grep -qF "$h" "$pa/h2.txt" || echo "no H2 with the heading $h" >>"$d"
	done
	nh=$(grep -c '^  H2 (block)$' "$pa/struct.txt")
	nsec=$(grep -c '"heading":' "$src")
	[ "$nh" -gt "$nsec" ] || echo "$nh H2 for $nsec section headings (and abstract, contents, references, footer)" >>"$d"
	[ "$(grep -c '^  H1 (block)$' "$pa/struct.txt")" -eq 1 ] || echo "not one H1 (the title)" >>"$d"
	nref=$(sed -n '/"references"/,$p' "$src" | grep -c '"source":')
	[ "$(grep -c '^    LI (block)$' "$pa/struct.txt")" -eq "$nref" ] || echo "LI count is not the $nref references" >>"$d"
	[ "$(grep -c '^      Lbl (block)$' "$pa/struct.txt")" -eq "$nref" ] || echo "Lbl count is not the $nref references" >>"$d"
	[ "$(grep -c '^      LBody (block)$' "$pa/struct.txt")" -eq "$nref" ] || echo "LBody count is not the $nref references" >>"$d"
	grep -A1 '^      Lbl (block)$' "$pa/struct.txt" | grep -q '^        "\[1\] "$' || echo "the first Lbl is not [1]" >>"$d"
	grep -q '^  TOC$\|^  TOC (block)$' "$pa/struct.txt" || echo "no TOC" >>"$d"
	# Every H2 but the abstract's and the contents' own is listed.
	[ "$(grep -c '^    TOCI' "$pa/struct.txt")" -eq "$((nh - 2))" ] || echo "TOCI count is not the H2 count less 2" >>"$d"
	ncode=$(grep -c '"payload":' "$src")
	[ "$(grep -c '^  Figure' "$pa/struct.txt")" -eq "$ncode" ] || echo "Figure count is not the $ncode QR codes" >>"$d"
	# Every paragraph of the issue (abstract, sections, insight) opens a P:
	# its first 8 characters, markup (** and [n]) left out, begin the
	# P's text.
	if have python3; then
		python3 - "$src" "$pa/struct.txt" >>"$d" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
paras = list(doc.get("abstract") or [])
for sec in doc.get("sections", []):
    paras += sec.get("paragraphs", [])
paras += (doc.get("insight") or {}).get("paragraphs", [])
lines = open(sys.argv[2]).read().split("\n")
starts = [lines[i + 1].strip().strip('"') for i, l in enumerate(lines[:-1]) if l == "  P (block)"]
for p in paras:
    head = re.sub(r"\*\*|\[\d+(?:[-–,]\d+)*\]", "", p)[:8]
    if not any(s.startswith(head) for s in starts):
        print("no P begins with %s" % head)
if len(paras) < 5:
    print("only %d paragraphs found in the issue" % len(paras))
PY
	fi
	title=$(sed -n 's/^  "title": *"\([^"]*\)".*/\1/p' "$src" | head -n 1)
	[ "$(grep -cF "$title" "$pa/struct.txt")" -eq 1 ] ||
		echo "the title is in the tags more than once: the running head is not an artifact" >>"$d"
	grep -q '^    "[0-9]*"$' "$pa/struct.txt" && echo "a folio is tagged content" >>"$d"
	check "pdfa: pdfinfo -struct-text: H1 title, H2 headings, a P per paragraph, references as L/LI/Lbl/LBody, TOC/TOCI, Figures; furniture untagged" "$d"

	# The draft mark is an artifact: on the page, not in the tags.
	d=$pa/draft.detail
	: >"$d"
	"$NQPDF" examples/minimal.json --draft=样稿 -o "$pa/draft.pdf" 2>>"$d"
	pdftotext "$pa/draft.pdf" - 2>/dev/null | grep -q '样稿' || echo "the draft mark is not on the page" >>"$d"
	pdfinfo -struct-text "$pa/draft.pdf" 2>>"$d" | grep -q '样稿' && echo "the draft mark is tagged content" >>"$d"
	check "pdfa: the draft mark is an artifact (pdftotext has it, the tags do not)" "$d"
fi

if have mutool && [ -s "$f" ]; then
	d=$pa/mutool.detail
	: >"$d"
	[ "$(mutool show "$f" Root/StructTreeRoot/K/S 2>>"$d")" = "/Document" ] || echo "mutool: the root element is not /Document" >>"$d"
	mutool show "$f" Root/OutputIntents 2>>"$d" | grep -q '^ */S /GTS_PDFA1$' || echo "mutool: no GTS_PDFA1 output intent" >>"$d"
	[ "$(mutool show "$f" Root/MarkInfo/Marked 2>>"$d")" = "true" ] || echo "mutool: /MarkInfo /Marked is not true" >>"$d"
	mutool show "$f" trailer/ID >"$pa/id.txt" 2>>"$d"
	# mutool prints a string as (literal) when most of its bytes are
	# printable, else as <hex>: which depends on the MD5.  check.py
	# checks the length (qpdf); here that mutool finds two strings.
	grep -q '^\[ [<(].*[>)] [<(].*[>)] \]$' "$pa/id.txt" || echo "mutool: no /ID of two strings" >>"$d"
	check "pdfa: mutool show: Document root, GTS_PDFA1 output intent, Marked, /ID" "$d"
fi

# ---- the output intent's profile (src/pdf/icc.c) as a profile, and measured
# through Little CMS against the exact sRGB and Debian's sRGB.icc
# (tests/pdfa/icc.py; the figures go to $pa/icc.out and docs/pdf.md).
# Then: each broken copy icc.py makes is rejected.
if have qpdf && have python3 && have transicc && [ -s "$f.json" ]; then
	d=$pa/icc.detail
	python3 tests/pdfa/icc.py extract "$f.json" "$pa/srgb.icc" >"$d" 2>&1
	deb=/usr/share/color/icc/sRGB.icc
	[ -r "$deb" ] || deb=
	python3 tests/pdfa/icc.py check "$pa/srgb.icc" $deb >"$pa/icc.out" 2>&1
	grep -v '^# ' "$pa/icc.out" >>"$d"
	check "pdfa: the sRGB profile: ICC v2 mntr RGB/XYZ, nine tags aligned, IEC 61966-2-1 colorants; through transicc every 8-bit ramp round-trips within 0.5 step and CIE76 < 0.5 from the exact sRGB" "$d"

	d=$pa/icc-mutants.detail
	: >"$d"
	mkdir -p "$pa/icc-m"
	names=$(python3 tests/pdfa/icc.py mutants "$pa/srgb.icc" "$pa/icc-m" 2>>"$d")
	[ "$(echo $names | wc -w)" -eq 8 ] || echo "icc.py made $(echo $names | wc -w) broken copies, want 8" >>"$d"
	for n in $names; do
		python3 tests/pdfa/icc.py check "$pa/icc-m/$n.icc" 2>&1 | grep -v '^# ' | grep -q . ||
			echo "$n: accepted" >>"$d"
	done
	check "pdfa: icc.py rejects each broken profile (size, class, swapped primaries, linear, gamma 2.2 and 16-entry curves, tag outside, D65 white)" "$d"
else
	skip "pdfa: the sRGB profile (qpdf, python3 or transicc missing)"
fi

# ---- the checker catches what it checks: one violation per copy, made
# with qpdf --qdf (streams uncompressed) and fix-qdf (lengths and xref).
if have qpdf && have fix-qdf && have python3 && [ -s "$f" ]; then
	d=$pa/mutants.detail
	: >"$d"
	qpdf --qdf --object-streams=disable "$f" "$pa/m.qdf" 2>>"$d"
	while IFS='|' read -r rule from to; do
		LC_ALL=C sed "s#$from#$to#" "$pa/m.qdf" | fix-qdf >"$pa/m-$rule.pdf" 2>>"$d"
		cmp -s "$pa/m-$rule.pdf" "$pa/m.qdf" && { echo "$rule: the mutation changed nothing" >>"$d"; continue; }
		pa_json "$pa/m-$rule.pdf"
		python3 tests/pdfa/check.py "$pa/m-$rule.pdf" "$pa/m-$rule.pdf.json" >"$pa/m-$rule.found" 2>&1
		grep -q "^$rule	" "$pa/m-$rule.found" || echo "$rule: not found after $from -> $to" >>"$d"
	done <<'EOF'
annot-flags|/F 4|/F 6
ua-annots|/Tabs /S|/Tabs /R
ua-marked|/Artifact BMC|/Span BMC
xmp|pdfaid:part>2<|pdfaid:part>1<
xmp-info|xmp:CreatorTool>nqpdf|xmp:CreatorTool>nqPDF
output-intent|/GTS_PDFA1|/GTS_PDFX1
ua-figure|/Alt|/Alu
ua-nesting|/S /LBody|/S /LBodx
ua-catalog|/DisplayDocTitle true|/DisplayDocTitle false
ua-parent-tree|/StructParents 1|/StructParents 0
EOF
	rm -f "$pa"/m-*.pdf "$pa"/m.qdf
	check "pdfa: check.py finds each violation in a mutated copy (10 rules)" "$d"
fi

# ---- 5,000 citations in one paragraph (the most an issue may have,
# docs/limits.md): 5,000 link annotations and a P of 10,000 kids.  libharu
# arrays hold 32,767 items, so a P's kids go in Span groups of 8,192
# (tags.c KIDS_MAX; 20,000 citations exited 4 before) and the ParentTree
# into leaves of 4,096 (PTREE_LEAF); every rule still holds.
if have qpdf && have python3; then
	d=$pa/many.detail
	: >"$d"
	{
		printf '{"nqpdf": 1, "title": "多链接", "organization": "单位", "date": "2026-05-14",\n'
		printf ' "sections": [{"heading": "一", "paragraphs": ["'
		i=0
		while [ $i -lt 5000 ]; do printf '见[1]'; i=$((i + 1)); done
		printf '"]}],\n "references": [{"source": "甲", "title": "一", "url": "https://example.org/a"}]}\n'
	} >"$pa/many.json"
	timeout 30 "$NQPDF" "$pa/many.json" -o "$pa/many.pdf" 2>>"$d" || echo "exit $?" >>"$d"
	if pa_json "$pa/many.pdf"; then
		python3 tests/pdfa/check.py "$pa/many.pdf" "$pa/many.pdf.json" >>"$d"
		n=$(grep -c '"/Limits"' "$pa/many.pdf.json")
		[ "$n" -ge 2 ] || echo "$n ParentTree leaves with /Limits (want 2 or more)" >>"$d"
		n=$(grep -c '"/S": "/Span"' "$pa/many.pdf.json")
		[ "$n" -ge 2 ] || echo "$n Span groups (want 2 or more)" >>"$d"
	else
		echo "no PDF" >>"$d"
	fi
	check "pdfa: 5,000 citations in a paragraph: kids in Span groups, ParentTree in leaves, every rule holds" "$d"
fi

# ---- The longest /Author and /Keywords the limits allow: 16 names of
# 1 KiB joined (16,399 bytes) pass the 16,382 bytes the writer keeps of a
# text string (tags.c TEXT_MAX_UTF8).  The model cuts them once, so Info
# and XMP still agree (xmp-info); cut only in the PDF writer, Info lost
# the tail that XMP kept.
if have qpdf && have python3; then
	d=$pa/long-info.detail
	: >"$d"
	awk 'BEGIN {
		a = ""; for (i = 0; i < 1024; i++) a = a "A"
		h = ""; for (i = 0; i < 341; i++) h = h "机"
		printf "{\"nqpdf\": 1, \"title\": \"t\", \"date\": \"2026-05-14\", \"organization\": ["
		for (i = 0; i < 16; i++) printf "%s\"%s\"", i ? ", " : "", a
		printf "],\n \"meta\": {\"keywords\": ["
		for (i = 0; i < 16; i++) printf "%s\"%s\"", i ? ", " : "", h
		printf "]},\n \"sections\": [{\"heading\": \"h\", \"paragraphs\": [\"文\"]}]}\n" }' >"$pa/long-info.json"
	timeout 30 "$NQPDF" "$pa/long-info.json" -o "$pa/long-info.pdf" 2>/dev/null || echo "exit $?" >>"$d"
	if pa_json "$pa/long-info.pdf"; then
		python3 tests/pdfa/check.py "$pa/long-info.pdf" "$pa/long-info.pdf.json" >>"$d"
	else
		echo "no PDF" >>"$d"
	fi
	check "pdfa: 16 organizations and keywords of 1 KiB: Info and XMP agree, every rule holds" "$d"
fi

# ---- /Subject (and dc:description) is the abstract's first paragraph
# without its citation marks, which point into a reference list the
# metadata's reader never sees; a space a mark leaves before a stop or
# another space goes with it, the rest stays exactly as written.
if have pdfinfo; then
	d=$pa/subject.detail
	: >"$d"
	printf '%s\n' '{"nqpdf": 1, "title": "t", "date": "2026-05-14", "organization": ["某局"],' \
		' "abstract": ["八部门印发方案的报告[1]；成本下探 [2,3]。Growth [4] is **fast** [2-4].", "第二段[1]。"],' \
		' "sections": [{"heading": "h", "paragraphs": ["文"]}],' \
		' "references": [' \
		'  {"id": 1, "source": "s", "title": "t1", "url": "https://example.org/1"},' \
		'  {"id": 2, "source": "s", "title": "t2", "url": "https://example.org/2"},' \
		'  {"id": 3, "source": "s", "title": "t3", "url": "https://example.org/3"},' \
		'  {"id": 4, "source": "s", "title": "t4", "url": "https://example.org/4"}]}' >"$pa/subject.json"
	want='八部门印发方案的报告；成本下探。Growth is fast.'
	timeout 30 "$NQPDF" "$pa/subject.json" -o "$pa/subject.pdf" 2>>"$d" || echo "exit $?" >>"$d"
	got=$(pdfinfo "$pa/subject.pdf" 2>>"$d" | sed -n 's/^Subject: *//p')
	[ "$got" = "$want" ] || echo "Info /Subject '$got', expected '$want'" >>"$d"
	pdfinfo -meta "$pa/subject.pdf" 2>>"$d" | grep -qF "<rdf:li xml:lang=\"x-default\">$want</rdf:li>" ||
		echo "XMP dc:description is not '$want'" >>"$d"
	if have qpdf && have python3 && pa_json "$pa/subject.pdf"; then
		python3 tests/pdfa/check.py "$pa/subject.pdf" "$pa/subject.pdf.json" | grep '^xmp-info' >>"$d"
	fi
	# A first paragraph of citation marks only leaves nothing: the title
	# is the subject, as without an abstract (it was no /Subject at all).
	printf '%s\n' '{"nqpdf": 1, "title": "只有引用", "date": "2026-05-14", "organization": ["某局"],' \
		' "abstract": ["[1] **[1]**", "第二段[1]。"], "sections": [{"heading": "h", "paragraphs": ["文"]}],' \
		' "references": [{"id": 1, "source": "s", "title": "t1"}]}' >"$pa/subject-cites.json"
	timeout 30 "$NQPDF" "$pa/subject-cites.json" -o "$pa/subject-cites.pdf" 2>>"$d" || echo "exit $?" >>"$d"
	got=$(pdfinfo "$pa/subject-cites.pdf" 2>>"$d" | sed -n 's/^Subject: *//p')
	[ "$got" = 只有引用 ] || echo "Info /Subject '$got' of a citations-only paragraph, expected the title" >>"$d"
	check "pdfa: /Subject and dc:description are the abstract without citation marks, alike (the title if nothing is left)" "$d"
else
	skip "pdfa: /Subject without citation marks (pdfinfo missing)"
fi

# ---- --pdf-standard=none: still tagged, no PDF/A claim; a bad value is a
# usage error.
d=$pa/none.detail
: >"$d"
"$NQPDF" examples/minimal.json --pdf-standard=none -o "$pa/none.pdf" 2>>"$d" || echo "exit $? with none" >>"$d"
if have qpdf && have python3 && pa_json "$pa/none.pdf"; then
	python3 tests/pdfa/check.py "$pa/none.pdf" "$pa/none.pdf.json" --none |
		grep -v '^xmp\|^output-intent' >>"$d"
fi
if have pdfinfo; then
	pdfinfo "$pa/none.pdf" | grep -q '^Tagged: *yes$' || echo "none: not tagged" >>"$d"
	pdfinfo -meta "$pa/none.pdf" 2>/dev/null | grep -q pdfaid && echo "none: pdfaid in the metadata" >>"$d"
fi
"$NQPDF" examples/minimal.json --pdf-standard=a-3b -o "$pa/bad.pdf" >/dev/null 2>"$pa/bad.err"
[ $? -eq 2 ] || echo "--pdf-standard=a-3b: exit not 2" >>"$d"
grep -q "unknown PDF standard 'a-3b'" "$pa/bad.err" || echo "--pdf-standard=a-3b: no message" >>"$d"
[ -e "$pa/bad.pdf" ] && echo "--pdf-standard=a-3b wrote a PDF" >>"$d"
check "pdfa: --pdf-standard=none is tagged and claims no PDF/A; an unknown standard is exit 2" "$d"

# ---- equal input, equal bytes; the /ID is the MD5 of the file with the
# /ID zeroed (content, not time); SOURCE_DATE_EPOCH sets Info and XMP dates.
d=$pa/determinism.detail
: >"$d"
"$NQPDF" examples/daily-2026-05-14.json -o "$pa/again.pdf" 2>/dev/null
cmp -s "$pa/again.pdf" "$pa/daily-2026-05-14.pdf" || echo "two renders differ" >>"$d"
id=$(LC_ALL=C sed -n 's/.*\/ID \[<\([0-9A-F]\{32\}\)>.*/\1/p' "$pa/again.pdf")
zero=$(printf '%032d' 0)
sum=$(LC_ALL=C sed "s/\/ID \[<$id><$id>\]/\/ID [<$zero><$zero>]/" "$pa/again.pdf" | md5sum | cut -c1-32 | tr a-f A-F)
[ -n "$id" ] && [ "$id" = "$sum" ] || echo "/ID $id is not the MD5 of the file with a zero /ID ($sum)" >>"$d"
id2=$(LC_ALL=C sed -n 's/.*\/ID \[<\([0-9A-F]\{32\}\)>.*/\1/p' "$pa/minimal.pdf")
[ "$id" != "$id2" ] || echo "two different files share the /ID $id" >>"$d"
SOURCE_DATE_EPOCH=1700000000 "$NQPDF" examples/minimal.json -o "$pa/sde1.pdf" 2>>"$d"
SOURCE_DATE_EPOCH=1700000000 "$NQPDF" examples/minimal.json -o "$pa/sde2.pdf" 2>>"$d"
cmp -s "$pa/sde1.pdf" "$pa/sde2.pdf" || echo "two renders with SOURCE_DATE_EPOCH differ" >>"$d"
if have pdfinfo; then
	pdfinfo -meta "$pa/sde1.pdf" | grep -qF '<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>' ||
		echo "SOURCE_DATE_EPOCH=1700000000 is not the XMP CreateDate" >>"$d"
	if have qpdf && have python3 && pa_json "$pa/sde1.pdf"; then
		python3 tests/pdfa/check.py "$pa/sde1.pdf" "$pa/sde1.pdf.json" | grep '^xmp-info' >>"$d"
	fi
fi
check "pdfa: byte-identical renders; /ID is the MD5 of the file; SOURCE_DATE_EPOCH dates Info and XMP alike" "$d"

# The blocks of examples/full-briefing.json: a sub-heading is an H3, a list
# an L of LI (Lbl: the marker; LBody), a table a Table of TR with TH (the
# header row, tagged once though drawn again after the page break) and TD,
# a figure a Figure whose /Alt is its caption; the logo is an artifact.
if have pdfinfo && have python3; then
	d=$pa/blocks.detail
	: >"$d"
	timeout 30 "$NQPDF" examples/full-briefing.json -o "$pa/blocks.pdf" 2>>"$d" || echo "render failed" >>"$d"
	pdfinfo -struct-text "$pa/blocks.pdf" >"$pa/blocks.txt" 2>>"$d"
	python3 - examples/full-briefing.json "$pa/blocks.txt" >>"$d" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
tags = [l.split(" (")[0].strip() for l in open(sys.argv[2]).read().split("\n") if l.strip() and not l.strip().startswith('"')]
blocks = [p for s in doc["sections"] + [doc.get("insight", {"paragraphs": []})] for p in s["paragraphs"] if isinstance(p, dict)]
subs = sum(1 for b in blocks if "subheading" in b)
tables = [b["table"] for b in blocks if "table" in b]
lists = [b["list"] for b in blocks if "list" in b]
figs = sum(1 for b in blocks if "figure" in b)
def want(tag, n):
    if tags.count(tag) != n:
        print("%d %s, expected %d" % (tags.count(tag), tag, n))
want("H3", subs)
want("Table", len(tables))
want("TR", sum(len(t) for t in tables))
want("TH", sum(len(t[0]) for t in tables))
want("TD", sum(len(r) for t in tables for r in t[1:]))
want("L", len(lists) + (1 if doc.get("references") else 0))
want("LI", sum(len(l) for l in lists) + len(doc.get("references", [])))
want("Figure", figs + len(doc.get("footer", {}).get("codes", [])))
PY
	check "pdfa: blocks tagged: H3 sub-headings, L/LI lists, Table/TR/TH/TD (the repeated header untagged), Figures" "$d"
fi
