#!/bin/sh
# Reproduces the content gate (about 5 min on 2 cores):   sh models/gate/run.sh   (from the repository root)
# Needs: npm install, Debian chromium (renders the graphics), python3 with numpy, ../shared/data/train,
# and the whole-image model with its content output (models/whole-image/export.py).
set -eu
cd "$(dirname "$0")/../.."
PY=${PYTHON:-/usr/bin/python3}
rm -rf models/gate/work/graphics
node models/gate/make_graphics.mjs --per 80
nice -n 19 npx tsx models/gate/features.ts --out models/gate/work/features.json models/gate/work/graphics ../shared/data/train
$PY models/gate/fit.py
