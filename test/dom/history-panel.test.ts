// @vitest-environment happy-dom
/**
 * The options page's History (src/options/history-panel.tsx) against a fake background that pages
 * as the real one does (takePage): 50 entries, then "Show more"; exports gather every page; a
 * background that does not answer shows an error, not an empty history.
 */
import { h, render } from 'preact';
import { afterEach, expect, test, vi } from 'vitest';
import { takePage } from '../../src/shared/history-store';
import type { HistoryEntry } from '../../src/shared/person-db';
import { LIMITS } from '../../src/shared/protocol';

vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test' }, i18n: { getMessage: (k: string) => k, getUILanguage: () => 'en' } } }));
const send = vi.fn();
vi.mock('../../src/shared/messaging', () => ({ send: (...a: unknown[]) => send(...a) }));
const download = vi.fn();
vi.mock('../../src/options/i18n', async (original) => ({ ...(await original<object>()), download: (...a: unknown[]) => download(...a) }));
const { HistoryPanel } = await import('../../src/options/history-panel');

const history = Array.from(
  { length: 120 },
  (_, i): HistoryEntry => ({
    id: `https://a.example/${String(i).padStart(3, '0')}|h`,
    at: 1000 + Math.floor(i / 3),
    pageUrl: `https://a.example/${String(i).padStart(3, '0')}`,
    kind: 'image',
    band: 'likely-synthetic',
    reasonKey: 'reasonModel',
    signals: [],
  }),
).reverse();

/** The background's answers; `history` is newest first, ties by id descending, as the `at` index walked backwards. */
function background(name: string, p: { list: string; limit: number; before?: [number, string] }) {
  if (name === 'engine:memory') return Promise.resolve({ remembered: 0 });
  const entries = p.list === 'history' ? history : [];
  const iterable = {
    async *[Symbol.asyncIterator]() {
      for (const value of entries) yield { value };
    },
  };
  return takePage(iterable, p.limit, p.before).then((page) => ({ ...page, total: entries.length }));
}

const root = () => document.body.querySelector('#root') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'root' }));
const shown = () => [...root().querySelectorAll('ul.hist:not(.fb-list) .hist-links a')].map((a) => a.textContent);
const byTestId = (id: string) => root().querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);

afterEach(() => {
  render(null, root());
  send.mockReset();
  download.mockReset();
});

test('the first 50 entries, then "Show more" after the last one shown, until none remain; the exports hold every entry', async () => {
  send.mockImplementation((_target: string, name: string, p: never) => background(name, p));
  render(h(HistoryPanel, {}), root());
  await vi.waitFor(() => expect(shown()).toHaveLength(50));
  byTestId('show-more')!.click();
  await vi.waitFor(() => expect(shown()).toHaveLength(100));
  byTestId('show-more')!.click();
  await vi.waitFor(() => expect(shown()).toHaveLength(120));
  expect(shown()).toEqual(history.map((e) => e.pageUrl));
  expect(byTestId('show-more')).toBeNull();
  const pages = send.mock.calls.filter(([, name, p]) => name === 'person:lists' && p.list === 'history');
  expect(pages.map(([, , p]) => p.before)).toEqual([undefined, [history[49]!.at, history[49]!.id], [history[99]!.at, history[99]!.id]]);

  send.mockClear();
  byTestId('export-json')!.click();
  await vi.waitFor(() => expect(download).toHaveBeenCalledOnce());
  expect(JSON.parse(download.mock.calls[0]![1]).items.map((i: HistoryEntry) => i.pageUrl)).toEqual(history.map((e) => e.pageUrl));
  expect(send.mock.calls.map(([, , p]) => p.limit)).toEqual([LIMITS.maxListPage, LIMITS.maxListPage]);
});

test('a background that does not answer shows an error, not an empty history', async () => {
  send.mockImplementation((_target: string, name: string, p: never) => (name === 'person:lists' ? Promise.reject(new Error('no receiver')) : background(name, p)));
  render(h(HistoryPanel, {}), root());
  await vi.waitFor(() => expect(root().querySelector('[role="alert"]')?.textContent).toBe('histLoadFailed'));
  expect(root().textContent).not.toContain('histEmpty');
});

test('typing a search asks the background once, after the typing pauses, with the whole word', async () => {
  send.mockImplementation((_target: string, name: string, p: never) => background(name, p));
  render(h(HistoryPanel, {}), root());
  await vi.waitFor(() => expect(shown()).toHaveLength(50));
  send.mockClear();
  const input = root().querySelector<HTMLInputElement>('#hist-search')!;
  for (const typed of ['a', 'a.', 'a.ex', 'a.example']) {
    input.value = typed;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
  }
  await vi.waitFor(() => expect(send.mock.calls.filter(([, name]) => name === 'person:lists')).toHaveLength(1));
  await new Promise((r) => setTimeout(r, 300));
  const searches = send.mock.calls.filter(([, name]) => name === 'person:lists');
  expect(searches.map(([, , p]) => p.query)).toEqual(['a.example']);
});
