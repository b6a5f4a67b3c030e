"""Issue 16, lever 1b: a small high-pass CNN trained from scratch on native-resolution crops,
measured leave-one-source-out over ../shared/data/train and fused late with today's semantic head.

  prepare  decode every picture once: the stored view and D degraded views (common.degrade, both
           classes alike), 4 crops of CROP² per view cut at the view's own resolution (no resize)
  curve    one held-out folder, AUC every --eval-every steps (the learning curve before a long run)
  loso     every folder held out in turn; out-of-fold scores to work/hp/oof-<run>.npz
  report   per-folder table of the CNN alone, today's head (features.py + train.fit_logreg, stored
           view + 1 degraded view, l2 0.1) and their late fusion, with the card's threshold rule

Every command runs one torch thread (the machine has two cores, shared).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DEFAULT_DATA, HERE, WORK, dedupe, degrade, list_images, load_rgb, seeded_rng  # noqa: E402
from train import LEVELS, auc, fit_logreg, folder_table, predict, sample_weights, thresholds_from_reals  # noqa: E402

HP = os.path.join(WORK, 'hp')
CROP = 112  # cached crop side; training draws random --patch² windows inside it
CROPS_PER_VIEW = 4


def crops_at_native(a, rng, n=CROPS_PER_VIEW, size=CROP):
    """n crops of size² at random positions of the picture's own pixels; a side under `size` is
    reflect-padded (never resized, which would erase the traces this branch reads)."""
    h, w = a.shape[:2]
    if h < size or w < size:
        a = np.pad(a, ((0, max(0, size - h)), (0, max(0, size - w)), (0, 0)), mode='reflect')
        h, w = a.shape[:2]
    out = np.empty((n, size, size, 3), np.uint8)
    for i in range(n):
        y, x = rng.randint(0, h - size), rng.randint(0, w - size)
        out[i] = a[y:y + size, x:x + size]
    return out


def prepare(args):
    os.makedirs(HP, exist_ok=True)
    items, dropped = dedupe(list_images(args.data))
    nv = 1 + args.views
    crops = np.zeros((len(items), nv, CROPS_PER_VIEW, CROP, CROP, 3), np.uint8)
    t0 = time.time()
    for i, it in enumerate(items):
        im = load_rgb(it['path'])
        for v in range(nv):
            x = im if v == 0 else degrade(im, seeded_rng(it['path'], v))
            crops[i, v] = crops_at_native(np.asarray(x), seeded_rng(it['path'], 100 + v))
        if i % 500 == 0:
            print(f'{i}/{len(items)} {time.time() - t0:.0f}s', flush=True)
    np.save(os.path.join(HP, 'crops.npy'), crops)
    meta = [{k: it[k] for k in ('path', 'folder', 'label', 'content')} for it in items]
    json.dump({'items': meta, 'views': nv, 'dropped': len(dropped)}, open(os.path.join(HP, 'items.json'), 'w'))
    print(f'{crops.shape} in {time.time() - t0:.0f}s', flush=True)


class HighPassNet(nn.Module):
    """Input RGB in [0, 1]. The fixed first step keeps only the residual x − blur3×3(x): the
    picture's content is mostly gone, what is left is noise, resampling and generator texture."""

    def __init__(self, width=16):
        super().__init__()
        w = width

        def block(cin, cout, stride):
            return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))

        self.body = nn.Sequential(block(3, w, 1), block(w, w, 1), block(w, 2 * w, 2), block(2 * w, 2 * w, 1),
                                  block(2 * w, 4 * w, 2), block(4 * w, 4 * w, 2))
        self.head = nn.Linear(8 * w, 1)

    def forward(self, x):
        x = (x - F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)) * 8.0
        f = self.body(x)
        # Mean and spread of each channel over the crop: how much trace, and how evenly.
        return self.head(torch.cat([f.mean((2, 3)), f.std((2, 3))], 1)).squeeze(1)


def load_cache():
    meta = json.load(open(os.path.join(HP, 'items.json')))
    crops = np.load(os.path.join(HP, 'crops.npy'), mmap_mode='r')
    items = meta['items']
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    contents = np.array([it['content'] for it in items])
    return crops, labels, folders, contents


def to_tensor(batch_u8):
    return torch.from_numpy(np.ascontiguousarray(batch_u8)).permute(0, 3, 1, 2).float() / 255.0


def score(net, crops, idx, batch=64):
    """Mean logit over a picture's crops, per view: (len(idx), views)."""
    net.eval()
    nv, k = crops.shape[1], crops.shape[2]
    out = np.zeros((len(idx), nv), np.float32)
    with torch.no_grad():
        per = max(1, batch // k)  # pictures per forward pass
        for s in range(0, len(idx), per):
            part = idx[s:s + per]
            x = crops[part].reshape(-1, CROP, CROP, 3)
            z = net(to_tensor(x)).numpy().reshape(len(part), nv, k)
            out[s:s + len(part)] = z.mean(2)
    net.train()
    return out


def train_fold(crops, labels, contents, train_idx, args, seed, on_eval=None):
    """Balanced batches (sample_weights: every content × label cell the same weight), a random
    view, a random crop of it, a random args.patch² window and flip. AdamW, one-cycle."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    steps, batch, patch = args.steps, args.batch, args.patch
    net = HighPassNet(args.width)
    opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=2e-3, total_steps=steps, pct_start=0.1)
    p = sample_weights(labels[train_idx], contents[train_idx])
    p = p / p.sum()
    nv, k = crops.shape[1], crops.shape[2]
    y_all = labels.astype(np.float32)
    losses = []
    for step in range(1, steps + 1):
        pick = rng.choice(train_idx, size=batch, p=p)
        v, c = rng.integers(0, nv, batch), rng.integers(0, k, batch)
        oy, ox = rng.integers(0, CROP - patch + 1, batch), rng.integers(0, CROP - patch + 1, batch)
        x = np.stack([crops[i, vv, cc, y0:y0 + patch, x0:x0 + patch] for i, vv, cc, y0, x0 in zip(pick, v, c, oy, ox)])
        flip = rng.random(batch) < 0.5
        x[flip] = x[flip, :, ::-1]
        loss = F.binary_cross_entropy_with_logits(net(to_tensor(x)), torch.from_numpy(y_all[pick]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        losses.append(float(loss))
        if on_eval and step % args.eval_every == 0:
            on_eval(step, float(np.mean(losses[-args.eval_every:])), net)
    return net



def curve(args):
    crops, labels, folders, contents = load_cache()
    held = folders == args.fold
    tr = np.flatnonzero(~held)
    # The held-out folder against a fixed sample of every other folder's pictures of the other
    # class when it holds one class only (the card's rule), else its own pairs.
    te = np.flatnonzero(held)
    one_class = len(set(labels[held])) == 1
    if one_class:
        other = np.flatnonzero(~held & (labels != labels[held][0]))
        te = np.concatenate([te, np.random.default_rng(0).choice(other, 300, replace=False)])
    log = open(os.path.join(HP, f'curve-{args.fold}-w{args.width}-p{args.patch}.jsonl'), 'w')
    t0 = time.time()

    def on_eval(step, loss, net):
        s = score(net, crops, te)
        y = labels[te]
        r = {'step': step, 'crops_seen': step * args.batch, 'loss': round(loss, 4),
             'auc_stored': auc(s[y == 1, 0], s[y == 0, 0]), 'auc_degraded': auc(s[y == 1, 1:].ravel(), s[y == 0, 1:].ravel()),
             'seconds': round(time.time() - t0)}
        print(json.dumps(r), flush=True)
        log.write(json.dumps(r) + '\n')
        log.flush()

    train_fold(crops, labels, contents, tr, args, 0, on_eval)


def loso(args):
    crops, labels, folders, contents = load_cache()
    n, nv = crops.shape[:2]
    path = os.path.join(HP, f'oof-{args.run}.npz')
    oof = np.full((n, nv), np.nan, np.float32)
    if os.path.exists(path):  # resume: folds already scored are kept
        oof = np.load(path)['oof']
    t0 = time.time()
    for f in sorted(set(folders)):
        held = folders == f
        if not np.isnan(oof[held]).any():
            continue
        net = train_fold(crops, labels, contents, np.flatnonzero(~held), args, 0)
        oof[held] = score(net, crops, np.flatnonzero(held))
        np.savez(path, oof=oof, labels=labels, folders=folders)
        torch.save(net.state_dict(), os.path.join(HP, f'{args.run}-{f}.pt'))
        y = labels[held]
        a = auc(oof[held & (labels == 1), 0], oof[held & (labels == 0), 0]) if len(set(y)) == 2 else None
        print(f'{f}: done ({time.time() - t0:.0f}s) own-pairs AUC {a}', flush=True)


def baseline_oof(labels, folders, contents, hp_paths):
    """Today's head (frozen nsfwjs features, logistic regression, l2 0.1) refit per fold on the
    stored + first degraded view, matched to the crops' pictures by path."""
    meta = json.load(open(os.path.join(WORK, 'items.json')))
    z = np.load(os.path.join(WORK, 'features.npz'))
    feats = z['feats'][:, :2]
    row = {it['path']: i for i, it in enumerate(meta['items'])}
    X = feats[[row[p] for p in hp_paths]]
    n, nv, d = X.shape
    oof = np.zeros((n, nv), np.float32)
    for f in sorted(set(folders)):
        tr = folders != f
        head = fit_logreg(X[tr].reshape(-1, d), np.repeat(labels[tr], nv).astype(np.float32),
                          np.repeat(sample_weights(labels[tr], contents[tr]), nv), 0.1)
        p = predict(head, X[~tr].reshape(-1, d)).reshape(-1, nv)
        oof[~tr] = np.log(p / (1 - p))
    return oof


def table_of(oof, labels, folders):
    """The card's rule: thresholds so every real folder (stored + degraded views) stays within
    1 / 2 / 5 %; AUC per folder; stored view and degraded view tables."""
    nv = oof.shape[1]
    real_folders = sorted({f for f, l in zip(folders, labels) if l == 0})
    th = thresholds_from_reals({f: oof[(folders == f) & (labels == 0)].ravel() for f in real_folders}, LEVELS)
    paired = [f for f in sorted(set(folders)) if len(set(labels[folders == f])) == 2]
    return {
        'thresholds': th,
        'stored': folder_table(oof[:, 0], labels, folders, th),
        'degraded': folder_table(oof[:, 1:].ravel(), np.repeat(labels, nv - 1), np.repeat(folders, nv - 1), th),
        'paired_mean_auc_stored': float(np.mean([auc(oof[(folders == f) & (labels == 1), 0], oof[(folders == f) & (labels == 0), 0]) for f in paired])),
    }


def report(args):
    crops, labels, folders, contents = load_cache()
    meta = json.load(open(os.path.join(HP, 'items.json')))
    hp = np.load(os.path.join(HP, f'oof-{args.run}.npz'))['oof'][:, :2]
    base = baseline_oof(labels, folders, contents, [it['path'] for it in meta['items']])

    def standard(z):  # one affine map per model over all its OOF scores: only sets the fusion weight
        return (z - z.mean()) / z.std()

    rows = {'today-head (1.1.0 recipe)': base, f'high-pass CNN ({args.run})': hp,
            'late fusion (equal weight)': standard(base) + standard(hp)}
    out = {name: table_of(z, labels, folders) for name, z in rows.items()}
    json.dump({'run': args.run, 'protocol': 'LOSO over the top-level folders of shared/data/train; stored view + 1 degraded view',
               'rows': out}, open(os.path.join(HERE, f'research-hpcnn-{args.run}.json'), 'w'), indent=1)
    print_auc_table(out, folders, extra=[('paired mean AUC', lambda r: r['paired_mean_auc_stored'])])


def print_auc_table(out, folders, extra=()):
    """Markdown: one column per row of `out` (table_of results): AUC per held-out folder, pooled rows."""
    names = list(out)
    print('| folder | ' + ' | '.join(names) + ' |')
    print('|---|' + '---:|' * len(names))
    for f in sorted(set(folders)) + ['POOLED']:
        print(f'| {f} | ' + ' | '.join(f"{out[n]['stored'][f]['auc']:.3f}" for n in names) + ' |')
    print_pooled_rows(out, extra=[('pooled AUC, degraded view', lambda r: r['degraded']['POOLED']['auc']), *extra])


def print_pooled_rows(out, extra=(), pad=''):
    """Markdown rows under a per-folder table: `extra` (label, value of a row) and the AI flagged at each level."""
    for label, value in extra:
        print(f'| {label} | {pad}' + ' | '.join(f'{value(r):.3f}' for r in out.values()) + ' |')
    for lvl in LEVELS:
        print(f'| AI flagged at {lvl} (stored / degraded) | {pad}' + ' | '.join(
            f"{r['stored']['POOLED'][lvl + '_tpr']:.3f} / {r['degraded']['POOLED'][lvl + '_tpr']:.3f}" for r in out.values()) + ' |')

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['prepare', 'curve', 'loso', 'report'])
    ap.add_argument('--data', default=DEFAULT_DATA)
    ap.add_argument('--views', type=int, default=2, help='prepare: degraded views per picture')
    ap.add_argument('--fold', default='gen-sdnext-previews', help='curve: the held-out folder')
    ap.add_argument('--steps', type=int, default=1500)
    ap.add_argument('--eval-every', type=int, default=250)
    ap.add_argument('--width', type=int, default=16)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--patch', type=int, default=96, help='training window side (scoring reads the whole cached crop)')
    ap.add_argument('--run', default='w16')
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    {'prepare': prepare, 'curve': curve, 'loso': loso, 'report': report}[args.step](args)


if __name__ == '__main__':
    main()
