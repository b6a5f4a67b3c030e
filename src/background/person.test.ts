import { expect, test, vi } from 'vitest';
import { addFeedback, addHistoryEntry } from '../shared/history-store';
import { LIMITS, type AnalyzeRequest } from '../shared/protocol';
import { DEFAULT_SETTINGS } from '../shared/settings';
import type { Verdict } from '../shared/types';
import { recordFeedback, recordVerdict } from './person';

vi.mock('../shared/browser', () => ({ default: {} }));
vi.mock('../shared/history-store', () => ({ addHistoryEntry: vi.fn(async () => {}), addFeedback: vi.fn(async () => {}) }));

test('what the history and feedback store is bounded: a long tab URL is cut, an oversized thumbnail dropped', async () => {
  const tab = { tab: { url: `https://a.example/?q=${'x'.repeat(3 * 1024 * 1024)}` } } as never;
  const req: AnalyzeRequest = { kind: 'image', source: { type: 'url', url: 'https://a.example/p.jpg' } };
  const verdict = (thumbnail: string, contentHash: string): Verdict => ({
    band: 'likely-synthetic',
    reasonKey: 'reasonModel',
    signals: [],
    contentHash,
    media: { kind: 'image' },
    analysedAt: 0,
    thumbnail,
  });
  const small = `data:image/jpeg;base64,${'A'.repeat(6000)}`;
  await recordVerdict({ ok: true, verdict: verdict(small, '1'.repeat(64)) }, req, tab, DEFAULT_SETTINGS);
  await recordVerdict({ ok: true, verdict: verdict(`data:image/jpeg;base64,${'A'.repeat(LIMITS.maxThumbnailChars)}`, '2'.repeat(64)) }, req, tab, DEFAULT_SETTINGS);
  await vi.waitFor(() => expect(addHistoryEntry).toHaveBeenCalledTimes(2));
  const [kept, dropped] = vi.mocked(addHistoryEntry).mock.calls.map(([e]) => e);
  expect(kept!.pageUrl).toHaveLength(LIMITS.maxUrlLength);
  expect(kept!.id.length).toBeLessThanOrEqual(LIMITS.maxUrlLength + 65);
  expect(kept!.thumbnail).toBe(small);
  expect(dropped!.thumbnail).toBeUndefined();
  await recordFeedback({ verdict: 'wrong', band: 'likely-synthetic', contentHash: '1'.repeat(64), reasonKey: 'reasonModel', signals: [] }, tab, async () => ({ ok: true }));
  expect(vi.mocked(addFeedback).mock.calls[0]![0]).toMatchObject({ pageUrl: expect.stringMatching(new RegExp(`^.{${LIMITS.maxUrlLength}}$`, 's')), thumbnail: small });
});
