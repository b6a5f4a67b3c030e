#!/bin/sh
# Reproduces the whole-image model end to end on CPU (about 25-35 min on 2 cores):
#   sh models/whole-image/run.sh            (from the repository root)
# Needs: npm install (nsfwjs, onnxruntime-node, sharp, tsx), Debian python3-torch/torchvision/onnx,
# and ../shared/data/train. Work files (features, fold models) go to models/whole-image/work/.
set -eu
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
node models/whole-image/extract_nsfwjs.cjs
node models/whole-image/verify_port.mjs --write-ref
nice -n 19 $PY models/whole-image/verify_port.py
nice -n 19 $PY models/whole-image/features.py --views 3
nice -n 19 $PY models/whole-image/train.py
nice -n 19 $PY models/whole-image/export.py --loso
node models/whole-image/check_onnx.mjs
node models/whole-image/bench_wasm.mjs 1
node models/whole-image/bench_wasm.mjs 2
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] && node models/whole-image/bench_chromium.mjs || echo 'no Chromium: browser benchmark skipped'
$PY models/whole-image/make_golden.py
nice -n 19 $PY models/whole-image/loso_node.py
node models/whole-image/extract_mesonet.mjs
nice -n 19 $PY models/whole-image/mesonet_baseline.py
$PY models/whole-image/make_card.py
