"""The face classifier's network, owned by models/face (the whole-image model's export changes on its
own schedule): the frozen nsfwjs MobileNetV2 backbone (models/whole-image/backbone.py, imported
read-only), run up to a chosen stage on a crop of a chosen size, pooled multi-stage features, and
the logistic head folded into one Linear. Also the ONNX export (float16 conv weights + Cast, head in
float32) and the crop preprocessing (models/whole-image/common.preprocess at that size).

Variants (`STAGES`): which backbone stage is the last one run; the features are the global mean of
every tapped stage up to it plus the spatial std of the three early stages. 'full' is the
whole-image model's 1776-feature set."""
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'whole-image'))
from backbone import KerasGraph  # noqa: E402
from onnx_fp16 import save_fp16  # noqa: E402

# The shipped choice (models/face/MODEL_CARD.md, 'Input size and backbone depth'): crop side and last stage.
SIZE = 128
STAGE = 'b15'
STD_TAPS = ('block_2_add', 'block_5_add', 'block_9_add')
STAGES = {
    'full': ('block_2_add', 'block_5_add', 'block_9_add', 'block_12_add', 'block_15_add', 'out_relu'),
    'b15': ('block_2_add', 'block_5_add', 'block_9_add', 'block_12_add', 'block_15_add'),
    'b12': ('block_2_add', 'block_5_add', 'block_9_add', 'block_12_add'),
}
CHANNELS = {'block_2_add': 24, 'block_5_add': 32, 'block_9_add': 64, 'block_12_add': 96, 'block_15_add': 160, 'out_relu': 1280}


def feature_columns(stage):
    """Column indices of `stage`'s features inside the 'full' feature vector (same order)."""
    cols, off = [], 0
    for t in STAGES['full']:
        if t in STAGES[stage]:
            cols += range(off, off + CHANNELS[t])
        off += CHANNELS[t]
    for t in STD_TAPS:
        cols += range(off, off + CHANNELS[t])
        off += CHANNELS[t]
    return np.array(cols)


class FaceFeatureNet(torch.nn.Module):
    def __init__(self, stage='full'):
        super().__init__()
        self.mean_taps = STAGES[stage]
        self.g = KerasGraph(last=self.mean_taps[-1])
        self.taps = tuple(dict.fromkeys(self.mean_taps + STD_TAPS))

    def forward(self, x):
        outs = dict(zip(self.taps, self.g(x, taps=self.taps)))
        feats = [outs[t].mean(dim=(2, 3)) for t in self.mean_taps]
        for t in STD_TAPS:
            m = outs[t].mean(dim=(2, 3), keepdim=True)
            feats.append(torch.sqrt(((outs[t] - m) ** 2).mean(dim=(2, 3)) + 1e-6))
        return torch.cat(feats, dim=1)


class FaceClassifier(torch.nn.Module):
    def __init__(self, head, stage='full'):
        super().__init__()
        self.features = FaceFeatureNet(stage)
        d = head['w'].numel()
        self.lin = torch.nn.Linear(d, 1)
        # Standardisation folded into the linear layer: w·(x-mu)/sd + b.
        w = head['w'].double() / head['sd'].double()
        self.lin.weight.data = w.float().unsqueeze(0)
        self.lin.bias.data = torch.tensor([float(head['b']) - float((w * head['mu'].double()).sum())])

    def forward(self, image):
        return self.lin(self.features(image))


def export_onnx(head, out, raw, size, stage):
    """head: {'mu','sd','w','b'} torch tensors/float. Writes the float16-weight ONNX to `out` (float32
    copy to `raw`); returns (net, op types, sha256 of out)."""
    net = FaceClassifier(head, stage).eval()
    x = torch.zeros(1, 3, size, size)
    torch.onnx.export(net, x, raw, input_names=['image'], output_names=['logit'], opset_version=13,
                      do_constant_folding=True, dynamic_axes={'image': {0: 'batch'}, 'logit': {0: 'batch'}})
    ops, sha = save_fp16(raw, out)
    return net, ops, sha


VARIANTS = [(224, 'full'), (192, 'full'), (160, 'full'), (128, 'full'), (160, 'b15'), (160, 'b12'), (128, 'b15'), (128, 'b12')]


def export_timing_variants():
    """Timing-only copies of the classifier (zero head: speed does not depend on the head's weights)
    for every size x depth in VARIANTS -> work/variants/<stage>-<size>.onnx + list.json, which
    bench.mjs times in Chromium beside the shipped models."""
    d = os.path.join(HERE, 'work', 'variants')
    os.makedirs(d, exist_ok=True)
    listing = {}
    for size, stage in VARIANTS:
        n = len(feature_columns(stage))
        head = {'mu': torch.zeros(n), 'sd': torch.ones(n), 'w': torch.zeros(n), 'b': 0.0}
        p = os.path.join(d, f'{stage}-{size}.onnx')
        export_onnx(head, p, os.path.join(d, 'raw.onnx'), size, stage)
        listing[f'{stage}@{size}'] = {'file': os.path.relpath(p, os.path.join(HERE, '..', '..')), 'size': size, 'mb': round(os.path.getsize(p) / 1e6, 2)}
        print(f'{stage}@{size}: {listing[f"{stage}@{size}"]["mb"]} MB', flush=True)
    os.remove(os.path.join(d, 'raw.onnx'))
    import json
    json.dump(listing, open(os.path.join(d, 'list.json'), 'w'), indent=1)


if __name__ == '__main__':
    torch.set_num_threads(1)
    export_timing_variants()
