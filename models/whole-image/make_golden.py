"""Writes the golden preprocessing fixture: a self-made 120x77 RGB PNG (filter 0 rows, written by
hand so any inflate-only decoder can read it) and reference tensors computed with the training
preprocessing (common.preprocess) and with torch for other card settings.
Output: test/fixtures/golden/preprocess-fixture.png, test/fixtures/golden/preprocess-golden.json.
Checked by test/unit/preprocess-golden.test.ts against src/engine/preprocess.ts."""
import json
import os
import struct
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, fit_rect, preprocess  # noqa: E402

OUT = os.path.normpath(os.path.join(HERE, '..', '..', 'test', 'fixtures', 'golden'))


def make_image(w=120, h=77):
    rng = np.random.default_rng(7)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 127 + 120 * np.sin(xx / 7.0) * np.cos(yy / 11.0)
    g = 255 * xx / (w - 1)
    b = 255 * ((xx + 2 * yy) % 23) / 22
    a = np.stack([r, g, b], -1) + rng.normal(0, 6, (h, w, 3))
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def write_png(path, a):
    h, w, _ = a.shape
    raw = b''.join(b'\x00' + a[y].tobytes() for y in range(h))

    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)

    png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
    open(path, 'wb').write(png)


def reference(a, cfg):
    x, y, w, h = fit_rect(a.shape[1], a.shape[0], cfg['fit'])
    t = torch.from_numpy(a[y:y + h, x:x + w].astype(np.float64)).permute(2, 0, 1).unsqueeze(0)
    size = (cfg['height'], cfg['width'])
    t = F.interpolate(t, size=size, mode='area') if cfg['resize'] == 'area' else F.interpolate(t, size=size, mode='bilinear', align_corners=False, antialias=False)
    t = t[0] * (cfg['scale'] / 255.0)
    t = (t - torch.tensor(cfg['mean'], dtype=torch.float64)[:, None, None]) / torch.tensor(cfg['std'], dtype=torch.float64)[:, None, None]
    if cfg['layout'] == 'NHWC':
        t = t.permute(1, 2, 0)
    return t.contiguous().numpy().ravel()


def main():
    os.makedirs(OUT, exist_ok=True)
    a = make_image()
    png = os.path.join(OUT, 'preprocess-fixture.png')
    write_png(png, a)
    assert (np.asarray(Image.open(png).convert('RGB')) == a).all()
    card = json.load(open(os.path.join(HERE, 'model.json')))['input']
    configs = {
        'whole-image-card': card,
        'area-squash-nhwc-down': {'name': 'x', 'width': 61, 'height': 40, 'layout': 'NHWC', 'scale': 255, 'mean': [120.5, 110, 100], 'std': [58, 57, 59], 'resize': 'area', 'fit': 'squash'},
        'bilinear-crop-nchw-up': {'name': 'x', 'width': 128, 'height': 128, 'layout': 'NCHW', 'scale': 1, 'mean': [0.485, 0.456, 0.406], 'std': [0.229, 0.224, 0.225], 'resize': 'bilinear', 'fit': 'center-crop'},
        'bilinear-squash-nchw-down': {'name': 'x', 'width': 37, 'height': 29, 'layout': 'NCHW', 'scale': 1, 'mean': [0.5, 0.5, 0.5], 'std': [0.5, 0.5, 0.5], 'resize': 'bilinear', 'fit': 'squash'},
    }
    out = {'fixture': 'preprocess-fixture.png', 'width': a.shape[1], 'height': a.shape[0], 'cases': {}}
    rng = np.random.default_rng(3)
    for name, cfg in configs.items():
        v = reference(a, cfg)
        if name == 'whole-image-card':
            train = preprocess(Image.fromarray(a), size=cfg['width'], fit=cfg['fit']).numpy().ravel()
            assert np.abs(train - v).max() < 1e-5, 'training preprocessing drifted from the reference'
        idx = sorted(set(rng.integers(0, v.size, 64).tolist()) | {0, v.size - 1})
        out['cases'][name] = {'input': cfg, 'length': int(v.size), 'sum': float(v.sum()), 'sumSq': float((v ** 2).sum()),
                              'indices': idx, 'values': [float(v[i]) for i in idx]}
    json.dump(out, open(os.path.join(OUT, 'preprocess-golden.json'), 'w'), indent=1)
    print(f'wrote {png} ({os.path.getsize(png)} bytes) and preprocess-golden.json')


if __name__ == '__main__':
    main()
