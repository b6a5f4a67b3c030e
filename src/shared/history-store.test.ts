import { describe, expect, test } from 'vitest';
import { takePage } from './history-store';

type E = { id: string; at: number; tag?: string };
/** What IndexedDB's `at` index walked with 'prev' gives: newest first, ties by id descending. */
const newestFirst = (store: Map<string, E>) => ({
  async *[Symbol.asyncIterator]() {
    for (const value of [...store.values()].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))) yield { value };
  },
});
const storeOf = (entries: E[]) => new Map(entries.map((e) => [e.id, e]));
const cursorOf = (page: { entries: E[] }): [number, string] => [page.entries.at(-1)!.at, page.entries.at(-1)!.id];

describe('the paged listing of the history and feedback', () => {
  test('pages in order cover every entry once, ties of `at` across a page boundary included', async () => {
    const store = storeOf([
      { id: 'a', at: 1 },
      { id: 'b', at: 4 },
      { id: 'c', at: 4 },
      { id: 'd', at: 4 },
      { id: 'e', at: 5 },
      { id: 'f', at: 2 },
      { id: 'g', at: 3 },
    ]);
    const ids: string[] = [];
    const mores: boolean[] = [];
    let before: [number, string] | undefined;
    for (let more = true; more; ) {
      const page = await takePage(newestFirst(store), 2, before);
      ids.push(...page.entries.map((e) => e.id));
      mores.push((more = page.more));
      before = page.entries.length ? cursorOf(page) : undefined;
    }
    expect(ids).toEqual(['e', 'd', 'c', 'b', 'g', 'f', 'a']);
    expect(mores).toEqual([true, true, true, false]);
  });

  test('entries added or forgotten between two pages neither repeat nor skip one (an offset would)', async () => {
    const store = storeOf(Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, at: 100 + i })));
    const first = await takePage(newestFirst(store), 3);
    expect(first.entries.map((e) => e.id)).toEqual(['e9', 'e8', 'e7']);
    store.delete('e7'); // the cursor's own entry
    store.delete('e9');
    store.delete('e5'); // not shown yet
    store.set('new', { id: 'new', at: 200 });
    const second = await takePage(newestFirst(store), 3, cursorOf(first));
    expect(second.entries.map((e) => e.id)).toEqual(['e6', 'e4', 'e3']);
    expect(second.more).toBe(true);
  });

  test('a filter runs over the whole list: matches far down are found, and `more` says whether another one remains', async () => {
    const store = storeOf(Array.from({ length: 500 }, (_, i) => ({ id: `e${String(i).padStart(3, '0')}`, at: i, tag: i % 100 === 0 ? 'x' : '' })));
    const keep = (e: E) => e.tag === 'x';
    const first = await takePage(newestFirst(store), 3, undefined, keep);
    expect(first).toEqual({ entries: [store.get('e400'), store.get('e300'), store.get('e200')], more: true });
    const last = await takePage(newestFirst(store), 3, cursorOf(first), keep);
    expect(last).toEqual({ entries: [store.get('e100'), store.get('e000')], more: false });
    // Exactly `limit` left: no further page.
    expect((await takePage(newestFirst(store), 5, undefined, keep)).more).toBe(false);
  });
});
