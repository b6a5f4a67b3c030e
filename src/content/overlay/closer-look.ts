/** The card's "check more closely" (issue 16): a bigger model on demand, its progress, its own answer and figures. */
import { send } from '../../shared/messaging';
import type { CloserLookResponse } from '../../shared/protocol';
import { t } from '../../shared/i18n';
import { BAND_TEXT } from '../../shared/band-text';
import { buildRequest } from '../media-reader';
import { button, el, setAttrs } from './el';
import { isScored, scoreText, signalExplanation } from './signal-lines';
import type { CardModel } from './card';

type State = { status: 'pending' } | { status: 'done'; res: CloserLookResponse };

/** By picture, so a card rebuilt (or closed and opened again) shows the same look; the oldest are forgotten. */
const states = new Map<string, State>();
/** The sections showing a look in progress, told when it ends (then forgotten: nothing else changes a state). */
const waiting = new Map<string, Set<() => void>>();
const MAX_REMEMBERED = 100;

function setState(key: string, state: State) {
  states.delete(key);
  states.set(key, state);
  if (states.size > MAX_REMEMBERED) states.delete(states.keys().next().value!);
  if (state.status === 'pending') return;
  const told = waiting.get(key);
  waiting.delete(key);
  for (const fn of told ?? []) fn();
}

function whenDone(key: string, fn: () => void) {
  if (!waiting.has(key)) waiting.set(key, new Set());
  waiting.get(key)!.add(fn);
}

/** The quick check scored it with a photo model: a picture (not a clip) the closer look can judge too. */
export const offersCloserLook = (model: CardModel): model is CardModel & { mediaUrl: string } =>
  !!model.mediaUrl && !model.timeline && !model.error && model.signals.some((s) => s.stage === 'model' && s.outcome === 'score' && !s.fixture);

async function ask(mediaUrl: string): Promise<CloserLookResponse> {
  try {
    const built = await buildRequest(mediaUrl);
    if (!built.ok) return { ok: false, error: built.reason };
    return await send('background', 'media:closer-look', { source: built.request.source });
  } catch {
    return { ok: false, error: 'engine-unavailable' };
  }
}

const pct = (v: number) => String(Math.round(v * 1000) / 10);

function result(res: CloserLookResponse): HTMLElement[] {
  if (!res.ok) return [el('p', 'closer-error', t('closerFailed', t(`error_${res.error.replace(/-/g, '_')}`)))];
  const head = el('p', 'closer-result', t('closerResult', t(BAND_TEXT[res.band].title)));
  head.dataset.band = res.band;
  const out: HTMLElement[] = [head];
  const s = res.signal;
  out.push(el('p', 'sig-result', isScored(s) ? t('closerScore', scoreText(s)) : signalExplanation(s)));
  const f = res.figures;
  if (f) out.push(el('p', 'note', t('closerFigures', String(f.sources), pct(f.pooledAuc), pct(f.aiFlagged), pct(f.realFlagged))));
  out.push(el('p', 'foot', t('closerBadgeKept', String(res.ms))));
  return out;
}

/** The section, kept in step with the look's state while it is in the card. */
export function closerLookSection(model: CardModel & { mediaUrl: string }): HTMLElement {
  const key = `${model.mediaUrl}|${model.contentHash ?? ''}`;
  const box = setAttrs(el('section', 'closer'), { 'aria-live': 'polite' });
  const render = () => {
    const state = states.get(key);
    const title = el('h3', undefined, t('closerTitle'));
    if (state?.status === 'pending') {
      const status = setAttrs(el('p', 'foot', t('closerPending')), { role: 'status' });
      const bar = setAttrs(el('progress', 'closer-progress'), { 'aria-label': t('closerPending') });
      box.replaceChildren(title, status, bar);
      whenDone(key, render);
      return;
    }
    const parts: HTMLElement[] = state ? result(state.res) : [el('p', 'checked-none', t('closerIntro'))];
    // Offered again after a failure; after an answer, once is enough.
    if (!state?.res.ok) {
      const run = button('closer-run', t(state ? 'closerRetry' : 'closerRun'));
      run.dataset.link = 'closer-look';
      run.addEventListener('click', () => {
        setState(key, { status: 'pending' });
        render();
        void ask(model.mediaUrl).then((res) => setState(key, { status: 'done', res }));
      });
      const row = el('div', 'links');
      row.append(run);
      parts.push(row);
    }
    box.replaceChildren(title, ...parts);
  };
  render();
  return box;
}
