"""Prints the markdown tables of research-2.0.md from research-tiles.json (tiles.py eval) and
research-data*.json (more_data.py eval). Numbers only; no data needed.
  /usr/bin/python3 models/whole-image/research_tables.py"""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def f3(v):
    return '–' if v is None else f'{v:.3f}'


def per_folder(runs, names):
    """One AUC column per run, one row per folder, then pooled and flagged shares."""
    folders = list(runs[names[0]]['table'])
    print('| folder (held out) | real | fake | ' + ' | '.join(names) + ' |')
    print('|---|---:|---:|' + '---:|' * len(names))
    for f in folders:
        r = runs[names[0]]['table'][f]
        label = '**pooled AUC**' if f == 'POOLED' else f
        print(f'| {label} | {r["n_real"]} | {r["n_fake"]} | ' + ' | '.join(f3(runs[n]['table'][f]['auc']) for n in names) + ' |')
    print('| mean within-folder AUC, paired folders | | | ' + ' | '.join(f3(runs[n]['paired_mean_auc']) for n in names) + ' |')
    for lvl, pct in (('conservative', 1), ('balanced', 2), ('aggressive', 5)):
        print(f'| AI flagged at {lvl} (every real folder ≤ {pct} %) | | | '
              + ' | '.join(f3(runs[n]['table']['POOLED'][f'{lvl}_tpr']) for n in names) + ' |')
    print('| TPR at 2 % of pooled reals | | | ' + ' | '.join(f3(runs[n]['table']['POOLED']['tpr@fpr2']) for n in names) + ' |')


def main():
    p = os.path.join(HERE, 'research-tiles.json')
    if os.path.exists(p):
        t = json.load(open(p))
        print('## tiles\n')
        print(json.dumps(t['info']))
        print()
        per_folder(t['variants'], list(t['variants']))
    for p in sorted(glob.glob(os.path.join(HERE, 'research-data*.json'))):
        d = json.load(open(p))
        print(f'\n## data: {os.path.basename(p)}\n')
        print(json.dumps(d['provenance']))
        print()
        per_folder(d['runs'], [k for k in d['runs'] if k.endswith('seed0')])
        print('\n| pictures added (real + AI) | seeds | pooled AUC (min–max) | paired within-folder AUC | AI flagged at balanced |')
        print('|---|---:|---|---|---|')
        for n in sorted({r['n_added'] for r in d['runs'].values()}):
            rs = [r for r in d['runs'].values() if r['n_added'] == n]
            col = lambda get: f'{min(map(get, rs)):.3f}–{max(map(get, rs)):.3f}'
            print(f'| {n} ({rs[0]["n_added_real"]} + {n - rs[0]["n_added_real"]}) | {len(rs)} | {col(lambda r: r["table"]["POOLED"]["auc"])} | '
                  f'{col(lambda r: r["paired_mean_auc"])} | {col(lambda r: r["table"]["POOLED"]["balanced_tpr"])} |')


if __name__ == '__main__':
    main()
