"""Step 3: export backbone + pooled features + standardisation + logistic head as one ONNX graph
(input `image` NCHW float [1,3,224,224] in [0,1]; output `logit`, sigmoid -> P(synthetic)), store
weights as float16 with Cast nodes (halves the file; onnxruntime folds the casts at load), write
model.json (the card) with thresholds and summary metrics from metrics.json, and a reference
input/output pair in work/ for the Node check (check_onnx.mjs)."""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, MEAN_TAPS, WORK, SIZE, logit_model_io  # noqa: E402
from backbone import DEFAULT_DIR, load_tfjs_weights  # noqa: E402
from features import FeatureNet  # noqa: E402
from onnx_fp16 import save_fp16  # noqa: E402

VERSION = '1.1.0'


class Detector(torch.nn.Module):
    def __init__(self, head):
        super().__init__()
        self.features = FeatureNet()
        d = head['w'].numel()
        self.lin = torch.nn.Linear(d, 1)
        # Standardisation folded into the linear layer: w·(x-mu)/sd + b.
        w = head['w'].double() / head['sd'].double()
        self.lin.weight.data = w.float().unsqueeze(0)
        self.lin.bias.data = torch.tensor([float(head['b']) - float((w * head['mu'].double()).sum())])

        self.content = ContentHead(self.features)

    def forward(self, image):
        f = self.features(image)
        return self.lin(f), self.content(f)


class ContentHead(torch.nn.Module):
    """nsfwjs' own classifier (Drawing, Hentai, Neutral, Porn, Sexy) on the pooled last stage, as
    in nsfwjs (AveragePooling over the 7x7 map = the global mean already in the features). Its
    Drawing + Hentai share is the content gate's "drawn picture" evidence; it costs 0.36 M multiply-adds."""

    LABELS = ('Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy')

    def __init__(self, features):
        super().__init__()
        _, w = load_tfjs_weights(DEFAULT_DIR)
        # Features are [means of MEAN_TAPS..., stds of STD_TAPS...]; out_relu is the last mean block.
        assert MEAN_TAPS[-1] == 'out_relu'
        with torch.no_grad():
            taps = dict(zip(features.taps, features.g(torch.zeros(1, 3, SIZE, SIZE), taps=features.taps)))
        self.stop = sum(taps[t].shape[1] for t in MEAN_TAPS)
        self.n_last = taps['out_relu'].shape[1]
        assert self.n_last == w['dense_1/kernel'].shape[0]
        self.layers = torch.nn.ModuleList()
        for k in ('dense_1', 'dense_2', 'dense_3'):
            lin = torch.nn.Linear(*w[f'{k}/kernel'].shape)
            lin.weight.data = torch.from_numpy(w[f'{k}/kernel'].T.copy())
            lin.bias.data = torch.from_numpy(w[f'{k}/bias'])
            self.layers.append(lin)

    def forward(self, f):
        x = f[:, self.stop - self.n_last:self.stop]
        x = torch.relu(self.layers[0](x))
        x = torch.relu(self.layers[1](x))
        return torch.softmax(self.layers[2](x), -1)


def export_onnx(head, out, raw):
    net = Detector(head).eval()
    x = torch.zeros(1, 3, SIZE, SIZE)
    torch.onnx.export(net, x, raw, input_names=['image'], output_names=['logit', 'content'], opset_version=13,
                      do_constant_folding=True, dynamic_axes={'image': {0: 'batch'}, 'logit': {0: 'batch'}, 'content': {0: 'batch'}})
    ops, sha = save_fp16(raw, out)
    return net, ops, sha


def make_card(sha, th, metrics_summary, training):
    return {
        'id': 'whole-image-mnv2',
        'name': 'Whole-image AI-generation detector (MobileNetV2 features + logistic head)',
        'version': VERSION,
        'task': 'whole-image',
        'file': 'model.onnx',
        'sha256': sha,
        **logit_model_io(SIZE),
        'content': {'name': 'content', 'labels': list(ContentHead.LABELS), 'drawn': ['Drawing', 'Hentai']},
        'thresholds': {'likely': {k: round(v, 6) for k, v in th['likely'].items()},
                       'uncertain': {k: round(v, 6) for k, v in th['uncertain'].items()}},
        'metrics': metrics_summary,
        'licence': 'Model and code: MIT (this project). Backbone weights: nsfwjs 4.3.0 MobileNetV2, MIT (Infinite Red). Head trained on research/non-commercial-use images; see MODEL_CARD.md.',
        'trainingData': training,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--loso', action='store_true', help='also export every LOSO fold head to work/loso/<folder>/')
    args = ap.parse_args()
    torch.set_num_threads(2)
    metrics = json.load(open(os.path.join(HERE, 'metrics.json')))
    th = metrics['thresholds']
    items = json.load(open(os.path.join(WORK, 'items.json')))['items']
    folders = sorted({it['folder'] for it in items})
    # The card carries a compact summary (the engine bundles it); metrics.json has everything.
    summary = {'protocol': metrics['protocol'], 'details': 'models/whole-image/metrics.json, MODEL_CARD.md', 'looAucStoredView': {},
               'looAucDegradedView': {}}
    for view, key in (('stored', 'looAucStoredView'), ('degraded', 'looAucDegradedView')):
        for f, r in metrics['tables'][view].items():
            summary[key][f] = None if r['auc'] is None else round(r['auc'], 3)
    out, raw = os.path.join(HERE, 'model.onnx'), os.path.join(WORK, 'model-fp32.onnx')
    net, ops, sha = export_onnx(torch.load(os.path.join(WORK, 'head.pt')), out, raw)
    # Reference pair for the Node check: fixed random images and the fp32 torch logits.
    g = torch.Generator().manual_seed(1)
    ref_x = torch.rand(4, 3, SIZE, SIZE, generator=g)
    with torch.no_grad():
        ref_y = net(ref_x)[0][:, 0].numpy()
    ref_x.numpy().astype('<f4').tofile(os.path.join(WORK, 'ref-input.bin'))
    json.dump({'logits': ref_y.tolist()}, open(os.path.join(WORK, 'ref-output.json'), 'w'))
    card = make_card(sha, th, summary, folders)
    # The content gate (models/gate/fit.py) and the joint pair (models/joint/calibrate.ts) are fitted into this card: keep them.
    old = os.path.join(HERE, 'model.json')
    previous = json.load(open(old)) if os.path.exists(old) else {}
    card.update({k: previous[k] for k in ('joint', 'contentGate') if k in previous})
    json.dump(card, open(old, 'w'), indent=2)
    print(f'{out}: {os.path.getsize(out) / 1e6:.2f} MB (fp32 {os.path.getsize(raw) / 1e6:.2f} MB), ops {ops}, sha256 {sha}')
    if args.loso:
        for f in folders:
            d = os.path.join(WORK, 'loso', f)
            os.makedirs(d, exist_ok=True)
            _, _, fsha = export_onnx(torch.load(os.path.join(WORK, 'loso', f'{f}.pt')), os.path.join(d, 'model.onnx'), os.path.join(d, 'fp32.onnx'))
            os.remove(os.path.join(d, 'fp32.onnx'))
            card = make_card(fsha, th, {'fold': f}, [x for x in folders if x != f])
            card['version'] = f'{VERSION}-loso-{f}'
            json.dump(card, open(os.path.join(d, 'model.json'), 'w'), indent=2)
            print(f'fold {f}: exported', flush=True)


if __name__ == '__main__':
    main()
