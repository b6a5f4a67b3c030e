"""Step 3 of the face model: ONNX export (face_net.py: frozen nsfwjs MobileNetV2 run to the chosen
stage on a crop of the chosen size, pooled features + the face head, float16 conv weights; the file is
self-contained), the card model.json (input size, thresholds from metrics.json) and, with --loso, one model per fold under work/loso/<folder>/
(a copy of the face-detector card beside each, so `scripts/eval.ts --model work/loso/<folder>/face`
reproduces the LOSO table through the engine in Node)."""
import argparse
import json
import os
import shutil
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, HERE)
from face_net import export_onnx  # noqa: E402
from common import ceil6, logit_model_io  # noqa: E402  (models/whole-image, on the path through face_net)

WORK = os.path.join(HERE, 'work')
VERSION = '1.1.0'
DET = os.path.join(ROOT, 'models', 'face-detector')


def make_card(sha, th, summary, training, size):
    return {
        'id': 'face-mnv2',
        'name': 'Face synthesis/composite detector (MobileNetV2 features + logistic head, on BlazeFace crops)',
        'version': VERSION,
        'task': 'face',
        'file': 'model.onnx',
        'sha256': sha,
        **logit_model_io(size),
        'thresholds': {'likely': {k: ceil6(v) for k, v in th['likely'].items()},
                       'uncertain': {k: ceil6(v) for k, v in th['uncertain'].items()}},
        'metrics': summary,
        'licence': 'Model and code: MIT (this project). Backbone weights: nsfwjs 4.3.0 MobileNetV2, MIT (Infinite Red). Head trained on research/non-commercial-use face images; see MODEL_CARD.md.',
        'trainingData': training,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--loso', action='store_true')
    args = ap.parse_args()
    torch.set_num_threads(2)
    metrics = json.load(open(os.path.join(HERE, 'metrics.json')))
    th = metrics['thresholds']
    size, stage = metrics['size'], metrics['stage']
    folders = sorted(metrics['tables']['stored'].keys() - {'POOLED'})
    summary = {'protocol': metrics['protocol'], 'details': 'models/face/metrics.json, MODEL_CARD.md',
               'backbone': f"nsfwjs MobileNetV2 to {'out_relu' if stage == 'full' else stage}, {metrics['n_features']} pooled features, {size}x{size} crop",
               'calibration': metrics['calibration']['rule'],
               'looAucStoredView': {f: None if r['auc'] is None else round(r['auc'], 3) for f, r in metrics['tables']['stored'].items()},
               'looAucDegradedView': {f: None if r['auc'] is None else round(r['auc'], 3) for f, r in metrics['tables']['degraded'].items()}}
    out = os.path.join(HERE, 'model.onnx')
    _, ops, sha = export_onnx(torch.load(os.path.join(WORK, 'face-head.pt')), out, os.path.join(WORK, 'model-fp32.onnx'), size, stage)
    json.dump(make_card(sha, th, summary, folders, size), open(os.path.join(HERE, 'model.json'), 'w'), indent=2)
    print(f'{out}: {stage}@{size}, {os.path.getsize(out) / 1e6:.2f} MB, ops {ops}, sha256 {sha}', flush=True)
    if args.loso:
        for f in folders:
            d = os.path.join(WORK, 'loso', f)
            os.makedirs(os.path.join(d, 'face'), exist_ok=True)
            shutil.copytree(DET, os.path.join(d, 'face-detector'), dirs_exist_ok=True, ignore=shutil.ignore_patterns('work', '*.py', '*.mjs', '*.md'))
            _, _, fsha = export_onnx(torch.load(os.path.join(WORK, f'fold-{f}.pt')), os.path.join(d, 'face', 'model.onnx'), os.path.join(d, 'fp32.onnx'), size, stage)
            os.remove(os.path.join(d, 'fp32.onnx'))
            card = make_card(fsha, th, {'fold': f}, [x for x in folders if x != f], size)
            card['version'] = f'{VERSION}-loso-{f}'
            json.dump(card, open(os.path.join(d, 'face', 'model.json'), 'w'), indent=2)
            print(f'fold {f}: exported', flush=True)


if __name__ == '__main__':
    main()
