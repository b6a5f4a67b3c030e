/**
 * Protective covers (issue 6, a feature: ../features.ts): over `likely-synthetic` media, a cover of
 * ours, either a blur (click or Enter to reveal) or an opaque "hidden" panel; "label only" runs no
 * covers. The cover fills the media's box in our layer (overlay-view.ts), under its badge, so the
 * page's own markup and styles are never touched and revealing is just removing the cover.
 * `declared-ai` media keep the badge only: a disclosed AI image is not a deception.
 */
import type { Feature } from '../features';
import { t } from '../../shared/i18n';
import { button, el } from './el';

/** What the person revealed stays revealed (after a change of mode too). */
const revealed = new WeakSet<Element>();

function buildCover(media: Element, mode: 'blur' | 'hide', reveal: () => void): HTMLElement {
  const cover = el('div', 'cover');
  cover.dataset.mode = mode;
  // A live blur over a playing video is recomputed every frame (measured: about a quarter of a
  // core in Chromium); videos get an opaque cover instead, which hides them just as well.
  cover.dataset.kind = media instanceof HTMLVideoElement ? 'video' : 'image';
  cover.setAttribute('role', 'group');
  cover.setAttribute('aria-label', t(mode === 'hide' ? 'coverHiddenAria' : 'coverBlurredAria'));
  const box = el('div', 'cover-box');
  box.append(el('p', 'cover-text', t(mode === 'hide' ? 'coverHidden' : 'coverBlurred')), button('reveal', t('coverReveal')));
  cover.append(box);
  // Click anywhere on the cover (or the button, by keyboard) reveals; nothing reaches the page.
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
