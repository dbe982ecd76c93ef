#!/usr/bin/env python3
# pngkinds.py DIR - PNGs of every kind nqpdf embeds, written with zlib alone,
# and a check of what mutool extract gets back out of a PDF (tests/blocks.sh).
#
#   pngkinds.py make DIR    writes DIR/{gray,rgb,pal,gray1,gray2,gray4,pal1,
#       pal2,pal4,split,rgba,interlaced,gray16}.png (split: rgb's data over
#       several IDAT chunks, some empty): all but the last three go into
#       the PDF as their own IDAT data (image.c, png_raw), the rest through
#       libharu; each row uses filter type
#       y % 5 (None, Sub, Up, Average, Paeth), so all of PNG's predictors
#       must be undone the same way; and DIR/bad-*.png, damaged copies.
#   pngkinds.py same A.png B.png   exit 0 when both decode to the same RGB
#       pixels (a palette expanded, grey as three equal samples).
import struct, sys, zlib


def chunk(t, d):
    c = struct.pack('>I', len(d)) + t + d
    return c + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def filt(rows, bpp):
    """Each row with filter type y % 5 (ISO/IEC 15948 §9.2)."""
    out, prev = [], bytes(len(rows[0]))
    for y, row in enumerate(rows):
        t = y % 5
        f = bytearray([t])
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][t]
            f.append((x - pred) & 0xff)
        out.append(bytes(f))
        prev = row
    return b''.join(out)


def pack(rows, depth):
    """Samples of depth bits, packed into bytes (§7.2), each row padded."""
    out = []
    for row in rows:
        b, acc, n = bytearray(), 0, 0
        for v in row:
            acc = acc << depth | v
            n += depth
            if n == 8:
                b.append(acc); acc, n = 0, 0
        if n:
            b.append(acc << (8 - n))
        out.append(bytes(b))
    return out


def png(ihdr, idat, extra=b''):
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + extra + chunk(b'IDAT', idat) + chunk(b'IEND', b'')


def make(d):
    w, h = 61, 37
    px = [[((x * 7 + y * 3) % 256, (x * y) % 256, (255 - x * 4) % 256) for x in range(w)] for y in range(h)]
    gray = [bytes((r * 3 + g * 6 + b) // 10 for r, g, b in row) for row in px]
    rgb = [bytes(v for p in row for v in p) for row in px]
    pal_colors = [((i * 37) % 256, (i * 91) % 256, (i * 53) % 256) for i in range(40)]
    pal = [bytes((x + y * 3) % 40 for x in range(w)) for y in range(h)]
    rgba = [bytes(v for p in row for v in (p + ((x * 5) % 256,))) for x, row in enumerate(px)]
    files = {
        'gray': png(struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0), zlib.compress(filt(gray, 1))),
        'rgb': png(struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0), zlib.compress(filt(rgb, 3))),
        'pal': png(struct.pack('>IIBBBBB', w, h, 8, 3, 0, 0, 0), zlib.compress(filt(pal, 1)),
                   chunk(b'PLTE', bytes(v for c in pal_colors for v in c))),
        'rgba': png(struct.pack('>IIBBBBB', w, h, 8, 6, 0, 0, 0), zlib.compress(filt(rgba, 4))),
        'gray16': png(struct.pack('>IIBBBBB', w, h, 16, 0, 0, 0, 0),
                      zlib.compress(filt([bytes(v for g in row for v in (g, g)) for row in gray], 2))),
    }
    # Interlaced (Adam7): the seven passes, each filtered, in one stream.
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
    data = b''
    for x0, y0, dx, dy in passes:
        rows = [bytes(v for x in range(x0, w, dx) for v in px[y][x]) for y in range(y0, h, dy)]
        if rows and rows[0]:
            data += filt(rows, 3)
    files['interlaced'] = png(struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 1), zlib.compress(data))
    # The RGB one's data over three IDAT chunks, with empty ones between
    # and after: the chunks are read where they are (image.c, next_idat).
    z3 = zlib.compress(filt(rgb, 3))
    k = len(z3) // 3
    files['split'] = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                      + chunk(b'IDAT', b'') + chunk(b'IDAT', z3[:k]) + chunk(b'IDAT', b'')
                      + chunk(b'IDAT', z3[k:2 * k]) + chunk(b'IDAT', z3[2 * k:]) + chunk(b'IDAT', b'')
                      + chunk(b'IEND', b''))
    # Damaged copies of the RGB one.
    raw = filt(rgb, 3)
    z = zlib.compress(raw)
    files['bad-short'] = png(struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0), zlib.compress(raw[:len(raw) // 2]))
    files['bad-cut'] = png(struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0), z[:len(z) // 2])
    bad = bytearray(raw)
    bad[(3 * w + 1) * 5] = 9  # row 5's filter type
    files['bad-filter'] = png(struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0), zlib.compress(bytes(bad)))
    files['bad-long'] = png(struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0), zlib.compress(raw + raw[:3 * w + 1]))
    files['bad-tail'] = png(struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0), z + b'tail')
    good = files['rgb']
    at = good.index(b'IDAT') + 4 + len(z)  # the IDAT chunk's CRC
    files['bad-crc'] = good[:at] + bytes(4) + good[at + 4:]
    p = files['pal']
    at = p.index(b'PLTE') + 4 + 3 * 40  # the PLTE chunk's CRC
    files['bad-plte'] = p[:at] + bytes(4) + p[at + 4:]
    no_plte = png(struct.pack('>IIBBBBB', w, h, 8, 3, 0, 0, 0), zlib.compress(filt(pal, 1)))
    files['bad-order'] = no_plte[:-12] + chunk(b'PLTE', bytes(v for c in pal_colors for v in c)) + chunk(b'IEND', b'')
    # Grey and palette of 1, 2 and 4 bits: the same pictures, fewer levels.
    for depth in (1, 2, 4):
        top = (1 << depth) - 1
        g = [[v * top // 255 for v in row] for row in gray]
        files['gray%d' % depth] = png(struct.pack('>IIBBBBB', w, h, depth, 0, 0, 0, 0),
                                      zlib.compress(filt(pack(g, depth), 1)))
        n = 1 << depth
        p = [[(x + y * 3) % n for x in range(w)] for y in range(h)]
        files['pal%d' % depth] = png(struct.pack('>IIBBBBB', w, h, depth, 3, 0, 0, 0),
                                     zlib.compress(filt(pack(p, depth), 1)),
                                     chunk(b'PLTE', bytes(v for c in pal_colors[:n] for v in c)))
    for name, data in files.items():
        open(f'{d}/{name}.png', 'wb').write(data)


def decode(path):
    """RGB rows of a non-interlaced PNG of 8 bits, or 1 to 4 for grey and
    palette (what mutool extract writes)."""
    b = open(path, 'rb').read()
    pos, ihdr, plte, idat = 8, None, None, b''
    while pos < len(b):
        n, t = struct.unpack('>I4s', b[pos:pos + 8])
        body = b[pos + 8:pos + 8 + n]
        if t == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        elif t == b'PLTE':
            plte = body
        elif t == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ct, _, _, il = ihdr
    assert il == 0 and (depth == 8 or (depth in (1, 2, 4) and ct in (0, 3))), f'{path}: depth {depth}, interlace {il}'
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct] if depth == 8 else 1
    raw = zlib.decompress(idat)
    stride = w * bpp if depth == 8 else (w * depth + 7) // 8
    rows, prev = [], bytearray(stride)
    for y in range(h):
        t, f = raw[y * (stride + 1)], raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        row = bytearray(stride)
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            bb = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            row[i] = (f[i] + [0, a, bb, (a + bb) // 2, paeth(a, bb, c)][t]) & 0xff
        rows.append(row)
        prev = row
    if depth < 8:  # unpack, and grey scaled to 8 bits as a reader shows it
        top = (1 << depth) - 1
        unpacked = []
        for row in rows:
            vals = [(row[i * depth // 8] >> (8 - depth - i * depth % 8)) & top for i in range(w)]
            unpacked.append(bytearray(v * 255 // top if ct == 0 else v for v in vals))
        rows, depth = unpacked, 8
    out = []
    for row in rows:
        if ct == 0:
            out.append([(v, v, v) for v in row])
        elif ct == 3:
            out.append([tuple(plte[3 * v:3 * v + 3]) for v in row])
        else:
            out.append([tuple(row[i:i + 3]) for i in range(0, stride, bpp)])
    return out


if __name__ == '__main__':
    if sys.argv[1] == 'make':
        make(sys.argv[2])
    else:
        a, b = decode(sys.argv[2]), decode(sys.argv[3])
        if a != b:
            diff = sum(pa != pb for ra, rb in zip(a, b) for pa, pb in zip(ra, rb))
            print(f'{sys.argv[2]} and {sys.argv[3]} differ in {diff} pixels'
                  f' ({len(a[0])}x{len(a)} and {len(b[0])}x{len(b)})')
            sys.exit(1)
