"""Shared data handling for the whole-image model: dataset listing, deduplication, the web-like
degradation applied alike to both classes, and the inference preprocessing that mirrors
src/engine/preprocess.ts (center-crop, torch area resize, [0,1] scale, NCHW)."""
import hashlib
import io
import math
import os
import random

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'train'))
SIZE = 224
EXTS = ('.jpg', '.jpeg', '.png', '.webp', '.bmp')
# Feature taps: global mean of every stage, plus spatial std of the three early stages (low-level texture).
MEAN_TAPS = ('block_2_add', 'block_5_add', 'block_9_add', 'block_12_add', 'block_15_add', 'out_relu')
STD_TAPS = ('block_2_add', 'block_5_add', 'block_9_add')


def content_of(folder):
    return 'face' if folder.startswith('faces-') else 'scene'


def list_images(root):
    items = []
    for folder in sorted(os.listdir(root)):
        for label in ('real', 'fake'):
            d = os.path.join(root, folder, label)
            if not os.path.isdir(d):
                continue
            for dp, _, files in os.walk(d):
                for f in sorted(files):
                    if f.lower().endswith(EXTS):
                        items.append({'path': os.path.join(dp, f), 'folder': folder, 'label': int(label == 'fake'),
                                      'content': content_of(folder)})
    return items


def load_rgb(path):
    """Decodes to 8-bit RGB; dropping everything but pixels also strips metadata (EXIF, XMP, ICC)."""
    with Image.open(path) as im:
        im.load()
        if im.mode in ('RGBA', 'LA', 'P'):
            im = im.convert('RGBA')
            bg = Image.new('RGBA', im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(bg, im)
        return im.convert('RGB')


def dhash(im):
    g = np.asarray(im.convert('L').resize((9, 8), Image.BILINEAR), dtype=np.int16)
    bits = (g[:, 1:] > g[:, :-1]).flatten()
    return int(''.join('1' if b else '0' for b in bits), 2)


def dedupe(items):
    """Drops exact duplicates (same pixels) and near duplicates (same 64-bit dHash). A duplicate
    group that mixes labels is dropped entirely."""
    groups = {}
    for it in items:
        im = load_rgb(it['path'])
        it['size'] = im.size
        key_exact = hashlib.md5(np.asarray(im.resize((32, 32), Image.BILINEAR)).tobytes()).hexdigest()
        it['dhash'] = dhash(im)
        groups.setdefault(('x', key_exact), []).append(it)
    kept, dropped = [], []
    seen_d = {}
    for _, g in groups.items():
        if len({x['label'] for x in g}) > 1:
            dropped += g
            continue
        kept.append(g[0])
        dropped += g[1:]
    final = []
    for it in kept:
        h = it['dhash']
        if h in seen_d and h != 0:
            other = seen_d[h]
            if other['label'] != it['label']:
                other['drop'] = True
            dropped.append(it)
            continue
        seen_d[h] = it
        final.append(it)
    dropped += [x for x in final if x.get('drop')]
    final = [x for x in final if not x.get('drop')]
    return final, dropped


def degrade(im, rng):
    """A web-like degradation, drawn from rng, applied identically to real and fake images:
    random crop, rescale to a random short side (up or down, random filter), optional blur,
    JPEG at a random quality. Removes the folder's native size/quality as a cue."""
    w, h = im.size
    sx, sy = rng.uniform(0.65, 1.0), rng.uniform(0.65, 1.0)
    cw, ch = max(32, int(w * sx)), max(32, int(h * sy))
    x0, y0 = rng.randint(0, w - cw), rng.randint(0, h - ch)
    im = im.crop((x0, y0, x0 + cw, y0 + ch))
    short = float(np.exp(rng.uniform(np.log(160), np.log(640))))
    k = short / min(cw, ch)
    im = im.resize((max(16, round(cw * k)), max(16, round(ch * k))), rng.choice([Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX]))
    if rng.random() < 0.25:
        im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.2)))
    if rng.random() < 0.9:
        buf = io.BytesIO()
        im.save(buf, 'JPEG', quality=rng.randint(55, 95), subsampling=rng.choice([0, 2, 2]))
        buf.seek(0)
        im = Image.open(buf).convert('RGB')
    return im


def smoothness_bytes(im):
    """Trivial baseline from the data README: bytes after re-encoding alike (short side 256,
    center crop 256, JPEG q75), per pixel. Smooth images compress well."""
    w, h = im.size
    k = 256 / min(w, h)
    im = im.resize((max(256, round(w * k)), max(256, round(h * k))), Image.BICUBIC)
    w, h = im.size
    x0, y0 = (w - 256) // 2, (h - 256) // 2
    buf = io.BytesIO()
    im.crop((x0, y0, x0 + 256, y0 + 256)).save(buf, 'JPEG', quality=75)
    return buf.tell() / (256 * 256)


def fit_rect(w, h, fit='center-crop'):
    if fit == 'squash':
        return 0, 0, w, h
    s = min(w, h)
    return (w - s) // 2, (h - s) // 2, s, s


def preprocess(im, size=SIZE, fit='center-crop'):
    """Mirror of src/engine/preprocess.ts for input {layout NCHW, scale 1, mean 0, std 1, resize area}."""
    a = np.asarray(im, dtype=np.uint8)
    x, y, w, h = fit_rect(a.shape[1], a.shape[0], fit)
    t = torch.from_numpy(a[y:y + h, x:x + w].astype(np.float32)).permute(2, 0, 1).unsqueeze(0)
    t = F.interpolate(t, size=(size, size), mode='area')
    return t[0] / 255.0


def logit_model_io(size):
    """A model card's `input` and `output` for the exported photo models: NCHW RGB in [0,1], centre
    crop, area resize (preprocess above); one logit, sigmoid -> P(synthetic)."""
    return {'input': {'name': 'image', 'width': size, 'height': size, 'layout': 'NCHW', 'scale': 1,
                      'mean': [0, 0, 0], 'std': [1, 1, 1], 'resize': 'area', 'fit': 'center-crop'},
            'output': {'name': 'logit', 'kind': 'sigmoid-logit', 'synthetic': 'high'}}


def ceil6(v):
    """Thresholds are rounded up: a rounded threshold never flags more held-out reals than the exact one."""
    return math.ceil(v * 1e6) / 1e6


def seeded_rng(path, view):
    return random.Random(int(hashlib.sha1(f'{os.path.basename(path)}|{view}'.encode()).hexdigest()[:12], 16))
