"""BlazeFace (the 256x256 "back"/full-range variant shipped in @vladmandic/human, MIT) rebuilt in
PyTorch from its TF.js graph model, then exported to ONNX.

The TF.js graph (models/blazeface.json + .bin) only uses _FusedConv2D (+BiasAdd), DepthwiseConv2dNative,
AddV2, Relu, MaxPool, Pad, Reshape, Identity. This file interprets that graph node by node with
torch ops in NCHW (TF's SAME padding is made explicit), so nothing is guessed about the architecture.

ONNX model: input `image` NCHW float32 [1,3,256,256] in [-1,1] (pixel/127.5 - 1, bilinear squash);
outputs `scores` [1,896] (logits) and `boxes` [1,896,16] (anchor-relative box centre x,y, size w,h,
then 6 keypoints x,y, in input pixels), anchors ordered: the 16x16 grid (2 per cell), then 8x8 (6).

Usage: python3 models/face-detector/blazeface.py [--export]
"""
import base64
import hashlib
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
SRC = os.path.join(ROOT, 'node_modules', '@vladmandic', 'human', 'models')
WORK = os.path.join(HERE, 'work')


def load_graph(src=SRC):
    g = json.load(open(os.path.join(src, 'blazeface.json')))
    blob = open(os.path.join(src, g['weightsManifest'][0]['paths'][0]), 'rb').read()
    weights, off = {}, 0
    for w in g['weightsManifest'][0]['weights']:
        assert 'quantization' not in w, 'quantized weights not supported'
        dt = {'float32': np.float32, 'int32': np.int32}[w['dtype']]
        n = int(np.prod(w['shape'])) if w['shape'] else 1
        weights[w['name']] = np.frombuffer(blob, dt, n, off).reshape(w['shape']).copy()
        off += n * 4
    assert off == len(blob), (off, len(blob))
    return g['modelTopology']['node'], weights


def _attr_s(n, k):
    v = n.get('attr', {}).get(k, {}).get('s')
    return base64.b64decode(v).decode() if v else None


def _attr_ints(n, k):
    return [int(i) for i in n.get('attr', {}).get(k, {}).get('list', {}).get('i', [])]


def same_pad(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class BlazeFace(torch.nn.Module):
    OUT_ORDER = ['Identity_2', 'Identity', 'Identity_3', 'Identity_1']  # 512x16, 512x1, 384x16, 384x1

    def __init__(self, src=SRC):
        super().__init__()
        nodes, w = load_graph(src)
        self.nodes = [n for n in nodes if n['op'] not in ('Const',)]
        self.consts = {k: v for k, v in w.items()}
        self.params = torch.nn.ParameterDict()
        self.key = {}
        for n in self.nodes:
            if n['op'] in ('_FusedConv2D', 'DepthwiseConv2dNative'):
                assert _attr_ints(n, 'dilations') in ([], [1, 1, 1, 1])
                fil = w[n['input'][1]]  # HWIO (conv) or HW,in,mult (depthwise)
                if n['op'] == '_FusedConv2D':
                    fused = [base64.b64decode(s).decode() for s in n['attr']['fused_ops']['list']['s']]
                    assert fused in (['BiasAdd'], ['BiasAdd', 'Relu']), fused
                    self.key[n['name'] + ':relu'] = fused == ['BiasAdd', 'Relu']
                    wt = fil.transpose(3, 2, 0, 1)
                    b = w[n['input'][2]]
                else:
                    kh, kw, cin, mult = fil.shape
                    assert mult == 1
                    wt = fil.transpose(2, 3, 0, 1)  # cin,1,kh,kw
                    b = None
                k = f'p{len(self.params)}'
                self.key[n['name']] = k
                self.params[k + 'w'] = torch.nn.Parameter(torch.from_numpy(np.ascontiguousarray(wt)), requires_grad=False)
                if b is not None:
                    self.params[k + 'b'] = torch.nn.Parameter(torch.from_numpy(b.copy()), requires_grad=False)

    def forward(self, image):
        t = {'input': image}
        for n in self.nodes:
            op, name = n['op'], n['name']
            ins = [i.split(':')[0] for i in n.get('input', [])]
            if op == 'Placeholder':
                continue
            x = t.get(ins[0])
            if op in ('_FusedConv2D', 'DepthwiseConv2dNative'):
                k = self.key[name]
                wt = self.params[k + 'w']
                s = _attr_ints(n, 'strides')[1]
                pad = _attr_s(n, 'padding')
                kh, kw = wt.shape[2], wt.shape[3]
                if pad == 'SAME':
                    ph, pw = same_pad(x.shape[2], kh, s), same_pad(x.shape[3], kw, s)
                    x = F.pad(x, (pw[0], pw[1], ph[0], ph[1]))
                else:
                    assert pad == 'VALID', pad
                groups = x.shape[1] if op == 'DepthwiseConv2dNative' else 1
                y = F.conv2d(x, wt, self.params[k + 'b'] if (k + 'b') in self.params else None, stride=s, groups=groups)
                t[name] = F.relu(y) if self.key.get(name + ':relu') else y
            elif op == 'AddV2':
                t[name] = x + t[ins[1]]
            elif op == 'Relu':
                t[name] = F.relu(x)
            elif op == 'MaxPool':
                ks, s = _attr_ints(n, 'ksize')[1], _attr_ints(n, 'strides')[1]
                assert _attr_s(n, 'padding') == 'SAME' and x.shape[2] % s == 0 and ks == s
                t[name] = F.max_pool2d(x, ks, s)
            elif op == 'Pad':
                p = self.consts[ins[1]]  # NHWC [[0,0],[t,b],[l,r],[c0,c1]]
                assert p[0].tolist() == [0, 0] and p[1].tolist() == [0, 0] and p[2].tolist() == [0, 0], p
                t[name] = F.pad(x, (0, 0, 0, 0, int(p[3][0]), int(p[3][1])))
            elif op == 'Reshape':
                shape = self.consts[ins[1]].tolist()  # NHWC -> [1, anchors, k]
                t[name] = x.permute(0, 2, 3, 1).reshape(shape)
            elif op == 'Identity':
                t[name] = x
            else:
                raise NotImplementedError(op)
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
