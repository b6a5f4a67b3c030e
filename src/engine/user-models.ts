/** Models a person added (an ONNX file and its card, sent in chunks): checked, stored, and validated again on every load. */
import { parseModelCard } from '../shared/model-card';
import type { StoredModel } from '../shared/person-db';
import type { EngineHandlers, InvalidModel, ModelUploadResponse } from '../shared/protocol';
import { base64ToBytes } from '../shared/base64';
import { createModelRunner, type ModelRunner, type ModelRunnerOptions } from './model-runner';

export interface ModelStore {
  all(): Promise<StoredModel[]>;
  put(model: StoredModel): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Longest pause between two chunks of one file. */
export const UPLOAD_IDLE_MS = 60_000;

export function openUserModels(store: ModelStore, builtinIds: Set<string>, opts: Omit<ModelRunnerOptions, 'loadBytes'>) {
  /** What the store held at the last load; listing reads this, never the store's bytes again. */
  let list: { runner: ModelRunner; bytes: number }[] = [];
  /** Stored models whose card no longer passes: listed with the reason so the person can remove them. */
  let invalid: InvalidModel[] = [];
  /** The file being received, chunk by chunk (one options page adds one model at a time). */
  let upload: { card: string; bytes: Uint8Array; received: number } | undefined;
  /** A file the page stopped sending (closed mid-way) is dropped, not held: it may be 200 MB. */
  let abandon: ReturnType<typeof setTimeout> | undefined;

  const load = async () => {
    const next: typeof list = [];
    const bad: InvalidModel[] = [];
    for (const m of await store.all().catch(() => [])) {
      const parsed = parseModelCard(m.card);
      const bytes = new Uint8Array(m.bytes);
      // By the id it is stored under: the card's own id may be unreadable.
      const refuse = (problem: string) => bad.push({ id: m.id, bytes: bytes.byteLength, problem });
      if ('errors' in parsed) refuse(parsed.errors[0] ?? 'card');
      else if (builtinIds.has(parsed.card.id)) refuse('taken');
      else if (parsed.card.task !== 'whole-image') refuse('not a whole-image model');
      // A person's model is never a test fixture (that flag hides a detector from the card).
      else next.push({ runner: createModelRunner({ ...parsed.card, fixture: undefined }, { ...opts, loadBytes: async () => bytes }), bytes: bytes.byteLength });
    }
    for (const old of list) void old.runner.dispose().catch(() => undefined);
    list = next;
    invalid = bad;
  };
  /** Resolves once the first load finished. */
  const ready = load().catch(() => undefined);

  /** The whole file arrived: its card must be a new whole-image model whose sha256 is the file's. */
  async function save(text: string, bytes: Uint8Array): Promise<ModelUploadResponse> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, error: 'card' };
    }
    const parsed = parseModelCard(raw);
    if (!('card' in parsed) || parsed.card.task !== 'whole-image') return { ok: false, error: 'card' };
    if (builtinIds.has(parsed.card.id)) return { ok: false, error: 'taken' };
    const sha256 = await opts.sha256(bytes);
    if (sha256 !== parsed.card.sha256) return { ok: false, error: 'sha256', sha256 };
    try {
      await store.put({ id: parsed.card.id, card: raw, bytes: bytes.buffer as ArrayBuffer });
    } catch {
      return { ok: false, error: 'storage' };
    }
    await load().catch(() => undefined);
    return { ok: true, done: true };
  }

  const handlers: Pick<EngineHandlers, 'models:list' | 'models:add' | 'models:remove'> = {
    async 'models:list'() {
      await ready;
      return { models: list.map(({ runner, bytes }) => ({ card: runner.card, bytes })), invalid };
    },
    async 'models:add'(chunk) {
      clearTimeout(abandon);
      abandon = setTimeout(() => (upload = undefined), UPLOAD_IDLE_MS);
      if (chunk.offset === 0) upload = { card: chunk.card, bytes: new Uint8Array(chunk.size), received: 0 };
      const bytes = base64ToBytes(chunk.base64);
      const u = upload;
      if (!u || u.card !== chunk.card || u.bytes.length !== chunk.size || chunk.offset !== u.received || u.received + bytes.length > chunk.size) {
        upload = undefined;
        return { ok: false, error: 'order' };
      }
      u.bytes.set(bytes, u.received);
      u.received += bytes.length;
      if (u.received < chunk.size) return { ok: true, done: false };
      upload = undefined;
      return save(u.card, u.bytes);
    },
    async 'models:remove'({ id }) {
      await store.delete(id);
      await load().catch(() => undefined);
      return { ok: true };
    },
  };
  return { ...handlers, runners: () => list.map((m) => m.runner), ready };
}
