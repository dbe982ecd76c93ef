#!/usr/bin/env python3
"""tests/pdfa/icc.py - the sRGB profile of nqpdf's output intent (src/pdf/icc.c),
checked as a profile and measured through Little CMS (transicc).

    icc.py extract QPDF.json OUT.icc   write the OutputIntent's DestOutputProfile
    icc.py check FILE.icc [DEBIAN.icc] one line per problem; lines starting
                                       with '# ' are the measurements
    icc.py mutants FILE.icc DIR        write broken copies DIR/NAME.icc, each
                                       of which `check` must reject

QPDF.json is `qpdf --json --json-stream-data=inline --decode-level=generalized`.
`check` reads the header and tags (ICC.1:2001-04, version 2), computes the
colorants again from IEC 61966-2-1, and through transicc (relative
colorimetric, floating point, no precalculated tables: what a CMM computes,
not a lookup of it) measures:
  - the round trip through this profile into Little CMS's own sRGB (exact
    curve): how far each 8-bit grey and each 8-bit ramp of R, G and B comes
    back from where it went in, in 8-bit steps (must be < 0.5: every 8-bit
    value stays itself);
  - CIE76 colour differences on a 6x6x6 grid and the greys, from the exact
    sRGB (the IEC 61966-2-1 formulas computed here, to D50 Lab), from
    Little CMS's built-in sRGB and from DEBIAN.icc when given.
Only the Python standard library and transicc (Debian's liblcms2-utils).
"""
import base64
import json
import re
import struct
import subprocess
import sys

D50 = (0xF6D6, 0x10000, 0xD32D)           # ICC.1 PCS illuminant, s15Fixed16
REQUIRED = {"desc": b"desc", "cprt": b"text", "wtpt": b"XYZ ", "rXYZ": b"XYZ ",
            "gXYZ": b"XYZ ", "bXYZ": b"XYZ ", "rTRC": b"curv", "gTRC": b"curv",
            "bTRC": b"curv"}
MAX_STEP = 0.5     # round trip, 8-bit steps
MAX_DE = 0.5       # CIE76, against the exact sRGB and Little CMS's


# ---- reading the profile out of the PDF

def extract(json_path, out_path):
    q = json.load(open(json_path))["qpdf"][1]

    def obj(ref):
        if isinstance(ref, str) and re.fullmatch(r"\d+ \d+ R", ref):
            o = q.get("obj:" + ref) or {}
            return o.get("value", o.get("stream"))
        return ref
    cat = obj(q["trailer"]["value"]["/Root"])
    ois = obj(cat.get("/OutputIntents")) or []
    for oi in ois:
        oi = obj(oi)
        ref = oi.get("/DestOutputProfile")
        st = (q.get("obj:" + ref) or {}).get("stream") if isinstance(ref, str) else None
        if st:
            open(out_path, "wb").write(base64.b64decode(st.get("data", "")))
            return 0
    print("no DestOutputProfile stream")
    return 1


# ---- the profile's structure

def tags_of(icc):
    n = struct.unpack(">I", icc[128:132])[0]
    return [(icc[132 + 12 * i:136 + 12 * i].decode("latin-1"),
             *struct.unpack(">II", icc[136 + 12 * i:144 + 12 * i])) for i in range(n)]


def structure(icc, bad):
    """ICC.1:2001-04 6.1 (header), 6.2 (tag table), 6.3.1.2 (the tags of an
    RGB display profile), 6.5 (the tag types used)."""
    if len(icc) < 132 or icc[36:40] != b"acsp":
        bad("no ICC header ('acsp' at 36)")
        return None
    size = struct.unpack(">I", icc[0:4])[0]
    if size != len(icc):
        bad("size field %d, %d bytes" % (size, len(icc)))
    if len(icc) % 4:
        bad("size %d is not a multiple of 4" % len(icc))
    if icc[8] != 2:
        bad("version %d.%d (want 2.x)" % (icc[8], icc[9] >> 4))
    if icc[12:24] != b"mntrRGB XYZ ":
        bad("class, colour space, PCS %r (want mntr, RGB, XYZ)" % icc[12:24])
    if struct.unpack(">I", icc[64:68])[0] > 3:
        bad("rendering intent %d" % struct.unpack(">I", icc[64:68])[0])
    if struct.unpack(">3i", icc[68:80]) != D50:
        bad("PCS illuminant %r is not D50" % (struct.unpack(">3i", icc[68:80]),))
    tags = tags_of(icc) if len(icc) >= 132 else []
    end = 132 + 12 * len(tags)
    data = {}
    for sig, off, sz in tags:
        if off % 4:
            bad("%s at %d: not 4-byte aligned" % (sig, off))
        if off < end or off + sz > len(icc) or sz < 8:
            bad("%s at %d, %d bytes: outside the data" % (sig, off, sz))
            continue
        data[sig] = icc[off:off + sz]
    for sig, typ in REQUIRED.items():
        if sig not in [t[0] for t in tags]:
            bad("no %s tag" % sig)
        elif sig in data and data[sig][:4] != typ:
            bad("%s is %r (want %r)" % (sig, data[sig][:4], typ))
    if any(s not in data for s in REQUIRED):
        return None
    d = data["desc"]
    n = struct.unpack(">I", d[8:12])[0]
    if 12 + n + 78 > len(d) or n < 1 or d[12 + n - 1] != 0:
        bad("desc: ASCII count %d does not fit its %d bytes" % (n, len(d)))
    if data["cprt"][-1] != 0:
        bad("cprt: the text does not end in NUL")
    xyz = {s: struct.unpack(">3i", data[s][8:20]) for s in ("wtpt", "rXYZ", "gXYZ", "bXYZ")}
    if xyz["wtpt"] != D50:
        bad("wtpt %r is not D50 (ICC v2 practice for an adapted profile)" % (xyz["wtpt"],))
    sums = tuple(xyz["rXYZ"][i] + xyz["gXYZ"][i] + xyz["bXYZ"][i] for i in range(3))
    if sums != D50:
        bad("rXYZ + gXYZ + bXYZ = %r, not the D50 white %r" % (sums, D50))
    for s in ("rTRC", "gTRC", "bTRC"):
        c = data[s]
        n = struct.unpack(">I", c[8:12])[0]
        if n < 2 or len(c) != 12 + 2 * n:
            bad("%s: %d entries in %d bytes (want a table)" % (s, n, len(c)))
    return xyz


# ---- what IEC 61966-2-1 says

def inv3(m):
    a, b, c = m[0]
    d, e, f = m[1]
    g, h, i = m[2]
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return [[(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
            [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
            [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det]]


def mul(m, n):
    return [[sum(m[r][k] * n[k][c] for k in range(3)) for c in range(3)] for r in range(3)]


def srgb_to_d50():
    """RGB (linear) to PCS XYZ: the IEC 61966-2-1 primaries and D65 white,
    Bradford-adapted to the ICC's D50 (ICC.1:2004-10 annex E)."""
    xy = [(0.64, 0.33), (0.30, 0.60), (0.15, 0.06)]
    P = [[x / y for x, y in xy], [1.0] * 3, [(1 - x - y) / y for x, y in xy]]
    w = [0.3127 / 0.3290, 1.0, (1 - 0.3127 - 0.3290) / 0.3290]
    Pi = inv3(P)
    s = [sum(Pi[r][k] * w[k] for k in range(3)) for r in range(3)]
    M = [[P[r][c] * s[c] for c in range(3)] for r in range(3)]
    B = [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]]
    d50 = [v / 65536 for v in D50]
    cs = [sum(B[r][k] * w[k] for k in range(3)) for r in range(3)]
    cd = [sum(B[r][k] * d50[k] for k in range(3)) for r in range(3)]
    D = [[cd[i] / cs[i] if i == j else 0.0 for j in range(3)] for i in range(3)]
    return mul(mul(mul(inv3(B), D), B), M)


def linear(v):
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def lab(X, Y, Z):
    w = [v / 65536 for v in D50]

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(X / w[0]), f(Y / w[1]), f(Z / w[2])
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


# ---- through Little CMS

def transicc(src, dst, rows, bad):
    """rows (RGB 0-255) through src into dst; the output rows or None."""
    p = subprocess.run(["transicc", "-t1", "-c0", "-n", "-i", src, "-o", dst],
                       input="".join("%g %g %g\n" % r for r in rows),
                       capture_output=True, text=True, timeout=30)
    out = [tuple(map(float, ln.split())) for ln in p.stdout.splitlines() if ln.strip()]
    if p.returncode != 0 or len(out) != len(rows) or any(len(o) != 3 for o in out):
        err = (p.stderr.strip().splitlines() or ["no output"])[-1]
        bad("transicc -i %s -o %s: exit %d, %d of %d rows (%s)"
            % (src, dst, p.returncode, len(out), len(rows), err))
        return None
    return out


def de(a, b):
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5


def check(path, debian=None):
    problems, figures = [], []

    def bad(m):
        problems.append(m)
    icc = open(path, "rb").read()
    xyz = structure(icc, bad)
    if xyz:
        M = srgb_to_d50()
        worst = max(abs(xyz[s][r] - M[r][c] * 65536)
                    for c, s in enumerate(("rXYZ", "gXYZ", "bXYZ")) for r in range(3))
        figures.append("colorants: %d bytes, at most %.2f/65536 from IEC 61966-2-1 Bradford-adapted"
                       % (len(icc), worst))
        if worst > 1.0:
            bad("a colorant is %.1f/65536 from IEC 61966-2-1's, Bradford-adapted" % worst)

    # The round trip: 8-bit in, through this profile and the exact sRGB
    # curve back to 8-bit, floating point all the way.
    ramps = {"grey": lambda i: (i, i, i), "R": lambda i: (i, 0, 0),
             "G": lambda i: (0, i, 0), "B": lambda i: (0, 0, i)}
    for name, f in ramps.items():
        rows = [f(i) for i in range(256)]
        out = transicc(path, "*sRGB", rows, bad)
        if out is None:
            break
        err, at = max((abs(o[c] - r[c]), r[c]) for r, o in zip(rows, out) for c in range(3))
        figures.append("round trip, %s ramp: at most %.4f of an 8-bit step (at %d)" % (name, err, at))
        if err >= MAX_STEP:
            bad("round trip, %s ramp: %.4f of an 8-bit step at %d (limit %g)"
                % (name, err, at, MAX_STEP))

    # Colour differences, D50 Lab.
    rows = [(r, g, b) for r in range(0, 256, 51) for g in range(0, 256, 51)
            for b in range(0, 256, 51)] + [(i, i, i) for i in range(0, 256, 5)]
    ours = transicc(path, "*Lab", rows, bad)
    if ours is not None:
        M = srgb_to_d50()
        exact = []
        for r in rows:
            v = [linear(c / 255) for c in r]
            exact.append(lab(*[sum(M[i][k] * v[k] for k in range(3)) for i in range(3)]))
        refs = [("the exact sRGB (IEC 61966-2-1)", exact, MAX_DE)]
        lcms = transicc("*sRGB", "*Lab", rows, bad)
        if lcms is not None:
            refs.append(("Little CMS's built-in sRGB", lcms, MAX_DE))
        if debian:
            deb = transicc(debian, "*Lab", rows, bad)
            if deb is not None:
                refs.append((debian, deb, MAX_DE))
        for what, ref, limit in refs:
            d, at = max((de(o, e), r) for o, e, r in zip(ours, ref, rows))
            figures.append("CIE76 from %s: at most %.3f (at %s), mean %.3f" % (
                what, d, at, sum(de(o, e) for o, e in zip(ours, ref)) / len(rows)))
            if d >= limit:
                bad("CIE76 %.3f from %s at RGB %s (limit %g)" % (d, what, at, limit))
    for m in problems:
        print(m)
    for m in figures:
        print("# " + m)
    return 0


# ---- broken copies, one fault each

def mutants(path, outdir):
    icc = bytearray(open(path, "rb").read())
    tags = {s: (o, n) for s, o, n in tags_of(icc)}
    cuts = {}

    def put(name, b):
        cuts[name] = bytes(b)

    b = bytearray(icc)                       # the size field one word long
    b[0:4] = struct.pack(">I", len(icc) + 4)
    put("size", b)
    b = bytearray(icc)                       # a scanner profile
    b[12:16] = b"scnr"
    put("class", b)
    b = bytearray(icc)                       # red and green swapped
    i = [k for k in range(struct.unpack(">I", icc[128:132])[0])
         if icc[132 + 12 * k:136 + 12 * k] in (b"rXYZ", b"gXYZ")]
    b[136 + 12 * i[0]:144 + 12 * i[0]], b[136 + 12 * i[1]:144 + 12 * i[1]] = \
        icc[136 + 12 * i[1]:144 + 12 * i[1]], icc[136 + 12 * i[0]:144 + 12 * i[0]]
    put("swapped-primaries", b)
    o, n = tags["rTRC"]                      # the curve a straight line
    b = bytearray(icc)
    k = struct.unpack(">I", icc[o + 8:o + 12])[0]
    for j in range(k):
        b[o + 12 + 2 * j:o + 14 + 2 * j] = struct.pack(">H", round(65535 * j / (k - 1)))
    put("linear-curve", b)
    b = bytearray(icc)                       # gamma 2.2 instead of sRGB's curve
    for j in range(k):
        b[o + 12 + 2 * j:o + 14 + 2 * j] = struct.pack(">H", round(65535 * (j / (k - 1)) ** 2.2))
    put("gamma-2.2", b)
    # The same curve with 16 entries: 1.3 steps off near black.  The curve
    # block comes last (icc.c), so it can shrink in place.
    if o + n + (-n % 4) == len(icc):
        b = bytearray(icc[:o + 12])
        b[o + 8:o + 12] = struct.pack(">I", 16)
        b += b"".join(struct.pack(">H", round(65535 * linear(j / 15))) for j in range(16))
        b[0:4] = struct.pack(">I", len(b))
        for t in ("rTRC", "gTRC", "bTRC"):
            e = [k for k in range(len(tags)) if icc[132 + 12 * k:136 + 12 * k] == t.encode()][0]
            b[140 + 12 * e:144 + 12 * e] = struct.pack(">I", 12 + 32)
        put("curve-16", b)
    b = bytearray(icc)                       # the curve's offset past the end
    e = [k for k in range(len(tags)) if icc[132 + 12 * k:136 + 12 * k] == b"gTRC"][0]
    b[136 + 12 * e:140 + 12 * e] = struct.pack(">I", len(icc))
    put("tag-outside", b)
    b = bytearray(icc)                       # the white of D65, unadapted
    o, n = tags["wtpt"]
    b[o + 8:o + 20] = struct.pack(">3i", 0xF351, 0x10000, 0x116CC)
    put("wtpt-d65", b)
    for name, data in cuts.items():
        open("%s/%s.icc" % (outdir, name), "wb").write(data)
    print(" ".join(cuts))
    return 0


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "extract":
        sys.exit(extract(*args))
    if cmd == "check":
        sys.exit(check(*args))
    if cmd == "mutants":
        sys.exit(mutants(*args))
    sys.exit("usage: icc.py extract|check|mutants ...")
