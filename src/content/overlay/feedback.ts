/** The card's "seen before on …" note and "this is wrong / right" buttons (issue 7): stored in this browser only. */
import { send } from '../../shared/messaging';
import { summarizeSignals } from '../../shared/person-protocol';
import { t } from '../../shared/i18n';
import { isHttp } from '../context-links';
import { button, el, setAttrs, uniqueId } from './el';
import type { CardModel } from './card';

const FLAGGABLE = new Set(['declared-ai', 'likely-synthetic', 'uncertain', 'no-evidence']);

const shortDate = (at: number) => new Date(at).toLocaleDateString(document.documentElement.lang || undefined, { year: 'numeric', month: 'short', day: 'numeric' });

/** "Seen before on <host>" (or "You said this was wrong") when the memory matched. */
export function seenBeforeNote(model: CardModel): HTMLElement | undefined {
  const m = model.signals.find((s) => s.stage === 'memory')?.memory;
  if (!m) return undefined;
  const host = m.host || t('seenBeforeUnknownHost');
  const key = m.personVerdict === 'wrong' ? 'seenBeforeReportedWrong' : m.personVerdict === 'right' ? 'seenBeforeReportedRight' : 'seenBefore';
  const p = el('p', 'note seen-before', t(key, host, shortDate(m.at)));
  p.dataset.seenBefore = m.host;
  return p;
}

export function feedbackRow(model: CardModel): HTMLElement | undefined {
  if (model.error || !FLAGGABLE.has(model.band)) return undefined;
  if (!model.contentHash && !model.phash && !isHttp(model.mediaUrl)) return undefined;
  const box = el('div', 'feedback');
  const label = el('h3', undefined, t('feedbackTitle'));
  label.id = uniqueId('fb');
  const row = setAttrs(el('div', 'links'), { role: 'group', 'aria-labelledby': label.id });
  const status = setAttrs(el('p', 'foot'), { role: 'status', 'aria-live': 'polite' });
  const feedbackButton = (verdict: 'wrong' | 'right', key: string) => {
    const b = button(undefined, t(key));
    b.dataset.link = `feedback-${verdict}`;
    b.setAttribute('aria-pressed', 'false');
    b.addEventListener('click', () => {
      for (const other of row.querySelectorAll('button')) other.disabled = true;
      b.setAttribute('aria-pressed', 'true');
      status.textContent = t('feedbackSaving');
      send('background', 'feedback:submit', {
        verdict,
        band: model.band as 'declared-ai',
        reasonKey: model.reasonKey,
        mediaUrl: isHttp(model.mediaUrl) ? model.mediaUrl : undefined,
        contentHash: model.contentHash,
        phash: model.phash,
        signals: summarizeSignals(model.signals),
      }).then(
        (r) => (status.textContent = t(r.ok ? (verdict === 'wrong' ? 'feedbackSavedWrong' : 'feedbackSavedRight') : 'feedbackFailed')),
        () => {
          status.textContent = t('feedbackFailed');
          for (const other of row.querySelectorAll('button')) other.disabled = false;
        },
      );
    });
    return b;
  };
  row.append(feedbackButton('wrong', 'feedbackWrong'), feedbackButton('right', 'feedbackRight'));
  box.append(label, row, status);
  return box;
}
