/** The warning before resharing or liking a post with flagged media. Cancel has the focus; Escape cancels; Tab stays inside. */
import { factCheckLink, platformPolicyLink } from '../context-links';
import { t } from '../../shared/i18n';
import { button, el, externalLink, setAttrs, uniqueId } from './el';
import type { PostAction } from '../sites/site-adapter';
import type { PostContext } from '../sites/post-context';
import { BAND_TEXT } from '../../shared/band-text';
import { clip, type CardModel } from './card';
import { detectorName, isScored, scoreText, signalEvidence, signalExplanation } from './signal-lines';

export interface ShareWarningOptions {
  action: PostAction;
  post: PostContext;
  models: CardModel[];
  onCancel(): void;
  onConfirm(): void;
}

const MAX_LINES = 4;

/** One short line per flagged media: its band, then the deciding signal (declaration first). */
function evidenceLines(models: CardModel[]): string[] {
  const lines: string[] = [];
  for (const m of models) {
    const declared = m.signals.find((s) => s.outcome === 'declared-ai');
    const scored = m.signals.filter(isScored).sort((a, b) => b.score - a.score)[0];
    const detail = declared ? (signalEvidence(declared)[0] ?? signalExplanation(declared)) : scored ? `${detectorName(scored)} — ${scoreText(scored)}` : t(m.reasonKey);
    lines.push(clip(`${t(BAND_TEXT[m.band].title)}: ${detail}`, 200));
    if (lines.length >= MAX_LINES) break;
  }
  return lines;
}

export function buildShareWarning(o: ShareWarningOptions): { scrim: HTMLElement; dialog: HTMLElement; focusFirst(): void } {
  const scrim = el('div', 'scrim');
  scrim.addEventListener('click', o.onCancel);
  const dialog = el('section', 'warn');
  dialog.tabIndex = -1;
  dialog.dataset.action = o.action;
  const titleId = uniqueId('warn');
  const descId = `${titleId}-d`;
  setAttrs(dialog, { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': descId });

  const title = Object.assign(el('h2', undefined, t(`shareWarnTitle_${o.action}`)), { id: titleId });
  dialog.append(title, Object.assign(el('p', undefined, t('shareWarnBody', o.post.siteName)), { id: descId }));
  const ul = el('ul', 'evidence');
  for (const line of evidenceLines(o.models)) ul.append(el('li', undefined, line));
  dialog.append(ul);
  if (o.post.label) dialog.append(el('p', 'post-label', t('cardPostLabel', o.post.label)));
  dialog.append(el('p', undefined, t('shareWarnAdvice')));

  const links = el('div', 'links');
  for (const l of [factCheckLink(document.title, o.post.permalink), ...platformPolicyLink(o.post.policyUrl)]) links.append(externalLink(l.id, l.href, t(l.labelKey, o.post.siteName)));
  if (o.post.permalink) links.append(externalLink('permalink', o.post.permalink, t('cardPostOpen')));
  dialog.append(links);

  const actions = el('div', 'actions');
  const cancel = button(undefined, t('shareWarnCancel'));
  cancel.dataset.warn = 'cancel';
  cancel.addEventListener('click', o.onCancel);
  const confirm = button('primary', t(`shareWarnConfirm_${o.action}`));
  confirm.dataset.warn = 'confirm';
  confirm.addEventListener('click', o.onConfirm);
  actions.append(cancel, confirm);
  dialog.append(actions);

  dialog.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      o.onCancel();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusables = [...dialog.querySelectorAll<HTMLElement>('a, button')];
    const root = dialog.getRootNode() as ShadowRoot;
    const i = focusables.indexOf(root.activeElement as HTMLElement);
    const next = e.shiftKey ? (i <= 0 ? focusables.length - 1 : i - 1) : (i + 1) % focusables.length;
    e.preventDefault();
    focusables[next]?.focus();
  });
  return { scrim, dialog, focusFirst: () => cancel.focus() };
}
