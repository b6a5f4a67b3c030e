import { describe, expect, test } from 'vitest';
import type { MemoryEntry } from '../shared/person-db';
import { createMemoryIndex, type MemoryStore } from './memory-index';

function memoryStore(): MemoryStore & { map: Map<string, MemoryEntry> } {
  const map = new Map<string, MemoryEntry>();
  return { map, all: async () => [...map.values()], put: async (e) => void map.set(e.key, e), delete: async (k) => void map.delete(k), clear: async () => map.clear() };
}

const A = '8f3c1e0a5b7d2964e01414';
const A_NEAR = '8f3c1e0a5b7d2967d81a1a'; // 2 bits away, nearly the same colour
const FAR = '70c3e1f5a4829d9be01414';
const A_BLUE = '8f3c1e0a5b7d29641414e0'; // same shapes, other colour

describe('memory index', () => {
  test('a flagged picture is recognised from a near copy on another site, not from itself', async () => {
    const store = memoryStore();
    const mem = createMemoryIndex(store, () => 1000);
    await mem.remember({ phash: A, contentHash: 'h1', mediaUrl: 'https://a.example/x.png', host: 'a.example', band: 'likely-synthetic' });
    expect(await mem.lookup({ phash: A, contentHash: 'h1', mediaUrl: 'https://a.example/x.png' })).toBeUndefined();
    expect(await mem.lookup({ phash: A_NEAR, contentHash: 'h2', mediaUrl: 'https://b.example/y.jpg' })).toEqual({
      host: 'a.example',
      at: 1000,
      band: 'likely-synthetic',
      distance: 2,
      personVerdict: undefined,
    });
    expect(await mem.lookup({ phash: FAR, contentHash: 'h3' })).toBeUndefined();
    expect(await mem.lookup({ phash: A_BLUE, contentHash: 'h4' }), 'same shapes in another colour are another picture').toBeUndefined();
    // Survives a restart (read back from the store).
    expect(await createMemoryIndex(store).lookup({ phash: A_NEAR })).toMatchObject({ host: 'a.example' });
  });

  test("a person's report wins over a closer plain memory and is never overwritten by a later flag", async () => {
    const mem = createMemoryIndex(memoryStore());
    await mem.remember({ phash: A_NEAR, contentHash: 'h2', host: 'b.example', band: 'likely-synthetic' });
    await mem.report({ phash: A, contentHash: 'h1', host: 'a.example', band: 'likely-synthetic', verdict: 'wrong' });
    await mem.remember({ phash: A, contentHash: 'h1', host: 'c.example', band: 'declared-ai' });
    expect(await mem.lookup({ phash: A_NEAR, contentHash: 'h9' })).toMatchObject({ host: 'a.example', personVerdict: 'wrong' });
    // The very same file at the same address is still overridden once reported.
    expect(await mem.lookup({ phash: A, contentHash: 'h1' })).toMatchObject({ personVerdict: 'wrong', distance: 0 });
  });

  test('flat pictures (no perceptual hash) are not remembered', async () => {
    const store = memoryStore();
    await createMemoryIndex(store).remember({ contentHash: 'h1', host: 'a.example', band: 'likely-synthetic' });
    expect(store.map.size).toBe(0);
  });

  test('clear forgets every picture, reports included, in memory and in the store', async () => {
    const store = memoryStore();
    const mem = createMemoryIndex(store);
    await mem.remember({ phash: A, contentHash: 'h1', host: 'a.example', band: 'likely-synthetic' });
    await mem.report({ phash: FAR, host: 'b.example', band: 'no-evidence', verdict: 'wrong' });
    expect(await mem.count()).toBe(2);
    await mem.clear();
    expect([await mem.count(), store.map.size]).toEqual([0, 0]);
    expect(await mem.lookup({ phash: A_NEAR, host: 'c.example' })).toBeUndefined();
  });
});

describe('memory index: which sighting is told', () => {
  test('another site before this one, and the earliest sighting before a later closer copy', async () => {
    let t = 0;
    const mem = createMemoryIndex(memoryStore(), () => ++t);
    await mem.remember({ phash: A, contentHash: 'h1', host: 'first.example', band: 'likely-synthetic' });
    await mem.remember({ phash: A_NEAR, contentHash: 'h2', host: 'here.example', band: 'likely-synthetic' });
    expect(await mem.lookup({ phash: A_NEAR, contentHash: 'h3', host: 'here.example' })).toMatchObject({ host: 'first.example', at: 1, distance: 2 });
    expect(await mem.lookup({ phash: A_NEAR, contentHash: 'h3', host: 'elsewhere.example' })).toMatchObject({ host: 'first.example' });
  });
});
