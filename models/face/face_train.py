"""Step 2 of the face model: leave-one-source-out over the faces-* folders, calibration on the
out-of-fold scores of real faces, and the final head (models/whole-image/train.py's logistic head
and metrics, on face-crop features from face_features.py).

LOSO: for each faces-* folder f, a head trained on the other face folders scores f's crops (stored
and degraded views). L2 is fixed a priori (the value the whole-image model chose on other folders),
not tuned on these folds.

Calibration (`thresholds_every_group`): the held-out real crops are split into groups, one per real
folder × view (stored, degraded). For each rate r (likely: 1% / 2% / 5%, uncertain: 5% / 10% / 20%)
each group gets the lowest threshold that flags at most floor(r × n) of its n crops (score >= t),
placed midway between the last unflagged and the first flagged score; the shipped threshold is the
maximum over groups, so no folder and no view exceeds the target on held-out reals. uncertain is
then capped at likely.

--compare: the same LOSO (same crops, same folds) for every crop size with features in work/ and
every backbone depth of face_net.STAGES; per-folder AUCs go to metrics.json 'variants' so the
card shows why the shipped size/depth were chosen. The shipped one is face_net.SIZE / STAGE
(or --size / --stage). Writes work/face-head.pt, work/fold-<folder>.pt and metrics.json."""
import argparse
import glob
import json
import math
import os
import re
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'whole-image'))
from face_net import SIZE, STAGE, STAGES, feature_columns  # noqa: E402
from train import LEVELS, UNCERTAIN, auc, fit_logreg, folder_table, predict, sample_weights  # noqa: E402

WORK = os.path.join(HERE, 'work')
L2 = 0.1
VIEWS = ('stored', 'degraded')


def group_threshold(scores, rate):
    """Lowest threshold with mean(scores >= t) <= rate, midway between neighbouring scores."""
    s = np.sort(np.asarray(scores, np.float64))
    n = len(s)
    m = int(math.floor(rate * n + 1e-9))  # crops allowed at or above t
    if m >= n:
        return float(s[0])
    lo = s[n - m - 1]  # highest score that must stay below t
    hi = s[n - m] if m > 0 else min(1.0, lo + 1e-3)
    t = (lo + hi) / 2 if hi > lo else float(np.nextafter(lo, np.inf))
    assert (s >= t).sum() <= m
    return float(t)


def thresholds_every_group(groups, rates):
    """groups: {name: real scores}. Per rate: the max over groups of group_threshold, and which group set it."""
    out, by = {}, {}
    for k, r in rates.items():
        per = {g: group_threshold(s, r) for g, s in groups.items()}
        by[k] = max(per, key=per.get)
        out[k] = per[by[k]]
    return out, by


def load(size, stage):
    z = np.load(os.path.join(WORK, f'face-features-{size}.npz'))
    meta = json.load(open(os.path.join(WORK, 'face-items.json')))
    items, nv = meta['items'], meta['views']
    feats, found = z['feats'][:, :, feature_columns(stage)], z['found']
    folders_all = np.array([it['folder'] for it in items])
    labels_all = np.array([it['label'] for it in items])
    ii, vv = np.nonzero(found)
    return dict(items=items, nv=nv, found=found, folders_all=folders_all, labels_all=labels_all, ii=ii, vv=vv,
                X=feats[ii, vv].astype(np.float64), y=labels_all[ii].astype(np.float64), fol=folders_all[ii])


def loso(d, save_prefix=None):
    X, y, fol = d['X'], d['y'], d['fol']
    content = np.array(['face'] * len(y))
    oof = np.full(len(y), np.nan)
    for f in sorted(set(fol)):
        tr = fol != f
        head = fit_logreg(X[tr], y[tr], sample_weights(y[tr], content[tr]), L2)
        oof[~tr] = predict(head, X[~tr])
        if save_prefix:
            torch.save({k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in head.items()}, os.path.join(WORK, f'{save_prefix}{f}.pt'))
        print(f'  fold {f}: trained on {tr.sum()} crops', flush=True)
    return oof


def auc_by_folder(d, oof):
    """Within-folder AUC (own reals) per folder and view; a fake-only folder against all OOF reals of that view."""
    y, fol, vv = d['y'], d['fol'], d['vv']
    out = {}
    for name, vm in zip(VIEWS, (vv == 0, vv > 0)):
        r = {}
        for f in sorted(set(fol)):
            pos, neg = oof[vm & (fol == f) & (y == 1)], oof[vm & (fol == f) & (y == 0)]
            r[f] = auc(pos, neg if len(neg) else oof[vm & (y == 0)])
        paired = [v for f, v in r.items() if ((fol == f) & (y == 0)).any()]
        r['MEAN_PAIRED'] = float(np.mean(paired))
        out[name] = r
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', type=int, default=SIZE)
    ap.add_argument('--stage', default=STAGE, choices=sorted(STAGES))
    ap.add_argument('--compare', action='store_true', help='LOSO AUC of every size (features in work/) x depth')
    args = ap.parse_args()
    torch.set_num_threads(2)
    variants = {}
    if args.compare:
        sizes = sorted(int(re.search(r'(\d+)\.npz$', p).group(1)) for p in glob.glob(os.path.join(WORK, 'face-features-*.npz')))
        for size in sizes:
            for stage in STAGES:
                print(f'variant {stage}@{size}', flush=True)
                dv = load(size, stage)
                variants[f'{stage}@{size}'] = {'size': size, 'stage': stage, 'n_features': int(dv['X'].shape[1]),
                                               'auc': auc_by_folder(dv, loso(dv))}
    d = load(args.size, args.stage)
    nv, found, folders_all, labels_all = d['nv'], d['found'], d['folders_all'], d['labels_all']
    X, y, fol, vv = d['X'], d['y'], d['fol'], d['vv']
    # Detector recall: share of images (per folder, label, view) where a face was found and scored.
    recall = {f: {('real', 'fake')[l]: {VIEWS[min(v, 1)]: float(found[(folders_all == f) & (labels_all == l), v].mean())
                                          for v in range(nv)}
                  for l in (0, 1) if ((folders_all == f) & (labels_all == l)).any()} for f in sorted(set(folders_all))}
    print(f'shipped variant {args.stage}@{args.size}', flush=True)
    oof = loso(d, save_prefix='fold-')
    groups = {f'{f}/{name}': oof[(fol == f) & (y == 0) & vm]
              for f in sorted(set(fol)) for name, vm in zip(VIEWS, (vv == 0, vv > 0)) if ((fol == f) & (y == 0) & vm).any()}
    likely, likely_by = thresholds_every_group(groups, LEVELS)
    uncertain, uncertain_by = thresholds_every_group(groups, UNCERTAIN)
    for k in LEVELS:  # uncertain never above likely
        uncertain[k] = min(uncertain[k], likely[k])
    th = {'likely': likely, 'uncertain': uncertain}
    tables = {}
    for name, vm in zip(VIEWS, (vv == 0, vv > 0)):
        tables[name] = folder_table(oof[vm], y[vm].astype(int), fol[vm], th['likely'])
    head = fit_logreg(X, y, sample_weights(y, np.array(['face'] * len(y))), L2)
    torch.save({k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in head.items()}, os.path.join(WORK, 'face-head.pt'))
    metrics = {
        'protocol': 'leave-one-source-out over the faces-* folders of shared/data/train; each crop scored by a head that never saw its folder',
        'size': args.size, 'stage': args.stage, 'n_features': int(X.shape[1]),
        'l2': L2, 'views': nv, 'thresholds': th,
        'calibration': {'rule': 'per rate: max over real folder x view groups of the lowest threshold flagging at most floor(rate*n) held-out real crops; uncertain capped at likely',
                        'groups': {g: int(len(s)) for g, s in groups.items()},
                        'set_by': {'likely': likely_by, 'uncertain': uncertain_by}},
        'detector_recall': recall, 'tables': tables,
        'n_crops': int(len(y)), 'n_images': len(d['items']),
    }
    if variants:
        metrics['variants'] = variants
    elif os.path.exists(os.path.join(HERE, 'metrics.json')):  # keep the last comparison
        old = json.load(open(os.path.join(HERE, 'metrics.json')))
        if 'variants' in old:
            metrics['variants'] = old['variants']
    json.dump(metrics, open(os.path.join(HERE, 'metrics.json'), 'w'), indent=1)
    for name, t in tables.items():
        print(f'--- {name}')
        for f, r in t.items():
            print(f"{f:24s} real {r['n_real']:5d} fake {r['n_fake']:5d} auc {r['auc'] if r['auc'] is None else round(r['auc'], 3)} "
                  f"tpr@1/2/5 {[None if r[k] is None else round(r[k], 3) for k in ('tpr@fpr1', 'tpr@fpr2', 'tpr@fpr5')]} "
                  f"fpr/tpr c {r['conservative_fpr']}/{r['conservative_tpr']} b {r['balanced_fpr']}/{r['balanced_tpr']} a {r['aggressive_fpr']}/{r['aggressive_tpr']}")
    for v, r in variants.items():
        print(v, {name: {f: round(a, 3) for f, a in t.items()} for name, t in r['auc'].items()})
    print(json.dumps({'thresholds': th, 'set_by': metrics['calibration']['set_by'], 'detector_recall': recall}, indent=1))


if __name__ == '__main__':
    main()
