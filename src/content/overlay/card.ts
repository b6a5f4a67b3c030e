/** The evidence card: the band in plain words, every signal checked, the honest caveat, context links. Text only, never HTML. */
import type { Signal, Verdict } from '../../shared/types';
import { factCheckLink, isLinkShown, platformPolicyLink, reverseSearchLinks } from '../context-links';
import type { PostContext } from '../sites/post-context';
import { postLine } from './post-line';
import { t } from '../../shared/i18n';
import { button, el, externalLink, setAttrs, uniqueId } from './el';
import { BAND_TEXT, type BadgeBand } from '../../shared/band-text';
import { bandIcon } from './icons';
import { buildTimeline, type TimelineModel } from './timeline';
import { feedbackRow, seenBeforeNote } from './feedback';
import { closerLookSection, offersCloserLook } from './closer-look';
import { faceRegionList } from './face-regions';
import { detectorName, isScored, scoreText, signalEvidence, signalExplanation } from './signal-lines';

export interface CardModel {
  band: BadgeBand;
  reasonKey: string;
  signals: Signal[];
  mediaUrl?: string;
  /** Error code (i18n suffix). */
  error?: string;
  engineMs?: number;
  cached?: boolean;
  post?: PostContext;
  /** For feedback and memory (issue 7). */
  contentHash?: string;
  phash?: string;
  /** Videos and animated images: the frames checked so far. */
  timeline?: TimelineModel;
}

/** One mapping for pictures, CSS backgrounds and clips. */
export function cardOf(res: { ok: true; verdict: Verdict } | { ok: false; error: string }, mediaUrl: string | undefined, timeline?: TimelineModel): CardModel {
  if (!res.ok) return { band: 'error', reasonKey: 'reasonError', signals: [], error: res.error, mediaUrl };
  const v = res.verdict;
  // Frames the engine decoded (an animated image, a cross-origin clip) make a timeline too.
  timeline ??= v.frames?.length ? { frames: v.frames, checkedAt: v.analysedAt } : undefined;
  return { band: v.band, reasonKey: v.reasonKey, signals: v.signals, mediaUrl, engineMs: v.engineMs, cached: v.cached, contentHash: v.contentHash, phash: v.phash, timeline };
}

export const clip = (line: string, max: number) => (line.length > max ? `${line.slice(0, max - 1)}…` : line);

function signalItem(s: Signal): HTMLLIElement {
  const li = el('li');
  Object.assign(li.dataset, { outcome: s.outcome, strength: s.strength, detector: s.detector });
  if (s.score !== undefined) li.dataset.score = String(s.score);
  const head = el('div');
  head.append(el('span', 'sig-name', detectorName(s)));
  if (s.fixture) head.append(el('span', 'fixture', t('fixtureTag')));
  li.append(head);
  li.append(el('div', 'sig-result', isScored(s) ? scoreText(s) : t(`outcome_${s.outcome.replace('-', '_')}`)));
  // The explanation is our own sentence and may take two lines; evidence lines carry values from the file.
  const explanation = signalExplanation(s);
  const evidence = signalEvidence(s).filter((_, i) => !(s.stage === 'model' && i === 0));
  const lines = [...(explanation ? [clip(explanation, 320)] : []), ...evidence.filter(Boolean).map((line) => clip(line, 160))].slice(0, 8);
  if (lines.length) {
    const ul = el('ul', 'sig-evidence');
    for (const line of lines) ul.append(el('li', undefined, line));
    li.append(ul);
  }
  if (s.regions?.length) li.append(faceRegionList(s.regions));
  return li;
}

const FINDING_ORDER: Signal['outcome'][] = ['declared-ai', 'score', 'invalid', 'info', 'error'];

export function buildCard(model: CardModel, handlers: { onClose(): void; onExplainer(): void }): HTMLElement {
  const card = el('section', 'card');
  card.dataset.band = model.band;
  card.tabIndex = -1;
  const titleId = uniqueId('title');
  setAttrs(card, { role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': titleId });

  const head = el('div', 'card-head');
  const icon = el('div', 'card-icon');
  icon.append(bandIcon(model.band));
  const titles = el('div');
  const title = Object.assign(el('h2', 'card-title', t(BAND_TEXT[model.band].title)), { id: titleId });
  titles.append(title, el('p', 'card-reason', model.error ? t(`error_${model.error.replace(/-/g, '_')}`) : t(model.reasonKey)));
  const close = setAttrs(button('close', '×'), { 'aria-label': t('close') });
  close.addEventListener('click', handlers.onClose);
  head.append(icon, titles, close);
  card.append(head);
  if (model.timeline) card.append(buildTimeline(model.timeline));
  const seen = seenBeforeNote(model);
  if (seen) card.append(seen);
  if (model.post) card.append(postLine(model.post));

  // What decided the band comes first; checks that found nothing fold into one line; memory has its "seen before" line.
  const findings = model.signals.filter((s) => FINDING_ORDER.includes(s.outcome) && s.stage !== 'memory').sort((a, b) => FINDING_ORDER.indexOf(a.outcome) - FINDING_ORDER.indexOf(b.outcome));
  const nothing = model.signals.filter((s) => s.outcome === 'none' && s.stage !== 'size-gate');
  const notApplicable = model.signals.filter((s) => s.outcome === 'not-applicable');
  if (findings.length) {
    card.append(el('h3', undefined, t('cardFindings')));
    const ul = el('ul', 'signals');
    for (const s of findings) ul.append(signalItem(s));
    card.append(ul);
  }
  if (nothing.length) card.append(el('p', 'checked-none', t('cardNothingFound', nothing.map(detectorName).join(', '))));
  if (notApplicable.length)
    card.append(el('p', 'checked-none', t('cardNotApplicableList', notApplicable.map((s) => `${detectorName(s)}${signalExplanation(s) ? ` (${signalExplanation(s)})` : ''}`).join(', '))));
  // A picture the content gate kept from the models had models; they were not made for it.
  if (!model.signals.some((s) => (s.stage === 'model' && !s.fixture) || s.stage === 'content-gate')) card.append(el('p', 'note', t('noteNoPixelModel')));
  const caveat = model.band === 'declared-ai' ? 'caveatDeclared' : model.band === 'likely-synthetic' || model.band === 'uncertain' ? 'caveatModel' : 'caveatNoEvidence';
  card.append(el('p', 'note', t(caveat)));
  if (offersCloserLook(model)) card.append(closerLookSection(model));

  card.append(el('h3', undefined, t('cardContext')));
  const links = el('div', 'links');
  for (const link of [...reverseSearchLinks(model.mediaUrl), factCheckLink(document.title, model.post?.permalink), ...platformPolicyLink(model.post?.policyUrl)].filter((l) => isLinkShown(l.id))) {
    links.append(externalLink(link.id, link.href, t(link.labelKey, model.post?.siteName ?? '')));
  }
  const explainer = button(undefined, t('linkExplainer'));
  explainer.dataset.link = 'explainer';
  explainer.addEventListener('click', handlers.onExplainer);
  links.append(explainer);
  card.append(links);

  const feedback = feedbackRow(model);
  if (feedback) card.append(feedback);
  // An aggregate (a video's frames) has no single engine time: say where, not how long.
  const foot = model.cached ? t('footCached', String(model.engineMs ?? 0)) : model.engineMs ? t('footLocal', String(model.engineMs)) : t('footLocalNoTime');
  card.append(el('p', 'foot', foot));
  card.addEventListener('keydown', (e) => e.key === 'Escape' && handlers.onClose());
  return card;
}
