"""Evaluation inputs exactly as the engine makes them: BlazeFace on the picture or frame
(models/face/face_features.detect, the engine's decoding and crop rule), the most confident face's
crop area-resized to the model's input (common.preprocess). Pictures: the faces-* folders of
../shared/data/train as stored (view 0) and degraded alike (view 1, common.degrade, the face model's
views), and as a frame of an H.264 video (view 2, video_view: resized and re-encoded as a
feed's video player would show it). Frames: the face-swap demo clips (models/face/faceswap_frames.sh, plus the roop example
frames) as extracted.

Writes work/engine-crops.npz: uint8 crops [N,S,S,3], and per crop its set, label, view, path."""
import glob
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path[:0] = [HERE, os.path.join(ROOT, 'models', 'face'), os.path.join(ROOT, 'models', 'whole-image'), os.path.join(ROOT, 'models', 'face-detector')]
from common import degrade, load_rgb, preprocess, seeded_rng  # noqa: E402
from face_features import DET_CARD, anchors, detect  # noqa: E402
from blazeface import BlazeFace  # noqa: E402

SIZE = 128
DATA = os.path.join(ROOT, '..', 'shared', 'data', 'train')
FRAMES = os.path.join(ROOT, 'models', 'face', 'work', 'faceswap', 'frames')
# Demo clips: which are swaps. sber-swap: orig + its swaps elon/khabenskii/mark, unswapped dance,
# dirtydancing, nggyup; roop: target (real) and snapshot (its swap).
CLIPS = {'orig': 0, 'elon': 1, 'khabenskii': 1, 'mark': 1, 'dance': 0, 'dirtydancing': 0, 'nggyup': 0, 'roop-target': 0, 'roop-snapshot': 1}
FOLDERS = ('faces-ffhq-stylegan', 'faces-unsplash-tpdne', 'faces-photoshop', 'faces-sd21')


def video_view(images, rng, width=640, height=480):
    """Each picture as a frame of an H.264 clip (libx264, CRF 23-33 per folder, yuv420p): placed at
    a random scale on a black 640x480 canvas, two frames per picture; returns the first decoded
    frame of each. Real faces as a feed's videos show them."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as d:
        for i, im in enumerate(images):
            k = rng.uniform(0.35, 1.0) * min(width / im.width, height / im.height)
            small = im.resize((max(16, round(im.width * k)), max(16, round(im.height * k))), Image.BILINEAR)
            canvas = Image.new('RGB', (width, height))
            canvas.paste(small, (int(rng.integers(0, width - small.width + 1)), int(rng.integers(0, height - small.height + 1))))
            canvas.save(os.path.join(d, f'{i:05d}.png'))
        crf = str(int(rng.integers(23, 34)))
        subprocess.run(['ffmpeg', '-loglevel', 'error', '-y', '-framerate', '2', '-i', os.path.join(d, '%05d.png'), '-vf', 'fps=4',
                        '-c:v', 'libx264', '-crf', crf, '-pix_fmt', 'yuv420p', os.path.join(d, 'v.mp4')], check=True)
        subprocess.run(['ffmpeg', '-loglevel', 'error', '-y', '-i', os.path.join(d, 'v.mp4'), os.path.join(d, 'f%05d.png')], check=True)
        return [load_rgb(os.path.join(d, f'f{2 * i + 1:05d}.png')) for i in range(len(images))]


def main_video(labels=('real', 'fake')):
    """View 2 (video_view) of every picture of FOLDERS (of the given labels) -> work/engine-crops-video.npz."""
    import numpy as np
    torch.set_num_threads(1)
    cfg = json.load(open(DET_CARD))
    anc, det = anchors(cfg), BlazeFace().eval()
    rng = np.random.default_rng(2)
    crops, meta = [], []
    for f in FOLDERS:
        for lab in labels:
            paths = sorted(glob.glob(os.path.join(DATA, f, lab, '*')))
            if not paths:
                continue
            for p, im in zip(paths, video_view([load_rgb(p) for p in paths], rng)):
                faces = detect(det, cfg, anc, im)
                m = {'set': f, 'label': int(lab == 'fake'), 'view': 2, 'path': os.path.relpath(p, ROOT), 'face': bool(faces)}
                crop = np.zeros((SIZE, SIZE, 3), np.uint8)
                if faces:
                    _, (x, y, w, h) = faces[0]
                    crop = (preprocess(im.crop((x, y, x + w, y + h)), SIZE).permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
                crops.append(crop), meta.append(m)
        print(f, len(crops), flush=True)
    np.savez_compressed(os.path.join(HERE, 'work', 'engine-crops-video.npz'), crops=np.stack(crops), meta=np.array(json.dumps(meta)))


def main():
    torch.set_num_threads(1)
    cfg = json.load(open(DET_CARD))
    anc, det = anchors(cfg), BlazeFace().eval()
    crops, meta = [], []

    def add(im, **m):
        faces = detect(det, cfg, anc, im)
        if not faces:
            meta.append({**m, 'face': False})
            crops.append(np.zeros((SIZE, SIZE, 3), np.uint8))
            return
        _, (x, y, w, h) = faces[0]
        t = preprocess(im.crop((x, y, x + w, y + h)), SIZE)
        crops.append((t.permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8))
        meta.append({**m, 'face': True})

    for clip, label in CLIPS.items():
        for p in sorted(glob.glob(os.path.join(FRAMES, clip, '*.png'))):
            add(load_rgb(p), set=f'clip:{clip}', label=label, view=0, path=os.path.relpath(p, ROOT))
    print('clips', len(crops), flush=True)
    for f in FOLDERS:
        for lab in ('real', 'fake'):
            for p in sorted(glob.glob(os.path.join(DATA, f, lab, '*'))):
                im = load_rgb(p)
                for v in (0, 1):
                    add(im if v == 0 else degrade(im, seeded_rng(p, v)), set=f, label=int(lab == 'fake'), view=v, path=os.path.relpath(p, ROOT))
        print(f, len(crops), flush=True)
    np.savez_compressed(os.path.join(HERE, 'work', 'engine-crops.npz'), crops=np.stack(crops), meta=np.array(json.dumps(meta)))


if __name__ == '__main__':
    if '--video' in sys.argv:
        main_video(('real',) if '--reals' in sys.argv else ('real', 'fake'))
    else:
        main()
