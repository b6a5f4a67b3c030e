import { describe, expect, test } from 'vitest';
import type { Signal, Stage } from '../shared/types';
import { fuseSignals, scoreBand } from './fusion';

const thresholds = {
  likely: { conservative: 0.95, balanced: 0.9, aggressive: 0.8 },
  uncertain: { conservative: 0.7, balanced: 0.6, aggressive: 0.55 },
};
const model = (score: number): Signal => ({ detector: 'model:m', version: '1', stage: 'model', outcome: 'score', score, thresholds, strength: 'weak', evidence: [], explanation: '' });
const STAGE_OF: Record<string, Stage> = { gate: 'size-gate', c2pa: 'provenance', metadata: 'provenance' };
const sig = (detector: string, outcome: Signal['outcome']): Signal => ({ detector, version: '1', stage: STAGE_OF[detector]!, outcome, strength: 'none', evidence: [], explanation: '' });

describe('fusion', () => {
  test('a declaration wins over everything, even a gate that says not-applicable', () => {
    expect(fuseSignals([sig('gate', 'not-applicable'), sig('metadata', 'declared-ai'), model(0.01)], 'balanced').band).toBe('declared-ai');
  });

  test('model score bands follow the card thresholds at each sensitivity', () => {
    expect(scoreBand(model(0.85), 'conservative')).toBe('uncertain');
    expect(scoreBand(model(0.85), 'balanced')).toBe('uncertain');
    expect(scoreBand(model(0.85), 'aggressive')).toBe('likely-synthetic');
    expect(scoreBand(model(0.5), 'aggressive')).toBe('no-evidence');
    expect(scoreBand(model(0.9), 'balanced')).toBe('likely-synthetic');
  });

  test('a NaN score is never evidence', () => {
    expect(scoreBand(model(Number.NaN), 'aggressive')).toBe('no-evidence');
  });

  test('valid credentials from a trusted signer cap a model verdict at uncertain', () => {
    const f = fuseSignals([{ ...sig('c2pa', 'info'), strength: 'moderate' }, model(0.99)], 'balanced');
    expect(f).toEqual({ band: 'uncertain', reasonKey: 'reasonModelButCredentials' });
  });

  test('self-signed (untrusted) credentials do not soften a model verdict', () => {
    expect(fuseSignals([{ ...sig('c2pa', 'info'), strength: 'weak' }, model(0.99)], 'balanced').band).toBe('likely-synthetic');
  });

  test('invalid credentials are not counted either way', () => {
    expect(fuseSignals([sig('c2pa', 'invalid'), model(0.99)], 'balanced').band).toBe('likely-synthetic');
    expect(fuseSignals([sig('c2pa', 'invalid'), model(0.1)], 'balanced').band).toBe('no-evidence');
  });

  test('nothing scored: no-evidence with the "no pixel model" reason, never "authentic"', () => {
    expect(fuseSignals([sig('gate', 'none'), sig('metadata', 'none')], 'balanced')).toEqual({ band: 'no-evidence', reasonKey: 'reasonNoModel' });
    expect(fuseSignals([sig('gate', 'none'), model(0.1)], 'balanced')).toEqual({ band: 'no-evidence', reasonKey: 'reasonNothingFound' });
  });

  test('fusion reads stages, not detector ids', () => {
    expect(fuseSignals([{ ...sig('c2pa', 'info'), detector: 'other-credentials', strength: 'moderate' }, model(0.99)], 'balanced').band).toBe('uncertain');
    expect(fuseSignals([{ ...sig('gate', 'not-applicable'), detector: 'other-gate' }, model(0.99)], 'balanced').band).toBe('not-applicable');
  });

  test('the size gate makes small media not-applicable', () => {
    expect(fuseSignals([sig('gate', 'not-applicable')], 'aggressive').band).toBe('not-applicable');
  });
});
