"""Issue 16's yardstick: leave-one-source-out over every allow-listed source, not only train/.

Adds the allow-listed sources that have no twin in ../shared/data/train, each as its own folder
(source), re-encoded the way train/ was stored (more_data.reencode: longer side <= 448, JPEG q90),
deduplicated against train/ and each other (common.dedupe), with features of the stored view and one
degraded view (features.FeatureNet, common.degrade), like work/features.npz:

  SelfishGene/SFHQ-T2I-dataset   figures/*.jpg: tiles cut from the figure grids (FLUX.1, SDXL, DALL-E 3 faces)  fake, face
  Li-Chongyi/Zero-DCE_extension  Zero-DCE++/data/train_data (SICE scenes)                                    real, scene
  ianare/exif-samples            jpg/** (camera photos)                                                      real, scene
  mahmoudnafifi/WB_sRGB          **/*.jpg|png (DSLR photos)                                                  real, scene
  ML72/AI-Image-Classifier-Playground  public/images/{real,ai}                                               both, scene

  prepare  -> work/union/{items.json,features.npz}
  eval     today's recipe (frozen features, logistic head, l2 0.1, stored + 1 degraded view), LOSO
           over the union: (a) trained on train/ only, the new sources only ever held out, and
           (b) trained on the union -> research-union.json and a table
"""
import argparse
import io
import json
import os
import sys
import time

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, WORK, dedupe, degrade, load_rgb, preprocess, seeded_rng  # noqa: E402
from more_data import git, reencode  # noqa: E402

OUT = os.path.join(WORK, 'union')
MIRROR = '/work/.mirror/{}/repo'
IMG = ('.jpg', '.jpeg', '.png', '.webp')
SOURCES = {
    # name: (owner+repo, path filter, label (None: from the path), content, cap)
    'sfhq-t2i': ('SelfishGene+SFHQ-T2I-dataset', lambda p: p.startswith('figures/') and p.endswith(('images.jpg', 'prompts.jpg', 'matches.jpg')), 1, 'face', 2000),
    'sice': ('Li-Chongyi+Zero-DCE_extension', lambda p: p.startswith('Zero-DCE++/data/train_data/') and p.lower().endswith(IMG), 0, 'scene', 1000),
    'exif-samples': ('ianare+exif-samples', lambda p: p.startswith('jpg/') and p.lower().endswith(IMG), 0, 'scene', 500),
    'wb-srgb': ('mahmoudnafifi+WB_sRGB', lambda p: p.lower().endswith(IMG) and 'groundtruth' not in p, 0, 'scene', 500),
    'ml72-playground': ('ML72+AI-Image-Classifier-Playground', lambda p: p.startswith('public/images/') and p.lower().endswith(IMG), None, 'scene', 500),
}


def grid_tiles(im, min_side=150):
    """Pictures laid out on a black figure with white captions: bands of rows, then of columns,
    where enough pixels are lit; captions are thinner than min_side and are dropped."""
    a = np.asarray(im.convert('L'), dtype=np.uint8) > 24

    def runs(profile, min_len):
        on, out, start = profile > 0.08, [], None
        for i, v in enumerate(np.append(on, False)):
            if v and start is None:
                start = i
            elif not v and start is not None:
                if i - start >= min_len:
                    out.append((start, i))
                start = None
        return out

    tiles = []
    for y0, y1 in runs(a.mean(1), min_side):
        for x0, x1 in runs(a[y0:y1].mean(0), min_side):
            if 0.5 <= (x1 - x0) / (y1 - y0) <= 2:
                tiles.append(im.crop((x0, y0, x1, y1)))
    return tiles


def pictures_of(name):
    """(path in the repo [+ tile index], label, encoded bytes) for every picture of a source."""
    repo_dir, keep, label, _, cap = SOURCES[name]
    repo = MIRROR.format(repo_dir)
    paths = sorted(p for p in git(repo, 'ls-tree', '-r', '--name-only', 'HEAD').decode().splitlines() if keep(p))
    out = []
    for p in sorted(paths):
        try:
            data = git(repo, 'show', f'HEAD:{p}')
        except Exception:  # the snapshot lists some large files without their bytes
            continue
        lab = label if label is not None else int('/ai/' in p)
        if name == 'sfhq-t2i':
            with Image.open(io.BytesIO(data)) as fig:
                for k, tile in enumerate(grid_tiles(fig.convert('RGB'))):
                    buf = io.BytesIO()
                    tile.save(buf, 'PNG')
                    out.append((f'{p}#{k}', lab, buf.getvalue()))
        else:
            out.append((p, lab, data))
        if len(out) >= cap:
            break
    return out[:cap], git(repo, 'rev-parse', 'HEAD').decode().strip()


def prepare(args):
    from features import FeatureNet
    train = json.load(open(os.path.join(WORK, 'items.json')))['items']
    items, prov = [], {}
    for name in SOURCES:
        pics, commit = pictures_of(name)
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        bad = 0
        for n, (p, lab, data) in enumerate(pics):
            path = os.path.join(d, f'{n:05d}.jpg')
            try:
                if not os.path.exists(path):
                    enc = reencode(data)
                    open(path, 'wb').write(enc)
            except Exception:  # an undecodable file (exif-samples keeps some on purpose) is counted
                bad += 1
                continue
            items.append({'path': path, 'folder': name, 'label': lab, 'content': SOURCES[name][3], 'src_path': p})
        prov[name] = {'repo': SOURCES[name][0].replace('+', '/'), 'commit': commit, 'pictures': len(pics), 'undecodable': bad}
        print(f'{name}@{commit[:10]}: {len(pics)} pictures, {bad} undecodable', flush=True)
    for it in train:
        it['train'] = True
    kept, _ = dedupe([dict(it) for it in train] + items)
    new = [it for it in kept if not it.get('train') and min(it['size']) >= 64]  # smaller ones the product's size gate skips
    for name in SOURCES:
        prov[name]['kept_after_dedupe'] = sum(1 for it in new if it['folder'] == name)
    net = FeatureNet().eval()
    feats, t0 = np.zeros((len(new), 2, 1776), np.float32), time.time()
    for i in range(0, len(new), 16):
        batch = []
        for it in new[i:i + 16]:
            im = load_rgb(it['path'])
            batch += [preprocess(im), preprocess(degrade(im, seeded_rng(it['path'], 1)))]
        with torch.inference_mode():
            feats[i:i + 16] = net(torch.stack(batch)).numpy().reshape(-1, 2, 1776)
    print(f'features {feats.shape} in {time.time() - t0:.0f}s', flush=True)
    for it in new:
        for k in ('dhash', 'size', 'train', 'drop'):
            it.pop(k, None)
    np.savez(os.path.join(OUT, 'features.npz'), feats=feats)
    json.dump({'items': new, 'provenance': prov}, open(os.path.join(OUT, 'items.json'), 'w'), indent=1)
    print(json.dumps(prov, indent=1))


def evaluate(args):
    from hpcnn import print_pooled_rows, table_of
    from train import fit_logreg, predict, sample_weights
    base = json.load(open(os.path.join(WORK, 'items.json')))['items']
    extra = json.load(open(os.path.join(OUT, 'items.json')))
    items = base + extra['items']
    X = np.concatenate([np.load(os.path.join(WORK, 'features.npz'))['feats'][:, :2], np.load(os.path.join(OUT, 'features.npz'))['feats']])
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    contents = np.array([it['content'] for it in items])
    in_train_dir = np.arange(len(items)) < len(base)
    n, nv, d = X.shape
    out, oofs = {}, {}
    for name, pool in (('trained on train/ only (1.1.0 recipe)', in_train_dir), ('trained on the union', np.ones(n, bool))):
        oof = np.zeros((n, nv), np.float32)
        for f in sorted(set(folders)):
            tr = (folders != f) & pool
            head = fit_logreg(X[tr].reshape(-1, d), np.repeat(labels[tr], nv).astype(np.float32), np.repeat(sample_weights(labels[tr], contents[tr]), nv), 0.1)
            p = predict(head, X[~tr & (folders == f)].reshape(-1, d)).reshape(-1, nv)
            oof[folders == f] = np.log(p / (1 - p))
        out[name], oofs[name] = table_of(oof, labels, folders), oof[:, 0]
        print(f'{name}: pooled AUC stored {out[name]["stored"]["POOLED"]["auc"]:.3f}', flush=True)
    json.dump({'protocol': 'LOSO over every folder of shared/data/train plus the allow-listed sources without a train/ twin; stored view + 1 degraded view; '
               'thresholds so every real folder (both views) stays within 1/2/5 %', 'provenance': extra['provenance'], 'rows': out},
              open(os.path.join(HERE, 'research-union.json'), 'w'), indent=1)
    names = list(out)
    counts = {f: (int(((folders == f) & (labels == 0)).sum()), int(((folders == f) & (labels == 1)).sum())) for f in sorted(set(folders))}
    def flagged(name, f):  # what a person sees at balanced, stored view: AI pictures flagged / real photos falsely flagged
        m, th = folders == f if f != 'POOLED' else np.ones(n, bool), out[name]['thresholds']['balanced']
        return ' / '.join(f'{100 * (oofs[name][m & (labels == lab)] >= th).mean():.1f} %' if (m & (labels == lab)).any() else '–' for lab in (1, 0))

    print('| folder (held out) | real / AI | ' + ' | '.join(f'{k}: AUC | flagged at balanced, AI / real' for k in names) + ' |')
    print('|---|---|' + '---:|---:|' * len(names))
    for f in sorted(set(folders)) + ['POOLED']:
        c = counts.get(f, (int((labels == 0).sum()), int((labels == 1).sum())))
        print(f'| {f} | {c[0]} / {c[1]} | ' + ' | '.join(f"{out[k]['stored'][f]['auc']:.3f} | {flagged(k, f)}" for k in names) + ' |')
    print_pooled_rows(out, extra=[('pooled AUC, degraded view', lambda r: r['degraded']['POOLED']['auc'])], pad='| ')

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['prepare', 'eval'])
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    {'prepare': prepare, 'eval': evaluate}[args.step](args)


if __name__ == '__main__':
    main()
