"""Step 1 of the face-swap model: real faces for making training fakes, and the evaluation faces.

For every picture of a source: find the faces with the project's BlazeFace port (the engine's
decoding, models/face/face_features.detect), fit FaceMesh landmarks (landmarks.py), and keep a
square crop of up to CROP_SCALE x the face box side around the face, kept inside the picture as the
engine keeps its crops (so a face that fills the picture is not centred), resized to STORE px, with
the landmarks and the face box in crop pixels and the face's native box side (so training never
shows a face larger than it was). Exact and near duplicates
(dHash) are dropped, and any training picture that is a near duplicate of an evaluation picture.

Writes work/crops-<set>.npz (never committed: derived from third-party data).
Usage: python3 make_crops.py [--sets train eval]"""
import argparse
import glob
import json
import os
import sys
import time

import numpy as np
import cv2

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path[:0] = [HERE, os.path.join(ROOT, 'models', 'face'), os.path.join(ROOT, 'models', 'whole-image'), os.path.join(ROOT, 'models', 'face-detector')]
from common import dhash, load_rgb  # noqa: E402
from face_features import DET_CARD, anchors, detect  # noqa: E402
from blazeface import BlazeFace  # noqa: E402
from landmarks import FaceMesh, landmarks  # noqa: E402
import torch  # noqa: E402

WORK = os.path.join(HERE, 'work')
SRC = os.path.join(WORK, 'src')
DATA = os.path.join(ROOT, '..', 'shared', 'data', 'train')
CROP_SCALE = 2.0
STORE = 224
MIN_SIDE = 40  # faces smaller than this in the source picture are not used

# Training reals: allow-listed real faces that no evaluation folder holds (see MODEL_CARD.md).
TRAIN_SOURCES = {
    'ffhq-extra': os.path.join(SRC, 'ffhq-extra'),  # cdiaconu04/Guess-real-or-ai public/gamePics/real
    'unsplash-extra': os.path.join(SRC, 'unsplash-extra'),  # Vargha-Kh/Fake-Face-Classification fake_real-faces/real
    'groups': os.path.join(SRC, 'groups'),  # Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB imgs/
    'imagenet': os.path.join(DATA, 'scenes-imagenet', 'real'),
    'bsds': os.path.join(DATA, 'scenes-bsds', 'real'),
    'lowlight': os.path.join(DATA, 'scenes-lowlight', 'real'),
}
EVAL_SOURCES = {f'{f}/{lab}': os.path.join(DATA, f, lab) for f in ('faces-ffhq-stylegan', 'faces-unsplash-tpdne', 'faces-photoshop', 'faces-sd21') for lab in ('real', 'fake')}


def files(d):
    return sorted(p for p in glob.glob(os.path.join(d, '*')) if p.lower().endswith(('.jpg', '.jpeg', '.png', '.webp')))


def crop_face(rgb, box, pts):
    H, W = rgb.shape[:2]
    x0, y0, x1, y1 = box
    side = min(max(x1 - x0, y1 - y0) * CROP_SCALE, W, H)
    left = min(max((x0 + x1) / 2 - side / 2, 0), W - side)
    top = min(max((y0 + y1) / 2 - side / 2, 0), H - side)
    k = STORE / side
    M = np.array([[k, 0, -k * left], [0, k, -k * top]], np.float32)
    crop = cv2.warpAffine(rgb, M, (STORE, STORE), flags=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    cpts = (pts * k + M[:, 2]).astype(np.float32)
    return crop, cpts, np.array([*cpts.min(0), *cpts.max(0)], np.float32)


class FaceFinder:
    def __init__(self):
        self.cfg = json.load(open(DET_CARD))
        self.anc = anchors(self.cfg)
        self.det = BlazeFace().eval()
        self.mesh = FaceMesh().eval()

    def faces(self, im, max_faces=5):
        """[(crop, landmarks and face box in crop px, native box side, detector score)] per face found."""
        rgb = np.asarray(im)
        out = []
        for score, (cx, cy, cw, ch) in detect(self.det, self.cfg, self.anc, im)[:max_faces]:
            side = cw / self.cfg['detector']['cropScale']  # detect() returns the engine's crop; undo its scale
            box = (cx + cw / 2 - side / 2, cy + ch / 2 - side / 2, cx + cw / 2 + side / 2, cy + ch / 2 + side / 2)
            pts, flag = landmarks(self.mesh, rgb, box)
            if flag < 0.5:
                continue
            mbox = (*pts.min(0), *pts.max(0))
            nside = max(mbox[2] - mbox[0], mbox[3] - mbox[1])
            if nside < MIN_SIDE:
                continue
            crop, cpts, cbox = crop_face(rgb, mbox, pts)
            out.append((crop, cpts, cbox, float(nside), score))
        return out


def build(name, sources, finder, exclude_hashes=()):
    crops, pts, boxes, sides, src, paths = [], [], [], [], [], []
    seen = set(exclude_hashes)
    t0, dropped = time.time(), 0
    for sname, d in sources.items():
        for p in files(d):
            im = load_rgb(p)
            h = dhash(im)
            if h in seen:
                dropped += 1
                continue
            seen.add(h)
            for c, l, b, s, _ in finder.faces(im):
                crops.append(c), pts.append(l), boxes.append(b), sides.append(s), src.append(sname), paths.append(os.path.relpath(p, ROOT))
        print(f'{name}: {sname} done, {len(crops)} faces, {dropped} duplicates dropped, {time.time() - t0:.0f}s', flush=True)
    np.savez_compressed(os.path.join(WORK, f'crops-{name}.npz'), crops=np.stack(crops), pts=np.stack(pts), boxes=np.stack(boxes), sides=np.array(sides, np.float32),
                        src=np.array(src), paths=np.array(paths))
    return seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--sets', nargs='+', default=['eval', 'train'])
    args = ap.parse_args()
    torch.set_num_threads(1)
    finder = FaceFinder()
    eval_hashes = {dhash(load_rgb(p)) for d in EVAL_SOURCES.values() for p in files(d)}
    if 'eval' in args.sets:
        build('eval', EVAL_SOURCES, finder)
    if 'train' in args.sets:
        build('train', TRAIN_SOURCES, finder, exclude_hashes=eval_hashes)


if __name__ == '__main__':
    main()
