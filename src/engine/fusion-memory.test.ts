/** Fusion and the memory signal: seen-before bands carry over; the person's "wrong" overrides. */
import { describe, expect, test } from 'vitest';
import type { Band, Signal } from '../shared/types';
import { fuseSignals } from './fusion';

const thresholds = { likely: { conservative: 0.95, balanced: 0.9, aggressive: 0.8 }, uncertain: { conservative: 0.7, balanced: 0.6, aggressive: 0.55 } };
const model = (score: number): Signal => ({ detector: 'model:m', version: '1', stage: 'model', outcome: 'score', score, thresholds, strength: 'weak', evidence: [], explanation: '' });
const declared: Signal = { detector: 'metadata', version: '1', stage: 'provenance', outcome: 'declared-ai', strength: 'strong', evidence: [], explanation: '' };
const memory = (band: Band, personVerdict?: 'wrong' | 'right'): Signal => ({
  detector: 'memory',
  version: '1',
  stage: 'memory',
  outcome: 'info',
  strength: 'moderate',
  evidence: [],
  explanation: '',
  memory: { host: 'social.example', at: 1, band, personVerdict, distance: 4 },
});

describe('fusion with memory', () => {
  test('a copy of a flagged picture keeps the flag when this copy shows nothing', () => {
    expect(fuseSignals([model(0.1), memory('likely-synthetic')], 'balanced')).toEqual({ band: 'likely-synthetic', reasonKey: 'reasonSeenBefore' });
    expect(fuseSignals([memory('declared-ai')], 'balanced')).toEqual({ band: 'declared-ai', reasonKey: 'reasonSeenBefore' });
  });

  test('memory never weakens a stronger verdict on this copy', () => {
    expect(fuseSignals([declared, memory('likely-synthetic')], 'balanced')).toEqual({ band: 'declared-ai', reasonKey: 'reasonDeclared' });
    expect(fuseSignals([model(0.99), memory('likely-synthetic')], 'balanced').reasonKey).toBe('reasonModelStrong');
  });

  test("the person's 'wrong' overrides every detector, declarations included", () => {
    expect(fuseSignals([declared, model(0.99), memory('likely-synthetic', 'wrong')], 'aggressive')).toEqual({ band: 'no-evidence', reasonKey: 'reasonPersonSaidWrong' });
    expect(fuseSignals([model(0.7), memory('uncertain', 'wrong')], 'balanced')).toEqual({ band: 'no-evidence', reasonKey: 'reasonPersonSaidWrong' });
    expect(fuseSignals([model(0.1), memory('no-evidence', 'wrong')], 'balanced')).toEqual({ band: 'uncertain', reasonKey: 'reasonPersonSaidAi' });
  });

  test("'right' changes nothing; without memory fusion is as before", () => {
    expect(fuseSignals([model(0.99), memory('likely-synthetic', 'right')], 'balanced').band).toBe('likely-synthetic');
    expect(fuseSignals([model(0.1)], 'balanced')).toEqual({ band: 'no-evidence', reasonKey: 'reasonNothingFound' });
  });
});
