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

export async function listEntries<L extends 'history' | 'feedback'>(list: L) {
  return (await (await openPersonDb()).getAll(list)).sort((a, b) => b.at - a.at);
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
