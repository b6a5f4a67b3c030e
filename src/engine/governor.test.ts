/** The governor's interval and battery listeners belong to whoever started it, and stop with its signal. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { GOVERNOR_LIMITS, startGovernor, type Battery } from './governor';
import type { ModelRunner } from './model-runner';

function fakeBattery(level: number, charging: boolean) {
  const b = Object.assign(new EventTarget(), { level, charging });
  return { b: b as Battery & typeof b, getBattery: async () => b as Battery };
}
const runner = () => ({ loaded: true, dispose: vi.fn(async () => undefined) });

afterEach(() => vi.useRealTimers());

describe('engine governor', () => {
  test('one analysis at a time on a low battery, back to normal when charging', async () => {
    const { b, getBattery } = fakeBattery(0.1, false);
    const gov = startGovernor(() => [], new AbortController().signal, getBattery);
    await vi.waitFor(() => expect(gov.concurrency()).toBe(1));
    b.charging = true;
    b.dispatchEvent(new Event('chargingchange'));
    expect(gov.concurrency()).toBe(GOVERNOR_LIMITS.concurrency);
  });

  test('idle sessions are released; stopping clears the interval and the battery listeners', async () => {
    vi.useFakeTimers();
    const r = runner();
    const { b, getBattery } = fakeBattery(0.9, false);
    const stop = new AbortController();
    const gov = startGovernor(() => [r as unknown as ModelRunner], stop.signal, getBattery);
    await vi.advanceTimersByTimeAsync(GOVERNOR_LIMITS.idleReleaseMs - GOVERNOR_LIMITS.checkEveryMs);
    expect(r.dispose).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(GOVERNOR_LIMITS.checkEveryMs);
    expect(r.dispose).toHaveBeenCalledTimes(1);

    expect(vi.getTimerCount()).toBe(1);
    stop.abort();
    expect(vi.getTimerCount()).toBe(0);
    b.level = 0.05;
    b.dispatchEvent(new Event('levelchange'));
    expect(gov.concurrency()).toBe(GOVERNOR_LIMITS.concurrency);
    await vi.advanceTimersByTimeAsync(10 * GOVERNOR_LIMITS.idleReleaseMs);
    expect(r.dispose).toHaveBeenCalledTimes(1);
  });
});
