/** History of flagged items and the person's feedback, asked of the background by message; exports are local files. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { feedbackToCsv, feedbackToJson, historyToCsv, historyToJson } from '../shared/history-export';
import type { FeedbackEntry, HistoryEntry } from '../shared/person-db';
import { send } from '../shared/messaging';
import { LIMITS } from '../shared/protocol';
import { BAND_TEXT } from '../shared/band-text';
import type { Band } from '../shared/types';
import { download, formatDate, t } from './i18n';
import { Loading, Section, Status } from './panel-parts';

/** The engine owns its memory of pictures: it counts them, and forgets them all when `clear`. */
const engineMemory = (clear: boolean) =>
  send('background', 'engine:memory', { clear }).then(
    (r) => r.remembered,
    () => 0,
  );

/** A stored signal line (`detector: outcome (score)`, see summarizeSignals) in the person's language. */
function signalLine(line: string): string {
  const m = /^(.+): ([a-z-]+)(?: \(([\d.]+)\))?$/.exec(line);
  if (!m) return line;
  const [, detector = '', outcome = '', score] = m;
  const translated = (key: string, fallback: string) => (t(key) === key ? fallback : t(key));
  const name = detector.startsWith('model:') ? t('detectorModel', detector.slice(6)) : translated(`detector_${detector.replace(/[^a-z0-9]/gi, '_')}`, detector);
  if (detector === 'memory') return name; // "seen before": the card words it; here its name says enough
  if (outcome === 'score' && score) return `${name}: ${score}`;
  return `${name}: ${translated(`outcome_${outcome.replace(/-/g, '_')}`, outcome)}`;
}

/** A two-step button: the first press asks, the second does (no modal dialog to trap focus). */
function ConfirmButton(props: { label: string; disabled?: boolean; onConfirm(): void; testid: string }) {
  const [asking, setAsking] = useState(false);
  return asking ? (
    <span class="confirm" role="group">
      <button type="button" class="danger" data-testid={`${props.testid}-confirm`} onClick={() => (setAsking(false), props.onConfirm())}>
        {t('histClearConfirm')}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('optCancel')}
      </button>
    </span>
  ) : (
    <button type="button" disabled={props.disabled} data-testid={props.testid} onClick={() => setAsking(true)}>
      {props.label}
    </button>
  );
}

const bandTag = (band: Band) => <span class={`band band-${band}`}>{t(BAND_TEXT[band].label)}</span>;
const feedbackTag = (verdict: 'wrong' | 'right') => <span class="fb">{t(verdict === 'wrong' ? 'histFeedbackWrong' : 'histFeedbackRight')}</span>;
const when = (at: number) => <time dateTime={new Date(at).toISOString()}>{formatDate(at)}</time>;
const pageLink = (href: string, text = href) => (
  <a href={href} target="_blank" rel="noopener noreferrer">
    {text}
  </a>
);

/** An item of either list; only a history item's thumbnail (it has a `band`) is described. */
function Item(props: { class: string; band?: Band; thumbnail?: string; at: number; onDelete(): void; children: ComponentChildren }) {
  return (
    <li class={props.class} data-band={props.band}>
      {props.thumbnail ? <img class="thumb" src={props.thumbnail} alt={props.band ? t('histThumbAlt', t(BAND_TEXT[props.band].label)) : ''} /> : <span class="thumb none" aria-hidden="true" />}
      <div class="hist-body">{props.children}</div>
      <button type="button" class="small" aria-label={t('histDeleteAria', formatDate(props.at))} onClick={props.onDelete}>
        {t('optDelete')}
      </button>
    </li>
  );
}

type Page<E> = { entries: E[]; more: boolean; total: number };
const PAGE = 50;

/** One page of a list, newest first, after `last`; the search runs in the background, over the whole list. */
const fetchPage = <E extends HistoryEntry | FeedbackEntry>(list: 'history' | 'feedback', query: string, last?: E, limit = PAGE) =>
  send('background', 'person:lists', { list, limit, query: query || undefined, before: last && [last.at, last.id] }) as Promise<Page<E>>;

/** Every entry, page by page (a message holds at most 64 MiB): what the exports save. */
async function fetchAll<E extends HistoryEntry | FeedbackEntry>(list: 'history' | 'feedback', query = ''): Promise<E[]> {
  const all: E[] = [];
  for (let more = true; more; ) {
    const page: Page<E> = await fetchPage(list, query, all.at(-1), LIMITS.maxListPage);
    all.push(...page.entries);
    more = page.more;
  }
  return all;
}

const SEARCH_PAUSE_MS = 250;

/** The pages shown so far; `failed` when the background did not answer. */
function usePages<E extends HistoryEntry | FeedbackEntry>(list: 'history' | 'feedback', query = '') {
  const [pages, setPages] = useState<Page<E> | 'failed'>();
  const asked = useRef(0);
  const load = (shown?: Page<E>) => {
    const n = shown ? asked.current : ++asked.current;
    fetchPage(list, query, shown?.entries.at(-1)).then(
      (p: Page<E>) => n === asked.current && setPages(shown ? { ...p, entries: [...shown.entries, ...p.entries] } : p),
      () => n === asked.current && setPages('failed'),
    );
  };
  // A search runs over the whole stored list in the background: typed letters wait for a pause.
  useEffect(() => {
    const timer = setTimeout(load, query ? SEARCH_PAUSE_MS : 0);
    return () => clearTimeout(timer);
  }, [query]);
  const drop = (id: string) => setPages((p) => (p && p !== 'failed' ? { ...p, entries: p.entries.filter((e) => e.id !== id), total: p.total - 1 } : p));
  return { pages, reload: () => load(), more: () => pages && pages !== 'failed' && load(pages), drop };
}

function MoreButton(props: { pages: Page<unknown>; onClick(): void }) {
  return props.pages.more ? (
    <button type="button" class="more" data-testid="show-more" onClick={props.onClick}>
      {t('histShowMore')}
    </button>
  ) : null;
}

export function HistoryPanel() {
  const [query, setQuery] = useState('');
  const hist = usePages<HistoryEntry>('history', query);
  const fb = usePages<FeedbackEntry>('feedback');
  const [withImages, setWithImages] = useState(false);
  const [fbImages, setFbImages] = useState(false);
  const [status, setStatus] = useState('');
  const [remembered, setRemembered] = useState(0);
  useEffect(() => void engineMemory(false).then(setRemembered), []);

  const [items, feedback] = [hist.pages, fb.pages];
  if (items === 'failed' || feedback === 'failed')
    return (
      <p class="error" role="alert">
        {t('histLoadFailed')}
      </p>
    );
  if (!items || !feedback) return <Loading />;

  // One item when `id`, else the whole list.
  const forget = (list: 'history' | 'feedback', id?: string) =>
    void send('background', 'person:forget', { list, id }).then(() => {
      const pages = list === 'history' ? hist : fb;
      if (id) pages.drop(id);
      else pages.reload();
      setStatus(t(id ? 'histDeleted' : 'histCleared'));
    });
  // Exports are local files named after the list and the day, with every entry (of the search, for the history).
  const saveFile = <E extends HistoryEntry | FeedbackEntry>(list: 'history' | 'feedback', ext: 'json' | 'csv', text: (all: E[]) => string) =>
    void fetchAll<E>(list, list === 'history' ? query : '').then(
      (all) => {
        download(`deepfake-radar-${list}-${new Date().toISOString().slice(0, 10)}.${ext}`, text(all), ext === 'json' ? 'application/json' : 'text/csv');
        setStatus(t('histExported'));
      },
      () => setStatus(t('histLoadFailed')),
    );
  return (
    <div class="history">
      <p class="hint">{t('histIntro')}</p>
      <Status text={status} />

      <Section id="hist" title={t('histTitle', String(items.total))}>
        <div class="toolbar">
          <label for="hist-search" class="sr-only">
            {t('histSearch')}
          </label>
          <input id="hist-search" type="search" placeholder={t('histSearch')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          <button
            type="button"
            data-testid="export-json"
            disabled={!items.total}
            onClick={() => saveFile('history', 'json', (all: HistoryEntry[]) => historyToJson(all, { includeImages: withImages }))}
          >
            {t('histExportJson')}
          </button>
          <button type="button" data-testid="export-csv" disabled={!items.total} onClick={() => saveFile('history', 'csv', historyToCsv)}>
            {t('histExportCsv')}
          </button>
          <ConfirmButton testid="clear-history" label={t('histClear')} disabled={!items.total} onConfirm={() => forget('history')} />
        </div>
        <label class="check">
          <input type="checkbox" checked={withImages} onChange={(e) => setWithImages(e.currentTarget.checked)} />
          {t('histIncludeImages')}
        </label>
        {items.total === 0 ? (
          <p class="empty">{t('histEmpty')}</p>
        ) : items.entries.length === 0 ? (
          <p class="empty">{t('histNoMatch')}</p>
        ) : (
          <ul class="hist" aria-label={t('histListLabel')}>
            {items.entries.map((e) => (
              <Item key={e.id} class="hist-item" band={e.band} thumbnail={e.thumbnail} at={e.at} onDelete={() => forget('history', e.id)}>
                <p class="hist-head">
                  {bandTag(e.band)}
                  {when(e.at)}
                  {e.feedback && feedbackTag(e.feedback)}
                </p>
                <p class="hist-reason">{t(e.reasonKey)}</p>
                <p class="hist-links">
                  {t('histPage')} {pageLink(e.pageUrl)}
                  {e.postUrl && (
                    <>
                      {' · '}
                      {pageLink(e.postUrl, t('histPost'))}
                    </>
                  )}
                </p>
                {e.signals.length > 0 && <p class="hist-signals">{e.signals.map(signalLine).join(' · ')}</p>}
              </Item>
            ))}
          </ul>
        )}
        <MoreButton pages={items} onClick={hist.more} />
      </Section>

      <Section id="fb" title={t('fbTitle', String(feedback.total))}>
        <p class="hint">{t('fbIntro')}</p>
        <div class="toolbar">
          <button
            type="button"
            data-testid="export-feedback"
            disabled={!feedback.total}
            onClick={() => saveFile('feedback', 'json', (all: FeedbackEntry[]) => feedbackToJson(all, { includeImages: fbImages }))}
          >
            {t('fbExport')}
          </button>
          <button type="button" data-testid="export-feedback-csv" disabled={!feedback.total} onClick={() => saveFile('feedback', 'csv', feedbackToCsv)}>
            {t('histExportCsv')}
          </button>
          <ConfirmButton testid="clear-feedback" label={t('fbClear')} disabled={!feedback.total} onConfirm={() => forget('feedback')} />
        </div>
        <label class="check">
          <input type="checkbox" data-testid="feedback-images" checked={fbImages} onChange={(e) => setFbImages(e.currentTarget.checked)} />
          {t('fbIncludeImages')}
        </label>
        {feedback.total === 0 ? (
          <p class="empty">{t('fbEmpty')}</p>
        ) : (
          <ul class="hist fb-list" aria-label={t('fbListLabel')}>
            {feedback.entries.map((f) => (
              <Item key={f.id} class="hist-item fb-item" thumbnail={f.thumbnail} at={f.at} onDelete={() => forget('feedback', f.id)}>
                <p class="hist-head">
                  {feedbackTag(f.verdict)}
                  {bandTag(f.band)}
                  {when(f.at)}
                </p>
                {f.pageUrl && (
                  <p class="hist-links">
                    {t('histPage')} {pageLink(f.pageUrl)}
                  </p>
                )}
              </Item>
            ))}
          </ul>
        )}
        <MoreButton pages={feedback} onClick={fb.more} />
      </Section>

      <Section id="mem" title={t('memTitle', String(remembered))}>
        <p class="hint">{t('memIntro')}</p>
        <ConfirmButton
          testid="clear-memory"
          label={t('memClear')}
          disabled={!remembered}
          onConfirm={() =>
            void engineMemory(true)
              .then(setRemembered)
              .then(() => setStatus(t('histCleared')))
          }
        />
      </Section>
    </div>
  );
}
