"""Plan B, step 2: the face model's head on frozen features (make_views.py), trained on real faces
and the fakes made from them, optionally with the labelled face folders of ../shared/data/train.

--folders adds the faces-* folders (engine crops, stored + degraded views): each folder is then
scored by a head that never saw it (leave-one-source-out), the swap clips and any other crop by
the head trained on everything. Without --folders, no evaluation folder is ever trained on.
Logistic regression on standardised features, L2 C (the face model's choice), classes balanced.

Writes work/<run>/scores-<crops>.json: one logit per engine crop, in engine-crops.npz order (and
the same for the video view when its features exist), for evaluate.py."""
import argparse
import json
import os

import numpy as np
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
FOLDERS = ('faces-ffhq-stylegan', 'faces-unsplash-tpdne', 'faces-photoshop', 'faces-sd21')


def fit(X, y, C):
    mu, sd = X.mean(0), X.std(0) + 1e-6
    w = np.where(y == 1, 0.5 / max(1, (y == 1).sum()), 0.5 / max(1, (y == 0).sum())) * len(y)
    clf = LogisticRegression(C=C, max_iter=3000).fit((X - mu) / sd, y, sample_weight=w)
    return {'mu': mu, 'sd': sd, 'w': clf.coef_[0], 'b': float(clf.intercept_[0])}


def logit(h, X):
    return ((X - h['mu']) / h['sd']) @ h['w'] + h['b']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--run', required=True)
    ap.add_argument('--folders', action='store_true')
    ap.add_argument('--kinds', nargs='+', default=['sbi', 'pair'], help='which made fakes to train on')
    ap.add_argument('--C', type=float, default=0.1)
    args = ap.parse_args()
    out = os.path.join(WORK, args.run)
    os.makedirs(out, exist_ok=True)
    v = np.load(os.path.join(WORK, 'views-features.npz'))
    keep = (v['kind'] == 'real') | np.isin(v['kind'], args.kinds)
    Xv, yv = v['feats'][keep], v['label'][keep]
    evals = {}
    for name in ('engine-crops', 'engine-crops-video'):
        p = os.path.join(WORK, f'{name}-features.npz')
        if os.path.exists(p):
            e = np.load(p)
            evals[name] = (e['feats'], json.loads(str(e['meta'])))
    Xe, meta = evals['engine-crops']
    lab = np.array([m['label'] for m in meta])
    sets = np.array([m['set'] for m in meta])
    has = np.array([m['face'] for m in meta])
    in_folder = np.isin(sets, FOLDERS) & has

    def train_set(exclude=None):
        if not args.folders:
            return Xv, yv
        m = in_folder & (sets != exclude)
        return np.concatenate([Xv, Xe[m]]), np.concatenate([yv, lab[m]])

    full = fit(*train_set(), args.C)
    scores = {name: logit(full, X) for name, (X, _) in evals.items()}
    if args.folders:  # each folder (every view) scored by the head that never saw it
        for f in FOLDERS:
            h = fit(*train_set(exclude=f), args.C)
            for name, (X, m) in evals.items():
                sel = np.array([x['set'] == f for x in m])
                scores[name][sel] = logit(h, X[sel])
    for name, s in scores.items():
        json.dump([round(float(x), 5) for x in s], open(os.path.join(out, f'scores-{name}.json'), 'w'))
    json.dump(vars(args) | {'train': int(len(train_set()[1]))}, open(os.path.join(out, 'args.json'), 'w'))
    print(f'{args.run}: trained on {len(train_set()[1])} crops; scores written', flush=True)


if __name__ == '__main__':
    main()
