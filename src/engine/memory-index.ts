/**
 * Pictures this browser flagged or the person reported, so a repost, crop or recompression is
 * recognised on any site. Held in memory (a linear scan of ≤ MAX_ENTRIES is microseconds), mirrored to IndexedDB.
 */
import type { MemoryEntry } from '../shared/person-db';
import type { Band, MemoryMatch, Signal } from '../shared/types';
import { samePictureDistance } from './perceptual-hash';

const MAX_ENTRIES = 5000;

export interface MemoryStore {
  all(): Promise<MemoryEntry[]>;
  put(entry: MemoryEntry): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

type Picture = { phash?: string; contentHash?: string; mediaUrl?: string };

export type MemoryIndex = ReturnType<typeof createMemoryIndex>;

export function createMemoryIndex(store: MemoryStore, now = () => Date.now()) {
  let entries: Promise<Map<string, MemoryEntry>> | undefined;
  const load = () =>
    (entries ??= store.all().then(
      (list) => new Map(list.map((e) => [e.key, e])),
      () => new Map<string, MemoryEntry>(),
    ));

  async function save(entry: MemoryEntry) {
    const map = await load();
    map.set(entry.key, entry);
    if (map.size > MAX_ENTRIES) {
      // Forget the oldest plain memories first; a person's report is kept longest.
      const oldest = [...map.values()].sort((a, b) => Number(!!a.personVerdict) - Number(!!b.personVerdict) || a.at - b.at)[0]!;
      map.delete(oldest.key);
      await store.delete(oldest.key).catch(() => undefined);
    }
    await store.put(entry).catch(() => undefined);
  }

  return {
    /** The most telling remembered copy: the person's report first, then a sighting on another site than `host`, then the earliest, then the closest. */
    async lookup(q: Picture & { host?: string }): Promise<MemoryMatch | undefined> {
      if (!q.phash && !q.contentHash) return undefined;
      const rank = (e: MemoryEntry, d: number) => (e.personVerdict ? 0 : 4e15) + (q.host && e.host === q.host ? 2e15 : 0) + e.at + d / 100;
      let best: { e: MemoryEntry; d: number } | undefined;
      for (const e of (await load()).values()) {
        const exact = !!q.contentHash && e.key === q.contentHash;
        // The very same file at the very same address is "this one", not "seen before" — unless reported.
        if (exact && !e.personVerdict && q.mediaUrl && e.mediaUrl === q.mediaUrl) continue;
        const d = exact ? 0 : q.phash ? samePictureDistance(q.phash, e.phash) : undefined;
        if (d === undefined) continue;
        if (!best || rank(e, d) < rank(best.e, best.d)) best = { e, d };
      }
      if (!best) return undefined;
      return { host: best.e.host, at: best.e.at, band: best.e.band, personVerdict: best.e.personVerdict, distance: best.d };
    },
    /** A flagged picture (never overwrites a person's report). */
    async remember(e: Picture & { host: string; band: Band }) {
      if (!e.phash) return;
      const key = e.contentHash ?? e.phash;
      const existing = (await load()).get(key);
      if (existing && (existing.personVerdict || existing.band === e.band)) return;
      await save({ key, phash: e.phash, at: now(), host: e.host, mediaUrl: e.mediaUrl, band: e.band });
    },
    count: async () => (await load()).size,
    /** Forgets every remembered picture, the person's reports included. */
    async clear() {
      entries = Promise.resolve(new Map());
      await store.clear();
    },
    async report(e: Picture & { host: string; band: Band; verdict: 'wrong' | 'right' }) {
      if (!e.phash && !e.contentHash) return;
      const key = e.contentHash ?? e.phash!;
      await save({ key, phash: e.phash ?? '', at: now(), host: e.host, mediaUrl: e.mediaUrl, band: e.band, personVerdict: e.verdict });
    },
  };
}

/** Its text is written by the card (both languages). */
export function memorySignal(match: MemoryMatch): Signal {
  return {
    detector: 'memory',
    version: '1',
    stage: 'memory',
    outcome: 'info',
    strength: match.personVerdict ? 'strong' : 'moderate',
    evidence: [`host: ${match.host}`, `distance: ${match.distance}/64`],
    explanation: '',
    memory: match,
  };
}
