"""Checks the PyTorch rebuild of nsfwjs' MobileNetV2 against TensorFlow.js (verify_port.mjs)."""
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from backbone import KerasGraph  # noqa: E402
from common import WORK  # noqa: E402

torch.set_num_threads(2)
x = torch.from_numpy(np.fromfile(os.path.join(WORK, 'port-ref-input.bin'), dtype='<f4').reshape(2, 3, 224, 224))
ref = np.array(json.load(open(os.path.join(WORK, 'port-ref-output.json'))))
with torch.no_grad():
    y, = KerasGraph(last='dense_3')(x, taps=('dense_3',))
d = np.abs(y.numpy() - ref).max()
print(f'torch vs tfjs softmax max abs diff {d:.2e}; tfjs {ref.round(4).tolist()}')
assert d < 1e-4, 'port does not match TensorFlow.js'
