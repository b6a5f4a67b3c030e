"""Issue 16, lever 1c: hand-made high-pass statistics of native-resolution crops (no learning in
the features), a logistic head, leave-one-source-out; alone and joined with today's frozen features.

Per crop (the cache of hpcnn.py prepare: 4 native 112² crops per view): the residual
x − blur3×3(x) per channel (its spread, tails and cross-channel correlation: demosaicing and camera
noise correlate the channels, generators' decoders do it differently), the grey spectrum's log
energy in radial bands and at the periodic peaks that 2× / 4× / 8× upsampling leaves, and the 8×8
JPEG grid's strength. The picture's features are the mean over its crops.

  /usr/bin/python3 models/whole-image/hpstats.py   (after hpcnn.py prepare and features.py --views 1)
"""
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, WORK  # noqa: E402
from hpcnn import CROP, HP, baseline_oof, load_cache, table_of  # noqa: E402
from train import fit_logreg, predict, sample_weights  # noqa: E402

BANDS = 12


def box3(a):
    """3×3 mean with edge replication, over the last two axes."""
    p = np.pad(a, [(0, 0)] * (a.ndim - 2) + [(1, 1), (1, 1)], mode='edge')
    s = sum(p[..., dy:dy + a.shape[-2], dx:dx + a.shape[-1]] for dy in range(3) for dx in range(3))
    return s / 9.0


_yy, _xx = np.meshgrid(np.fft.fftfreq(CROP), np.fft.fftfreq(CROP), indexing='ij')
_radius = np.sqrt(_yy ** 2 + _xx ** 2) / np.sqrt(0.5)
_band = np.minimum((_radius * BANDS).astype(int), BANDS - 1)
_peaks = {k: (np.isclose(np.abs(_yy), 1 / k) | np.isclose(np.abs(_xx), 1 / k)) for k in (2, 4, 8)}
# Sums over masks as one matrix product (boolean indexing per band is 10× slower).
_band_sum = np.stack([(_band == b).ravel() for b in range(BANDS)], 1).astype(np.float32)
_peak_mean = np.stack([m.ravel() / m.sum() for m in _peaks.values()], 1).astype(np.float32)


def crop_features(c):
    """c: (n, CROP, CROP, 3) uint8 → (n, d) float32."""
    x = c.astype(np.float32).transpose(0, 3, 1, 2) / 255.0  # n, 3, H, W
    r = x - box3(x)
    rf = r.reshape(len(c), 3, -1)
    sd = rf.std(2) + 1e-6
    kurt = ((rf - rf.mean(2, keepdims=True)) ** 4).mean(2) / sd ** 4
    z = (rf - rf.mean(2, keepdims=True)) / sd[..., None]
    corr = np.stack([(z[:, 0] * z[:, 1]).mean(1), (z[:, 1] * z[:, 2]).mean(1), (z[:, 0] * z[:, 2]).mean(1)], 1)
    grey = x.mean(1)
    spec = (np.abs(np.fft.fft2(grey - grey.mean((1, 2), keepdims=True))) ** 2).astype(np.float32)
    total = spec.reshape(len(c), -1).sum(1) + 1e-9
    bands = spec.reshape(len(c), -1) @ _band_sum / total[:, None]
    rspec = (np.abs(np.fft.fft2(r.mean(1))) ** 2).astype(np.float32)
    rtotal = rspec.reshape(len(c), -1).mean(1) + 1e-12
    peaks = rspec.reshape(len(c), -1) @ _peak_mean / rtotal[:, None]
    # JPEG grid: residual energy on the 8-pixel grid lines against off the grid (any phase).
    g = np.abs(np.diff(grey, axis=2)).mean(1)  # n, W-1
    grid = np.stack([g[:, p::8].mean(1) for p in range(8)], 1)
    blockiness = grid.max(1) / (grid.mean(1) + 1e-9)
    return np.concatenate([np.log(sd), np.log(np.maximum(kurt, 1e-3)), corr, np.log(bands + 1e-9), np.log(peaks + 1e-12),
                           blockiness[:, None]], 1).astype(np.float32)


def main():
    crops, labels, folders, contents = load_cache()
    n, nv, k = crops.shape[:3]
    path = os.path.join(HP, 'stats.npy')
    if os.path.exists(path):
        S = np.load(path)
    else:
        t0 = time.time()
        S = None
        for i in range(0, n, 64):
            part = np.asarray(crops[i:i + 64]).reshape(-1, CROP, CROP, 3)
            f = crop_features(part).reshape(-1, nv, k, crop_features(part[:1]).shape[1]).mean(2)
            if S is None:
                S = np.zeros((n, nv, f.shape[2]), np.float32)
            S[i:i + 64] = f
            if i % 1024 == 0:
                print(f'{i}/{n} {time.time() - t0:.0f}s', flush=True)
        np.save(path, S)
    # A flat crop (a uniform sky, padding) has no residual: clamp what an older cache left infinite.
    S = np.where(np.isfinite(S), S, np.nan)
    S = np.where(np.isnan(S), np.nanmin(S, axis=(0, 1), keepdims=True), S)
    # The frozen features have the stored view and one degraded view: compare on those two.
    S, nv = S[:, :2], 2
    meta = json.load(open(os.path.join(HP, 'items.json')))
    paths = [it['path'] for it in meta['items']]
    d = S.shape[2]
    oof = np.zeros((n, nv), np.float32)
    for f in sorted(set(folders)):
        tr = folders != f
        head = fit_logreg(S[tr].reshape(-1, d), np.repeat(labels[tr], nv).astype(np.float32),
                          np.repeat(sample_weights(labels[tr], contents[tr]), nv), 0.01)
        p = np.clip(predict(head, S[~tr].reshape(-1, d)).reshape(-1, nv), 1e-6, 1 - 1e-6)
        oof[~tr] = np.log(p / (1 - p))
    base = baseline_oof(labels, folders, contents, paths)
    # Early fusion: one head on [frozen features, statistics] (standardised inside fit_logreg).
    meta_f = json.load(open(os.path.join(WORK, 'items.json')))
    row = {it['path']: i for i, it in enumerate(meta_f['items'])}
    X = np.concatenate([np.load(os.path.join(WORK, 'features.npz'))['feats'][:, :nv][[row[p] for p in paths]], S], 2)
    joint = np.zeros((n, nv), np.float32)
    for f in sorted(set(folders)):
        tr = folders != f
        head = fit_logreg(X[tr].reshape(-1, X.shape[2]), np.repeat(labels[tr], nv).astype(np.float32),
                          np.repeat(sample_weights(labels[tr], contents[tr]), nv), 0.1)
        p = np.clip(predict(head, X[~tr].reshape(-1, X.shape[2])).reshape(-1, nv), 1e-6, 1 - 1e-6)
        joint[~tr] = np.log(p / (1 - p))

    def standard(z):
        return (z - z.mean()) / z.std()

    rows = {'today-head (1.1.0 recipe)': base, 'high-pass statistics': oof, 'late fusion (equal weight)': standard(base) + standard(oof),
            'one head on both': joint}
    out = {name: table_of(z, labels, folders) for name, z in rows.items()}
    json.dump({'protocol': 'LOSO over the top-level folders of shared/data/train; stored view + 1 degraded view',
               'features': int(d), 'rows': out}, open(os.path.join(HERE, 'research-hpstats.json'), 'w'), indent=1)
    names = list(out)
    print('| folder | ' + ' | '.join(names) + ' |')
    for f in sorted(set(folders)) + ['POOLED']:
        print(f'| {f} | ' + ' | '.join(f"{out[m]['stored'][f]['auc']:.3f}" for m in names) + ' |')
    print('| pooled degraded | ' + ' | '.join(f"{out[m]['degraded']['POOLED']['auc']:.3f}" for m in names) + ' |')
    print('| paired mean | ' + ' | '.join(f"{out[m]['paired_mean_auc_stored']:.3f}" for m in names) + ' |')
    for lvl in ('conservative', 'balanced', 'aggressive'):
        print(f'| flagged {lvl} | ' + ' | '.join(
            f"{out[m]['stored']['POOLED'][lvl + '_tpr']:.3f} / {out[m]['degraded']['POOLED'][lvl + '_tpr']:.3f}" for m in names) + ' |')


if __name__ == '__main__':
    main()
