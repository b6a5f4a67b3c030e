"""Step 5: reproduce the leave-one-source-out table through the product's own code path.
For every folder f, scripts/eval.ts (Node: sharp decode -> src/engine/analyze.ts -> preprocess.ts ->
model-runner.ts -> onnxruntime-node) scores f with the fold model exported by `export.py --loso`
(a head that never saw f). The merged scores give the LOSO table for the stored view, which is
compared image by image with the Python OOF scores (PIL decode, torch fp32).
Writes metrics-node.json (committed: numbers only)."""
import json
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE, WORK  # noqa: E402
from train import LEVELS, folder_table, print_table  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))


def main():
    meta = json.load(open(os.path.join(WORK, 'items.json')))
    data = meta['data']
    z = np.load(os.path.join(WORK, 'oof.npz'))
    py = {os.path.relpath(it['path'], data): float(s) for it, s in zip(meta['items'], z['oof'][:, 0])}
    th = json.load(open(os.path.join(HERE, 'metrics.json')))['thresholds']['likely']
    reuse = '--reuse' in sys.argv  # only re-merge existing Node outputs
    node = {}
    for f in sorted({it['folder'] for it in meta['items']}):
        out = os.path.join(WORK, 'loso', f'{f}.node.json')
        if reuse and os.path.exists(out):
            for r in json.load(open(out)):
                node[os.path.join(f, r['path'])] = (r['score'], r['label'], f)
            continue
        cmd = ['npx', 'tsx', 'scripts/eval.ts', '--data', os.path.join(data, f), '--model', os.path.join(WORK, 'loso', f),
               '--pixels-only', '--json', '--scores', out]
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        for r in json.load(open(out)):
            node[os.path.join(f, r['path'])] = (r['score'], r['label'], f)
        print(f'{f}: {sum(1 for k in node if k.startswith(f + os.sep))} images scored in Node', flush=True)
    # Images dropped as duplicates in Python are still in the folder; compare on the common set.
    # The engine's size gate (shorter side < 96 px) makes a few images `not-applicable`: no score.
    not_applicable = sorted(k for k in node if node[k][0] is None)
    common = sorted(k for k in set(node) & set(py) if node[k][0] is not None)
    diffs = np.array([abs(node[k][0] - py[k]) for k in common if node[k][0] is not None])
    scores = np.array([node[k][0] for k in common], np.float64)
    labels = np.array([node[k][1] for k in common])
    folders = np.array([node[k][2] for k in common])
    table = folder_table(scores, labels, folders, th)
    res = {'images': len(common), 'not_applicable': not_applicable, 'node_only': len(set(node) - set(py)), 'abs_diff_vs_python': {
        'mean': float(diffs.mean()), 'p99': float(np.quantile(diffs, 0.99)), 'max': float(diffs.max())}, 'table_stored_view': table}
    json.dump(res, open(os.path.join(HERE, 'metrics-node.json'), 'w'), indent=1)
    print(json.dumps(res['abs_diff_vs_python']))
    print_table(table)


if __name__ == '__main__':
    main()
