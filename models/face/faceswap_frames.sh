#!/bin/sh
# Frames for faceswap_eval.ts from the sber-swap demo clips (allow-listed in ../shared/data/SOURCES.md:
# ai-forever/sber-swap, examples/videos). Bring the repository with the fetch tool first, then:
#   sh models/face/faceswap_frames.sh /work/.mirror/ai-forever+sber-swap/repo
# Writes models/face/work/faceswap/ (never committed): every 2nd frame of the animated WebPs (the
# original and its three swaps, same frames), 2 frames a second of the three unswapped targets.
set -eu
REPO=$1
OUT=models/face/work/faceswap
mkdir -p $OUT
for f in orig elon khabenskii mark; do git -C "$REPO" show HEAD:examples/videos/$f.webp > $OUT/$f.webp; done
for f in dance dirtydancing nggyup; do git -C "$REPO" show HEAD:examples/videos/$f.mp4 > $OUT/$f.mp4; rm -rf $OUT/frames/$f; mkdir -p $OUT/frames/$f; ffmpeg -loglevel error -y -i $OUT/$f.mp4 -vf fps=2 $OUT/frames/$f/%03d.png; done
${PYTHON:-/usr/bin/python3} - "$OUT" <<'PY'
import os, shutil, sys
from PIL import Image
out = sys.argv[1]
for n in ('orig', 'elon', 'khabenskii', 'mark'):
    d = os.path.join(out, 'frames', n)
    shutil.rmtree(d, ignore_errors=True); os.makedirs(d)
    im = Image.open(os.path.join(out, f'{n}.webp'))
    for j, i in enumerate(range(0, im.n_frames, 2)):
        im.seek(i); im.convert('RGB').save(os.path.join(d, f'{j:03d}.png'))
PY
ls $OUT/frames
