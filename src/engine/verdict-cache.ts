/**
 * Results cached in IndexedDB by URL and by content hash. Signals are stored, not bands (the band
 * depends on the sensitivity); keys include the detector and model versions, so an update never serves stale results.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { AnalyzeOutput } from './analyze';
import type { MediaKind } from '../shared/types';
import type { FrameRecord } from './video-analysis';

/** `frames`: each frame's own signals (videos and animated images). */
export interface CachedResult extends AnalyzeOutput {
  kind: MediaKind;
  frames?: FrameRecord[];
}

interface Entry {
  key: string;
  at: number;
  result: CachedResult;
}

const DB = 'deepfake-radar-results';
const STORE = 'results';
/** A URL may start serving other bytes; a content hash never changes meaning. */
const URL_TTL_MS = 3 * 24 * 3600 * 1000;
const MAX_ENTRIES = 4000;

export type VerdictCache = ReturnType<typeof openVerdictCache>;

/** Degrades to memory-only when IndexedDB is unavailable (private windows, quota). */
export function openVerdictCache(engineKey: string) {
  const memory = new Map<string, Entry>();
  let db: Promise<IDBPDatabase | undefined> | undefined;
  const getDb = () =>
    // async: openDB throws synchronously where IndexedDB is missing or refused (issue 9).
    (db ??= (async () =>
      openDB(DB, 1, {
        upgrade(d) {
          d.createObjectStore(STORE, { keyPath: 'key' }).createIndex('at', 'at');
        },
      }))().catch(() => undefined));

  const read = async (key: string, ttl: number): Promise<CachedResult | undefined> => {
    const entry = memory.get(key) ?? ((await (await getDb())?.get(STORE, key).catch(() => undefined)) as Entry | undefined);
    if (!entry || Date.now() - entry.at > ttl) return undefined;
    return entry.result;
  };

  const write = async (entries: Entry[]) => {
    for (const e of entries) memory.set(e.key, e);
    if (memory.size > 500) memory.delete(memory.keys().next().value!);
    const d = await getDb();
    if (!d) return;
    try {
      const tx = d.transaction(STORE, 'readwrite');
      await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done]);
      if ((await d.count(STORE)) > MAX_ENTRIES) await prune(d);
    } catch {
      // Quota exhausted or the database went away: the memory copy still serves this session.
    }
  };

  const k = (kind: string, id: string) => `${engineKey}|${kind}|${id}`;
  return {
    getByUrl: (url: string) => read(k('url', url), URL_TTL_MS),
    getByHash: (hash: string) => read(k('hash', hash), Infinity),
    put(result: CachedResult, url?: string) {
      const at = Date.now();
      const entries: Entry[] = [];
      if (url) entries.push({ key: k('url', url), at, result });
      if (result.contentHash) entries.push({ key: k('hash', result.contentHash), at, result });
      return write(entries);
    },
  };
}

async function prune(d: IDBPDatabase) {
  const tx = d.transaction(STORE, 'readwrite');
  let cursor = await tx.store.index('at').openCursor();
  let remove = Math.ceil(MAX_ENTRIES / 4);
  while (cursor && remove-- > 0) {
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}
