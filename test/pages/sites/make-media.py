#!/usr/bin/env python3
"""Writes the site fixtures' images: 320x240 PNGs of random 16 px blocks in two shades of red
(the e2e fixture model scores them ~1) or blue (~0). Every file gets its own block pattern, so
the engine's perceptual-hash memory never mistakes one fixture for another (flat colours would all
share one hash). Deterministic: the seed is the file name. Run from this folder."""
import random, struct, zlib

W, H, B = 320, 240, 16
SHADES = {'red': [(255, 0, 0), (150, 0, 0)], 'blue': [(0, 0, 255), (0, 0, 140)]}
FILES = {
    'x-red': 'red', 'x-noted': 'blue', 'x-blue': 'blue', 'x-appended': 'blue',
    'facebook-labelled': 'blue', 'facebook-red': 'red',
    'instagram-labelled': 'blue', 'instagram-red': 'red',
    'threads-labelled': 'blue', 'threads-red': 'red',
    'tiktok-red': 'red',
    'youtube-thumb': 'red', 'youtube-short': 'blue',
    'reddit-labelled': 'blue', 'reddit-red': 'red',
    'linkedin-labelled': 'blue', 'linkedin-red': 'red',
    'bluesky-labelled': 'blue', 'bluesky-red': 'red',
    'mastodon-labelled': 'blue', 'mastodon-red': 'red',
    'broken-red': 'red',
    'hard-shadow': 'red', 'hard-iframe': 'red', 'hard-srcset-small': 'blue', 'hard-srcset-large': 'red',
    'hard-background': 'red', 'hard-lazy': 'red', 'hard-lightbox': 'red', 'hard-csp': 'red', 'hard-direct': 'red',
}

def png(rows):
    raw = b''.join(b'\x00' + bytes(r) for r in rows)
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', W, H, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

for name, colour in FILES.items():
    rnd = random.Random(name)
    grid = [[rnd.choice(SHADES[colour]) for _ in range(W // B)] for _ in range(H // B)]
    rows = [[c for x in range(W) for c in grid[y // B][x // B]] for y in range(H)]
    open(f'media/{name}.png', 'wb').write(png(rows))
print(len(FILES), 'files')
