"""Issue 16, lever 4: "aligned" fakes (Rajan et al., ICLR 2025) as an ADDITION to the training set.

Each real picture is round-tripped through the FLUX.2 tiny autoencoder (madebyollin/taesd@5cccb12d,
taef2_encoder.pth / taef2_decoder.pth, MIT; loaded by the module below, written for this repo):
same content, only the decoder's traces differ. The reconstructions only ever join the TRAINING
side of a leave-one-source-out fold (never a held-out folder's own reals), as extra AI pictures.

  make   reconstruct up to --per-folder reals per real folder, extract the frozen nsfwjs features
         of the stored and one degraded view (features.py's FeatureNet) -> work/aligned/
  match  re-encode each reconstruction as its real twin was stored (the twin's own JPEG tables and
         chroma subsampling; PNG twins stay PNG) and extract its features again, so the stored file's
         format is not a cue -> work/aligned/features-matched.npz
  eval   today's recipe (frozen features, logistic head, l2 0.1, stored + 1 degraded view) per
         LOSO fold with and without the aligned fakes -> research-aligned.json and a table
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, WORK, degrade, load_rgb, preprocess, seeded_rng  # noqa: E402
from features import FeatureNet  # noqa: E402
from hpcnn import print_auc_table, table_of  # noqa: E402
from train import fit_logreg, predict, sample_weights  # noqa: E402

TAEF2 = os.path.join(WORK, 'taef2')
OUT = os.path.join(WORK, 'aligned')


def conv3(cin, cout, stride=1, bias=True):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=bias)


class Residual(nn.Module):
    """Three 3x3 convs plus identity; taef2's deepest blocks first add a 1x1 channel mixer with a
    group norm (state-dict keys conv.{0,2,4} and pool.{0,1,3})."""

    def __init__(self, ch=64, mixer=False):
        super().__init__()
        self.conv = nn.Sequential(conv3(ch, ch), nn.ReLU(), conv3(ch, ch), nn.ReLU(), conv3(ch, ch))
        self.pool = nn.Sequential(nn.Conv2d(ch, 4 * ch, 1, bias=False), nn.GroupNorm(4, 4 * ch), nn.ReLU(), nn.Conv2d(4 * ch, ch, 1, bias=False)) if mixer else None

    def forward(self, x):
        if self.pool is not None:
            x = x + self.pool(x)
        return torch.relu(self.conv(x) + x)


class SoftClamp(nn.Module):
    def forward(self, x):
        return 3 * torch.tanh(x / 3)


def taef2_encoder():
    r = Residual
    return nn.Sequential(conv3(3, 64), r(), conv3(64, 64, 2, False), r(), r(), r(), conv3(64, 64, 2, False), r(), r(), r(),
                         conv3(64, 64, 2, False), r(mixer=True), r(mixer=True), r(mixer=True), conv3(64, 32))


def taef2_decoder():
    r, up = Residual, lambda: nn.Upsample(scale_factor=2)
    return nn.Sequential(SoftClamp(), conv3(32, 64), nn.ReLU(), r(mixer=True), r(mixer=True), r(mixer=True), up(), conv3(64, 64, bias=False),
                         r(), r(), r(), up(), conv3(64, 64, bias=False), r(), r(), r(), up(), conv3(64, 64, bias=False), r(), conv3(64, 3))


def load_autoencoder():
    enc, dec = taef2_encoder().eval(), taef2_decoder().eval()
    enc.load_state_dict(torch.load(os.path.join(TAEF2, 'taef2_encoder.pth'), map_location='cpu', weights_only=True))
    dec.load_state_dict(torch.load(os.path.join(TAEF2, 'taef2_decoder.pth'), map_location='cpu', weights_only=True))
    return enc, dec


@torch.no_grad()
def round_trip(enc, dec, im):
    """RGB PIL picture -> its reconstruction (cropped to a multiple of 8 px, the latent's stride)."""
    from PIL import Image
    a = np.asarray(im, dtype=np.float32) / 255.0
    h, w = a.shape[0] // 8 * 8, a.shape[1] // 8 * 8
    x = torch.from_numpy(a[:h, :w]).permute(2, 0, 1).unsqueeze(0)
    y = dec(enc(x)).clamp(0, 1)[0].permute(1, 2, 0).numpy()
    return Image.fromarray((y * 255 + 0.5).astype(np.uint8))


def make(args):
    meta = json.load(open(os.path.join(WORK, 'items.json')))
    chosen, per = [], {}
    rng = np.random.default_rng(0)
    for i in rng.permutation(len(meta['items'])):
        it = meta['items'][i]
        if it['label'] == 0 and per.get(it['folder'], 0) < args.per_folder:
            per[it['folder']] = per.get(it['folder'], 0) + 1
            chosen.append(int(i))
    os.makedirs(os.path.join(OUT, 'png'), exist_ok=True)
    enc, dec = load_autoencoder()
    net = FeatureNet().eval()
    feats, err, t0 = [], [], time.time()
    for n, i in enumerate(chosen):
        it = meta['items'][i]
        im = load_rgb(it['path'])
        rec = round_trip(enc, dec, im)
        rec.save(os.path.join(OUT, 'png', f'{n:05d}.png'))
        orig = np.asarray(im, np.float32)[:rec.size[1], :rec.size[0]]
        err.append(float(np.abs(orig - np.asarray(rec, np.float32)).mean()))
        views = [rec, degrade(rec, seeded_rng(it['path'], 1))]  # the same degradation its real twin got
        with torch.no_grad():
            feats.append(net(torch.stack([preprocess(v) for v in views])).numpy())
        if n % 50 == 0:
            print(f'{n}/{len(chosen)} {time.time() - t0:.0f}s mean abs error {np.mean(err):.2f}/255', flush=True)
    np.savez(os.path.join(OUT, 'features.npz'), feats=np.stack(feats), source=np.array(chosen), err=np.array(err))
    print(f'{len(chosen)} reconstructions in {time.time() - t0:.0f}s; per folder {per}; mean abs error {np.mean(err):.2f}/255', flush=True)


def twin_encoded(rec, src_path):
    """`rec` saved the way the real twin at `src_path` was stored (same quantisation tables)."""
    import io
    from PIL import Image, JpegImagePlugin
    with Image.open(src_path) as src:
        if src.format != 'JPEG':
            return rec
        buf = io.BytesIO()
        rec.save(buf, 'JPEG', qtables=src.quantization, subsampling=JpegImagePlugin.get_sampling(src))
    buf.seek(0)
    return Image.open(buf).convert('RGB')


def match(args):
    from PIL import Image
    meta = json.load(open(os.path.join(WORK, 'items.json')))
    z = np.load(os.path.join(OUT, 'features.npz'))
    net = FeatureNet().eval()
    feats, t0 = [], time.time()
    for n, i in enumerate(z['source']):
        it = meta['items'][i]
        rec = twin_encoded(Image.open(os.path.join(OUT, 'png', f'{n:05d}.png')).convert('RGB'), it['path'])
        with torch.no_grad():
            feats.append(net(torch.stack([preprocess(v) for v in (rec, degrade(rec, seeded_rng(it['path'], 1)))])).numpy())
        if n % 200 == 0:
            print(f'{n}/{len(z["source"])} {time.time() - t0:.0f}s', flush=True)
    np.savez(os.path.join(OUT, 'features-matched.npz'), feats=np.stack(feats), source=z['source'], err=z['err'])


def evaluate(args):
    meta = json.load(open(os.path.join(WORK, 'items.json')))
    items = meta['items']
    X = np.load(os.path.join(WORK, 'features.npz'))['feats'][:, :2]
    z = np.load(os.path.join(OUT, 'features-matched.npz' if args.matched else 'features.npz'))
    A, src = z['feats'], z['source']
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    contents = np.array([it['content'] for it in items])
    n, nv, d = X.shape
    rows = {'today-head (1.1.0 recipe)': None}
    for wgt in args.weights:
        rows[f'+ aligned fakes (weight {wgt})'] = wgt
    out = {}
    for name, wgt in rows.items():
        oof = np.zeros((n, nv), np.float32)
        for f in sorted(set(folders)):
            tr = folders != f
            Xt, yt, wt = X[tr], labels[tr], sample_weights(labels[tr], contents[tr])
            if wgt is not None:
                keep = folders[src] != f  # a held-out folder's own reals never train its fold
                Xa = A[keep]
                # the aligned fakes form their own cell per content, weighted against that content's fakes
                ca = contents[src][keep]
                wa = np.array([wgt * wt[(contents[tr] == c) & (yt == 1)].sum() / max(1, (ca == c).sum()) for c in ca])
                Xt, yt, wt = np.concatenate([Xt, Xa]), np.concatenate([yt, np.ones(len(Xa), int)]), np.concatenate([wt, wa])
            head = fit_logreg(Xt.reshape(-1, d), np.repeat(yt, nv).astype(np.float32), np.repeat(wt, nv), 0.1)
            p = predict(head, X[~tr].reshape(-1, d)).reshape(-1, nv)
            oof[~tr] = np.log(p / (1 - p))
        out[name] = table_of(oof, labels, folders)
        print(f'{name}: pooled AUC stored {out[name]["stored"]["POOLED"]["auc"]:.3f}', flush=True)
    json.dump({'protocol': 'LOSO over the top-level folders of shared/data/train; stored view + 1 degraded view; aligned fakes (taef2 round trips of '
               f'{len(src)} reals{", stored as their twins were" if args.matched else ", lossless"}) added to training folds only',
               'mean_abs_error_255': float(z['err'].mean()), 'rows': out},
              open(os.path.join(HERE, f'research-aligned{"-matched" if args.matched else ""}.json'), 'w'), indent=1)
    print_auc_table(out, folders)

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['make', 'match', 'eval'])
    ap.add_argument('--matched', action='store_true', help='eval: use the reconstructions stored as their twins were (match)')
    ap.add_argument('--per-folder', type=int, default=150)
    ap.add_argument('--weights', type=float, nargs='+', default=[0.5, 1.0])
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    {'make': make, 'match': match, 'eval': evaluate}[args.step](args)


if __name__ == '__main__':
    main()
