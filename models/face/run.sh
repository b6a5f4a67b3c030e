#!/bin/sh
# Reproduces the face detector port and the face model end to end on CPU (about 20 min on 2 idle cores):
#   sh models/face/run.sh            (from the repository root)
# Needs: npm install (@vladmandic/human for BlazeFace, nsfwjs, onnxruntime-node, sharp, tsx),
# Debian python3-torch/onnx, ../shared/data/train, and models/whole-image/work/nsfwjs-mobilenet-v2
# (node models/whole-image/extract_nsfwjs.cjs). Work files go to models/face/work/ (never committed).
set -eu
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
nice -n 19 $PY models/face-detector/blazeface.py --export   # TF.js graph -> PyTorch -> ONNX
node models/face-detector/verify_port.mjs                    # ONNX vs TF.js on noise + real faces
nice -n 19 $PY models/face/face_features.py --views 1       # detect, crop, frozen features at face_net.SIZE
# The crop size / backbone depth comparison in MODEL_CARD.md (optional, ~45 min more):
#   face_features.py --views 1 --sizes 224 160 128 && face_train.py --compare && face_net.py (timing copies)
nice -n 19 $PY models/face/face_train.py                    # LOSO, calibration per folder x view, final head
nice -n 19 $PY models/face/face_export.py --loso            # model.onnx, model.json, fold models
for f in faces-ffhq-stylegan faces-photoshop faces-sd21 faces-unsplash-tpdne; do
  # Each fold model on the folder it never saw, through the engine in Node (the LOSO table again).
  npx tsx scripts/eval.ts --data ../shared/data/train/$f --model models/face/work/loso/$f/face --json > models/face/work/loso/$f/eval.json
done
node models/face/bench.mjs
$PY models/face/face_card.py
