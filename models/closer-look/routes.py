"""Thresholds per content, routed by the face detector (research, issue 16): does calibrating
portraits against real portraits and scenes against real scenes flag more AI pictures with every real
source still within target?

  detect  BlazeFace as the engine runs it (models/face/face_features.detect: the engine's decoding and
          crop rule) on the stored view and degraded view 1 of every train/ and union picture; per
          view, the largest face crop's side over the picture's shorter side (0 without a face)
          -> work/closer-look/face-share.npz
  eval    the closer look's leave-one-source-out scores (closer.py fit) routed by that share:
          a picture is a portrait when share >= S. Per route, thresholds so that every (real source,
          route) cell of at least MIN_CELL views stays within 1 / 2 / 5 %; smaller cells of a route
          are held together as one cell. -> routes.json and a table per S
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path[:0] = [HERE, os.path.join(ROOT, 'models', 'face'), os.path.join(ROOT, 'models', 'whole-image'), os.path.join(ROOT, 'models', 'face-detector')]
from closer import WORK  # noqa: E402
from common import WORK as WI_WORK, degrade, load_rgb, seeded_rng  # noqa: E402
from train import LEVELS, thresholds_from_reals  # noqa: E402

MIN_CELL = 50
SHARES = (0.3, 0.5, 0.7)


def items():
    return json.load(open(os.path.join(WI_WORK, 'items.json')))['items'] + json.load(open(os.path.join(WI_WORK, 'union', 'items.json')))['items']


def detect(args):
    from blazeface import BlazeFace
    from face_features import DET_CARD, anchors, detect as detect_faces
    torch.set_num_threads(args.threads)
    cfg = json.load(open(DET_CARD))
    anc, det = anchors(cfg), BlazeFace().eval()
    its = items()
    share = np.zeros((len(its), 2), np.float32)
    for i, it in enumerate(its):
        im = load_rgb(it['path'])
        for v in (0, 1):
            x = im if v == 0 else degrade(im, seeded_rng(it['path'], 1))
            faces = detect_faces(det, cfg, anc, x)
            share[i, v] = max((w for _, (_, _, w, _) in faces), default=0) / min(x.size)
        if i % 500 == 0:
            print(f'{i}/{len(its)}', flush=True)
    np.savez(os.path.join(WORK, 'face-share.npz'), share=share)


def evaluate(args):
    its = items()
    labels = np.array([it['label'] for it in its])
    folders = np.array([it['folder'] for it in its])
    oof = np.load(os.path.join(WORK, 'oof.npz'))['oof']
    share = np.load(os.path.join(WORK, 'face-share.npz'))['share']
    n = len(its)
    flat_z, flat_lab, flat_fol, flat_share = oof.ravel(), np.repeat(labels, 2), np.repeat(folders, 2), share.ravel()
    view0 = np.tile([True, False], n)
    out = {'minCell': MIN_CELL, 'rows': {}}
    print(f'| portrait when the largest face crop spans ≥ | portraits among AI / real views | ' + ' | '.join(f'AI flagged at {k} (stored)' for k in LEVELS) + ' | real sources over target (stored + degraded) |')
    print('|---|---|' + '---:|' * len(LEVELS) + '---|')
    for s in (0.0,) + SHARES:  # 0.0: one route for everything (the card's rule today)
        route = flat_share >= s if s > 0 else np.zeros_like(flat_share, bool)
        flagged, over = {}, set()
        for lvl, rate in LEVELS.items():
            hit = np.zeros(len(flat_z), bool)
            for r in (False, True):
                in_r = route == r
                cells, small = [], []
                for f in sorted(set(flat_fol[flat_lab == 0])):
                    c = np.where(in_r & (flat_lab == 0) & (flat_fol == f))[0]
                    (cells if len(c) >= MIN_CELL else small).append(c)
                small = np.concatenate(small) if small else np.array([], int)
                if len(small):
                    cells.append(small)
                cells = [c for c in cells if len(c)]
                if not cells:
                    continue
                th = thresholds_from_reals({i: flat_z[c] for i, c in enumerate(cells)}, {lvl: rate})[lvl]
                hit |= in_r & (flat_z >= th)
            flagged[lvl] = float(hit[(flat_lab == 1) & view0].mean())
            # What a person sees per real source, both views, whatever the route.
            for f in sorted(set(flat_fol[flat_lab == 0])):
                m = (flat_lab == 0) & (flat_fol == f)
                if hit[m].mean() > rate + 1e-9:
                    over.add(f'{f} ({lvl}: {100 * hit[m].mean():.1f} %)')
        key = 'one route' if s == 0 else f'share >= {s}'
        out['rows'][key] = {'aiFlaggedStored': flagged, 'portraitShareAi': float(route[flat_lab == 1].mean()), 'portraitShareReal': float(route[flat_lab == 0].mean()), 'realOverTarget': sorted(over)}
        print(f"| {'– (one route)' if s == 0 else s} | {100 * route[flat_lab == 1].mean():.0f} % / {100 * route[flat_lab == 0].mean():.0f} % | "
              + ' | '.join(f'{100 * v:.1f} %' for v in flagged.values()) + f" | {', '.join(sorted(over)) or 'none'} |")
    json.dump(out, open(os.path.join(HERE, 'routes.json'), 'w'), indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['detect', 'eval'])
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    {'detect': detect, 'eval': evaluate}[args.step](args)


if __name__ == '__main__':
    main()
