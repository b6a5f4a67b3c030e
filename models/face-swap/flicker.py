"""Issue 15, item 4: does a swapped face flicker more over time than a real one?

Every demo clip (engine_crops.CLIPS: 4 swapped, 5 unswapped) is decoded at about 12 frames a second
(sber-swap's animated WebPs: every 2nd frame; the mp4s: ffmpeg fps=12), so that the frame spacing is
alike for every clip (the evaluation frames of the unswapped targets are 2 a second, and more motion
between frames would pass for flicker). Faces are found as the engine finds them (BlazeFace, the
engine's crop rule, area resize to 128) and linked into tracks by box overlap, as
src/shared/face-tracks.ts does; tracks shorter than MIN_TRACK frames are dropped.

Per track, signals over time: the forensic features (forensic_features.RELATIVE), face-mnv2's logit,
and the frozen face-model features (appearance; cosine distance between frames). Flicker of a
signal = the median over frames of |x[t] - (x[t-1] + x[t+1]) / 2|: jitter left after a straight-line
trend (smooth motion and slow lighting changes) is taken out.

Steps: crops  -> work/forensic/tracks.npz (+ tracks.u8 for score_onnx.mjs)
       then:  node models/face-swap/score_onnx.mjs models/face/model.onnx models/face-swap/work/forensic/tracks.u8 128 \\
                   models/face-swap/work/forensic/scores-face-mnv2-tracks.json
       report -> results/flicker.json, the tables printed
Usage: python3 flicker.py crops | report [--hull]   (--hull: FaceMesh hull regions, after forensic.py mesh feats --masks hull)"""
import glob
import json
import os
import subprocess
import sys
import tempfile

os.environ.setdefault('OMP_NUM_THREADS', '1')
import cv2  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
from engine_crops import CLIPS, DET_CARD, SIZE, BlazeFace, anchors, detect, load_rgb, preprocess  # noqa: E402
from face_features import iou  # noqa: E402
from forensic_features import NAMES, RELATIVE, features_all  # noqa: E402

WORK = os.path.join(HERE, 'work')
OUT = os.path.join(WORK, 'forensic')
RESULTS = os.path.join(HERE, 'results')
SBER = os.path.join(ROOT, 'models', 'face', 'work', 'faceswap')
MIN_TRACK = 6
# Each swap beside the clip it was made from: same motion, same frames.
PAIRS = {'elon': 'orig', 'khabenskii': 'orig', 'mark': 'orig', 'roop-snapshot': 'roop-target'}


def clip_frames(clip):
    """PIL frames at about 12 a second."""
    from PIL import Image
    if clip in ('orig', 'elon', 'khabenskii', 'mark'):
        im = Image.open(os.path.join(SBER, f'{clip}.webp'))
        out = []
        for i in range(0, im.n_frames, 2):
            im.seek(i)
            out.append(im.convert('RGB'))
        return out
    src = os.path.join(WORK, 'src', 'roop', f'{clip[5:]}.mp4') if clip.startswith('roop-') else os.path.join(SBER, f'{clip}.mp4')
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(['ffmpeg', '-loglevel', 'error', '-y', '-i', src, '-vf', 'fps=12', os.path.join(d, '%04d.png')], check=True)
        return [load_rgb(p) for p in sorted(glob.glob(os.path.join(d, '*.png')))]


def track(dets, min_iou=0.3):
    """dets: per frame, [(score, rect)]. Greedy box-overlap linking, the most confident face first.
    Returns tracks as lists of (frame, rect)."""
    tracks = []
    for t, faces in enumerate(dets):
        used = set()
        for _, rect in faces:
            live = [k for k, tr in enumerate(tracks) if tr[-1][0] == t - 1 and k not in used]
            best = max(live, key=lambda k: iou(tracks[k][-1][1], rect), default=None)
            if best is not None and iou(tracks[best][-1][1], rect) >= min_iou:
                tracks[best].append((t, rect))
                used.add(best)
            else:
                tracks.append([(t, rect)])
                used.add(len(tracks) - 1)
    return [tr for tr in tracks if len(tr) >= MIN_TRACK]


def make_crops():
    torch.set_num_threads(1)
    cfg = json.load(open(DET_CARD))
    anc, det = anchors(cfg), BlazeFace().eval()
    crops, meta = [], []
    for clip, label in CLIPS.items():
        frames = clip_frames(clip)
        dets = [[(s, (x, y, x + w, y + h)) for s, (x, y, w, h) in detect(det, cfg, anc, im)] for im in frames]
        tracks = track(dets)
        for k, tr in enumerate(tracks):
            for t, (x0, y0, x1, y1) in tr:
                c = preprocess(frames[t].crop((x0, y0, x1, y1)), SIZE)
                crops.append((c.permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8))
                meta.append({'clip': clip, 'label': label, 'track': k, 'frame': t, 'rect': [round(v, 1) for v in (x0, y0, x1, y1)]})
        print(clip, len(frames), 'frames,', [len(tr) for tr in tracks], 'track lengths', flush=True)
    crops = np.stack(crops)
    crops.tofile(os.path.join(OUT, 'tracks.u8'))
    np.savez_compressed(os.path.join(OUT, 'tracks.npz'), crops=crops, meta=np.array(json.dumps(meta)))


def jitter(x):
    """Median |x[t] - (x[t-1] + x[t+1]) / 2| over t; x: [T] or [T, F] (per column)."""
    x = np.asarray(x, np.float64)
    return np.median(np.abs(x[1:-1] - (x[:-2] + x[2:]) / 2), axis=0)


def appearance(crops):
    """Frozen face-model features (models/face/face_net.py, the shipped stage), L2-normalised."""
    sys.path.insert(0, os.path.join(ROOT, 'models', 'face'))
    from face_net import STAGE, FaceFeatureNet
    from finetune import to_input
    net = FaceFeatureNet(STAGE).eval()
    with torch.no_grad():
        f = np.concatenate([net(to_input(crops[i:i + 64])).numpy() for i in range(0, len(crops), 64)])
    f = (f - f.mean(0)) / (f.std(0) + 1e-6)  # every feature on one scale before the cosine
    return f / np.linalg.norm(f, axis=1, keepdims=True)


def report(masks):
    torch.set_num_threads(1)
    cv2.setNumThreads(1)
    d = np.load(os.path.join(OUT, 'tracks.npz'))
    crops, meta = d['crops'], json.loads(str(d['meta']))
    pts = np.load(os.path.join(OUT, 'mesh-tracks.npz'))['pts'] if masks == 'hull' else None
    feats = features_all(crops, pts)[:, [NAMES.index(n) for n in RELATIVE]]
    # One scale per feature: its spread over the made real views (forensic.py), never the clips.
    views = np.load(os.path.join(OUT, 'feats.npz' if masks == 'ellipse' else f'feats-{masks}.npz'))
    vm = np.load(os.path.join(OUT, 'views-meta.npz'))
    scale = views['views'][vm['kind'] == 'real'][:, [NAMES.index(n) for n in RELATIVE]].std(0)
    feats = feats / scale
    mn = np.array(json.load(open(os.path.join(OUT, 'scores-face-mnv2-tracks.json'))))
    emb = appearance(crops)
    tracks = {}
    for i, m in enumerate(meta):
        tracks.setdefault((m['clip'], m['track']), []).append(i)
    rows = {}
    for (clip, k), idx in tracks.items():
        idx = sorted(idx, key=lambda i: meta[i]['frame'])
        r = np.array([meta[i]['rect'] for i in idx])
        side = (r[:, 2] - r[:, 0]).mean()
        centre = (r[:, :2] + r[:, 2:]) / 2
        e = emb[idx]
        per_feature = jitter(feats[idx])
        rows[f'{clip}#{k}'] = {
            'clip': clip, 'swapped': bool(CLIPS[clip]), 'frames': len(idx),
            'motion': float(np.median(np.linalg.norm(np.diff(centre, axis=0), axis=1)) / side),  # face widths per frame
            'forensic (mean of features)': float(per_feature.mean()),
            **{f'forensic: {n}': float(v) for n, v in zip(RELATIVE, per_feature)},
            'face-mnv2 logit': float(jitter(mn[idx])),
            'appearance (1 - cos, next frame)': float(np.median(1 - (e[1:] * e[:-1]).sum(1))),
            'appearance (1 - cos to neighbours mean)': float(np.median(1 - (e[1:-1] * (e[:-2] + e[2:]) / 2).sum(1) / np.linalg.norm((e[:-2] + e[2:]) / 2, axis=1))),
            'face-mnv2 median logit': float(np.median(mn[idx])),
        }
    signals = [k for k in next(iter(rows.values())) if k not in ('clip', 'swapped', 'frames', 'motion', 'face-mnv2 median logit')]
    # The longest track of each clip stands for it (the unswapped targets hold more than one face).
    main = {}
    for name, r in rows.items():
        if r['clip'] not in main or r['frames'] > rows[main[r['clip']]]['frames']:
            main[r['clip']] = name
    summary = {}
    for s in signals:
        sw = [rows[main[c]][s] for c in main if CLIPS[c]]
        un = [rows[main[c]][s] for c in main if not CLIPS[c]]
        all_sw = [r[s] for r in rows.values() if r['swapped']]
        all_un = [r[s] for r in rows.values() if not r['swapped']]
        summary[s] = {
            'clip AUC (longest track, 4 vs 5)': roc_auc_score([1] * len(sw) + [0] * len(un), sw + un),
            'track AUC (every track)': roc_auc_score([1] * len(all_sw) + [0] * len(all_un), all_sw + all_un),
            'swap above its original (of 4 pairs)': sum(rows[main[a]][s] > rows[main[b]][s] for a, b in PAIRS.items()),
            'swap / original ratio per pair': [round(rows[main[a]][s] / max(rows[main[b]][s], 1e-9), 2) for a, b in PAIRS.items()],
        }
    out = os.path.join(RESULTS, 'flicker.json' if masks == 'ellipse' else f'flicker-{masks}.json')
    json.dump({'tracks': rows, 'summary': summary, 'pairs': PAIRS, 'min_track': MIN_TRACK}, open(out, 'w'), indent=1)
    print('| track | swapped | frames | motion (face widths/frame) | forensic flicker | face-mnv2 logit flicker | appearance flicker | face-mnv2 median logit |')
    print('|---|---|---:|---:|---:|---:|---:|---:|')
    for name, r in sorted(rows.items(), key=lambda kv: (not kv[1]['swapped'], kv[0])):
        print(f"| {name} | {'yes' if r['swapped'] else 'no'} | {r['frames']} | {r['motion']:.3f} | {r['forensic (mean of features)']:.3f} | "
              f"{r['face-mnv2 logit']:.3f} | {r['appearance (1 - cos, next frame)']:.3f} | {r['face-mnv2 median logit']:.2f} |")
    print('\n| signal | clip AUC (4 vs 5) | track AUC | swap > its original | swap / original |')
    print('|---|---:|---:|---:|---|')
    for s, v in summary.items():
        print(f"| {s} | {v['clip AUC (longest track, 4 vs 5)']:.2f} | {v['track AUC (every track)']:.2f} | "
              f"{v['swap above its original (of 4 pairs)']}/4 | {' '.join(map(str, v['swap / original ratio per pair']))} |")


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    if sys.argv[1:2] == ['crops']:
        make_crops()
    else:
        report('hull' if '--hull' in sys.argv else 'ellipse')
