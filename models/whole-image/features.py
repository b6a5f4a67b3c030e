"""Step 1: list and deduplicate ../shared/data/train, then extract frozen nsfwjs-MobileNetV2
features for each image: view 0 = the image as stored, views 1..N = degraded alike (common.degrade).
Writes work/features.npz + work/items.json (never committed: derived from third-party data)."""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from backbone import KerasGraph  # noqa: E402
from common import MEAN_TAPS, STD_TAPS, WORK, DEFAULT_DATA, dedupe, degrade, list_images, load_rgb, preprocess, seeded_rng, smoothness_bytes  # noqa: E402


class FeatureNet(torch.nn.Module):
    """Backbone + pooled multi-stage features (the same graph is exported to ONNX with the head)."""

    def __init__(self):
        super().__init__()
        self.g = KerasGraph(last='out_relu')
        self.taps = tuple(dict.fromkeys(MEAN_TAPS + STD_TAPS))

    def forward(self, x):
        outs = dict(zip(self.taps, self.g(x, taps=self.taps)))
        feats = [outs[t].mean(dim=(2, 3)) for t in MEAN_TAPS]
        for t in STD_TAPS:
            m = outs[t].mean(dim=(2, 3), keepdim=True)
            feats.append(torch.sqrt(((outs[t] - m) ** 2).mean(dim=(2, 3)) + 1e-6))
        return torch.cat(feats, dim=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=DEFAULT_DATA)
    ap.add_argument('--views', type=int, default=3, help='degraded views per image (plus the stored view)')
    ap.add_argument('--limit', type=int, default=0, help='debug: images per folder/label')
    ap.add_argument('--threads', type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(WORK, exist_ok=True)
    items = list_images(args.data)
    if args.limit:
        cnt, sub = {}, []
        for it in items:
            k = (it['folder'], it['label'])
            cnt[k] = cnt.get(k, 0) + 1
            if cnt[k] <= args.limit:
                sub.append(it)
        items = sub
    t0 = time.time()
    items, dropped = dedupe(items)
    print(f'{len(items)} images kept, {len(dropped)} duplicates dropped ({time.time() - t0:.0f}s)', flush=True)
    net = FeatureNet().eval()
    nv = 1 + args.views
    feats, smooth = None, np.zeros(len(items), np.float32)
    batch, idx = [], []

    def flush():
        nonlocal feats
        with torch.no_grad():
            f = net(torch.stack(batch)).numpy()
        if feats is None:
            feats = np.zeros((len(items), nv, f.shape[1]), np.float32)
        for (i, v), row in zip(idx, f):
            feats[i, v] = row
        batch.clear()
        idx.clear()

    t0 = time.time()
    for i, it in enumerate(items):
        im = load_rgb(it['path'])
        smooth[i] = smoothness_bytes(im)
        for v in range(nv):
            x = im if v == 0 else degrade(im, seeded_rng(it['path'], v))
            batch.append(preprocess(x))
            idx.append((i, v))
        if len(batch) >= 64:
            flush()
        if i % 200 == 0:
            print(f'{i}/{len(items)} {time.time() - t0:.0f}s', flush=True)
    if batch:
        flush()
    np.savez(os.path.join(WORK, 'features.npz'), feats=feats, smooth=smooth)
    for it in items:
        it.pop('dhash', None)
    json.dump({'items': items, 'dropped': [{'path': d['path'], 'folder': d['folder']} for d in dropped], 'views': nv,
               'data': os.path.abspath(args.data)}, open(os.path.join(WORK, 'items.json'), 'w'))
    print(f'features {feats.shape} in {time.time() - t0:.0f}s', flush=True)


if __name__ == '__main__':
    main()
