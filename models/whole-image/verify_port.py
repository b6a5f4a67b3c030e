"""Checks the PyTorch rebuild of nsfwjs' MobileNetV2 (or, with --inception, InceptionV3) against
TensorFlow.js (verify_port.mjs)."""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from backbone import DEFAULT_DIR, INCEPTION_DIR, KerasGraph  # noqa: E402
from common import WORK  # noqa: E402

torch.set_num_threads(2)
inception = '--inception' in sys.argv
tag, side, model_dir = ('-inception', 299, INCEPTION_DIR) if inception else ('', 224, DEFAULT_DIR)
x = torch.from_numpy(np.fromfile(os.path.join(WORK, f'port-ref{tag}-input.bin'), dtype='<f4').reshape(2, 3, side, side))
ref = np.array(json.load(open(os.path.join(WORK, f'port-ref{tag}-output.json'))))
with torch.no_grad():
    y, = KerasGraph(model_dir, last='dense_3')(x, taps=('dense_3',))
d = np.abs(y.numpy() - ref).max()
print(f'torch vs tfjs softmax max abs diff {d:.2e}; tfjs {ref.round(4).tolist()}')
assert d < 1e-4, 'port does not match TensorFlow.js'
