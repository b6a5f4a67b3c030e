"""Issue 16, a bigger frozen backbone: nsfwjs' InceptionV3 (MIT, 299² input, 22 M parameters) instead
of (or beside) the shipped MobileNetV2, with today's head recipe, on the union yardstick of union.py.

  extract  features of the stored view and degraded view 1 (common.degrade, the same seeds as
           features.py and union.py) of every train/ and union picture, 299² centre crop, area resize
           -> work/inception/{train,union}.npz (float16; resumable: saved every 256 pictures)
  eval     LOSO over the union, trained on the union, thresholds so every real folder (both views)
           stays within 1/2/5 %: MobileNetV2 features (1.1.0 recipe), InceptionV3 features, both
           concatenated -> research-inception.json and a table

Features (5440 numbers): the spatial mean of mixed0, mixed2, mixed5, mixed7 and mixed10 (every
stage, as MEAN_TAPS does for MobileNetV2) and the spatial spread of mixed0, mixed2 and mixed5. The
rows cut after mixed7 / mixed5 use the columns a shorter network would compute.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from backbone import INCEPTION_DIR, KerasGraph  # noqa: E402
from common import HERE, WORK, degrade, load_rgb, preprocess, seeded_rng  # noqa: E402

OUT = os.path.join(WORK, 'inception')
MEAN_TAPS = ('mixed0', 'mixed2', 'mixed5', 'mixed7', 'mixed10')
STD_TAPS = ('mixed0', 'mixed2', 'mixed5')
SIDE = 299
ROWS = ['mob', 'inc', 'inc7', 'inc5', 'both']  # the default run; 'inc2' on request


class InceptionFeatures(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.g = KerasGraph(INCEPTION_DIR, last='mixed10')
        self.taps = tuple(dict.fromkeys(MEAN_TAPS + STD_TAPS))

    def forward(self, x):
        outs = dict(zip(self.taps, self.g(x, taps=self.taps)))
        feats = [outs[t].mean(dim=(2, 3)) for t in MEAN_TAPS]
        feats += [outs[t].std(dim=(2, 3), unbiased=False) for t in STD_TAPS]
        return torch.cat(feats, dim=1)


def item_list(name):
    return json.load(open(os.path.join(WORK, 'items.json') if name == 'train' else os.path.join(WORK, 'union', 'items.json')))['items']


def extract(args):
    torch.set_num_threads(args.threads)
    os.makedirs(OUT, exist_ok=True)
    net = InceptionFeatures().eval()
    for name in [args.only] if args.only else ['train', 'union']:
        items = item_list(name)
        path = os.path.join(OUT, f'{name}.npz')
        feats, done = (np.load(path)['feats'], int(np.load(path)['done'])) if os.path.exists(path) else (None, 0)
        t0 = time.time()
        for i in range(done, len(items), 8):
            batch = []
            for it in items[i:i + 8]:
                im = load_rgb(it['path'])
                batch += [preprocess(im, SIDE), preprocess(degrade(im, seeded_rng(it['path'], 1)), SIDE)]
            with torch.inference_mode():
                f = net(torch.stack(batch)).numpy().reshape(len(batch) // 2, 2, -1)
            if feats is None:
                feats = np.zeros((len(items), 2, f.shape[2]), np.float16)
            feats[i:i + len(f)] = f
            done = i + len(f)
            if done % 256 < 8 or done == len(items):
                np.savez(path, feats=feats, done=done)
                print(f'{name}: {done}/{len(items)} {time.time() - t0:.0f}s', flush=True)


def evaluate(args):
    from hpcnn import print_pooled_rows, table_of
    from train import LEVELS, fit_logreg, predict, sample_weights, threshold_set_by
    items = item_list('train') + item_list('union')
    mob = np.concatenate([np.load(os.path.join(WORK, 'features.npz'))['feats'][:, :2],
                          np.load(os.path.join(WORK, 'union', 'features.npz'))['feats']])
    inc = (np.concatenate([np.load(os.path.join(OUT, f'{n}.npz'))['feats'] for n in ('train', 'union')]).astype(np.float32)
           if set(args.rows) - {'mob'} else mob)
    assert len(inc) == len(items) == len(mob)
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    contents = np.array([it['content'] for it in items])
    # Columns of the InceptionV3 vector: means of mixed0 | 2 | 5 | 7 | 10, then spreads of mixed0 | 2 | 5.
    until7 = np.r_[0:2080, 4128:5440]  # a network cut after mixed7: 9.0 M of its 21.8 M parameters
    until5 = np.r_[0:1312, 4128:5440]  # cut after mixed5: 5.1 M
    until2 = np.r_[0:544, 4128:4672]  # cut after mixed2: 1.0 M
    feats = {'mob': lambda: mob, 'inc': lambda: inc, 'inc7': lambda: inc[:, :, until7], 'inc5': lambda: inc[:, :, until5], 'inc2': lambda: inc[:, :, until2], 'both': lambda: np.concatenate([mob, inc], axis=2)}
    names = {'mob': 'MobileNetV2 features (1.1.0 recipe)', 'inc': 'InceptionV3 features', 'inc7': 'InceptionV3 cut after mixed7',
             'inc5': 'InceptionV3 cut after mixed5', 'inc2': 'InceptionV3 cut after mixed2', 'both': 'both, concatenated'}
    out, oofs = {}, {}
    for key in args.rows:
        X = feats[key]()
        name = names[key] + ('' if args.l2 == 0.1 else f', l2 {args.l2}') + ('' if args.weighting == 'content' else ', source-balanced') + ('' if args.real_weight == 1 else f', real photos weigh {args.real_weight}×')
        n, nv, d = X.shape
        oof = np.zeros((n, nv), np.float32)
        for f in sorted(set(folders)):
            tr = folders != f
            # content: each (content, label) cell weighs the same (train.py); source: each (folder, label) cell does
            groups = contents[tr] if args.weighting == 'content' else folders[tr]
            w = sample_weights(labels[tr], groups) * np.where(labels[tr] == 0, args.real_weight, 1.0)
            head = fit_logreg(X[tr].reshape(-1, d), np.repeat(labels[tr], nv).astype(np.float32), np.repeat(w / w.mean(), nv), args.l2)
            p = np.clip(predict(head, X[~tr].reshape(-1, d)).reshape(-1, nv), 1e-7, 1 - 1e-7)
            oof[~tr] = np.log(p / (1 - p))
        out[name] = table_of(oof, labels, folders)
        oofs[key] = oof
        out[name]['balanced_set_by'] = threshold_set_by({f: oof[(folders == f) & (labels == 0)].ravel() for f in set(folders[labels == 0])}, LEVELS['balanced'])
        print(f'{name}: pooled AUC stored {out[name]["stored"]["POOLED"]["auc"]:.3f}', flush=True)
    default = (args.l2, args.weighting, args.rows, args.real_weight) == (0.1, 'content', ROWS, 1.0)
    tag = '' if default else f"-{'+'.join(args.rows)}-l2{args.l2}-{args.weighting}" + ('' if args.real_weight == 1 else f'-real{args.real_weight}')
    json.dump({'protocol': 'LOSO over train/ folders plus the union.py sources, trained on the union; stored view + degraded view 1; '
               f'logistic head l2 {args.l2}, {args.weighting}-balanced weights; thresholds so every real folder (both views) stays within 1/2/5 %',
               'rows': out}, open(os.path.join(HERE, f'research-inception{tag}.json'), 'w'), indent=1)
    np.savez(os.path.join(OUT, f'oof{tag}.npz'), **oofs)

    def cell(key, name, f):  # AUC, then what a person sees at balanced on the stored view: AI flagged / real photos flagged
        m, th = (folders == f) if f != 'POOLED' else np.ones(len(folders), bool), out[name]['thresholds']['balanced']
        shares = ['–' if not (m & (labels == lab)).any() else f'{100 * (oofs[key][m & (labels == lab), 0] >= th).mean():.1f} %' for lab in (1, 0)]
        return f"{out[name]['stored'][f]['auc']:.3f} ({shares[0]} / {shares[1]})"

    names = list(out)
    print('| folder (held out): AUC (flagged at balanced, AI / real) | ' + ' | '.join(names) + ' |')
    print('|---|' + '---:|' * len(names))
    for f in sorted(set(folders)) + ['POOLED']:
        print(f'| {f} | ' + ' | '.join(cell(key, k, f) for key, k in zip(args.rows, names)) + ' |')
    print('| real folder that sets the balanced threshold | ' + ' | '.join(out[k]['balanced_set_by'] for k in names) + ' |')
    # A what-if, not the product: thresholds per content (faces / scenes), each from the real folders of that content.
    # It needs the content known at run time (e.g. from the face detector), which these folder labels stand in for.
    for lvl, rate in LEVELS.items():
        cells = []
        for key in args.rows:
            z, hit = oofs[key], 0
            for c in ('face', 'scene'):
                th = max(np.quantile(z[(folders == f) & (labels == 0)].ravel(), 1 - rate, method='higher') for f in set(folders[(labels == 0) & (contents == c)]))
                hit += int((z[(labels == 1) & (contents == c), 0] >= th).sum())
            cells.append(f'{hit / (labels == 1).sum():.3f}')
        print(f'| what-if: AI flagged at {lvl}, thresholds per content (stored) | ' + ' | '.join(cells) + ' |')
    print_pooled_rows(out, extra=[('pooled AUC, degraded view', lambda r: r['degraded']['POOLED']['auc'])], pad='| ')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['extract', 'eval'])
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--only', choices=['train', 'union'])
    ap.add_argument('--l2', type=float, default=0.1)
    ap.add_argument('--weighting', choices=['content', 'source'], default='content')
    ap.add_argument('--real-weight', type=float, default=1.0, help="real photos' weight against AI pictures (the low-FPR end is what the thresholds see)")
    ap.add_argument('--rows', nargs='+', choices=ROWS + ['inc2'], default=ROWS)
    args = ap.parse_args()
    extract(args) if args.step == 'extract' else evaluate(args)


if __name__ == '__main__':
    main()
