"""The "check more closely" model (issue 16, item 7): nsfwjs' InceptionV3 (MIT) cut after mixed7,
pooled features of four stages, and a logistic head trained on every allow-listed photo source.

  fit     leave-one-source-out over train/ plus the union.py sources (the head of each fold never saw
          the held-out source) -> thresholds so every real folder (stored + degraded view) stays
          within 1 / 2 / 5 % (likely) and 5 / 10 / 20 % (uncertain), per-source figures
          -> metrics.json; the final head on every source -> work/closer-look/head.pt
  table   the card's per-source table (markdown), beside 1.1.0's recipe on the same folds
  golden  float32 PyTorch scores of the demo pictures -> golden.json, which
          test/unit/closer-look-golden.test.ts checks the shipped ONNX against through the product's Node path
  export  one ONNX graph (input `image` NCHW [1,3,299,299] in [0,1], output `logit`), conv weights
          stored as nsfwjs' own uint8 codes (exact; onnxruntime folds the dequantisation at load),
          model.json (the card), and a reference pair for check_onnx.mjs

Needs the caches of models/whole-image (features.py, union.py prepare, inception_probe.py extract).
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'whole-image'))
from backbone import INCEPTION_DIR, KerasGraph  # noqa: E402
from common import WORK as WI_WORK  # noqa: E402
from common import ceil6, logit_model_io  # noqa: E402
from onnx_fp16 import encode_initializers  # noqa: E402
from train import LEVELS, UNCERTAIN, auc, fit_logreg, predict, sample_weights, threshold_set_by, thresholds_from_reals  # noqa: E402

WORK = os.path.join(WI_WORK, 'closer-look')
VERSION = '1.0.0'
SIDE = 299
MEAN_TAPS = ('mixed0', 'mixed2', 'mixed5', 'mixed7')
STD_TAPS = ('mixed0', 'mixed2', 'mixed5')
# The same numbers in inception_probe.py's 5440-column vector (it also holds mixed10, which this network never computes).
COLUMNS = np.r_[0:2080, 4128:5440]


def load():
    items = (json.load(open(os.path.join(WI_WORK, 'items.json')))['items']
             + json.load(open(os.path.join(WI_WORK, 'union', 'items.json')))['items'])
    X = np.concatenate([np.load(os.path.join(WI_WORK, 'inception', f'{n}.npz'))['feats'] for n in ('train', 'union')])[:, :, COLUMNS].astype(np.float32)
    assert len(X) == len(items)
    return items, X


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def fit(args):
    os.makedirs(WORK, exist_ok=True)
    items, X = load()
    labels = np.array([it['label'] for it in items])
    folders = np.array([it['folder'] for it in items])
    contents = np.array([it['content'] for it in items])
    n, nv, d = X.shape
    oof = np.zeros((n, nv), np.float32)
    for f in sorted(set(folders)):
        tr = folders != f
        head = fit_logreg(X[tr].reshape(-1, d), np.repeat(labels[tr], nv).astype(np.float32), np.repeat(sample_weights(labels[tr], contents[tr]), nv), args.l2)
        p = np.clip(predict(head, X[~tr].reshape(-1, d)).reshape(-1, nv), 1e-7, 1 - 1e-7)
        oof[~tr] = np.log(p / (1 - p))
        print(f'fold {f}: done', flush=True)
    reals = {f: oof[(folders == f) & (labels == 0)].ravel() for f in sorted(set(folders[labels == 0]))}
    likely, uncertain = thresholds_from_reals(reals, LEVELS), thresholds_from_reals(reals, UNCERTAIN)
    uncertain = {k: min(uncertain[k], likely[k]) for k in LEVELS}

    def shares(scores, th):
        return {k: round(float((scores >= th[k]).mean()), 4) for k in LEVELS} if len(scores) else None

    table = {}
    for f in sorted(set(folders)) + ['POOLED']:
        m = (folders == f) if f != 'POOLED' else np.ones(n, bool)
        pos, neg = oof[m & (labels == 1), 0], oof[m & (labels == 0), 0]
        # A one-class source is ranked against every other source's pictures of the other class.
        a = auc(pos, neg) if len(pos) and len(neg) else auc(pos, oof[labels == 0, 0]) if len(pos) else auc(oof[labels == 1, 0], neg)
        table[f] = {'real': int(len(neg)), 'ai': int(len(pos)), 'auc': round(float(a), 3),
                    'aiFlagged': shares(pos, likely), 'realFlagged': shares(neg, likely)}
    deg = oof[:, 1]
    metrics = {
        'protocol': 'leave-one-source-out over the 13 folders of shared/data/train and the 5 allow-listed sources of '
                    'models/whole-image/union.py; every score is from a head that never saw the picture\'s source; '
                    'stored view (table) and one degraded view (common.degrade); thresholds so every real folder, both views, '
                    'stays within 1 / 2 / 5 % (likely) and 5 / 10 / 20 % (uncertain)',
        'thresholdsLogit': {'likely': likely, 'uncertain': uncertain},
        'balancedSetBy': threshold_set_by(reals, LEVELS['balanced']),
        'pooledAucDegradedView': round(float(auc(deg[labels == 1], deg[labels == 0])), 3),
        'aiFlaggedDegradedView': shares(deg[labels == 1], likely),
        'stored': table,
        'l2': args.l2,
    }
    json.dump(metrics, open(os.path.join(HERE, 'metrics.json'), 'w'), indent=1)
    np.savez(os.path.join(WORK, 'oof.npz'), oof=oof)
    head = fit_logreg(X.reshape(-1, d), np.repeat(labels, nv).astype(np.float32), np.repeat(sample_weights(labels, contents), nv), args.l2)
    torch.save({k: torch.as_tensor(v) if isinstance(v, np.ndarray) else v for k, v in head.items()}, os.path.join(WORK, 'head.pt'))
    print(json.dumps({k: metrics[k] for k in ('thresholdsLogit', 'balancedSetBy', 'pooledAucDegradedView')}, indent=1))
    print(f"pooled AUC {table['POOLED']['auc']}, AI flagged {table['POOLED']['aiFlagged']}, real flagged {table['POOLED']['realFlagged']}")


class CloserLook(torch.nn.Module):
    def __init__(self, head):
        super().__init__()
        self.g = KerasGraph(INCEPTION_DIR, last='mixed7')
        self.taps = tuple(dict.fromkeys(MEAN_TAPS + STD_TAPS))
        w = head['w'].double() / head['sd'].double()  # standardisation folded into the linear layer
        self.lin = torch.nn.Linear(w.numel(), 1)
        self.lin.weight.data = w.float().unsqueeze(0)
        self.lin.bias.data = torch.tensor([float(head['b']) - float((w * head['mu'].double()).sum())])

    def forward(self, image):
        outs = dict(zip(self.taps, self.g(image, taps=self.taps)))
        feats = [outs[t].mean(dim=(2, 3)) for t in MEAN_TAPS]
        for t in STD_TAPS:  # sqrt(mean((x - mean)²)): the same numbers as torch.std(unbiased=False), in ops ONNX has
            m = outs[t].mean(dim=(2, 3), keepdim=True)
            feats.append(torch.sqrt(((outs[t] - m) ** 2).mean(dim=(2, 3))))
        return self.lin(torch.cat(feats, dim=1))


def uint8_weights(model):
    """Conv weights back to the uint8 codes nsfwjs ships them in: each tensor is min + q * (max - min) / 255
    (TF.js uint8 quantization, per tensor), stored as q with a Cast, Mul and Add that onnxruntime folds at
    load. Exact, because batch norm stays a node of its own (the export keeps it). A quarter of float32."""
    from onnx import TensorProto, helper, numpy_helper
    conv_w = {n.input[1] for n in model.graph.node if n.op_type == 'Conv'}

    def encode(init, a):
        if init.name not in conv_w or a.size < 256:
            return None
        lo, hi = float(a.min()), float(a.max())
        scale = (hi - lo) / 255
        q = np.round((a.astype(np.float64) - lo) / scale)
        err = np.abs(lo + q * scale - a).max()
        assert err <= 1e-6 * max(abs(lo), abs(hi)), f'{init.name} is not on a uint8 grid (error {err})'
        n = init.name
        stored = [numpy_helper.from_array(q.astype(np.uint8), n + '_q'), numpy_helper.from_array(np.array(scale, np.float32), n + '_scale'),
                  numpy_helper.from_array(np.array(lo, np.float32), n + '_min')]
        return stored, [helper.make_node('Cast', [n + '_q'], [n + '_f'], to=TensorProto.FLOAT, name=n + '_cast'),
                        helper.make_node('Mul', [n + '_f', n + '_scale'], [n + '_m'], name=n + '_mul'),
                        helper.make_node('Add', [n + '_m', n + '_min'], [n], name=n + '_add')]

    return encode_initializers(model, encode)


def export(args):
    import onnx
    torch.set_num_threads(args.threads)
    head = torch.load(os.path.join(WORK, 'head.pt'))
    net = CloserLook(head).eval()
    raw, out = os.path.join(WORK, 'fp32.onnx'), os.path.join(HERE, 'model.onnx')
    # PRESERVE keeps batch norm as its own node (an eval-mode export folds it into the convolutions,
    # whose weights then leave nsfwjs' uint8 grid); onnxruntime folds it again at load.
    torch.onnx.export(net, torch.zeros(1, 3, SIDE, SIDE), raw, input_names=['image'], output_names=['logit'], opset_version=13,
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    m = uint8_weights(onnx.load(raw))
    onnx.checker.check_model(m)
    onnx.save(m, out)
    sha = hashlib.sha256(open(out, 'rb').read()).hexdigest()
    # Reference pair for check_onnx.mjs: smooth random pictures and the float32 torch logits.
    g = torch.Generator().manual_seed(1)
    x = torch.nn.functional.interpolate(torch.rand(3, 3, 40, 40, generator=g), size=(SIDE, SIDE), mode='bilinear')
    with torch.no_grad():
        y = net(x)[:, 0].numpy()
    os.makedirs(os.path.join(HERE, 'work'), exist_ok=True)
    x.numpy().astype('<f4').tofile(os.path.join(HERE, 'work', 'ref-input.bin'))
    json.dump({'logits': y.tolist()}, open(os.path.join(HERE, 'work', 'ref-output.json'), 'w'))
    metrics = json.load(open(os.path.join(HERE, 'metrics.json')))
    prob = lambda d: {k: ceil6(float(sigmoid(v))) for k, v in d.items()}  # noqa: E731  (rounded up, as the face card's)
    pooled = metrics['stored']['POOLED']
    card = {
        'id': 'closer-look-inception',
        'name': 'Closer look (InceptionV3 features + logistic head)',
        'version': VERSION,
        'task': 'closer-look',
        'file': 'model.onnx',
        'sha256': sha,
        **logit_model_io(SIDE),
        'thresholds': {'likely': prob(metrics['thresholdsLogit']['likely']), 'uncertain': prob(metrics['thresholdsLogit']['uncertain'])},
        'metrics': {'protocol': metrics['protocol'], 'details': 'models/closer-look/metrics.json, MODEL_CARD.md',
                    'pooledAuc': pooled['auc'], 'aiFlagged': pooled['aiFlagged'], 'realFlagged': pooled['realFlagged'],
                    'sources': len(metrics['stored']) - 1},
        'licence': 'Model and code: MIT (this project). Backbone weights: nsfwjs 4.3.0 InceptionV3, MIT (Infinite Red). Head trained on '
                   'research/non-commercial-use images and allow-listed repositories; see MODEL_CARD.md.',
        'trainingData': sorted(f for f in metrics['stored'] if f != 'POOLED'),
    }
    json.dump(card, open(os.path.join(HERE, 'model.json'), 'w'), indent=2)
    print(f'{out}: {os.path.getsize(out) / 1e6:.2f} MB (float32 {os.path.getsize(raw) / 1e6:.2f} MB), sha256 {sha}')


def table(args):
    """Per source: AUC, then AI pictures / real photos flagged at conservative, balanced, aggressive (stored view).
    Baseline: the shipped model's recipe (MobileNetV2 features, trained on train/ only) on the same folds (research-union.json)."""
    m = json.load(open(os.path.join(HERE, 'metrics.json')))['stored']
    base = json.load(open(os.path.join(HERE, '..', 'whole-image', 'research-union.json')))['rows']['trained on train/ only (1.1.0 recipe)']['stored']
    pct = lambda d: '–' if d is None else ' / '.join(f'{100 * d[k]:.1f}' for k in LEVELS)  # noqa: E731
    print('| source (held out) | real / AI | AUC | AI flagged, % (cons / bal / aggr) | real flagged, % (cons / bal / aggr) | 1.1.0 recipe: AUC | 1.1.0 recipe: AI flagged at balanced, % |')
    print('|---|---|---:|---|---|---:|---:|')
    for f, r in m.items():
        b = base.get(f, {})
        bal = b.get('balanced_tpr')
        print(f"| {f} | {r['real']} / {r['ai']} | {r['auc']:.3f} | {pct(r['aiFlagged'])} | {pct(r['realFlagged'])} | "
              f"{b.get('auc', float('nan')):.3f} | {'–' if bal is None else f'{100 * bal:.1f}'} |")


def golden(args):
    from common import load_rgb, preprocess
    torch.set_num_threads(args.threads)
    net = CloserLook(torch.load(os.path.join(WORK, 'head.pt'))).eval()
    media = os.path.join(HERE, '..', '..', 'demo', 'media')
    out = {}
    for f in sorted(os.listdir(media)):
        if f.endswith(('.jpg', '.png')):
            with torch.no_grad():
                z = net(preprocess(load_rgb(os.path.join(media, f)), SIDE).unsqueeze(0))[0, 0].item()
            out[f] = round(float(sigmoid(z)), 5)
    json.dump({'model': json.load(open(os.path.join(HERE, 'model.json')))['sha256'], 'scores': out}, open(os.path.join(HERE, 'golden.json'), 'w'), indent=1)
    print(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('step', choices=['fit', 'table', 'golden', 'export'])
    ap.add_argument('--l2', type=float, default=0.1)
    ap.add_argument('--threads', type=int, default=2)
    args = ap.parse_args()
    {'fit': fit, 'table': table, 'golden': golden, 'export': export}[args.step](args)


if __name__ == '__main__':
    main()
