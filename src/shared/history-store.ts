/** The local history of flagged items and the person's feedback (IndexedDB, never synced). */
import { openPersonDb, type FeedbackEntry, type HistoryEntry } from './person-db';
import type { Settings } from './settings';

type Retention = Pick<Settings, 'historyMaxItems' | 'historyMaxDays'>;

export async function addHistoryEntry(entry: HistoryEntry, r: Retention): Promise<void> {
  if (r.historyMaxItems === 0) return;
  const db = await openPersonDb();
  const previous = await db.get('history', entry.id);
  // Seeing it again refreshes the date; the person's feedback on it stays.
  await db.put('history', { ...entry, feedback: previous?.feedback ?? entry.feedback });
  await applyRetention(r);
}

/** Walks the `at` index: no entry or thumbnail is read. */
async function applyRetention(r: Retention, now = Date.now()): Promise<void> {
  const db = await openPersonDb();
  const tx = db.transaction('history', 'readwrite');
  const byAge = tx.store.index('at');
  if (r.historyMaxDays > 0) {
    let c = await byAge.openKeyCursor(IDBKeyRange.upperBound(now - r.historyMaxDays * 86_400_000, true));
    while (c) {
      await tx.store.delete(c.primaryKey);
      c = await c.continue();
    }
  }
  let excess = (await tx.store.count()) - r.historyMaxItems;
  let c = excess > 0 ? await byAge.openKeyCursor() : null;
  while (c && excess-- > 0) {
    await tx.store.delete(c.primaryKey);
    c = await c.continue();
  }
  await tx.done;
}

type Entry = { at: number; id: string };

/** Up to `limit` entries that `keep`, after `before` in (at, id) order: added, refreshed or forgotten entries neither repeat nor shift a page. */
export async function takePage<E extends Entry>(newestFirst: AsyncIterable<{ value: E }>, limit: number, before?: [number, string], keep = (_: E) => true) {
  const entries: E[] = [];
  for await (const { value: e } of newestFirst) {
    if (before && (e.at > before[0] || (e.at === before[0] && e.id >= before[1]))) continue;
    if (!keep(e)) continue;
    if (entries.length === limit) return { entries, more: true };
    entries.push(e);
  }
  return { entries, more: false };
}

/** The `at` index walked backwards: newest first, ties by id descending, as `takePage` expects. */
export async function listPage(list: 'history' | 'feedback', limit: number, before?: [number, string], keep?: (e: HistoryEntry | FeedbackEntry) => boolean) {
  const store = (await openPersonDb()).transaction(list).store;
  const total = store.count();
  const page = await takePage(store.index('at').iterate(before ? IDBKeyRange.upperBound(before[0]) : null, 'prev'), limit, before, keep);
  return { ...page, total: await total };
}

/** Every entry without `id`. */
export async function forgetEntries(list: 'history' | 'feedback', id?: string): Promise<void> {
  const db = await openPersonDb();
  await (id === undefined ? db.clear(list) : db.delete(list, id));
}

export async function addFeedback(entry: FeedbackEntry): Promise<void> {
  const db = await openPersonDb();
  await db.put('feedback', entry);
  const tx = db.transaction('history', 'readwrite');
  for (const h of await tx.store.getAll()) {
    const same = (entry.contentHash && h.contentHash === entry.contentHash) || (entry.mediaUrl && h.mediaUrl === entry.mediaUrl);
    if (same) await tx.store.put({ ...h, feedback: entry.verdict });
  }
  await tx.done;
}
