"""Writes the self-made media used by e2e tests and the Firefox smoke test (test/pages/media).

Colours are chosen for the fixture model (score = sigmoid(8 * (mean red - mean blue))): red ≈ 1,
blue ≈ 0, "mixed" ≈ 0.85 (between the fixture's thresholds, so sensitivity changes its band).
The top band is white so a badge over it can be seen in a screenshot by its colour.
Run: /usr/bin/python3 scripts/make-test-media.py  (PIL; ffmpeg for the video)
"""
import os, subprocess
from PIL import Image, ImageDraw

out = os.path.join(os.path.dirname(__file__), '..', 'test', 'pages', 'media')
os.makedirs(out, exist_ok=True)

def card(colour, name, size=(320, 240), band=48):
    im = Image.new('RGB', size, colour)
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, size[0], band - 1], fill=(255, 255, 255))
    # A few shapes so the media is not a flat colour (decoders and resizers get some work).
    for i in range(6):
        x = 20 + i * 48
        d.ellipse([x, band + 40, x + 30, band + 70], fill=tuple(max(0, c - 40) for c in colour))
    im.save(os.path.join(out, name), optimize=True)
    return im

card((220, 30, 30), 'red.png')
card((30, 60, 220), 'blue.png')
card((153, 60, 97), 'mixed.png', band=0)
Image.new('RGB', (48, 48), (220, 30, 30)).save(os.path.join(out, 'tiny-red.png'))
red = card((220, 30, 30), 'red-frame.png')
subprocess.run(['ffmpeg', '-y', '-loglevel', 'error', '-loop', '1', '-i', os.path.join(out, 'red-frame.png'), '-t', '2', '-r', '10',
                '-c:v', 'libvpx', '-b:v', '200k', '-pix_fmt', 'yuv420p', os.path.join(out, 'red.webm')], check=True)
os.remove(os.path.join(out, 'red-frame.png'))
print('wrote', sorted(os.listdir(out)))
