#!/usr/bin/env python3
# mkpng.py CHART LOGO - the PNGs of examples/full-briefing.json (a bar chart and a
# round logo with alpha), drawn pixel by pixel and written with zlib alone.
import struct, zlib, sys

def png(path, w, h, px, alpha=False):
    raw = b''.join(b'\x00' + bytes(v for p in row for v in p) for row in px)
    def chunk(t, d):
        c = struct.pack('>I', len(d)) + t + d
        return c + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    ct = 6 if alpha else 2
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, ct, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)

def chart(path):
    w, h = 720, 360
    px = [[(255, 255, 255)] * w for _ in range(h)]
    def rect(x0, y0, x1, y1, c):
        for y in range(max(0, y0), min(h, y1)):
            for x in range(max(0, x0), min(w, x1)):
                px[y][x] = c
    for gy in range(40, 330, 58):  # grid
        rect(60, gy, 700, gy + 1, (222, 226, 232))
    rect(58, 30, 60, 332, (90, 90, 90))
    rect(58, 330, 700, 332, (90, 90, 90))
    vals = [96, 118, 141, 163, 188, 236]
    for i, v in enumerate(vals):
        x = 95 + i * 100
        c = (192, 57, 43) if i == len(vals) - 1 else (31, 78, 140)
        rect(x, 330 - v, x + 56, 330, c)
    # trend line dots
    for i in range(len(vals) - 1):
        x0, y0 = 123 + i * 100, 330 - vals[i] - 18
        x1, y1 = 123 + (i + 1) * 100, 330 - vals[i + 1] - 18
        for s in range(101):
            x = round(x0 + (x1 - x0) * s / 100); y = round(y0 + (y1 - y0) * s / 100)
            rect(x - 1, y - 1, x + 2, y + 2, (230, 150, 30))
    png(path, w, h, px)

def logo(path):
    n = 128
    px = [[(0, 0, 0, 0)] * n for _ in range(n)]
    import math
    for y in range(n):
        for x in range(n):
            r = math.hypot(x - 63.5, y - 63.5)
            if r < 60:
                px[y][x] = (192, 30, 30, 255)
            if 44 < r < 48:
                px[y][x] = (255, 255, 255, 255)
    # a white star
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = 34 if k % 2 == 0 else 14
        pts.append((63.5 + rr * math.cos(a), 63.5 + rr * math.sin(a)))
    def inside(x, y):
        c = False
        for i in range(len(pts)):
            (x0, y0), (x1, y1) = pts[i], pts[i - 1]
            if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
                c = not c
        return c
    for y in range(n):
        for x in range(n):
            if inside(x + .5, y + .5):
                px[y][x] = (255, 255, 255, 255)
    png(path, n, n, px, alpha=True)

chart(sys.argv[1]); logo(sys.argv[2])
