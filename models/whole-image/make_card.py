"""Step 6: renders MODEL_CARD.md from model.json, metrics.json and metrics-node.json, so every number
in the card comes from the committed pipeline. Prose lives in card_text.md ({{TABLES}} etc. are filled in)."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import HERE  # noqa: E402

LEVELS = ('conservative', 'balanced', 'aggressive')


def f(v):
    return '–' if v is None else f'{v:.3f}'


def table_md(t, with_levels=True):
    head = '| source (held out) | real | fake | AUC | TPR@1% | TPR@2% | TPR@5% |'
    sep = '|---|---:|---:|---:|---:|---:|---:|'
    if with_levels:
        head += ' FPR / TPR cons. | FPR / TPR bal. | FPR / TPR aggr. |'
        sep += '---|---|---|'
    rows = [head, sep]
    for name, r in t.items():
        line = f'| {"**pooled**" if name == "POOLED" else name} | {r["n_real"]} | {r["n_fake"]} | {f(r["auc"])} | {f(r["tpr@fpr1"])} | {f(r["tpr@fpr2"])} | {f(r["tpr@fpr5"])} |'
        if with_levels:
            line += ''.join(f' {f(r[f"{k}_fpr"])} / {f(r[f"{k}_tpr"])} |' for k in LEVELS)
        rows.append(line)
    return '\n'.join(rows)


def main():
    card = json.load(open(os.path.join(HERE, 'model.json')))
    m = json.load(open(os.path.join(HERE, 'metrics.json')))
    node_path = os.path.join(HERE, 'metrics-node.json')
    node = json.load(open(node_path)) if os.path.exists(node_path) else None
    text = open(os.path.join(HERE, 'card_text.md')).read()
    th = card['thresholds']
    th_md = '| sensitivity | likely-synthetic at score ≥ | uncertain at score ≥ |\n|---|---:|---:|\n' + '\n'.join(
        f'| {k} | {th["likely"][k]:.4f} | {th["uncertain"][k]:.4f} |' for k in LEVELS)
    grid = '\n'.join(f'| {k} | {v["auc_stored"]:.3f} | {v["auc_degraded"]:.3f} | {v["auc_paired_folders_stored"]:.3f} | {v["selection"]:.3f} |'
                     for k, v in m['l2_grid'].items())
    node_md = 'Not run.'
    if node:
        d = node['abs_diff_vs_python']
        na = {}
        for k in node['not_applicable']:
            na[k.split(os.sep)[0]] = na.get(k.split(os.sep)[0], 0) + 1
        na_md = ', '.join(f'{f} {n}' for f, n in sorted(na.items())) or 'none'
        node_md = (f'{node["images"]} images scored; {len(node["not_applicable"])} more were `not-applicable` (the size gate, or the content '
                   f'gate calling them graphics or drawings, models/gate/README.md), per folder: {na_md}. '
                   f'|score(Node) − score(Python)| on the scored ones: mean {d["mean"]:.4f}, 99th percentile {d["p99"]:.4f}, '
                   f'max {d["max"]:.4f}.\n\n' + table_md(node['table_stored_view']))
    meso_path = os.path.join(HERE, 'metrics-mesonet.json')
    meso_md = 'Not run.'
    if os.path.exists(meso_path):
        meso = json.load(open(meso_path))
        meso_md = '\n\n'.join(f'**{k}**\n\n' + table_md(v) for k, v in meso.items())
    bench_path = os.path.join(HERE, 'bench.json')
    bench_md = 'not measured'
    if os.path.exists(bench_path):
        b = json.load(open(bench_path))
        bench_md = "; ".join(f'{k}: median {v["medianMs"]} ms, p90 {v["p90Ms"]} ms (1-min load average {v.get("loadAvg1m", "?")} on 2 cores)' for k, v in b.items() if isinstance(v, dict))
    size = os.path.getsize(os.path.join(HERE, card['file']))
    repl = {
        '{{VERSION}}': card['version'], '{{ID}}': card['id'], '{{SHA}}': card['sha256'], '{{SIZE_MB}}': f'{size / 1e6:.2f}',
        '{{N_IMAGES}}': str(m['n_images']), '{{N_DUP}}': str(m['n_duplicates_dropped']), '{{L2}}': str(m['l2_selected']),
        '{{TABLE_STORED}}': table_md(m['tables']['stored']), '{{TABLE_DEGRADED}}': table_md(m['tables']['degraded']),
        '{{TABLE_SMOOTH}}': table_md(m['tables']['smoothness_baseline']), '{{THRESHOLDS}}': th_md, '{{L2_GRID}}': grid,
        '{{TABLE_NODE}}': node_md, '{{BENCH}}': bench_md, '{{TABLE_MESO}}': meso_md,
        '{{FINDINGS}}': open(os.path.join(HERE, 'findings.md')).read().strip(),
    }
    for k, v in repl.items():
        text = text.replace(k, v)
    open(os.path.join(HERE, 'MODEL_CARD.md'), 'w').write(text)
    print('MODEL_CARD.md written')


if __name__ == '__main__':
    main()
