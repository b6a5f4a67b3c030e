"""Step 1 of the face model: find the face in every image of the faces-* folders of
../shared/data/train with the project's BlazeFace port (models/face-detector), crop it exactly as
the engine does (src/engine/face-detect.ts: same anchors, decoding, NMS and crop rule, parameters
from models/face-detector/model.json), and extract the frozen nsfwjs-MobileNetV2 pooled features of
the crop (face_net.FaceFeatureNet 'full': the whole-image model's 1776 features; the earlier-stage
variants are column subsets of it) at each crop size of --sizes (default: the shipped one,
face_net.SIZE). View 0 = image as stored, views 1..N = degraded alike
(models/whole-image/common.degrade), the face detected again on each degraded view. Images where no
face is found are recorded (detector recall per folder) and left out.
Writes work/face-features-<size>.npz + work/face-items.json (never committed: derived from
third-party data)."""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'models', 'whole-image'))
sys.path.insert(0, os.path.join(ROOT, 'models', 'face-detector'))
from common import DEFAULT_DATA, dedupe, degrade, list_images, load_rgb, preprocess, seeded_rng  # noqa: E402
from blazeface import BlazeFace  # noqa: E402
from face_net import SIZE, FaceFeatureNet  # noqa: E402

WORK = os.path.join(HERE, 'work')
DET_CARD = os.path.join(ROOT, 'models', 'face-detector', 'model.json')


def anchors(cfg):
    size = cfg['input']['width']
    out = []
    for stride, per in zip(cfg['detector']['anchors']['strides'], cfg['detector']['anchors']['perCell']):
        n = math.ceil(size / stride)
        for gy in range(n):
            for gx in range(n):
                out += [(stride * (gx + 0.5), stride * (gy + 0.5))] * per
    return np.array(out, np.float32)


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / u if u > 0 else 0.0


def detect(net, cfg, anc, im):
    """Mirror of detectFaces + faceCropRect in src/engine/face-detect.ts. Returns [(score, crop rect x,y,w,h)]."""
    d = cfg['detector']
    a = np.asarray(im, dtype=np.uint8)
    H, W = a.shape[:2]
    size = cfg['input']['width']
    t = torch.from_numpy(a.astype(np.float32)).permute(2, 0, 1).unsqueeze(0)
    t = F.interpolate(t, size=(size, size), mode='bilinear', align_corners=False)
    t = (t / 255.0 - 0.5) / 0.5
    with torch.no_grad():
        logits, boxes = net(t)
    logits, boxes = logits[0].numpy(), boxes[0].numpy()
    scores = 1 / (1 + np.exp(-np.clip(logits, -80, 80)))
    order = [i for i in np.argsort(-scores, kind='stable') if scores[i] >= d['minScore']]
    kept = []
    for i in order:
        cx, cy = boxes[i, 0] + anc[i, 0], boxes[i, 1] + anc[i, 1]
        w, h = boxes[i, 2], boxes[i, 3]
        b = ((cx - w / 2) / size * W, (cy - h / 2) / size * H, (cx + w / 2) / size * W, (cy + h / 2) / size * H)
        if not (w > 0 and h > 0) or any(iou(b, k[1]) > d['iouThreshold'] for k in kept):
            continue
        kept.append((float(scores[i]), b))
        if len(kept) >= d['maxFaces']:
            break
    out = []
    for s, (x0, y0, x1, y1) in kept:
        side = max(x1 - x0, y1 - y0)
        if side < d['minFaceSide']:
            continue
        c = crop_rect(x0, y0, x1, y1, W, H, d['cropScale'])
        if c:
            out.append((s, c))
    return out


def crop_rect(x0, y0, x1, y1, W, H, scale):
    side = min(max(x1 - x0, y1 - y0) * scale, W, H)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - side / 2, 0), W - side)
    top = min(max(cy - side / 2, 0), H - side)
    x, y, s = math.floor(left), math.floor(top), math.floor(side)
    return (x, y, s, s) if s >= 8 else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=DEFAULT_DATA)
    ap.add_argument('--views', type=int, default=2)
    ap.add_argument('--limit', type=int, default=0)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--sizes', type=int, nargs='+', default=[SIZE], help='crop sizes to extract features at')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    os.makedirs(WORK, exist_ok=True)
    cfg = json.load(open(DET_CARD))
    anc = anchors(cfg)
    det = BlazeFace().eval()
    net = FaceFeatureNet('full').eval()
    items = [it for it in list_images(args.data) if it['folder'].startswith('faces-')]
    if args.limit:
        cnt, sub = {}, []
        for it in items:
            k = (it['folder'], it['label'])
            cnt[k] = cnt.get(k, 0) + 1
            if cnt[k] <= args.limit:
                sub.append(it)
        items = sub
    items, dropped = dedupe(items)
    nv = 1 + args.views
    feats = {s: np.full((len(items), nv, 1776), np.nan, np.float32) for s in args.sizes}
    found = np.zeros((len(items), nv), bool)
    t0 = time.time()
    batch, idx = {s: [] for s in args.sizes}, []

    def flush():
        for s in args.sizes:
            with torch.no_grad():
                f = net(torch.stack(batch[s])).numpy()
            for (i, v), row in zip(idx, f):
                feats[s][i, v] = row
            batch[s].clear()
        idx.clear()

    for i, it in enumerate(items):
        im = load_rgb(it['path'])
        for v in range(nv):
            x = im if v == 0 else degrade(im, seeded_rng(it['path'], v))
            faces = detect(det, cfg, anc, x)
            if not faces:
                continue
            found[i, v] = True
            _, (cx, cy, cw, ch) = faces[0]  # most confident face
            crop = x.crop((cx, cy, cx + cw, cy + ch))
            for s in args.sizes:
                batch[s].append(preprocess(crop, s))
            idx.append((i, v))
        if len(idx) >= 48:
            flush()
        if i % 200 == 0:
            print(f'{i}/{len(items)} {time.time() - t0:.0f}s found {found[:i + 1].mean():.3f}', flush=True)
    if idx:
        flush()
    for s in args.sizes:
        np.savez(os.path.join(WORK, f'face-features-{s}.npz'), feats=feats[s], found=found)
    for it in items:
        it.pop('dhash', None)
    json.dump({'items': items, 'dropped': [d['path'] for d in dropped], 'views': nv}, open(os.path.join(WORK, 'face-items.json'), 'w'))
    print(f'features {len(items)} x {nv} x 1776 at {args.sizes}, face found in {found.mean():.3f} of views, {time.time() - t0:.0f}s', flush=True)


if __name__ == '__main__':
    main()
