/** Models a person adds arrive in chunks; only complete, checked files reach the store. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import type { StoredModel } from '../shared/person-db';
import { openUserModels, UPLOAD_IDLE_MS, type ModelStore } from './user-models';

const FIXTURE = 'test/fixtures/models/fixture-redness';
const onnx = readFileSync(`${FIXTURE}/model.onnx`);
const card = { ...JSON.parse(readFileSync(`${FIXTURE}/model.json`, 'utf8')), id: 'my-model', fixture: undefined };
const sha256 = async (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function memoryStore(): ModelStore & { map: Map<string, StoredModel> } {
  const map = new Map<string, StoredModel>();
  return { map, all: async () => [...map.values()], put: async (m) => void map.set(m.id, m), delete: async (id) => void map.delete(id) };
}
const open = (store = memoryStore()) => ({ store, models: openUserModels(store, new Set(['fixture-redness']), { ort: {} as never, sha256 }) });

/** The file in chunks of `size` bytes, as the options page sends them. */
const chunks = (bytes: Uint8Array, text: string, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => ({
    card: text,
    size: bytes.length,
    offset: i * size,
    base64: Buffer.from(bytes.subarray(i * size, (i + 1) * size)).toString('base64'),
  }));

describe('user models', () => {
  test('a file sent in chunks is put together, checked, stored, listed, run and removed', async () => {
    const { store, models } = open();
    await models.ready;
    const parts = chunks(onnx, JSON.stringify(card), 97);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts.slice(0, -1)) expect(await models['models:add'](part)).toEqual({ ok: true, done: false });
    expect(await models['models:add'](parts.at(-1)!)).toEqual({ ok: true, done: true });
    expect(Buffer.from(store.map.get('my-model')!.bytes).equals(onnx)).toBe(true);
    expect((await models['models:list']({})).models.map((m) => [m.card.id, m.bytes])).toEqual([['my-model', onnx.length]]);
    expect(models.runners().map((r) => r.card.id)).toEqual(['my-model']);
    await models['models:remove']({ id: 'my-model' });
    expect([store.map.size, models.runners().length]).toEqual([0, 0]);
  });

  test("a chunk out of order, a file that is not the card's, a built-in id or a bad card is refused and nothing is stored", async () => {
    const { store, models } = open();
    const parts = chunks(onnx, JSON.stringify(card), 50);
    expect(await models['models:add'](parts[1]!)).toEqual({ ok: false, error: 'order' });
    await models['models:add'](parts[0]!);
    expect(await models['models:add'](parts[2]!)).toEqual({ ok: false, error: 'order' });
    expect(await models['models:add']({ ...parts[1]!, card: '{}' })).toEqual({ ok: false, error: 'order' }); // the upload was dropped
    const other = Buffer.from(onnx);
    other[0] = other[0]! ^ 1;
    const [last] = chunks(other, JSON.stringify(card), other.length);
    expect(await models['models:add'](last!)).toEqual({ ok: false, error: 'sha256', sha256: await sha256(other) });
    const [builtin] = chunks(onnx, JSON.stringify({ ...card, id: 'fixture-redness' }), onnx.length);
    expect(await models['models:add'](builtin!)).toEqual({ ok: false, error: 'taken' });
    for (const text of ['not json', JSON.stringify({ ...card, task: 'face' }), JSON.stringify({ ...card, thresholds: undefined })])
      expect(await models['models:add'](chunks(onnx, text, onnx.length)[0]!)).toEqual({ ok: false, error: 'card' });
    expect(store.map.size).toBe(0);
  });

  test('listing reads the cards loaded from the store, not the stored files again', async () => {
    const store = memoryStore();
    store.map.set('my-model', { id: 'my-model', card, bytes: new Uint8Array(onnx).buffer });
    const all = vi.spyOn(store, 'all');
    const { models } = open(store);
    expect((await models['models:list']({})).models.map((m) => [m.card.id, m.bytes])).toEqual([['my-model', onnx.length]]);
    expect((await models['models:list']({})).models).toHaveLength(1);
    expect(all).toHaveBeenCalledTimes(1); // the first load only
  });

  test('a stored model whose card no longer passes is listed with its problem, not run, and removable', async () => {
    const store = memoryStore();
    const bytes = new Uint8Array(onnx).buffer;
    store.map.set('my-model', { id: 'my-model', card: { ...card, thresholds: undefined }, bytes });
    store.map.set('fixture-redness', { id: 'fixture-redness', card: { ...card, id: 'fixture-redness' }, bytes });
    store.map.set('my-face', { id: 'my-face', card: { ...card, id: 'my-face', task: 'face' }, bytes });
    store.map.set('no-card', { id: 'no-card', card: null, bytes });
    const { models } = open(store);
    expect(await models['models:list']({})).toEqual({
      models: [],
      invalid: [
        { id: 'my-model', bytes: onnx.length, problem: 'thresholds missing' },
        { id: 'fixture-redness', bytes: onnx.length, problem: 'taken' },
        { id: 'my-face', bytes: onnx.length, problem: 'not a whole-image model' },
        { id: 'no-card', bytes: onnx.length, problem: 'card is not an object' },
      ],
    });
    expect(models.runners()).toEqual([]);
    for (const id of ['my-model', 'no-card']) await models['models:remove']({ id });
    expect([...store.map.keys()]).toEqual(['fixture-redness', 'my-face']);
    expect((await models['models:list']({})).invalid.map((m) => m.id)).toEqual(['fixture-redness', 'my-face']);
  });

  test('a file the page stopped sending is dropped after a pause', async () => {
    vi.useFakeTimers();
    try {
      const { models } = open();
      const parts = chunks(onnx, JSON.stringify(card), 100);
      expect(await models['models:add'](parts[0]!)).toEqual({ ok: true, done: false });
      vi.advanceTimersByTime(UPLOAD_IDLE_MS / 2);
      expect(await models['models:add'](parts[1]!)).toEqual({ ok: true, done: false });
      vi.advanceTimersByTime(UPLOAD_IDLE_MS);
      expect(await models['models:add'](parts[2]!)).toEqual({ ok: false, error: 'order' });
    } finally {
      vi.useRealTimers();
    }
  });
});
