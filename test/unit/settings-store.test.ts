/** watchSettings: the settings now, then every change, and a change never undone by a slower first read. */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Settings } from '../../src/shared/settings';

type Listener = (changes: Record<string, { newValue?: unknown }>) => void;

async function withStorage(stored: unknown) {
  let release!: () => void;
  const readDone = new Promise<void>((r) => (release = r));
  const listeners = new Set<Listener>();
  vi.resetModules();
  vi.doMock('../../src/shared/browser', () => ({
    default: {
      storage: {
        sync: { get: async () => (await readDone, { settings: stored }) },
        onChanged: { addListener: (f: Listener) => listeners.add(f), removeListener: (f: Listener) => listeners.delete(f) },
      },
    },
  }));
  const { watchSettings } = await import('../../src/shared/settings-store');
  const change = (settings: object) => {
    for (const f of listeners) f({ settings: { newValue: settings } });
  };
  return { watchSettings, release, change, listeners };
}

afterEach(() => vi.doUnmock('../../src/shared/browser'));

describe('watchSettings', () => {
  test('gives the stored settings, then each change, until its signal aborts', async () => {
    const s = await withStorage({ version: 2, sensitivity: 'aggressive' });
    const seen: Settings[] = [];
    const stop = new AbortController();
    s.release();
    await s.watchSettings((x) => seen.push(x), stop.signal);
    s.change({ version: 2, sensitivity: 'conservative' });
    stop.abort();
    s.change({ version: 2, sensitivity: 'balanced' });
    expect(seen.map((x) => x.sensitivity)).toEqual(['aggressive', 'conservative']);
    expect(s.listeners.size).toBe(0);
  });

  test('a change heard while the first read is still on its way is not undone by that read', async () => {
    const s = await withStorage({ version: 2, disabledModels: [] });
    const seen: Settings[] = [];
    const watching = s.watchSettings((x) => seen.push(x), new AbortController().signal);
    s.change({ version: 2, disabledModels: ['fixture-redness'] });
    s.release();
    await watching;
    expect(seen.map((x) => x.disabledModels)).toEqual([['fixture-redness']]);
  });
});
