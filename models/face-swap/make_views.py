"""Plan B of the face-swap model (frozen features, learned head): many training views at once.

For every training face (crops-train.npz): --views real views and as many fakes made from it
(self-blends, and swaps with a similar-pose person at share --pair), each degraded alike
(fakes.degrade_view) and area-resized to the model input as the engine does; then the frozen
face-model features of each (models/face/face_net.FaceFeatureNet, the shipped stage) — and of the
evaluation crops (engine_crops.py). Writes work/views-features.npz and work/eval-features.npz."""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [HERE, os.path.join(HERE, '..', 'face')]
from face_net import STAGE, FaceFeatureNet  # noqa: E402
from finetune import Faces, to_input  # noqa: E402

WORK = os.path.join(HERE, 'work')


def features(net, crops, batch=128):
    out = []
    with torch.no_grad():
        for i in range(0, len(crops), batch):
            out.append(net(to_input(crops[i:i + batch])).numpy())
    return np.concatenate(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--views', type=int, default=4)
    ap.add_argument('--pair', type=float, default=0.4)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--eval', nargs='*', default=['engine-crops.npz'])
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(args.seed)
    net = FaceFeatureNet(STAGE).eval()
    faces = Faces(os.path.join(WORK, 'crops-train.npz'), rng)
    t0 = time.time()
    crops, label, face, kind = [], [], [], []
    for v in range(args.views):
        for i in range(len(faces)):
            pair = rng.random() < args.pair
            r, f = faces.pair(i, 1.0 if pair else 0.0)
            crops += [r, f]
            label += [0, 1]
            face += [i, i]
            kind += ['real', 'pair' if pair else 'sbi']
    print(f'{len(crops)} views made, {time.time() - t0:.0f}s', flush=True)
    feats = features(net, crops)
    np.savez(os.path.join(WORK, 'views-features.npz'), feats=feats, label=np.array(label), face=np.array(face), kind=np.array(kind),
             src=faces.paths[np.array(face)])
    print(f'train features {feats.shape}, {time.time() - t0:.0f}s', flush=True)
    for name in args.eval:
        e = np.load(os.path.join(WORK, name))
        f = features(net, list(e['crops']))
        np.savez(os.path.join(WORK, name.replace('.npz', '-features.npz')), feats=f, meta=e['meta'])
        print(f'{name}: features {f.shape}, {time.time() - t0:.0f}s', flush=True)


if __name__ == '__main__':
    main()
