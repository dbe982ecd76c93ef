#!/usr/bin/env python3
"""mkfont.py - write tests/fonts/astral.ttf, a tiny TrueType (glyf) font,
or with --cff tests/fonts/cff.otf, the same glyphs as OpenType-CFF.

No font on a stock Debian system has U+20BB7 or U+20000 (CJK Extension B,
outside the BMP), and the bundled Noto Serif/Sans SC lack both, so the
fallback tests need a font that has them.  This one is drawn from
rectangles (a stand-in, not a real design), uses only the standard
library, and is deterministic: the same bytes on every run.

    python3 tests/fonts/mkfont.py tests/fonts/astral.ttf
    python3 tests/fonts/mkfont.py tests/fonts/cff.otf --cff
    python3 tests/fonts/mkfont.py OUT.ttf --family Serifish

--family names the same glyphs another family (NQ Test FAMILY), so a test
can give fontconfig two faces for one character and see which it is asked
for.

The CFF twin has the same characters, so a test can show that nqpdf
refuses it by name (libharu and our CIDFontType2 path embed glyf only)
rather than quietly using it.

Glyphs: .notdef (an empty box), U+20BB7 (a 土-over-口 sketch of the
character), U+20000 (a bar and a hooked stroke).  cmap has a format 12
subtable for the supplementary code points and an empty format 4 one, as
the OpenType spec asks (OpenType 1.9, cmap: "format 4 ... should also be
included").  Outlines run clockwise (TrueType's outer contours).
"""
import struct
import sys

UPEM = 1000
ASC, DESC = 880, -120
ADV = 1000


def rect(x0, y0, x1, y1, hole=False):
    """A rectangle as a closed contour; clockwise, or anticlockwise for a
    counter (hole)."""
    pts = [(x0, y0), (x0, y1), (x1, y1), (x1, y0)]
    return list(reversed(pts)) if hole else pts


GLYPHS = [
    # name, code point, contours
    (".notdef", None, [rect(100, 0, 900, 800), rect(150, 50, 850, 750, hole=True)]),
    ("u20BB7", 0x20BB7, [
        rect(300, 700, 700, 760),   # 土: short top bar
        rect(470, 420, 530, 880),   # 土: stem
        rect(120, 420, 880, 480),   # 土: long bar
        rect(200, -60, 800, 340),   # 口: outside
        rect(260, 0, 740, 280, hole=True),
    ]),
    ("u20000", 0x20000, [
        rect(100, 700, 900, 760),   # bar
        rect(470, 40, 530, 700),    # stroke
        rect(330, 40, 530, 100),    # hook
    ]),
]


def glyf_entry(contours):
    if not contours:
        return b""
    xs = [x for c in contours for x, _ in c]
    ys = [y for c in contours for _, y in c]
    out = struct.pack(">hhhhh", len(contours), min(xs), min(ys), max(xs), max(ys))
    end = -1
    for c in contours:
        end += len(c)
        out += struct.pack(">H", end)
    out += struct.pack(">H", 0)  # no instructions
    pts = [p for c in contours for p in c]
    out += bytes([0x01] * len(pts))  # on-curve, 16-bit deltas
    px = py = 0
    dx = b""
    dy = b""
    for x, y in pts:
        dx += struct.pack(">h", x - px)
        dy += struct.pack(">h", y - py)
        px, py = x, y
    out += dx + dy
    if len(out) % 4:
        out += b"\0" * (4 - len(out) % 4)
    return out


def checksum(data):
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(">%dI" % (len(data) // 4), data)) & 0xFFFFFFFF


def name_table(family):
    names = {
        1: "NQ Test " + family,
        2: "Regular",
        3: "NQ Test %s Regular 1.0" % family,
        4: "NQ Test %s Regular" % family,
        5: "Version 1.0",
        6: "NQTest%s-Regular" % family,
    }
    recs = b""
    strings = b""
    for nid, s in sorted(names.items()):
        enc = s.encode("utf-16-be")
        recs += struct.pack(">HHHHHH", 3, 1, 0x409, nid, len(enc), len(strings))
        strings += enc
    head = struct.pack(">HHH", 0, len(names), 6 + len(recs))
    return head + recs + strings


def cmap_table():
    # format 4: only the required final segment 0xFFFF -> 0
    f4 = struct.pack(">HHHHHHH", 4, 0, 0, 2, 2, 0, 0)
    f4 += struct.pack(">H", 0xFFFF) + struct.pack(">H", 0)  # endCode, pad
    f4 += struct.pack(">H", 0xFFFF) + struct.pack(">h", 1) + struct.pack(">H", 0)
    f4 = struct.pack(">HH", 4, len(f4)) + f4[4:]
    groups = sorted((cp, gid) for gid, (_, cp, _) in enumerate(GLYPHS) if cp is not None)
    f12 = struct.pack(">HHIII", 12, 0, 16 + 12 * len(groups), 0, len(groups))
    for cp, gid in groups:
        f12 += struct.pack(">III", cp, cp, gid)
    head = struct.pack(">HH", 0, 2)
    off4 = 4 + 8 * 2
    off12 = off4 + len(f4)
    head += struct.pack(">HHI", 3, 1, off4) + struct.pack(">HHI", 3, 10, off12)
    return head + f4 + f12


def t2int(v):
    """A Type 2 charstring number: 28 and a 16-bit integer (TN 5177, 3.2)."""
    return struct.pack(">Bh", 28, v)


def dictint(v):
    """A CFF DICT integer, always the 5-byte form so offsets can be laid
    out in one pass (TN 5176, Table 3)."""
    return struct.pack(">Bi", 29, v)


def index(items):
    """A CFF INDEX with 4-byte offsets (TN 5176, 5)."""
    if not items:
        return struct.pack(">H", 0)
    offs = [1]  # 1-based, then 1 + the lengths so far
    for it in items:
        offs.append(offs[-1] + len(it))
    out = struct.pack(">HB", len(items), 4) + b"".join(struct.pack(">I", o) for o in offs)
    return out + b"".join(items)


def charstring(contours):
    """rmoveto/rlineto per contour, then endchar; the width is the
    Private DICT's defaultWidthX."""
    out = b""
    px = py = 0
    for c in contours:
        x, y = c[0]
        out += t2int(x - px) + t2int(y - py) + bytes([21])
        px, py = x, y
        for x, y in c[1:]:
            out += t2int(x - px) + t2int(y - py) + bytes([5])
            px, py = x, y
    return out + bytes([14])


def cff_table(bbox):
    name = index([b"NQTestCFF-Regular"])
    strings = index([])
    gsubrs = index([])
    charstrings = index([charstring(cs) for _, _, cs in GLYPHS])
    private = dictint(ADV) + bytes([20]) + dictint(0) + bytes([21])
    header = bytes([1, 0, 4, 4])
    top_len = 4 * 5 + 1 + 5 + 1 + 10 + 1
    top_index_len = 2 + 1 + 4 * 2 + top_len
    cs_off = len(header) + len(name) + top_index_len + len(strings) + len(gsubrs)
    priv_off = cs_off + len(charstrings)
    top = b"".join(dictint(v) for v in bbox) + bytes([5])
    top += dictint(cs_off) + bytes([17])
    top += dictint(len(private)) + dictint(priv_off) + bytes([18])
    assert len(top) == top_len
    return header + name + index([top]) + strings + gsubrs + charstrings + private


def build(cff=False, family=None):
    glyf = b""
    loca = []
    for _, _, contours in GLYPHS:
        loca.append(len(glyf))
        glyf += glyf_entry(contours)
    loca.append(len(glyf))
    n = len(GLYPHS)
    allx = [x for _, _, cs in GLYPHS for c in cs for x, _ in c]
    ally = [y for _, _, cs in GLYPHS for c in cs for _, y in c]
    bbox = (min(allx), min(ally), max(allx), max(ally))
    maxpts = max(sum(len(c) for c in cs) for _, _, cs in GLYPHS)
    maxcont = max(len(cs) for _, _, cs in GLYPHS)

    tables = {}
    # head: a fixed date (2026-01-01) so the file never changes
    date = 3849984000
    tables["head"] = struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5,
                                 0x000B, UPEM, date, date, *bbox, 0, 8, 2, 1, 0)
    tables["hhea"] = struct.pack(">Ihhh" + "H" + "hhh" + "hhh" + "hhhh" + "hH", 0x00010000,
                                 ASC, DESC, 0, ADV, 0, 0, bbox[2], 1, 0, 0, 0, 0, 0, 0, 0, n)
    if cff:
        tables["maxp"] = struct.pack(">IH", 0x00005000, n)
    else:
        tables["maxp"] = struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, n, maxpts, maxcont, 0, 0, 2,
                                     0, 0, 0, 0, 0, 0, 0, 0)
    tables["OS/2"] = struct.pack(">HhHHH" + "hhhhhhhh" + "hh" + "h" + "10s" + "IIII" + "4s" +
                                 "HHH" + "hhhHH" + "II" + "hhHHH",
                                 4, ADV, 400, 5, 0,
                                 650, 600, 0, 75, 650, 600, 0, 350,
                                 50, 300,
                                 0, bytes(10), 0, 0, 0, 0, b"NQPD",
                                 0x0040, 0xFFFF, 0xFFFF,
                                 ASC, DESC, 0, ASC, -DESC,
                                 0x00040000, 0,  # code page 936 (Simplified Chinese)
                                 500, 700, 0, 0x20, 0)
    tables["hmtx"] = b"".join(struct.pack(">Hh", ADV, min((x for c in cs for x, _ in c), default=0))
                              for _, _, cs in GLYPHS)
    tables["cmap"] = cmap_table()
    if cff:
        tables["CFF "] = cff_table(bbox)
    else:
        tables["loca"] = b"".join(struct.pack(">I", o) for o in loca)
        tables["glyf"] = glyf
    tables["name"] = name_table(family or ("CFF" if cff else "Astral"))
    tables["post"] = struct.pack(">IIhhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0)

    tags = sorted(tables)
    num = len(tags)
    es = num.bit_length() - 1
    sr = (1 << es) * 16
    out = struct.pack(">IHHHH", 0x4F54544F if cff else 0x00010000, num, sr, es, num * 16 - sr)
    offset = 12 + 16 * num
    body = b""
    dirs = b""
    for tag in tags:
        data = tables[tag]
        dirs += struct.pack(">4sIII", tag.encode(), checksum(data), offset + len(body), len(data))
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(out + dirs + body)
    # head.checkSumAdjustment (OpenType 1.9, head)
    adj = (0xB1B0AFBA - checksum(bytes(font))) & 0xFFFFFFFF
    hoff = 12 + 16 * tags.index("head")
    head_off = struct.unpack(">I", font[hoff + 8:hoff + 12])[0]
    font[head_off + 8:head_off + 12] = struct.pack(">I", adj)
    return bytes(font)


if __name__ == "__main__":
    cff = "--cff" in sys.argv[2:]
    family = sys.argv[sys.argv.index("--family") + 1] if "--family" in sys.argv[2:] else None
    with open(sys.argv[1], "wb") as f:
        f.write(build(cff, family))
