"""The hand-made baseline of issue 15 (item 2): forensic features of the face against its
surroundings (forensic_features.py), a logistic regression on top, evaluated like every other
face-swap attempt here (evaluate.py: swap clips, faces-* folders, thresholds calibrated on the real
folder x view groups, the H.264 video view of the reals included).

Steps (each cached under work/forensic/):
  views    made training views: per training face (crops-train.npz) --views reals and as many fakes
           (self-blend, or a two-person swap at share --pair), degraded alike and area-resized to
           128 as the engine does (the same recipe as make_views.py); views.u8 for score_onnx.mjs
  mesh     FaceMesh landmarks of every crop (for --masks hull: regions from the face-oval hull)
  feats    the features of the made views, the engine crops, the engine's video-view crops and the
           flicker tracks' crops (flicker.py crops), with the central ellipse or (--masks hull) the hull
  fit      one logistic regression per variant (below), scores for evaluate.py, one report each in
           results/report-forensic-<variant>.json, the table rows printed
  seeds    the same fits on made fakes of other seeds (--other-seeds): how much the figures move
Usage: python3 forensic.py [views] [mesh] [feats] [fit] [seeds] [--masks hull]   (no step: views feats fit)
The face-mnv2 scores of the made views (for the combined variants) come from
  node models/face-swap/score_onnx.mjs models/face/model.onnx models/face-swap/work/forensic/views.u8 128 \\
       models/face-swap/work/forensic/scores-face-mnv2-views.json"""
import argparse
import json
import os
import sys

os.environ.setdefault('OMP_NUM_THREADS', '1')
import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from evaluate import FOLDERS, run  # noqa: E402
from finetune import Faces  # noqa: E402
from forensic_features import NAMES, RELATIVE, S, features_all  # noqa: E402
from head import fit, logit  # noqa: E402

WORK = os.path.join(HERE, 'work')
OUT = os.path.join(WORK, 'forensic')
RESULTS = os.path.join(HERE, 'results')
C = 0.1  # the face model's L2 choice, not tuned here
# Picked by looking at the clips' per-feature AUCs (chroma noise) and at the colour fit's weights
# (b spread): upper bounds, not results.
CLIP_PICKS = ('chroma_noise_in_near', 'b_std_in_near')
GROUPS = {  # what each kind of trace buys, alone
    'noise': ['noise_in_near', 'noise_in_outer', 'chroma_noise_in_near'],
    'sharpness': ['lap_in_near', 'lap_in_outer', 'sharp_in_near'],
    'colour': ['L_mean_in_near', 'a_mean_in_near', 'b_mean_in_near', 'L_std_in_near', 'a_std_in_near', 'b_std_in_near'],
    'JPEG grid + blending band': ['block_in_outer', 'edge_band'],
}


def to_engine_size(crop):
    """Area resize to S and back to uint8, as engine_crops.py stored the evaluation crops."""
    t = torch.from_numpy(np.ascontiguousarray(crop)).permute(2, 0, 1).float().unsqueeze(0)
    t = F.interpolate(t, size=(S, S), mode='area')[0].permute(1, 2, 0).numpy()
    return np.clip(t + 0.5, 0, 255).astype(np.uint8)


def views_in_memory(n_views, pair, seed):
    rng = np.random.default_rng(seed)
    faces = Faces(os.path.join(WORK, 'crops-train.npz'), rng)
    crops, label, face, kind = [], [], [], []
    for _ in range(n_views):
        for i in range(len(faces)):
            is_pair = rng.random() < pair
            r, f = faces.pair(i, 1.0 if is_pair else 0.0)
            crops += [to_engine_size(r), to_engine_size(f)]
            label += [0, 1]
            face += [i, i]
            kind += ['real', 'pair' if is_pair else 'sbi']
    return np.stack(crops), {'label': np.array(label), 'face': np.array(face), 'kind': np.array(kind)}


def make_views(n_views, pair, seed):
    crops, m = views_in_memory(n_views, pair, seed)
    crops.tofile(os.path.join(OUT, 'views.u8'))
    np.savez(os.path.join(OUT, 'views-meta.npz'), n=len(crops), **m)
    print(f'{len(crops)} made views', flush=True)


def load_views():
    m = np.load(os.path.join(OUT, 'views-meta.npz'))
    crops = np.fromfile(os.path.join(OUT, 'views.u8'), np.uint8).reshape(-1, S, S, 3)
    return crops, m


def crop_sets():
    """The crops every feature is computed on, by name."""
    yield 'views', load_views()[0]
    for name in ('engine-crops', 'engine-crops-video'):
        yield name, np.load(os.path.join(WORK, f'{name}.npz'))['crops']
    if os.path.exists(os.path.join(OUT, 'tracks.npz')):  # flicker.py crops
        yield 'tracks', np.load(os.path.join(OUT, 'tracks.npz'))['crops']


def make_mesh():
    """FaceMesh landmarks of every crop (landmarks.py, two passes from the face box the engine's crop
    implies: the central 128 / 1.6 = 80 px), for the landmark-hull regions."""
    from landmarks import FaceMesh, landmarks
    net = FaceMesh().eval()
    box = (S / 2 - S / 3.2, S / 2 - S / 3.2, S / 2 + S / 3.2, S / 2 + S / 3.2)
    for name, crops in crop_sets():
        p = os.path.join(OUT, f'mesh-{name}.npz')
        if os.path.exists(p):
            continue
        pts, score = np.zeros((len(crops), 468, 2), np.float32), np.zeros(len(crops), np.float32)
        for i, c in enumerate(crops):
            if c.any():
                pts[i], score[i] = landmarks(net, c, box)
        np.savez(p, pts=pts, score=score)
        print('mesh', name, len(crops), flush=True)


def make_feats(masks):
    out = {}
    for name, crops in crop_sets():
        pts = np.load(os.path.join(OUT, f'mesh-{name}.npz'))['pts'] if masks == 'hull' else None
        out[name] = features_all(crops, pts)
        print(name, out[name].shape, flush=True)
    np.savez(feats_path(masks), names=np.array(NAMES), **out)


def feats_path(masks):
    return os.path.join(OUT, 'feats.npz' if masks == 'ellipse' else f'feats-{masks}.npz')


def eval_meta(name):
    return json.loads(str(np.load(os.path.join(WORK, f'{name}.npz'))['meta']))


def mnv2_logits():
    """face-mnv2 1.1.0's logits (score_onnx.mjs): made views, engine crops, video-view crops."""
    p = os.path.join(OUT, 'scores-face-mnv2-views.json')
    if not os.path.exists(p):
        return None
    return {'views': np.array(json.load(open(p))), 'engine-crops': np.array(json.load(open(os.path.join(WORK, 'scores-face-mnv2.json')))),
            'engine-crops-video': np.array(json.load(open(os.path.join(WORK, 'scores-face-mnv2-video.json'))))}


def percentiles(paths):
    """Where each clip's median frame sits among every real faces-* crop (all views), in percent:
    how far from the thresholds, which need the top 1-5 % of every real group."""
    from evaluate import load
    items = load(paths[0]) + load(paths[1], 'engine-crops-video.npz')
    reals = np.array([m['score'] for m in items if m['label'] == 0 and m['set'] in FOLDERS])
    clips = sorted({m['set'] for m in items if m['set'].startswith('clip:')})
    return {c[5:]: round(float(np.mean(reals < np.median([m['score'] for m in items if m['set'] == c]))) * 100, 1) for c in clips}


def slug(name):
    return name.replace(', ', '-').replace(' + ', '+').replace(' ', '-')


def row(name, r):
    """One line of the README table from an evaluate.py report."""
    p, s, fo = r['pairs'], r['summary']['balanced'], r['folders']
    auc = lambda k: f"{fo[k]['auc']:.3f}" if fo[k]['auc'] is not None else '–'  # noqa: E731
    pc = lambda cs: ' '.join(f"{r['percentile_among_reals'][c]:.0f}" for c in cs)  # noqa: E731
    return (f"| {name} | {p['sber-swap']:.3f} | {p['roop']:.3f} | {p['all swapped vs all unswapped frames']:.3f} | "
            f"{s['swappedFramesFlagged']:.0%} / {s['unswappedFramesFlagged']:.1%} | {s['swappedClipsFlagged']}/4 / {s['unswappedClipsFlagged']}/5 | "
            f"{auc('faces-photoshop/0')} | {auc('faces-photoshop/1')} | {auc('faces-ffhq-stylegan/0')} | {auc('faces-unsplash-tpdne/0')} | {auc('faces-sd21/0')} | "
            f"{pc(('elon', 'khabenskii', 'mark', 'roop-snapshot'))} | {pc(('orig', 'roop-target', 'dance', 'dirtydancing', 'nggyup'))} |")


def feature_aucs(d, kind, tag):
    """What each feature says alone: ROC AUC (fake = positive, no sign flip: under 0.5 means the
    fakes sit lower) on the made fakes and on every evaluation set."""
    meta = eval_meta('engine-crops')
    sets = np.array([m['set'] for m in meta])
    lab, view, has = (np.array([m[k] for m in meta]) for k in ('label', 'view', 'face'))
    V, E = d['views'], d['engine-crops']
    swapped = [f'clip:{c}' for c in ('elon', 'khabenskii', 'mark', 'roop-snapshot')]
    unswapped = [f'clip:{c}' for c in ('orig', 'dance', 'dirtydancing', 'nggyup', 'roop-target')]
    tests = {
        'made self-blends': (V[kind == 'real'], V[kind == 'sbi']), 'made two-person swaps': (V[kind == 'real'], V[kind == 'pair']),
        'sber-swap': (E[sets == 'clip:orig'], E[np.isin(sets, swapped[:3])]), 'roop': (E[sets == 'clip:roop-target'], E[sets == 'clip:roop-snapshot']),
        'all clips': (E[np.isin(sets, unswapped) & has], E[np.isin(sets, swapped)]),
    }
    for v, vn in ((0, 'stored'), (1, 'degraded')):
        m = (sets == 'faces-photoshop') & has & (view == v)
        tests[f'photoshop {vn}'] = (E[m & (lab == 0)], E[m & (lab == 1)])
    out = {n: {t: roc_auc_score([0] * len(a) + [1] * len(b), np.concatenate([a[:, j], b[:, j]])) for t, (a, b) in tests.items()}
           for j, n in enumerate(NAMES)}
    json.dump(out, open(os.path.join(RESULTS, f'forensic-features{tag}.json'), 'w'), indent=1)
    print('| feature | ' + ' | '.join(tests) + ' |\n|---|' + '---:|' * len(tests))
    for n, r in out.items():
        print(f'| {n} | ' + ' | '.join(f'{v:.2f}' for v in r.values()) + ' |')


def fit_all(masks, seed_views=None):
    """Every variant's fit, scores, report and table row. seed_views: (features, meta) of made views
    of another seed, to see how much the figures move with the made fakes (reports under OUT/seeds,
    no face-mnv2 variants)."""
    d = dict(np.load(feats_path(masks)))
    tag = '' if masks == 'ellipse' else f'-{masks}'
    if seed_views is None:
        vm, mn, results = load_views()[1], mnv2_logits(), RESULTS
    else:
        (d['views'], vm), mn, results = seed_views, None, os.path.join(OUT, 'seeds')
        os.makedirs(results, exist_ok=True)
    scratch = OUT if seed_views is None else results
    kind, face, yv = vm['kind'], vm['face'], vm['label']
    if seed_views is None:
        feature_aucs(d, kind, tag)
    meta = eval_meta('engine-crops')
    sets = np.array([m['set'] for m in meta])
    lab = np.array([m['label'] for m in meta])
    in_folder = np.isin(sets, FOLDERS) & np.array([m['face'] for m in meta])
    cols = {'rel': [NAMES.index(n) for n in RELATIVE], 'all': list(range(len(NAMES)))}
    cols.update({g: [NAMES.index(n) for n in fs] for g, fs in GROUPS.items()})

    def X(name, feat, with_mnv2):
        x = d[name][:, cols[feat]]
        return np.column_stack([x, mn[name]]) if with_mnv2 else x

    variants = {  # name: (made fakes of these kinds, faces-* folders LOSO, feature set, + face-mnv2 logit)
        'made-sbi': (['sbi'], False, 'rel', False),
        'made-pair': (['pair'], False, 'rel', False),
        'made': (['sbi', 'pair'], False, 'rel', False),
        'made-abs': (['sbi', 'pair'], False, 'all', False),
        'folders-loso': ([], True, 'rel', False),
        'folders-loso-abs': ([], True, 'all', False),
        'made+folders-loso': (['sbi', 'pair'], True, 'rel', False),
        **{f'made, {g} only': (['sbi', 'pair'], False, g, False) for g in GROUPS},
    }
    if mn is not None:
        variants['made+mnv2'] = (['sbi', 'pair'], False, 'rel', True)
        variants['made-abs+mnv2'] = (['sbi', 'pair'], False, 'all', True)
    summary, rows, compact = {}, [], {}
    for vname, (kinds, folders, feat, with_mnv2) in variants.items():
        keep = (kind == 'real') | np.isin(kind, kinds) if kinds else np.zeros(len(kind), bool)
        Xv, Xe = X('views', feat, with_mnv2), X('engine-crops', feat, with_mnv2)

        def train_set(exclude=None):
            m = in_folder & (sets != exclude) if folders else np.zeros(len(sets), bool)
            return np.concatenate([Xv[keep], Xe[m]]), np.concatenate([yv[keep], lab[m]])

        info = {}
        if kinds:  # made fakes of faces held out of training (every 5th face): does the LR learn them at all?
            tr, te = keep & (face % 5 != 0), (face % 5 == 0)
            h = fit(Xv[tr], yv[tr], C)
            for k in ('sbi', 'pair'):
                sel = te & ((kind == 'real') | (kind == k))
                info[f'heldout_made_{k}_auc'] = roc_auc_score(yv[sel], logit(h, Xv[sel]))
        full = fit(*train_set(), C)
        scores = {n: logit(full, X(n, feat, with_mnv2)) for n in ('engine-crops', 'engine-crops-video')}
        if folders:  # each folder scored by the fit that never saw it
            for f in FOLDERS:
                h = fit(*train_set(exclude=f), C)
                for n in scores:
                    sel = np.array([m['set'] == f for m in eval_meta(n)])
                    scores[n][sel] = logit(h, X(n, feat, with_mnv2)[sel])
        paths = []
        for n, s in scores.items():
            paths.append(os.path.join(scratch, f'scores-{slug(vname)}{tag}-{n}.json'))
            json.dump([round(float(x), 5) for x in s], open(paths[-1], 'w'))
        r, _ = run(*paths)
        r['percentile_among_reals'] = percentiles(paths)
        names = [NAMES[i] for i in cols[feat]] + (['face-mnv2 logit'] if with_mnv2 else [])
        r['fit'] = {'kinds': kinds, 'folders_loso': folders, 'features': names, 'C': C, 'weights': dict(zip(names, np.round(full['w'], 4).tolist())), **info}
        json.dump(r, open(os.path.join(results, f'report-forensic-{slug(vname)}{tag}.json'), 'w'), indent=1)
        summary[vname] = info
        rows.append(row(vname + tag, r))
        compact[vname] = {**{k: r['pairs'][k] for k in ('sber-swap', 'roop', 'all swapped vs all unswapped frames')}, 'balanced': r['summary']['balanced']}
    if seed_views is not None:
        return compact
    # Single features, sign fixed by the made fakes (fakes below the reals -> negated): the one the
    # made fakes rank best, and CLIP_PICKS.
    rel = [NAMES.index(n) for n in RELATIVE]
    made_auc = {NAMES[j]: roc_auc_score(yv, d['views'][:, j]) for j in rel}
    best = max(made_auc, key=lambda n: abs(made_auc[n] - 0.5))
    for chosen, fname in (('best on made fakes', best), *(('picked after looking at the clips', n) for n in CLIP_PICKS)):
        j, sign = NAMES.index(fname), (-1.0 if made_auc[fname] < 0.5 else 1.0)
        paths = []
        for n in ('engine-crops', 'engine-crops-video'):
            paths.append(os.path.join(OUT, f'scores-single-{fname}{tag}-{n}.json'))
            json.dump([round(float(x), 5) for x in sign * d[n][:, j]], open(paths[-1], 'w'))
        r, _ = run(*paths)
        r['percentile_among_reals'] = percentiles(paths)
        r['fit'] = {'feature': fname, 'sign': sign, 'made_auc': made_auc[fname], 'chosen': chosen}
        json.dump(r, open(os.path.join(RESULTS, f'report-forensic-single-{fname}{tag}.json'), 'w'), indent=1)
        rows.append(row(f"{'-' if sign < 0 else ''}{fname}{tag} alone ({chosen})", r))
    if mn is not None and masks == 'ellipse':  # face-mnv2 alone, calibrated by the same rule (video view of the reals included)
        paths = [os.path.join(WORK, 'scores-face-mnv2.json'), os.path.join(WORK, 'scores-face-mnv2-video.json')]
        r, _ = run(*paths)
        r['percentile_among_reals'] = percentiles(paths)
        json.dump(r, open(os.path.join(RESULTS, 'report-face-mnv2-1.1.0-calibrated.json'), 'w'), indent=1)
        rows.insert(0, row('face-mnv2 1.1.0, calibrated here', r))
    print(json.dumps(summary, indent=1))
    print('\n'.join(rows))


def other_seeds(seeds, n_views, pair):
    """The ellipse variants refitted on made fakes of other seeds -> results/forensic-seeds.json."""
    out = {}
    for seed in seeds:
        crops, meta = views_in_memory(n_views, pair, seed)
        out[seed] = fit_all('ellipse', (features_all(crops), meta))
        print(seed, {k: f"{v['balanced']['swappedFramesFlagged']:.0%} / {v['balanced']['unswappedFramesFlagged']:.1%}" for k, v in out[seed].items()}, flush=True)
        json.dump(out, open(os.path.join(RESULTS, 'forensic-seeds.json'), 'w'), indent=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('steps', nargs='*', default=['views', 'feats', 'fit'])
    ap.add_argument('--views', type=int, default=4)
    ap.add_argument('--pair', type=float, default=0.4)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--other-seeds', type=int, nargs='*', default=[2, 3, 4, 5])
    ap.add_argument('--masks', choices=['ellipse', 'hull'], default='ellipse', help='face regions: the central ellipse, or FaceMesh hulls (step mesh first)')
    args = ap.parse_args()
    torch.set_num_threads(1)
    cv2.setNumThreads(1)
    os.makedirs(OUT, exist_ok=True)
    if 'views' in args.steps:
        make_views(args.views, args.pair, args.seed)
    if 'mesh' in args.steps:
        make_mesh()
    if 'feats' in args.steps:
        make_feats(args.masks)
    if 'fit' in args.steps:
        fit_all(args.masks)
    if 'seeds' in args.steps:
        other_seeds(args.other_seeds, args.views, args.pair)


if __name__ == '__main__':
    main()
