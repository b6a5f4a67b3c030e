"""Figures for the face-swap card from one scores file per model (score_onnx.mjs over the engine's
crops, engine_crops.py): AUC per source and view, swap clips frame by frame and clip by clip, and
what the thresholds flag. Also the calibration rule (every real folder x view within target).

Usage: python3 evaluate.py SCORES.json [SCORES_VIDEO.json] [--thresholds model.json] [--calibrate OUT.json]"""
import argparse
import json
import math
import os

import sys

import numpy as np
from sklearn.metrics import roc_auc_score

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'face'))
from face_train import thresholds_every_group  # noqa: E402
WORK = os.path.join(HERE, 'work')
FOLDERS = ('faces-ffhq-stylegan', 'faces-unsplash-tpdne', 'faces-photoshop', 'faces-sd21')
SWAPS = {'sber-swap': ('orig', ('elon', 'khabenskii', 'mark')), 'roop': ('roop-target', ('roop-snapshot',))}
UNSWAPPED = ('orig', 'dance', 'dirtydancing', 'nggyup', 'roop-target')
RATES = {'likely': {'conservative': 0.01, 'balanced': 0.02, 'aggressive': 0.05},
         'uncertain': {'conservative': 0.05, 'balanced': 0.10, 'aggressive': 0.20}}
SENS = ('conservative', 'balanced', 'aggressive')


def sigmoid(x):
    return 1 / (1 + np.exp(-np.asarray(x, np.float64)))


def load(scores_path, crops='engine-crops.npz'):
    meta = json.loads(str(np.load(os.path.join(WORK, crops))['meta']))
    s = sigmoid(json.load(open(scores_path)))
    assert len(s) == len(meta), (len(s), len(meta))
    for m, v in zip(meta, s):
        m['score'] = float(v)
    return [m for m in meta if m['face']]


def calibrate(groups):
    """The face model's rule (face_train.thresholds_every_group): per rate, the max over real groups
    of each group's lowest threshold; uncertain capped at likely."""
    th = {lvl: thresholds_every_group(groups, r)[0] for lvl, r in RATES.items()}
    for sen in SENS:
        th['uncertain'][sen] = min(th['uncertain'][sen], th['likely'][sen])
    return th


def report(items, th):
    out = {'folders': {}, 'clips': {}, 'pairs': {}}
    views = sorted({m['view'] for m in items if not m['set'].startswith('clip:')})
    for f in FOLDERS:
        for v in views:
            sel = [m for m in items if m['set'] == f and m['view'] == v]
            real = [m['score'] for m in sel if m['label'] == 0]
            fake = [m['score'] for m in sel if m['label'] == 1]
            ref = real or [m['score'] for m in items if m['label'] == 0 and m['view'] == v and m['set'] in FOLDERS]
            auc = roc_auc_score([0] * len(ref) + [1] * len(fake), ref + fake) if fake else None
            row = {'real': len(real), 'fake': len(fake), 'auc': auc}
            for sen in SENS:
                t = th['likely'][sen]
                row[sen] = {'fpr': float(np.mean(np.array(real) >= t)) if real else None, 'tpr': float(np.mean(np.array(fake) >= t)) if fake else None}
            out['folders'][f'{f}/{v}'] = row
    for clip in sorted({m['set'][5:] for m in items if m['set'].startswith('clip:')}):
        sc = np.array([m['score'] for m in items if m['set'] == f'clip:{clip}'])
        lab = next(m['label'] for m in items if m['set'] == f'clip:{clip}')
        row = {'swapped': bool(lab), 'frames': int(len(sc)), 'median': float(np.median(sc))}
        for sen in SENS:
            n = int((sc >= th['likely'][sen]).sum())
            k = max(2, math.ceil(len(sc) / 3)) if len(sc) > 1 else 1  # the clip rule: k of n frames
            row[sen] = {'flaggedFrames': n, 'clipFlagged': n >= k}
        out['clips'][clip] = row
    for name, (orig, swaps) in SWAPS.items():
        o = [m['score'] for m in items if m['set'] == f'clip:{orig}']
        s = [m['score'] for m in items if m['set'] in {f'clip:{x}' for x in swaps}]
        if o and s:
            out['pairs'][name] = roc_auc_score([0] * len(o) + [1] * len(s), o + s)
    sw = [m['score'] for m in items if m['set'].startswith('clip:') and m['label'] == 1]
    un = [m['score'] for m in items if m['set'][5:] in UNSWAPPED]
    out['pairs']['all swapped vs all unswapped frames'] = roc_auc_score([0] * len(un) + [1] * len(sw), un + sw)
    for sen in SENS:
        t = th['likely'][sen]
        out.setdefault('summary', {})[sen] = {
            'swappedFramesFlagged': float(np.mean(np.array(sw) >= t)),
            'unswappedFramesFlagged': float(np.mean(np.array(un) >= t)),
            'swappedClipsFlagged': sum(r[sen]['clipFlagged'] for r in out['clips'].values() if r['swapped']),
            'unswappedClipsFlagged': sum(r[sen]['clipFlagged'] for r in out['clips'].values() if not r['swapped']),
        }
    return out


def run(scores, video_scores=None, thresholds=None):
    """The report of one scores file (and its video-view file): thresholds from the given model.json,
    else calibrated on the real folder x view groups. Returns (report, the real groups' sizes)."""
    items = load(scores)
    if video_scores:
        items += load(video_scores, 'engine-crops-video.npz')
    real_groups = {}
    for m in items:
        if m['label'] == 0 and m['set'] in FOLDERS:
            real_groups.setdefault(f"{m['set']}/{m['view']}", []).append(m['score'])
    th = json.load(open(thresholds))['thresholds'] if thresholds else calibrate(real_groups)
    r = report(items, th)
    r['thresholds'] = th
    return r, {k: len(v) for k, v in real_groups.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('scores')
    ap.add_argument('video_scores', nargs='?')
    ap.add_argument('--thresholds', help='a model.json whose thresholds to apply')
    ap.add_argument('--calibrate', help='write thresholds fitted on real folder x view groups to this file')
    args = ap.parse_args()
    r, groups = run(args.scores, args.video_scores, args.thresholds)
    if args.calibrate:
        json.dump({'thresholds': r['thresholds'], 'groups': groups}, open(args.calibrate, 'w'), indent=1)
    print(json.dumps(r, indent=1))


if __name__ == '__main__':
    main()
