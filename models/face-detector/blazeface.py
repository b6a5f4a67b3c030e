"""BlazeFace (the 256x256 "back"/full-range variant shipped in @vladmandic/human, MIT) rebuilt in
PyTorch from its TF.js graph model, then exported to ONNX.

The TF.js graph (models/blazeface.json + .bin) is interpreted node by node by tfjs_graph.py (shared
with the FaceMesh port), so nothing is guessed about the architecture.

ONNX model: input `image` NCHW float32 [1,3,256,256] in [-1,1] (pixel/127.5 - 1, bilinear squash);
outputs `scores` [1,896] (logits) and `boxes` [1,896,16] (anchor-relative box centre x,y, size w,h,
then 6 keypoints x,y, in input pixels), anchors ordered: the 16x16 grid (2 per cell), then 8x8 (6).

Usage: python3 models/face-detector/blazeface.py [--export]
"""
import hashlib
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
sys.path.insert(0, HERE)
from tfjs_graph import TfjsGraph  # noqa: E402


class BlazeFace(TfjsGraph):
    OUT_ORDER = ['Identity_2', 'Identity', 'Identity_3', 'Identity_1']  # 512x16, 512x1, 384x16, 384x1

    def __init__(self):
        super().__init__('blazeface')

    def forward(self, image):
        t = super().forward(image)
        b512, s512, b384, s384 = (t[k] for k in self.OUT_ORDER)
        scores = torch.cat([s512, s384], 1)[:, :, 0]
        boxes = torch.cat([b512, b384], 1)
        return scores, boxes


def export(path):
    import onnx
    m = BlazeFace().eval()
    x = torch.zeros(1, 3, 256, 256)
    torch.onnx.export(m, (x,), path, input_names=['image'], output_names=['scores', 'boxes'], opset_version=13, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(path))
    return hashlib.sha256(open(path, 'rb').read()).hexdigest()


if __name__ == '__main__':
    os.makedirs(WORK, exist_ok=True)
    m = BlazeFace().eval()
    with torch.no_grad():
        s, b = m(torch.zeros(1, 3, 256, 256))
    print('shapes', tuple(s.shape), tuple(b.shape))
    if '--export' in sys.argv:
        print('sha256', export(os.path.join(HERE, 'model.onnx')))
