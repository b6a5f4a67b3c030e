"""Step 2 of the face model: leave-one-source-out over the faces-* folders, calibration on the
out-of-fold scores of real faces, and the final head (models/whole-image/train.py's logistic head
and metrics, on face-crop features from face_features.py).

LOSO: for each faces-* folder f, a head trained on the other face folders scores f's crops (stored
and degraded views). Thresholds: per real folder the (1 - rate) quantile of its OOF real scores
(all views), maximised over folders. L2 is fixed a priori (the value the whole-image model chose on
other folders), not tuned on these folds. Writes work/face-head.pt and metrics.json."""
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'whole-image'))
from train import LEVELS, UNCERTAIN, fit_logreg, folder_table, predict, sample_weights, thresholds_from_reals  # noqa: E402

WORK = os.path.join(HERE, 'work')
L2 = 0.1


def main():
    torch.set_num_threads(2)
    z = np.load(os.path.join(WORK, 'face-features.npz'))
    meta = json.load(open(os.path.join(WORK, 'face-items.json')))
    items, nv = meta['items'], meta['views']
    feats, found = z['feats'], z['found']
    folders_all = np.array([it['folder'] for it in items])
    labels_all = np.array([it['label'] for it in items])
    # Detector recall: share of images (per folder, label, view) where a face was found and scored.
    recall = {f: {('real', 'fake')[l]: {('stored', 'degraded')[min(v, 1)]: float(found[(folders_all == f) & (labels_all == l), v].mean())
                                          for v in range(nv)}
                  for l in (0, 1) if ((folders_all == f) & (labels_all == l)).any()} for f in sorted(set(folders_all))}
    ii, vv = np.nonzero(found)
    X = feats[ii, vv].astype(np.float64)
    y = labels_all[ii].astype(np.float64)
    fol = folders_all[ii]
    content = np.array(['face'] * len(ii))
    folders = sorted(set(fol))
    oof = np.full(len(ii), np.nan)
    for f in folders:
        tr = fol != f
        head = fit_logreg(X[tr], y[tr], sample_weights(y[tr], content[tr]), L2)
        oof[~tr] = predict(head, X[~tr])
        torch.save({k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in head.items()}, os.path.join(WORK, f'fold-{f}.pt'))
        print(f'fold {f}: trained on {tr.sum()} crops', flush=True)
    reals = {f: oof[(fol == f) & (y == 0)] for f in folders if ((fol == f) & (y == 0)).any()}
    th = {'likely': thresholds_from_reals(reals, LEVELS), 'uncertain': thresholds_from_reals(reals, UNCERTAIN)}
    for k in LEVELS:  # uncertain never above likely
        th['uncertain'][k] = min(th['uncertain'][k], th['likely'][k])
    tables = {}
    for name, vm in (('stored', vv == 0), ('degraded', vv > 0)):
        tables[name] = folder_table(oof[vm], y[vm].astype(int), fol[vm], th['likely'])
    head = fit_logreg(X, y, sample_weights(y, content), L2)
    torch.save({k: torch.tensor(v) if isinstance(v, np.ndarray) else v for k, v in head.items()}, os.path.join(WORK, 'face-head.pt'))
    metrics = {
        'protocol': 'leave-one-source-out over the faces-* folders of shared/data/train; each crop scored by a head that never saw its folder',
        'l2': L2, 'views': nv, 'thresholds': th, 'detector_recall': recall, 'tables': tables,
        'n_crops': int(len(ii)), 'n_images': len(items),
    }
    json.dump(metrics, open(os.path.join(HERE, 'metrics.json'), 'w'), indent=1)
    for name, t in tables.items():
        print(f'--- {name}')
        for f, r in t.items():
            print(f"{f:24s} real {r['n_real']:5d} fake {r['n_fake']:5d} auc {r['auc'] if r['auc'] is None else round(r['auc'], 3)} "
                  f"tpr@1/2/5 {[None if r[k] is None else round(r[k], 3) for k in ('tpr@fpr1', 'tpr@fpr2', 'tpr@fpr5')]} "
                  f"fpr/tpr c {r['conservative_fpr']}/{r['conservative_tpr']} b {r['balanced_fpr']}/{r['balanced_tpr']} a {r['aggressive_fpr']}/{r['aggressive_tpr']}")
    print(json.dumps({'thresholds': th, 'detector_recall': recall}, indent=1))


if __name__ == '__main__':
    main()
