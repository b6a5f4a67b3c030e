"""Writes demo/media: pictures drawn by this script, some carrying the declarations real AI tools
write (AUTOMATIC1111 and ComfyUI PNG chunks, IPTC DigitalSourceType in XMP), so the demo feed
shows every badge with media the project made itself. Run: /usr/bin/python3 scripts/make-demo-media.py
"""
import io, json, math, os, random, subprocess
from PIL import Image, ImageDraw, ImageFilter
from PIL.PngImagePlugin import PngInfo

OUT = os.path.join(os.path.dirname(__file__), '..', 'demo', 'media')
os.makedirs(OUT, exist_ok=True)
rnd = random.Random(7)

def landscape(w=640, h=420, hue=(255, 140, 60), phase=0.0, sun=(.62, .28)):
    # `phase` and `sun` make each landscape its own picture (the same drawing recoloured would be
    # one picture to the engine's memory of reposts).
    im = Image.new('RGB', (w, h))
    d = ImageDraw.Draw(im)
    for y in range(h):
        t = y / h
        d.line([(0, y), (w, y)], fill=(int(40 + hue[0] * t * .8), int(60 + hue[1] * t * .7), int(120 + hue[2] * t * .5)))
    d.ellipse([w * sun[0], h * sun[1], w * sun[0] + 70, h * sun[1] + 70], fill=(255, 230, 160))
    for k, shade in enumerate([(60, 70, 90), (40, 50, 60), (25, 35, 40)]):
        pts = [(0, h)] + [(x, h * (.55 + .1 * k) - 60 * math.sin(x / (90 + 30 * k) + k + phase * (k + 1)) - rnd.randint(0, 12)) for x in range(0, w + 20, 20)] + [(w, h)]
        d.polygon(pts, fill=shade)
    return im.filter(ImageFilter.GaussianBlur(0.6))

def city(w=640, h=420):
    im = Image.new('RGB', (w, h), (12, 16, 40))
    d = ImageDraw.Draw(im)
    x = 0
    while x < w:
        bw, bh = rnd.randint(30, 80), rnd.randint(120, 330)
        d.rectangle([x, h - bh, x + bw, h], fill=(25, 28, 45))
        for wy in range(h - bh + 8, h - 8, 14):
            for wx in range(x + 5, x + bw - 8, 12):
                if rnd.random() < .45:
                    d.rectangle([wx, wy, wx + 5, wy + 7], fill=(255, 214, 120))
        x += bw + rnd.randint(2, 10)
    return im

def portrait(w=480, h=480, skin=(224, 172, 140), bg=(120, 170, 200)):
    im = Image.new('RGB', (w, h), bg)
    d = ImageDraw.Draw(im)
    d.ellipse([w * .3, h * .18, w * .7, h * .68], fill=skin)
    d.rectangle([w * .2, h * .7, w * .8, h], fill=(60, 60, 90))
    d.ellipse([w * .39, h * .36, w * .45, h * .41], fill=(40, 30, 30))
    d.ellipse([w * .55, h * .36, w * .61, h * .41], fill=(40, 30, 30))
    d.arc([w * .42, h * .45, w * .58, h * .58], 20, 160, fill=(150, 60, 60), width=4)
    return im.filter(ImageFilter.GaussianBlur(1.2))

def photo_like(im, seed=11):
    import numpy as np
    a = np.asarray(im, dtype=np.float32)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    light = 1.08 - 0.35 * (((xx - w * .35) / w) ** 2 + ((yy - h * .3) / h) ** 2)
    a = a * light[..., None] + np.random.default_rng(seed).normal(0, 7, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype('uint8')).filter(ImageFilter.GaussianBlur(0.5))

def avatar(colour, name):
    im = Image.new('RGB', (80, 80), colour)
    ImageDraw.Draw(im).ellipse([20, 14, 60, 54], fill=(255, 255, 255))
    im.save(os.path.join(OUT, name))

# 1. AUTOMATIC1111 parameters in a PNG text chunk (what the web UI writes).
info = PngInfo()
info.add_text('parameters', 'mountain lake at golden hour, photorealistic, 35mm\nNegative prompt: blurry, lowres\n'
              'Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 1234567, Size: 640x420, Model: sd_xl_base_1.0, Version: v1.9.4')
landscape().save(os.path.join(OUT, 'lake-a1111.png'), pnginfo=info)

# 2. ComfyUI prompt/workflow chunks.
info = PngInfo()
prompt = {'3': {'class_type': 'KSampler', 'inputs': {'seed': 42, 'steps': 20, 'cfg': 7, 'sampler_name': 'euler', 'model': ['4', 0]}},
          '4': {'class_type': 'CheckpointLoaderSimple', 'inputs': {'ckpt_name': 'flux1-dev.safetensors'}},
          '6': {'class_type': 'CLIPTextEncode', 'inputs': {'text': 'portrait of a smiling person, studio light'}}}
info.add_text('prompt', json.dumps(prompt))
info.add_text('workflow', json.dumps({'nodes': [{'id': 3, 'type': 'KSampler'}, {'id': 4, 'type': 'CheckpointLoaderSimple'}]}))
portrait().save(os.path.join(OUT, 'portrait-comfyui.png'), pnginfo=info)

# 3. IPTC DigitalSourceType = trainedAlgorithmicMedia in XMP (what many generators and stock sites write).
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
       'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Demo Image Generator 2.0" '
       'Iptc4xmpExt:DigitalSourceType="http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"/>'
       '</rdf:RDF></x:xmpmeta>')
buf = io.BytesIO()
city().save(buf, 'JPEG', quality=88)
jpeg = buf.getvalue()
payload = b'http://ns.adobe.com/xap/1.0/\x00' + XMP.encode()
app1 = b'\xff\xe1' + (len(payload) + 2).to_bytes(2, 'big') + payload
open(os.path.join(OUT, 'city-iptc.jpg'), 'wb').write(jpeg[:2] + app1 + jpeg[2:])

# 4. Plain pictures with no declaration (the checks find nothing: "no evidence", not "authentic").
photo_like(landscape(hue=(120, 200, 255), phase=2.2, sun=(.15, .2)), seed=5).save(os.path.join(OUT, 'valley.jpg'), quality=90)
portrait(skin=(190, 140, 110), bg=(200, 190, 150)).save(os.path.join(OUT, 'portrait.jpg'), quality=90)

# 5. The same lake with its declaration appended after the PNG's end: a spoof that must not count.
clean = io.BytesIO()
landscape(hue=(255, 120, 90), phase=4.1, sun=(.4, .12)).save(clean, 'PNG')
open(os.path.join(OUT, 'lake-spoofed.png'), 'wb').write(clean.getvalue() + b'tEXtparameters\x00Steps: 20, Sampler: Euler a, Seed: 1')

for c, n in [((91, 33, 182), 'avatar-1.png'), ((14, 116, 144), 'avatar-2.png'), ((190, 80, 50), 'avatar-3.png'), ((60, 120, 60), 'avatar-4.png')]:
    avatar(c, n)

# 6. A short clip: a slow pan over the valley picture (WebM, VP8).
landscape(1280, 420, hue=(160, 180, 240)).save('/tmp/dfr-pan.png')
subprocess.run(['ffmpeg', '-y', '-loglevel', 'error', '-loop', '1', '-i', '/tmp/dfr-pan.png', '-t', '4', '-r', '15',
                '-vf', "crop=640:420:'t*150':0", '-c:v', 'libvpx', '-b:v', '400k', '-pix_fmt', 'yuv420p',
                os.path.join(OUT, 'pan.webm')], check=True)
print(sorted(os.listdir(OUT)))

# 7. The portrait again as a camera would leave it: soft light falloff and sensor grain. The flat
#    drawing above is what the content gate calls a graphic; this one is photo-like, so the face
#    model judges it (the face e2e test and the parity test use it).
photo_like(portrait(skin=(190, 140, 110), bg=(200, 190, 150))).save(os.path.join(OUT, 'portrait-photo.jpg'), quality=90)
