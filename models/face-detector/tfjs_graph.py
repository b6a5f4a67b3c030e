"""Runs a TF.js graph model (model.json + weights .bin, as shipped in @vladmandic/human) in PyTorch,
node by node, in NCHW, so a port guesses nothing about the architecture: every op and attribute it
does not handle is an assertion. Used by the BlazeFace detector port (blazeface.py) and the FaceMesh
landmark port (models/face-swap/landmarks.py).

Handled ops: _FusedConv2D (BiasAdd[, Relu | Prelu]), DepthwiseConv2dNative, AddV2, Relu, Prelu, Sigmoid,
MaxPool (2x2 stride 2, SAME or VALID on even sizes), channel Pad, Reshape (from NHWC), Identity.
Weights stored as float16 (tfjs `quantization.dtype = float16`) are widened to float32."""
import base64
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

HUMAN_MODELS = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', 'node_modules', '@vladmandic', 'human', 'models'))


def load_graph(name, src=HUMAN_MODELS):
    g = json.load(open(os.path.join(src, name + '.json')))
    manifest = g['weightsManifest'][0]
    blob = b''.join(open(os.path.join(src, p), 'rb').read() for p in manifest['paths'])
    weights, off = {}, 0
    for w in manifest['weights']:
        n = int(np.prod(w['shape'])) if w['shape'] else 1
        q = w.get('quantization')
        if q:
            assert q['dtype'] == 'float16', q
            weights[w['name']] = np.frombuffer(blob, np.float16, n, off).astype(np.float32).reshape(w['shape'])
            off += n * 2
        else:
            dt = {'float32': np.float32, 'int32': np.int32}[w['dtype']]
            weights[w['name']] = np.frombuffer(blob, dt, n, off).reshape(w['shape']).copy()
            off += n * 4
    assert off == len(blob), (off, len(blob))
    return g['modelTopology']['node'], weights


def attr_s(n, k):
    v = n.get('attr', {}).get(k, {}).get('s')
    return base64.b64decode(v).decode() if v else None


def attr_ints(n, k):
    return [int(i) for i in n.get('attr', {}).get(k, {}).get('list', {}).get('i', [])]


def same_pad(size, k, s):
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def prelu(x, alpha):
    return torch.where(x > 0, x, x * alpha.view(1, -1, 1, 1))


class TfjsGraph(torch.nn.Module):
    """forward(image NCHW) -> {node name: tensor} for every node computed."""

    def __init__(self, name, src=HUMAN_MODELS):
        super().__init__()
        nodes, w = load_graph(name, src)
        self.nodes = [n for n in nodes if n['op'] != 'Const']
        self.consts = w
        self.params = torch.nn.ParameterDict()
        self.key = {}

        def param(arr):
            k = f'p{len(self.params)}'
            self.params[k] = torch.nn.Parameter(torch.from_numpy(np.ascontiguousarray(arr)), requires_grad=False)
            return k

        for n in self.nodes:
            if n['op'] in ('_FusedConv2D', 'DepthwiseConv2dNative'):
                assert attr_ints(n, 'dilations') in ([], [1, 1, 1, 1])
                fil = w[n['input'][1]]  # HWIO (conv) or HW,in,mult (depthwise)
                if n['op'] == '_FusedConv2D':
                    fused = [base64.b64decode(s).decode() for s in n['attr']['fused_ops']['list']['s']]
                    assert fused in (['BiasAdd'], ['BiasAdd', 'Relu'], ['BiasAdd', 'Prelu']), fused
                    self.key[n['name'] + ':relu'] = fused == ['BiasAdd', 'Relu']
                    if fused == ['BiasAdd', 'Prelu']:
                        self.key[n['name'] + ':prelu'] = param(w[n['input'][3]].reshape(-1))
                    self.key[n['name'] + ':b'] = param(w[n['input'][2]])
                    wt = fil.transpose(3, 2, 0, 1)
                else:
                    assert fil.shape[3] == 1
                    wt = fil.transpose(2, 3, 0, 1)  # cin,1,kh,kw
                self.key[n['name']] = param(wt)
            elif n['op'] == 'Prelu':
                self.key[n['name']] = param(w[n['input'][1]].reshape(-1))

    def forward(self, image):
        t = {}
        for n in self.nodes:
            op, name = n['op'], n['name']
            ins = [i.split(':')[0] for i in n.get('input', [])]
            if op == 'Placeholder':
                t[name] = image
                continue
            x = t.get(ins[0])
            if op in ('_FusedConv2D', 'DepthwiseConv2dNative'):
                wt = self.params[self.key[name]]
                b = self.params[self.key[name + ':b']] if name + ':b' in self.key else None
                s = attr_ints(n, 'strides')[1]
                pad = attr_s(n, 'padding')
                if pad == 'SAME':
                    ph, pw = same_pad(x.shape[2], wt.shape[2], s), same_pad(x.shape[3], wt.shape[3], s)
                    x = F.pad(x, (pw[0], pw[1], ph[0], ph[1]))
                else:
                    assert pad == 'VALID', pad
                groups = x.shape[1] if op == 'DepthwiseConv2dNative' else 1
                y = F.conv2d(x, wt, b, stride=s, groups=groups)
                if name + ':prelu' in self.key:
                    y = prelu(y, self.params[self.key[name + ':prelu']])
                t[name] = F.relu(y) if self.key.get(name + ':relu') else y
            elif op == 'AddV2':
                t[name] = x + t[ins[1]]
            elif op == 'Relu':
                t[name] = F.relu(x)
            elif op == 'Prelu':
                t[name] = prelu(x, self.params[self.key[name]])
            elif op == 'Sigmoid':
                t[name] = torch.sigmoid(x)
            elif op == 'MaxPool':
                ks, s = attr_ints(n, 'ksize')[1], attr_ints(n, 'strides')[1]
                assert attr_s(n, 'padding') in ('SAME', 'VALID') and x.shape[2] % s == 0 and ks == s
                t[name] = F.max_pool2d(x, ks, s)
            elif op == 'Pad':
                p = self.consts[ins[1]]  # NHWC [[0,0],[t,b],[l,r],[c0,c1]]
                assert p[0].tolist() == [0, 0] and p[1].tolist() == [0, 0] and p[2].tolist() == [0, 0], p
                t[name] = F.pad(x, (0, 0, 0, 0, int(p[3][0]), int(p[3][1])))
            elif op == 'Reshape':
                shape = self.consts[ins[1]].tolist()
                t[name] = x.permute(0, 2, 3, 1).reshape(shape) if x.dim() == 4 else x.reshape(shape)
            elif op == 'Identity':
                t[name] = x
            else:
                raise NotImplementedError(op)
        return t
