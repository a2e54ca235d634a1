#!/usr/bin/env python3
"""Draws the icons of Les démineurs: an off-white mine on a dark-teal tile.

Standard library only (zlib + struct). Run from anywhere; it rewrites the PNG and SVG
files next to itself:

    python3 frontend/assets/icons/make_icons.py

The same shapes are drawn as signed distance fields (anti-aliased from the distance to
the edge) into small palette PNGs, and written as an SVG.
"""

import math
import struct
import zlib
from pathlib import Path

TEAL = (0x0B, 0x4F, 0x4A)
OFF_WHITE = (0xF7, 0xF5, 0xEF)
LEVELS = 16  # anti-aliasing steps kept in the palette

# The glyph, in units of the icon's side, centred on (0, 0).
BODY_RADIUS = 0.20
SPIKE_WIDTH = 0.065
SPIKES = [(0.0, 0.33), (45.0, 0.29)]  # (first angle in degrees, tip distance): 4 each
SHINE = (-0.075, -0.075, 0.045)  # a teal highlight on the body: x, y, radius
TILE_RADIUS = 0.22  # corner radius of the "any" icons' tile


def spike_segments():
    for start, tip in SPIKES:
        for k in range(4):
            a = math.radians(start + 90.0 * k)
            yield (math.cos(a) * tip, math.sin(a) * tip)


def segment_distance(px, py, bx, by):
    """Distance from p to the segment from the origin to b."""
    t = max(0.0, min(1.0, (px * bx + py * by) / (bx * bx + by * by)))
    return math.hypot(px - t * bx, py - t * by)


def glyph_distance(x, y, scale):
    """Signed distance to the mine (negative inside), glyph scaled by `scale`."""
    x, y = x / scale, y / scale
    d = math.hypot(x, y) - BODY_RADIUS
    for bx, by in spike_segments():
        d = min(d, segment_distance(x, y, bx, by) - SPIKE_WIDTH / 2)
    sx, sy, sr = SHINE
    d = max(d, sr - math.hypot(x - sx, y - sy))
    return d * scale


def tile_distance(x, y, radius):
    """Signed distance to a rounded square filling [-0.5, 0.5]^2."""
    qx = abs(x) - (0.5 - radius)
    qy = abs(y) - (0.5 - radius)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - radius


def coverage(distance, pixel):
    return max(0.0, min(1.0, 0.5 - distance / pixel))


def png(size, maskable):
    """Palette PNG bytes: entries 0..LEVELS-1 teal to off-white (opaque), then teal with
    alpha 0..LEVELS-1 for the tile's anti-aliased corners."""
    pixel = 1.0 / size
    scale = 0.8 if maskable else 1.0  # maskable: keep the glyph in the safe zone
    rows = bytearray()
    for j in range(size):
        rows.append(0)  # filter: none
        y = (j + 0.5) * pixel - 0.5
        for i in range(size):
            x = (i + 0.5) * pixel - 0.5
            tile = 1.0 if maskable else coverage(tile_distance(x, y, TILE_RADIUS), pixel)
            if tile < 1.0:
                rows.append(LEVELS + round(tile * (LEVELS - 1)))
            else:
                rows.append(round(coverage(glyph_distance(x, y, scale), pixel) * (LEVELS - 1)))

    def mix(t):
        return bytes(round(a + (b - a) * t) for a, b in zip(TEAL, OFF_WHITE))

    steps = [k / (LEVELS - 1) for k in range(LEVELS)]
    palette = b"".join(mix(t) for t in steps) + bytes(TEAL) * LEVELS
    alpha = b"\xff" * LEVELS + bytes(round(255 * t) for t in steps)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 3, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"PLTE", palette)
        + chunk(b"tRNS", alpha)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def svg():
    def hexa(c):
        return "#%02x%02x%02x" % c

    def n(v):
        return f"{round(v * 512, 1) + 0.0:.1f}".rstrip("0").rstrip(".")

    spikes = "".join(f"M256 256l{n(bx)} {n(by)}" for bx, by in spike_segments())
    sx, sy, sr = SHINE
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" rx="{n(TILE_RADIUS)}" fill="{hexa(TEAL)}"/>'
        f'<circle cx="256" cy="256" r="{n(BODY_RADIUS)}" fill="{hexa(OFF_WHITE)}"/>'
        f'<path d="{spikes}" stroke="{hexa(OFF_WHITE)}" stroke-width="{n(SPIKE_WIDTH)}"'
        ' stroke-linecap="round"/>'
        f'<circle cx="{n(0.5 + sx)}" cy="{n(0.5 + sy)}" r="{n(sr)}" fill="{hexa(TEAL)}"/>'
        "</svg>\n"
    )


def main():
    here = Path(__file__).resolve().parent.parent / "assets" / "icons"
    (here / "icon-192.png").write_bytes(png(192, maskable=False))
    (here / "icon-512.png").write_bytes(png(512, maskable=False))
    (here / "icon-maskable-512.png").write_bytes(png(512, maskable=True))
    (here / "icon.svg").write_text(svg(), encoding="utf-8")


if __name__ == "__main__":
    main()
