/**
 * History of flagged items and the person's feedback, kept by the background in this browser's
 * IndexedDB and asked for by message. Search, delete, clear, and exports as local files (JSON, CSV).
 * Nothing is sent anywhere.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { feedbackToCsv, feedbackToJson, historyToCsv, historyToJson } from '../shared/history-export';
import type { FeedbackEntry, HistoryEntry } from '../shared/person-db';
import { send } from '../shared/messaging';
import { BAND_TEXT } from '../shared/band-text';
import { download, formatDate, t } from './i18n';

const stamp = () => new Date().toISOString().slice(0, 10);

/** A list's JSON and CSV exports, saved as local files named after the list and the day. */
function Exports(props: { file: string; testids: [string, string]; jsonLabel: string; disabled: boolean; json: () => string; csv: () => string; done: () => void }) {
  const save = (ext: 'json' | 'csv', text: string, mime: string) => (download(`deepfake-radar-${props.file}-${stamp()}.${ext}`, text, mime), props.done());
  return (
    <>
      <button type="button" data-testid={props.testids[0]} disabled={props.disabled} onClick={() => save('json', props.json(), 'application/json')}>
        {props.jsonLabel}
      </button>
      <button type="button" data-testid={props.testids[1]} disabled={props.disabled} onClick={() => save('csv', props.csv(), 'text/csv')}>
        {t('histExportCsv')}
      </button>
    </>
  );
}

/** The engine owns its memory of pictures: it counts them, and forgets them all when `clear`. */
const engineMemory = (clear: boolean) =>
  send('background', 'engine:memory', { clear }).then(
    (r) => r.remembered,
    () => 0,
  );

/** A stored signal line (`detector: outcome (score)`, see summarizeSignals) in the person's language. */
export function signalLine(line: string): string {
  const m = /^(.+): ([a-z-]+)(?: \(([\d.]+)\))?$/.exec(line);
  if (!m) return line;
  const [, detector, outcome, score] = m as unknown as [string, string, string, string | undefined];
  const known = (key: string, ...subs: string[]) => {
    const text = t(key, ...subs);
    return text === key ? undefined : text;
  };
  const name = detector.startsWith('model:') ? t('detectorModel', detector.slice(6)) : (known(`detector_${detector.replace(/[^a-z0-9]/gi, '_')}`) ?? detector);
  if (detector === 'memory') return name; // "seen before": the card words it; here its name says enough
  if (outcome === 'score' && score) return `${name}: ${score}`;
  return `${name}: ${known(`outcome_${outcome.replace(/-/g, '_')}`) ?? outcome}`;
}

function matches(q: string, fields: (string | undefined)[]): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return fields.some((f) => f?.toLowerCase().includes(needle));
}

/** A two-step button: the first press asks, the second does (no modal dialog to trap focus). */
function ConfirmButton(props: { label: string; confirmLabel: string; disabled?: boolean; onConfirm(): void; testid: string }) {
  const [asking, setAsking] = useState(false);
  return asking ? (
    <span class="confirm" role="group">
      <button type="button" class="danger" data-testid={`${props.testid}-confirm`} onClick={() => (setAsking(false), props.onConfirm())}>
        {props.confirmLabel}
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

function HistoryItem(props: { e: HistoryEntry; onDelete(): void }) {
  const { e } = props;
  const fb = e.feedback ? t(e.feedback === 'wrong' ? 'histFeedbackWrong' : 'histFeedbackRight') : undefined;
  return (
    <li class="hist-item" data-band={e.band}>
      {e.thumbnail ? <img class="thumb" src={e.thumbnail} alt={t('histThumbAlt', t(BAND_TEXT[e.band].label))} /> : <span class="thumb none" aria-hidden="true" />}
      <div class="hist-body">
        <p class="hist-head">
          <span class={`band band-${e.band}`}>{t(BAND_TEXT[e.band].label)}</span>
          <time dateTime={new Date(e.at).toISOString()}>{formatDate(e.at)}</time>
          {fb && <span class="fb">{fb}</span>}
        </p>
        <p class="hist-reason">{t(e.reasonKey)}</p>
        <p class="hist-links">
          {t('histPage')}{' '}
          <a href={e.pageUrl} target="_blank" rel="noopener noreferrer">
            {e.pageUrl}
          </a>
          {e.postUrl && (
            <>
              {' · '}
              <a href={e.postUrl} target="_blank" rel="noopener noreferrer">
                {t('histPost')}
              </a>
            </>
          )}
        </p>
        {e.signals.length > 0 && <p class="hist-signals">{e.signals.map(signalLine).join(' · ')}</p>}
      </div>
      <button type="button" class="small" aria-label={t('histDeleteAria', formatDate(e.at))} onClick={props.onDelete}>
        {t('optDelete')}
      </button>
    </li>
  );
}

export function HistoryPanel() {
  const [items, setItems] = useState<HistoryEntry[] | undefined>();
  const [feedback, setFeedback] = useState<FeedbackEntry[]>([]);
  const [query, setQuery] = useState('');
  const [withImages, setWithImages] = useState(false);
  const [fbImages, setFbImages] = useState(false);
  const [status, setStatus] = useState('');
  const [remembered, setRemembered] = useState(0);

  const reload = async () => {
    const lists = await send('background', 'person:lists', {}).catch(() => ({ history: [], feedback: [] }));
    setItems(lists.history);
    setFeedback(lists.feedback);
    setRemembered(await engineMemory(false));
  };
  useEffect(() => void reload(), []);

  const shown = useMemo(() => (items ?? []).filter((e) => matches(query, [e.pageUrl, e.mediaUrl, e.postUrl, e.band, t(BAND_TEXT[e.band].label), ...e.signals])), [items, query]);
  if (!items) return <p class="hint">{t('popupLoading')}</p>;

  const say = (msg: string) => setStatus(msg);
  const forget = (list: 'history' | 'feedback', done: string, id?: string) =>
    void send('background', 'person:forget', { list, id })
      .then(reload)
      .then(() => say(t(done)));
  return (
    <div class="history">
      <p class="hint">{t('histIntro')}</p>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>

      <section aria-labelledby="hist-h" class="card-section">
        <h2 id="hist-h">{t('histTitle', String(items.length))}</h2>
        <div class="toolbar">
          <label for="hist-search" class="sr-only">
            {t('histSearch')}
          </label>
          <input id="hist-search" type="search" placeholder={t('histSearch')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
          <Exports
            file="history"
            testids={['export-json', 'export-csv']}
            jsonLabel={t('histExportJson')}
            disabled={!items.length}
            json={() => historyToJson(shown, { includeImages: withImages })}
            csv={() => historyToCsv(shown)}
            done={() => say(t('histExported'))}
          />
          <ConfirmButton testid="clear-history" label={t('histClear')} confirmLabel={t('histClearConfirm')} disabled={!items.length} onConfirm={() => forget('history', 'histCleared')} />
        </div>
        <label class="check">
          <input type="checkbox" checked={withImages} onChange={(e) => setWithImages(e.currentTarget.checked)} />
          {t('histIncludeImages')}
        </label>
        {items.length === 0 ? (
          <p class="empty">{t('histEmpty')}</p>
        ) : shown.length === 0 ? (
          <p class="empty">{t('histNoMatch')}</p>
        ) : (
          <ul class="hist" aria-label={t('histListLabel')}>
            {shown.map((e) => (
              <HistoryItem key={e.id} e={e} onDelete={() => forget('history', 'histDeleted', e.id)} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="fb-h" class="card-section">
        <h2 id="fb-h">{t('fbTitle', String(feedback.length))}</h2>
        <p class="hint">{t('fbIntro')}</p>
        <div class="toolbar">
          <Exports
            file="feedback"
            testids={['export-feedback', 'export-feedback-csv']}
            jsonLabel={t('fbExport')}
            disabled={!feedback.length}
            json={() => feedbackToJson(feedback, { includeImages: fbImages })}
            csv={() => feedbackToCsv(feedback)}
            done={() => say(t('histExported'))}
          />
          <ConfirmButton testid="clear-feedback" label={t('fbClear')} confirmLabel={t('histClearConfirm')} disabled={!feedback.length} onConfirm={() => forget('feedback', 'histCleared')} />
        </div>
        <label class="check">
          <input type="checkbox" data-testid="feedback-images" checked={fbImages} onChange={(e) => setFbImages(e.currentTarget.checked)} />
          {t('fbIncludeImages')}
        </label>
        {feedback.length === 0 ? (
          <p class="empty">{t('fbEmpty')}</p>
        ) : (
          <ul class="hist fb-list" aria-label={t('fbListLabel')}>
            {feedback.map((f) => (
              <li key={f.id} class="hist-item fb-item">
                {f.thumbnail ? <img class="thumb" src={f.thumbnail} alt="" /> : <span class="thumb none" aria-hidden="true" />}
                <div class="hist-body">
                  <p class="hist-head">
                    <span class="fb">{t(f.verdict === 'wrong' ? 'histFeedbackWrong' : 'histFeedbackRight')}</span>
                    <span class={`band band-${f.band}`}>{t(BAND_TEXT[f.band].label)}</span>
                    <time dateTime={new Date(f.at).toISOString()}>{formatDate(f.at)}</time>
                  </p>
                  {f.pageUrl && (
                    <p class="hist-links">
                      {t('histPage')}{' '}
                      <a href={f.pageUrl} target="_blank" rel="noopener noreferrer">
                        {f.pageUrl}
                      </a>
                    </p>
                  )}
                </div>
                <button type="button" class="small" aria-label={t('histDeleteAria', formatDate(f.at))} onClick={() => forget('feedback', 'histDeleted', f.id)}>
                  {t('optDelete')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="mem-h" class="card-section">
        <h2 id="mem-h">{t('memTitle', String(remembered))}</h2>
        <p class="hint">{t('memIntro')}</p>
        <ConfirmButton
          testid="clear-memory"
          label={t('memClear')}
          confirmLabel={t('histClearConfirm')}
          disabled={!remembered}
          onConfirm={() =>
            void engineMemory(true)
              .then(reload)
              .then(() => say(t('histCleared')))
          }
        />
      </section>
    </div>
  );
}
