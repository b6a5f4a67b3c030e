// @vitest-environment happy-dom
/**
 * The card's "Check more closely" (src/content/overlay/closer-look.ts) against a fake background:
 * offered only for a picture a photo model scored; progress while it runs; the answer with its
 * figures, kept when the card is rebuilt; a failure says why and offers to try again.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { CloserLookResponse } from '../../src/shared/protocol';
import type { Signal } from '../../src/shared/types';

vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test' }, i18n: { getMessage: (k: string, subs?: string[]) => [k, ...(subs ?? [])].join(' ') } } }));
const send = vi.fn();
vi.mock('../../src/shared/messaging', () => ({ send: (...a: unknown[]) => send(...a) }));
const { closerLookSection, offersCloserLook } = await import('../../src/content/overlay/closer-look');

const thresholds = { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } };
const modelScore: Signal = { detector: 'model:whole-image-mnv2', version: '1', stage: 'model', outcome: 'score', strength: 'strong', score: 0.95, thresholds, evidence: ['M 1'], explanation: 'M' };
const card = (over: object = {}) => ({ band: 'likely-synthetic' as const, reasonKey: 'r', signals: [modelScore], mediaUrl: 'https://cdn.example/a.jpg', ...over });
const answer: CloserLookResponse = {
  ok: true,
  band: 'likely-synthetic',
  signal: { ...modelScore, detector: 'model:closer-look-inception', score: 0.97 },
  figures: { pooledAuc: 0.803, aiFlagged: 0.069, realFlagged: 0.006, sources: 18 },
  ms: 300,
};

/** Resolves the next request when told to. */
function pendingAnswer() {
  let resolve!: (r: CloserLookResponse) => void;
  send.mockImplementationOnce(() => new Promise((r) => (resolve = r)));
  return (r: CloserLookResponse) => resolve(r);
}
const settle = () => new Promise((r) => setTimeout(r, 0));
const mount = (model: ReturnType<typeof card>) => {
  if (!offersCloserLook(model)) throw new Error('not offered');
  const box = closerLookSection(model);
  document.body.append(box);
  return box;
};

afterEach(() => {
  send.mockReset();
  document.body.replaceChildren();
});

describe('check more closely', () => {
  test('offered for a picture a photo model scored; not for a clip, an error, a fixture-only score or a picture without an address', () => {
    expect(offersCloserLook(card())).toBe(true);
    expect(offersCloserLook(card({ timeline: { frames: [] } }))).toBe(false);
    expect(offersCloserLook(card({ error: 'timeout' }))).toBe(false);
    expect(offersCloserLook(card({ signals: [{ ...modelScore, fixture: true }] }))).toBe(false);
    expect(offersCloserLook(card({ signals: [{ ...modelScore, outcome: 'not-applicable' }] }))).toBe(false);
    expect(offersCloserLook(card({ mediaUrl: undefined }))).toBe(false);
  });

  test('progress, then the answer with its figures; the answer stays when the card is rebuilt', async () => {
    const model = card({ mediaUrl: 'https://cdn.example/one.jpg' });
    const box = mount(model);
    expect(box.textContent).toContain('closerIntro');
    const reply = pendingAnswer();
    box.querySelector<HTMLButtonElement>('button.closer-run')!.click();
    expect(send).toHaveBeenCalledTimes(0); // the request is built first (async)
    await settle();
    expect(send).toHaveBeenCalledWith('background', 'media:closer-look', { source: { type: 'url', url: 'https://cdn.example/one.jpg' } });
    expect(box.querySelector('progress')).not.toBeNull();
    expect(box.querySelector('[role="status"]')?.textContent).toBe('closerPending');
    reply(answer);
    await settle();
    expect(box.querySelector('progress')).toBeNull();
    expect(box.querySelector('.closer-result')?.getAttribute('data-band')).toBe('likely-synthetic');
    expect(box.textContent).toContain('closerFigures 18 80.3 6.9 0.6');
    expect(box.textContent).toContain('closerBadgeKept 300');
    expect(box.querySelector('button.closer-run')).toBeNull();
    // The card is rebuilt (a re-render, or closed and opened again): same answer, no new request.
    box.remove();
    const again = mount(model);
    expect(again.querySelector('.closer-result')).not.toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });

  test('a card rebuilt while the look runs shows its progress, then its answer', async () => {
    const model = card({ mediaUrl: 'https://cdn.example/three.jpg' });
    const first = mount(model);
    const reply = pendingAnswer();
    first.querySelector<HTMLButtonElement>('button.closer-run')!.click();
    expect(first.querySelector('progress')).not.toBeNull();
    first.remove();
    const rebuilt = mount(model);
    expect(rebuilt.querySelector('progress')).not.toBeNull();
    await settle();
    reply(answer);
    await settle();
    expect(rebuilt.querySelector('.closer-result')).not.toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });

  test('a failure says why and offers to try again', async () => {
    const box = mount(card({ mediaUrl: 'https://cdn.example/two.jpg' }));
    send.mockResolvedValueOnce({ ok: false, error: 'closer-off' });
    box.querySelector<HTMLButtonElement>('button.closer-run')!.click();
    await settle();
    await settle();
    expect(box.querySelector('.closer-error')?.textContent).toBe('closerFailed error_closer_off');
    const retry = box.querySelector<HTMLButtonElement>('button.closer-run')!;
    expect(retry.textContent).toBe('closerRetry');
    send.mockRejectedValueOnce(new Error('no answer to media:closer-look'));
    retry.click();
    await settle();
    await settle();
    expect(box.querySelector('.closer-error')?.textContent).toBe('closerFailed error_engine_unavailable');
    send.mockResolvedValueOnce(answer);
    box.querySelector<HTMLButtonElement>('button.closer-run')!.click();
    await settle();
    await settle();
    expect(box.querySelector('.closer-result')).not.toBeNull();
  });
});
