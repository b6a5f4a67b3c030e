"""nsfwjs' MobileNetV2 and InceptionV3 (MIT, Keras 2.2.4 graphs exported to TF.js with uint8-quantized
weights), rebuilt in PyTorch by interpreting the Keras topology layer by layer.

Keras semantics kept exactly: explicit ZeroPadding2D ((0,1),(0,1)) before stride-2 convs,
'same' padding on stride-1 convs, BatchNorm eps from the config (1e-3), ReLU6, NHWC weights
transposed to NCHW. The networks take NCHW RGB in [0,1] (nsfwjs divides by 255), MobileNetV2 at 224x224, InceptionV3 at 299x299.
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, 'work', 'nsfwjs-mobilenet-v2')
INCEPTION_DIR = os.path.join(HERE, 'work', 'nsfwjs-inception-v3')


def load_tfjs_weights(model_dir):
    """Returns (topology layers, {name: float32 ndarray}) with uint8 weights dequantized (min + q*scale)."""
    m = json.load(open(os.path.join(model_dir, 'model.json')))
    raw = np.fromfile(os.path.join(model_dir, 'weights.bin'), dtype=np.uint8)
    weights, off = {}, 0
    for group in m['weightsManifest']:
        for w in group['weights']:
            n = int(np.prod(w['shape']))
            q = w.get('quantization')
            if q is None or q['dtype'] != 'uint8':
                raise ValueError(f'unsupported weight encoding for {w["name"]}: {q}')
            weights[w['name']] = (q['min'] + raw[off:off + n].astype(np.float64) * q['scale']).astype(np.float32).reshape(w['shape'])
            off += n
    assert off == raw.size, (off, raw.size)
    return m['modelTopology']['model_config']['config']['layers'], weights


class KerasGraph(nn.Module):
    """Runs the Keras functional graph up to `last` and returns the outputs named in `taps`."""

    def __init__(self, model_dir=DEFAULT_DIR, last='out_relu'):
        super().__init__()
        layers, w = load_tfjs_weights(model_dir)
        self.order = []  # (name, kind, inputs, cfg)
        self.mods = nn.ModuleDict()
        for l in layers:
            name, kind, cfg = l['name'], l['class_name'], l['config']
            inputs = [n[0] for n in l['inbound_nodes'][0]] if l['inbound_nodes'] else []
            key = name.replace('.', '_')
            if kind == 'Conv2D':
                k = w[f'{name}/kernel']  # kh, kw, in, out
                conv = nn.Conv2d(k.shape[2], k.shape[3], k.shape[:2], stride=tuple(cfg['strides']),
                                 padding=self._pad(cfg, k.shape[:2]), bias=cfg['use_bias'])
                conv.weight.data = torch.from_numpy(k.transpose(3, 2, 0, 1).copy())
                if cfg['use_bias']:
                    conv.bias.data = torch.from_numpy(w[f'{name}/bias'])
                assert cfg['activation'] == 'linear'
                self.mods[key] = conv
            elif kind == 'DepthwiseConv2D':
                k = w[f'{name}/depthwise_kernel']  # kh, kw, in, mult
                assert k.shape[3] == 1
                conv = nn.Conv2d(k.shape[2], k.shape[2], k.shape[:2], stride=tuple(cfg['strides']),
                                 padding=self._pad(cfg, k.shape[:2]), groups=k.shape[2], bias=cfg['use_bias'])
                conv.weight.data = torch.from_numpy(k.transpose(2, 3, 0, 1).copy())
                if cfg['use_bias']:
                    conv.bias.data = torch.from_numpy(w[f'{name}/bias'])
                assert cfg['activation'] == 'linear'
                self.mods[key] = conv
            elif kind == 'BatchNormalization':
                bn = nn.BatchNorm2d(w[f'{name}/moving_mean'].shape[0], eps=cfg['epsilon'])
                bn.weight.data = torch.from_numpy(w[f'{name}/gamma']) if cfg['scale'] else torch.ones_like(bn.weight)
                bn.bias.data = torch.from_numpy(w[f'{name}/beta']) if cfg['center'] else torch.zeros_like(bn.bias)
                bn.running_mean.data = torch.from_numpy(w[f'{name}/moving_mean'])
                bn.running_var.data = torch.from_numpy(w[f'{name}/moving_variance'])
                self.mods[key] = bn
            elif kind == 'Dense':
                k = w[f'{name}/kernel']
                d = nn.Linear(k.shape[0], k.shape[1])
                d.weight.data = torch.from_numpy(k.T.copy())
                d.bias.data = torch.from_numpy(w[f'{name}/bias'])
                self.mods[key] = d
            elif kind not in ('InputLayer', 'ZeroPadding2D', 'ReLU', 'Add', 'AveragePooling2D', 'MaxPooling2D', 'Activation',
                              'Concatenate', 'Flatten', 'Dropout'):
                raise ValueError(f'unsupported layer {kind}')
            self.order.append((name, key, kind, inputs, cfg))
            if name == last:
                break
        self.eval()

    @staticmethod
    def _pad(cfg, k):
        if cfg['padding'] == 'valid':
            return 0
        assert tuple(cfg['strides']) == (1, 1) and all(n % 2 == 1 for n in k), 'same padding only supported at stride 1'
        return tuple(n // 2 for n in k)

    def forward(self, x, taps=('out_relu',)):
        vals = {}
        out = {}
        for name, key, kind, inputs, cfg in self.order:
            a = vals[inputs[0]] if inputs else x
            if kind == 'InputLayer':
                y = x
            elif kind == 'ZeroPadding2D':
                (t, b), (l, r) = cfg['padding']
                y = F.pad(a, (l, r, t, b))
            elif kind in ('Conv2D', 'DepthwiseConv2D', 'BatchNormalization'):
                y = self.mods[key](a)
            elif kind == 'ReLU':
                y = torch.clamp(a, 0.0, float(cfg['max_value'])) if cfg.get('max_value') is not None else F.relu(a)
            elif kind == 'Add':
                y = vals[inputs[0]] + vals[inputs[1]]
            elif kind in ('AveragePooling2D', 'MaxPooling2D'):
                k, st = tuple(cfg['pool_size']), tuple(cfg['strides'])
                if cfg['padding'] == 'valid' and k == tuple(a.shape[2:]):  # the final pool: a global mean
                    y = a.mean(dim=(2, 3), keepdim=True) if kind == 'AveragePooling2D' else a.amax(dim=(2, 3), keepdim=True)
                else:
                    pad = self._pad(cfg, k)
                    # Keras' 'same' average leaves the padding out of the count.
                    y = (F.avg_pool2d(a, k, st, pad, count_include_pad=False) if kind == 'AveragePooling2D'
                         else F.max_pool2d(a, k, st, pad))
            elif kind == 'Activation':
                assert cfg['activation'] == 'relu', cfg['activation']
                y = F.relu(a)
            elif kind == 'Concatenate':
                assert cfg['axis'] in (3, -1)
                y = torch.cat([vals[n] for n in inputs], dim=1)
            elif kind == 'Flatten':
                y = a.flatten(1)
            elif kind == 'Dropout':
                y = a
            elif kind == 'Dense':
                y = self.mods[key](a)
                act = cfg['activation']
                y = F.relu(y) if act == 'relu' else torch.softmax(y, -1) if act == 'softmax' else y
            vals[name] = y
            if name in taps:
                out[name] = y
        return [out[t] for t in taps]
