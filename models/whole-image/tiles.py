"""Issue 16, lever 1 (native-resolution tiles), measured with the frozen backbone and today's head.

What it measures: whether scoring a few 224x224 tiles cut from the picture at its OWN resolution
(no downscale), chosen where the texture is, beats today's single input (centre crop of the shorter
side, area-downscaled to 224x224). Same backbone features (features.FeatureNet, 1776 numbers per
crop), same logistic head (train.fit_logreg, L2 0.1, train.sample_weights), same leave-one-source-out
folds over the top-level folders of ../shared/data/train. Stored view only (no degraded views), so
the baseline here is today's model trained on view 0 alone.

Tiles: the picture is cut into a grid of floor(W/224) x floor(H/224) non-overlapping 224-pixel tiles,
evenly spread over it; each is scored by the variance of a 4-neighbour Laplacian of its grey levels
(high-pass energy = "where texture is"); the top K = 4 are kept, sorted by that score, so the first
k of them are the top-k tiles. A picture whose shorter side is below 224 has no tile and falls back
to its downscale (counted in the output).

Aggregations compared (all per picture, then the usual LOSO table):
  whole              today's single downscale (head on whole-picture features)
  tiles-meanlogit-k  head trained on single tiles (each tile labelled like its picture), score =
                     mean of the logits of the top-k tiles
  tiles+whole-meanlogit  as above over the tiles and the downscale (head trained on both)
  tiles-max / tiles-top2  max / mean of the 2 highest tile logits (head trained on single tiles)
  tiles-meanfeat     head trained on the mean of the tile features
  tiles+whole-meanfeat   mean of tile features and the downscale's
  concat             [downscale features, mean tile features] (3552 numbers)

Run (CPU, ~20-40 min for extraction on a loaded 2-core machine; resumable per folder):
  nice -n 10 /usr/bin/python3 models/whole-image/tiles.py extract
  nice -n 10 /usr/bin/python3 models/whole-image/tiles.py eval      # writes research-tiles.json
  nice -n 10 /usr/bin/python3 models/whole-image/tiles.py ci        # bootstrap intervals vs 'whole'
Caches go to models/whole-image/work/tiles/ (git-ignored: derived from third-party pictures).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DEFAULT_DATA, HERE, SIZE, WORK, dedupe, list_images, load_rgb, preprocess  # noqa: E402

TILE_DIR = os.path.join(WORK, 'tiles')
K = 4
L2 = 0.1  # today's selected L2 (metrics.json)


def tile_boxes(w, h, size=SIZE):
    """Non-overlapping grid of size x size tiles spread evenly over the picture (none if too small)."""
    if min(w, h) < size:
        return []
    nx, ny = w // size, h // size
    xs = np.linspace(0, w - size, nx).round().astype(int) if nx > 1 else [(w - size) // 2]
    ys = np.linspace(0, h - size, ny).round().astype(int) if ny > 1 else [(h - size) // 2]
    return [(int(x), int(y)) for y in ys for x in xs]


def texture_scores(a, boxes, size=SIZE):
    """Variance of a 4-neighbour Laplacian of the grey image inside each box."""
    g = a.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32)
    lap = np.zeros_like(g)
    lap[1:-1, 1:-1] = 4 * g[1:-1, 1:-1] - g[:-2, 1:-1] - g[2:, 1:-1] - g[1:-1, :-2] - g[1:-1, 2:]
    return [float(lap[y:y + size, x:x + size].var()) for x, y in boxes]


def crops_of(im, k=K):
    """[downscale] + up to k native tiles (highest texture first), as CHW float tensors in [0,1]."""
    a = np.asarray(im, dtype=np.uint8)
    boxes = tile_boxes(a.shape[1], a.shape[0])
    chosen = []
    if boxes:
        s = texture_scores(a, boxes)
        chosen = [boxes[i] for i in np.argsort(s)[::-1][:k]]
    out = [preprocess(im)]
    for x, y in chosen:
        out.append(torch.from_numpy(a[y:y + SIZE, x:x + SIZE].astype(np.float32) / 255.0).permute(2, 0, 1))
    return out, len(boxes)


def extract(args):
    from features import FeatureNet
    torch.set_num_threads(1)
    os.makedirs(TILE_DIR, exist_ok=True)
    items_path = os.path.join(TILE_DIR, 'items.json')
    if os.path.exists(items_path):
        items = json.load(open(items_path))['items']
    else:
        t0 = time.time()
        items, dropped = dedupe(list_images(args.data))
        for it in items:
            it.pop('dhash', None)
        json.dump({'items': items, 'n_dropped': len(dropped), 'data': os.path.abspath(args.data)}, open(items_path, 'w'))
        print(f'{len(items)} kept, {len(dropped)} duplicates dropped ({time.time() - t0:.0f}s)', flush=True)
    net = FeatureNet().eval()
    folders = sorted({it['folder'] for it in items})
    t0, done = time.time(), 0
    for f in folders:
        out = os.path.join(TILE_DIR, f'{f}.npz')
        idx = [i for i, it in enumerate(items) if it['folder'] == f]
        if os.path.exists(out):
            done += len(idx)
            continue
        feats = np.zeros((len(idx), 1 + K, 1776), np.float16)
        mask = np.zeros((len(idx), 1 + K), bool)
        ncand = np.zeros(len(idx), np.int32)
        batch, where = [], []

        def flush():
            with torch.inference_mode():
                fb = net(torch.stack(batch)).numpy()
            for (r, c), row in zip(where, fb):
                feats[r, c] = row
                mask[r, c] = True
            batch.clear()
            where.clear()

        for r, i in enumerate(idx):
            crops, ncand[r] = crops_of(load_rgb(items[i]['path']))
            for c, t in enumerate(crops):
                batch.append(t)
                where.append((r, c))
            if len(batch) >= 32:
                flush()
        if batch:
            flush()
        np.savez(out, feats=feats, mask=mask, ncand=ncand, idx=np.array(idx))
        done += len(idx)
        print(f'{f}: {len(idx)} pictures, {int(mask.sum())} crops; {done}/{len(items)} in {time.time() - t0:.0f}s', flush=True)


def load_cache():
    meta = json.load(open(os.path.join(TILE_DIR, 'items.json')))
    items = meta['items']
    n = len(items)
    feats = np.zeros((n, 1 + K, 1776), np.float32)
    mask = np.zeros((n, 1 + K), bool)
    ncand = np.zeros(n, np.int32)
    for f in sorted({it['folder'] for it in items}):
        z = np.load(os.path.join(TILE_DIR, f'{f}.npz'))
        feats[z['idx']], mask[z['idx']], ncand[z['idx']] = z['feats'], z['mask'], z['ncand']
    return items, meta, feats, mask, ncand


def tile_view(feats, mask, k):
    """Per picture: features of its top-k tiles, or of the downscale where it has no tile."""
    m = mask[:, 1:1 + k].copy()
    none = ~m.any(1)
    T = feats[:, 1:1 + k].copy()
    T[none, 0] = feats[none, 0]
    m[none, 0] = True
    return T, m


def loso_scores(X_rows, row_pic, labels, folders, contents, agg, n):
    """Trains on rows (crops or pictures) of the other folders, scores the held-out folder's rows,
    aggregates row logits per picture with agg(list of logits)."""
    from train import fit_logreg, sample_weights
    out = np.zeros(n, np.float64)
    for f in sorted(set(folders)):
        tr_rows = folders[row_pic] != f
        pic_tr = row_pic[tr_rows]
        # Sample weights per picture (cells balanced), split evenly over its rows.
        pics = np.unique(pic_tr)
        wp = dict(zip(pics, sample_weights(labels[pics], contents[pics])))
        cnt = np.bincount(pic_tr, minlength=n)
        w = np.array([wp[p] / cnt[p] for p in pic_tr])
        head = fit_logreg(X_rows[tr_rows], labels[pic_tr].astype(np.float32), w / w.mean(), L2)
        te = ~tr_rows
        z = ((X_rows[te] - head['mu']) / head['sd']) @ head['w'] + head['b']
        for p in np.unique(row_pic[te]):
            out[p] = agg(z[row_pic[te] == p])
    return 1 / (1 + np.exp(-out))


def rows_from(T, m):
    r, c = np.nonzero(m)
    return T[r, c], r


def evaluate(args):
    from train import LEVELS, auc, folder_table, thresholds_from_reals
    torch.set_num_threads(1)
    items, meta, feats, mask, ncand = load_cache()
    n = len(items)
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    contents = np.array([it['content'] for it in items])
    ntiles = mask[:, 1:].sum(1)
    info = {'n_pictures': n, 'n_duplicates_dropped': meta['n_dropped'], 'l2': L2, 'k_max': K,
            'pictures_without_tile': int((ntiles == 0).sum()),
            'tiles_per_picture': {str(k): int((ntiles == k).sum()) for k in range(K + 1)},
            'tiles_per_picture_by_folder': {f: float(ntiles[folders == f].mean()) for f in sorted(set(folders))}}
    mean, top2 = (lambda z: z.mean()), (lambda z: np.sort(z)[-2:].mean())
    variants = {}
    whole_rows = (feats[:, 0], np.arange(n))
    variants['whole'] = (whole_rows, mean)
    for k in (1, 2, 4):
        variants[f'tiles-meanlogit-{k}'] = (rows_from(*tile_view(feats, mask, k)), mean)
    T, m = tile_view(feats, mask, K)
    tile_rows = rows_from(T, m)
    variants['tiles-max'] = (tile_rows, np.max)
    variants['tiles-top2'] = (tile_rows, top2)
    mw = mask.copy()
    variants['tiles+whole-meanlogit'] = (rows_from(feats, mw), mean)
    meanfeat = (T * m[:, :, None]).sum(1) / m.sum(1, keepdims=True)
    variants['tiles-meanfeat'] = ((meanfeat, np.arange(n)), mean)
    mwf = (feats * mw[:, :, None]).sum(1) / mw.sum(1, keepdims=True)
    variants['tiles+whole-meanfeat'] = ((mwf, np.arange(n)), mean)
    variants['concat'] = ((np.concatenate([feats[:, 0], meanfeat], 1), np.arange(n)), mean)
    if args.only:
        variants = {k: v for k, v in variants.items() if k in args.only}
    real_folders = sorted({f for f, l in zip(folders, labels) if l == 0})
    paired = [f for f in sorted(set(folders)) if len(set(labels[folders == f])) == 2]
    results = {}
    for name, ((X, row_pic), agg) in variants.items():
        t0 = time.time()
        s = loso_scores(X, row_pic, labels, folders, contents, agg, n)
        th = thresholds_from_reals({f: s[(folders == f) & (labels == 0)] for f in real_folders}, LEVELS)
        table = folder_table(s, labels, folders, th)
        results[name] = {'thresholds': th, 'table': table,
                         'paired_mean_auc': float(np.mean([table[f]['auc'] for f in paired])),
                         'seconds': round(time.time() - t0)}
        np.save(os.path.join(TILE_DIR, f'oof-{name}.npy'), s)
        p = table['POOLED']
        print(f'{name:24s} pooled AUC {p["auc"]:.3f}  paired {results[name]["paired_mean_auc"]:.3f}  flagged fakes '
              f'{p["conservative_tpr"]:.3f}/{p["balanced_tpr"]:.3f}/{p["aggressive_tpr"]:.3f}  ({results[name]["seconds"]}s)', flush=True)
    out = os.path.join(HERE, 'research-tiles.json')
    old = json.load(open(out)) if os.path.exists(out) and args.only else {}
    old.setdefault('variants', {}).update(results)
    old['info'] = info
    json.dump(old, open(out, 'w'), indent=1)
    print(json.dumps(info, indent=1))


def fast_auc(pos, neg):
    """Mann-Whitney AUC by ranks (continuous scores: ties are negligible here)."""
    allv = np.concatenate([pos, neg])
    ranks = np.empty(len(allv))
    ranks[allv.argsort()] = np.arange(1, len(allv) + 1)
    return (ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def bootstrap(args, n_boot=1000):
    """Paired bootstrap over pictures (resampled within each class) of the pooled LOSO AUC
    difference of every variant against 'whole': the 95 % interval says whether a gap is noise.
    Only the scoring is resampled, not the head fits, so fold-to-fold head variance is not in it."""
    items = json.load(open(os.path.join(TILE_DIR, 'items.json')))['items']
    labels = np.array([it['label'] for it in items])
    out = os.path.join(HERE, 'research-tiles.json')
    res = json.load(open(out))
    base = np.load(os.path.join(TILE_DIR, 'oof-whole.npy'))
    rng = np.random.default_rng(0)
    P, N = np.nonzero(labels == 1)[0], np.nonzero(labels == 0)[0]
    draws = [(rng.choice(P, len(P)), rng.choice(N, len(N))) for _ in range(n_boot)]
    for name in res['variants']:
        s = np.load(os.path.join(TILE_DIR, f'oof-{name}.npy'))
        d = np.array([fast_auc(s[p], s[q]) - fast_auc(base[p], base[q]) for p, q in draws])
        res['variants'][name]['pooled_auc_minus_whole_ci95'] = [float(np.quantile(d, 0.025)), float(np.quantile(d, 0.975))]
        print(f'{name:24s} pooled AUC - whole: 95 % interval [{np.quantile(d, 0.025):+.3f}, {np.quantile(d, 0.975):+.3f}]', flush=True)
    json.dump(res, open(out, 'w'), indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['extract', 'eval', 'ci'])
    ap.add_argument('--data', default=DEFAULT_DATA)
    ap.add_argument('--only', nargs='*', help='eval: only these variants (merged into research-tiles.json)')
    args = ap.parse_args()
    {'extract': extract, 'eval': evaluate, 'ci': bootstrap}[args.step](args)


if __name__ == '__main__':
    main()
