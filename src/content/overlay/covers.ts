/** Covers over `likely-synthetic` media (issue 6), in our layer under the badge; `declared-ai` keeps the badge only (a disclosed AI image deceives no one). */
import type { Feature } from '../features';
import { t } from '../../shared/i18n';
import { button, el, setAttrs } from './el';

/** What the person revealed stays revealed (after a change of mode too). */
const revealed = new WeakSet<Element>();

function buildCover(media: Element, mode: 'blur' | 'hide', reveal: () => void): HTMLElement {
  const cover = el('div', 'cover');
  cover.dataset.mode = mode;
  // A live blur over a playing video costs about a quarter of a core (measured, Chromium): videos get an opaque cover.
  cover.dataset.kind = media instanceof HTMLVideoElement ? 'video' : 'image';
  setAttrs(cover, { role: 'group', 'aria-label': t(mode === 'hide' ? 'coverHiddenAria' : 'coverBlurredAria') });
  const box = el('div', 'cover-box');
  box.append(el('p', 'cover-text', t(mode === 'hide' ? 'coverHidden' : 'coverBlurred')), button('reveal', t('coverReveal')));
  cover.append(box);
  // Anywhere on the cover (or the button, by keyboard) reveals; nothing reaches the page.
  cover.addEventListener('click', (e) => {
    e.preventDefault();
    reveal();
  });
  return cover;
}

export const covers: Feature = {
  reads: ['flaggedAction'],
  enabled: (settings) => settings.flaggedAction !== 'label',
  start({ view }, settings, signal) {
    const mode = settings.flaggedAction === 'hide' ? 'hide' : 'blur';
    const shown = new Map<Element, HTMLElement>();
    const drop = (media: Element) => {
      shown.get(media)?.remove();
      shown.delete(media);
    };
    view.watch((media, model, box) => {
      if (model?.band !== 'likely-synthetic' || !box || revealed.has(media)) return drop(media);
      if (shown.has(media)) return;
      const cover = buildCover(media, mode, () => {
        revealed.add(media);
        drop(media);
        if (media instanceof HTMLElement) media.focus({ preventScroll: true });
      });
      box.prepend(cover); // the box is shown already: a likely-AI verdict always shows its badge
      shown.set(media, cover);
    }, signal);
    signal.addEventListener('abort', () => [...shown.keys()].forEach(drop), { once: true });
  },
};
