"""Issue 16, lever 2 (more allow-listed data), measured with today's input, backbone and head.

What it measures: whether adding pictures from allow-listed sources (../shared/data/SOURCES.md) to
training moves the leave-one-source-out AUC of the held-out folders of ../shared/data/train.
Input, features and head are today's (one centre-crop area downscale to 224², features.FeatureNet,
train.fit_logreg with L2 0.1 and train.sample_weights), stored view only, so the only change is the
added training pictures. Learning curve: n added pictures (half real, half fake, seeded random
subsets) for n in --sizes.

Honesty rules: (1) added pictures are deduplicated against train/ (exact 32² pixel hash and 64-bit
dHash, common.dedupe, train/ kept on a collision); (2) an added source that shares its origin
with a train/ folder is left out of training when that folder is held out (imagenet-sample-images
vs scenes-imagenet, dcsan/imagen vs gen-2022, gpt4o-image-prompts vs gen-gpt4o and gen-nanobanana-pro), so no fold sees its own source; (3) both added
sources are re-encoded alike the way train/ was stored (longer side <= 448 px, Lanczos, JPEG q90,
metadata dropped), so PNG-vs-JPEG or size is no cue.

Sources (mirrors from the `fetch` tool, read with git, never committed):
  EliSchwartz/imagenet-sample-images  *.JPEG             real, scene
  dcsan/imagen                         output/renders/**   fake, scene (2022 generators), seeded sample
  songguoxs/gpt4o-image-prompts        images/**          fake, scene (GPT-4o and Nano Banana Pro; twin of
                                                          gen-gpt4o and gen-nanobanana-pro, left out for both)

Run (needs the cache of tiles.py extract for the train/ features):
  nice -n 10 /usr/bin/python3 models/whole-image/more_data.py prepare   # extract, re-encode, dedupe, features
  nice -n 10 /usr/bin/python3 models/whole-image/more_data.py eval      # writes research-data.json
  ... prepare --sources gpt4o-image-prompts; ... eval --sources imagenet-sample-images gpt4o-image-prompts --tag modern
"""
import argparse
import io
import json
import os
import random
import subprocess
import sys
import time

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, WORK, dedupe, preprocess  # noqa: E402

EXT_DIR = os.path.join(WORK, 'external')
SOURCES = {
    # name: (mirror git dir, path filter, label, train/ folders of the same origin, max pictures)
    'imagenet-sample-images': ('/work/.mirror/EliSchwartz+imagenet-sample-images/repo', lambda p: p.endswith('.JPEG'), 0, ('scenes-imagenet',), 1000),
    'dcsan-imagen': ('/work/.mirror/dcsan+imagen/repo', lambda p: p.startswith('output/renders/') and p.lower().endswith(('.png', '.jpg', '.jpeg', '.webp')), 1, ('gen-2022',), 1000),
    'gpt4o-image-prompts': ('/work/.mirror/songguoxs+gpt4o-image-prompts/repo', lambda p: p.startswith('images/') and p.lower().endswith(('.png', '.jpg', '.jpeg', '.webp')), 1,
                            ('gen-gpt4o', 'gen-nanobanana-pro'), 1300),
}


def git(repo, *args):
    return subprocess.run(['git', '--git-dir', repo, *args], check=True, capture_output=True).stdout


def reencode(data):
    """Like train/ was stored: RGB, longer side <= 448 (Lanczos), JPEG q90."""
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        im = im.convert('RGBA') if im.mode in ('RGBA', 'LA', 'P') else im
        if im.mode == 'RGBA':
            bg = Image.new('RGBA', im.size, (255, 255, 255, 255))
            im = Image.alpha_composite(bg, im)
        im = im.convert('RGB')
    k = 448 / max(im.size)
    if k < 1:
        im = im.resize((max(1, round(im.width * k)), max(1, round(im.height * k))), Image.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, 'JPEG', quality=90)
    return buf.getvalue()


def prepare(args):
    from features import FeatureNet
    from tiles import TILE_DIR
    torch.set_num_threads(1)
    train_items = json.load(open(os.path.join(TILE_DIR, 'items.json')))['items']
    prov, items = {}, []
    for name in args.sources:
        repo, keep, label, _, cap = SOURCES[name]
        commit = git(repo, 'rev-parse', 'HEAD').decode().strip()
        paths = sorted(p for p in git(repo, 'ls-tree', '-r', '--name-only', 'HEAD').decode().splitlines() if keep(p))
        random.Random(16).shuffle(paths)
        paths = sorted(paths[:cap])
        prov[name] = {'repo': repo.split('/')[-2].replace('+', '/'), 'commit': commit, 'n_listed': len(paths), 'label': label}
        d = os.path.join(EXT_DIR, name, 'fake' if label else 'real')
        os.makedirs(d, exist_ok=True)
        for p in paths:
            out = os.path.join(d, p.replace('/', '__').rsplit('.', 1)[0] + '.jpg')
            if not os.path.exists(out):
                try:
                    data = reencode(git(repo, 'show', f'HEAD:{p}'))  # before open(): no empty file on failure
                    open(out, 'wb').write(data)
                except Exception as e:  # an undecodable file is skipped and counted
                    prov[name].setdefault('undecodable', []).append(p)
                    print(f'skip {p}: {e}', flush=True)
                    continue
            items.append({'path': out, 'folder': name, 'label': label, 'content': 'scene', 'src_path': p})
        print(f'{name}@{commit[:10]}: {len(paths)} files', flush=True)
    # Dedupe the union, train/ first so that a collision keeps the train/ picture.
    for it in train_items:
        it['train'] = True
    kept, dropped = dedupe([dict(it) for it in train_items] + items)
    kept_ext = [it for it in kept if not it.get('train')]
    lost_train = len(train_items) - sum(1 for it in kept if it.get('train'))
    for name in args.sources:
        prov[name]['n_kept_after_dedupe'] = sum(1 for it in kept_ext if it['folder'] == name)
        prov[name]['train_pictures_lost_to_cross_label_collisions'] = lost_train
    net = FeatureNet().eval()
    feats = np.zeros((len(kept_ext), 1776), np.float32)
    t0 = time.time()
    for i in range(0, len(kept_ext), 32):
        from common import load_rgb
        x = torch.stack([preprocess(load_rgb(it['path'])) for it in kept_ext[i:i + 32]])
        with torch.inference_mode():
            feats[i:i + 32] = net(x).numpy()
    print(f'features {feats.shape} in {time.time() - t0:.0f}s', flush=True)
    for it in kept_ext:
        it.pop('dhash', None)
        it['size'] = list(it['size'])
    for name in args.sources:
        m = [i for i, it in enumerate(kept_ext) if it['folder'] == name]
        np.savez(os.path.join(EXT_DIR, f'{name}.npz'), feats=feats[m])
        json.dump({'items': [kept_ext[i] for i in m], 'provenance': prov[name]}, open(os.path.join(EXT_DIR, f'{name}.json'), 'w'), indent=1)
    print(json.dumps(prov, indent=1))


def evaluate(args):
    from tiles import TILE_DIR, load_cache
    from train import LEVELS, fit_logreg, folder_table, sample_weights, thresholds_from_reals
    torch.set_num_threads(1)
    items, _, feats, _, _ = load_cache()
    X0 = feats[:, 0]
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    contents = np.array([it['content'] for it in items])
    ext = {name: json.load(open(os.path.join(EXT_DIR, f'{name}.json'))) for name in args.sources}
    XE = np.concatenate([np.load(os.path.join(EXT_DIR, f'{name}.npz'))['feats'] for name in args.sources])
    e_items = [it for name in args.sources for it in ext[name]['items']]
    e_lab = np.array([it['label'] for it in e_items])
    e_src = np.array([it['folder'] for it in e_items])
    origin = {name: s[3] for name, s in SOURCES.items()}
    real_folders = sorted({f for f, l in zip(folders, labels) if l == 0})
    paired = [f for f in sorted(set(folders)) if len(set(labels[folders == f])) == 2]
    results = {}
    for n_add in args.sizes:
        for seed in range(args.seeds if n_add else 1):
            rng = np.random.default_rng(seed)
            pick = np.concatenate([rng.permutation(np.nonzero(e_lab == l)[0])[:n_add // 2] for l in (0, 1)])
            s = np.zeros(len(items))
            t0 = time.time()
            for f in sorted(set(folders)):
                tr = folders != f
                add = pick[np.array([f not in origin[e_src[i]] for i in pick], bool)] if len(pick) else pick
                X = np.concatenate([X0[tr], XE[add]])
                y = np.concatenate([labels[tr], e_lab[add]]).astype(np.float32)
                c = np.concatenate([contents[tr], np.array(['scene'] * len(add))])
                head = fit_logreg(X, y, sample_weights(y, c), 0.1)
                s[~tr] = 1 / (1 + np.exp(-(((X0[~tr] - head['mu']) / head['sd']) @ head['w'] + head['b'])))
            th = thresholds_from_reals({f: s[(folders == f) & (labels == 0)] for f in real_folders}, LEVELS)
            table = folder_table(s, labels, folders, th)
            key = f'add{n_add}-seed{seed}'
            results[key] = {'n_added': int(len(pick)), 'n_added_real': int((e_lab[pick] == 0).sum()), 'seed': seed,
                            'thresholds': th, 'table': table, 'paired_mean_auc': float(np.mean([table[f]['auc'] for f in paired]))}
            p = table['POOLED']
            print(f'{key:18s} pooled AUC {p["auc"]:.3f} paired {results[key]["paired_mean_auc"]:.3f} flagged fakes '
                  f'{p["conservative_tpr"]:.3f}/{p["balanced_tpr"]:.3f}/{p["aggressive_tpr"]:.3f} ({time.time() - t0:.0f}s)', flush=True)
    out = os.path.join(HERE, f'research-data-{args.tag}.json' if args.tag else 'research-data.json')
    json.dump({'sources': args.sources, 'provenance': {n: e['provenance'] for n, e in ext.items()}, 'runs': results}, open(out, 'w'), indent=1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['prepare', 'eval'])
    ap.add_argument('--sizes', type=int, nargs='+', default=[0, 400, 800, 1400])
    ap.add_argument('--seeds', type=int, default=1)
    ap.add_argument('--sources', nargs='+', default=['imagenet-sample-images', 'dcsan-imagen'], choices=list(SOURCES))
    ap.add_argument('--tag', default='', help='eval: writes research-data-TAG.json instead of research-data.json')
    args = ap.parse_args()
    prepare(args) if args.step == 'prepare' else evaluate(args)


if __name__ == '__main__':
    main()
