/** scripts/eval/product.ts and dataset.ts: sources, the combined score and the product table. */
import { describe, expect, it } from 'vitest';
import { sourceOf } from '../../scripts/eval/dataset';
import { combinedScore, summarize, type FileOutcome } from '../../scripts/eval/product';
import type { Band, Signal } from '../../src/shared/types';

const thresholds = { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } };
const model = (score: number, t = thresholds): Signal => ({
  detector: 'model:m',
  version: '1',
  stage: 'model',
  outcome: 'score',
  score,
  thresholds: t,
  strength: 'weak',
  evidence: [],
  explanation: '',
});

describe('eval: sources', () => {
  it('is the top-level folder, or the file-name prefix for files directly in real/ and fake/', () => {
    expect(sourceOf('faces-sd21/fake/a_b.jpg')).toBe('faces-sd21');
    expect(sourceOf('real/ffhq_00012.jpg')).toBe('ffhq');
    expect(sourceOf('fake/nounderscore.jpg')).toBe('.');
  });
});

describe('eval: combined score', () => {
  it('is 1 for a declaration, else the largest margin over the balanced likely threshold', () => {
    expect(combinedScore({ band: 'declared-ai', reasonKey: '', signals: [model(0.1)] })).toBe(1);
    // A joint threshold of 1 keeps a model from flagging: its margin stays below 0.
    const joint = { ...thresholds, likely: { ...thresholds.likely, balanced: 1 } };
    expect(combinedScore({ band: 'uncertain', reasonKey: '', signals: [model(0.95, joint), model(0.85)] })).toBeCloseTo(0.05);
    expect(combinedScore({ band: 'not-applicable', reasonKey: '', signals: [] })).toBeUndefined();
  });
});

describe('eval: product table', () => {
  const file = (source: string, label: 0 | 1, band: Band, combined?: number, error?: string): FileOutcome => ({
    rel: `${source}/${label ? 'fake' : 'real'}/x.jpg`,
    source,
    label,
    kind: 'image',
    frames: 0,
    combined,
    models: {},
    error,
    bands: { conservative: band === 'likely-synthetic' ? 'uncertain' : band, balanced: band, aggressive: band },
  });
  it('counts flagged shares per sensitivity, not checked and errors, pooled and per source', () => {
    const t = summarize([
      file('a', 0, 'no-evidence', -0.5),
      file('a', 0, 'likely-synthetic', 0.1),
      file('a', 1, 'declared-ai', 1),
      file('a', 1, 'not-applicable'),
      file('b', 1, 'likely-synthetic', 0.2, 'decode: x'),
    ]);
    expect(t.a).toMatchObject({ real: 2, fake: 2, auc: 1, aucAgainstPooled: false, notChecked: { real: 0, fake: 0.5 }, errors: 0 });
    expect(t.a!.flagged.balanced).toEqual({ real: 0.5, fake: 0.5 });
    expect(t.a!.flagged.conservative).toEqual({ real: 0, fake: 0.5 });
    // One class only: scored against the real files pooled over every source.
    expect(t.b).toMatchObject({ real: 0, fake: 1, aucAgainstPooled: true, errors: 1 });
    expect(t.b!.auc).toBe(1);
    expect(t.POOLED).toMatchObject({ real: 2, fake: 3, errors: 1 });
  });
});
