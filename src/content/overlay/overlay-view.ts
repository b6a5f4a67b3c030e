/**
 * Badges over media and the one open evidence card. Positions are read for all visible media in
 * one animation frame, then written, so scrolling never interleaves layout reads and writes.
 */
import type { ContentContext } from '../context';
import { t } from '../i18n';
import { timed } from '../main-thread-meter';
import type { BadgePosition } from '../../shared/settings';
import { isFlagged } from '../../shared/types';
import { BAND_TEXT } from './badge-band';
import { buildCard, type CardModel } from './card';
import { bandIcon } from './icons';
import { OverlayRoot } from './overlay-root';

const INSET = 6;
const CARD_WIDTH = 360;

interface Entry {
  media: Element;
  badge: HTMLButtonElement;
  model: CardModel;
  visible: boolean;
}

export class OverlayView {
  /** Protected: the blur covers and the share warning (cover-view.ts) live in the same root. */
  protected readonly root: OverlayRoot;
  private readonly entries = new Map<Element, Entry>();
  private open?: { entry: Entry; card: HTMLElement };
  private frame = 0;
  private showAll = false;
  private corner: BadgePosition = 'top-right';

  constructor(
    private readonly ctx: ContentContext,
    private readonly onExplainer: () => void,
  ) {
    this.root = new OverlayRoot(ctx);
    const schedule = () => this.schedule();
    ctx.on(window, 'scroll', schedule, { passive: true, capture: true });
    ctx.on(window, 'resize', schedule, { passive: true });
    // Layout can shift without scrolling (images loading above, carousels): a slow safety net.
    ctx.setInterval(schedule, 700);
    ctx.on(document, 'keydown', (e) => {
      // Only a real key press: a page can dispatch synthetic ones (issue 9).
      if ((e as KeyboardEvent).key === 'Escape' && e.isTrusted && this.open) this.closeCard();
    });
    ctx.signal.addEventListener('abort', () => cancelAnimationFrame(this.frame), { once: true });
  }

  setBadgePosition(position: BadgePosition) {
    this.corner = position;
    this.schedule();
  }

  setShowAll(showAll: boolean) {
    this.showAll = showAll;
    for (const e of this.entries.values()) this.applyHidden(e);
    this.schedule();
  }

  /** Shows, updates or (with `undefined`) removes the badge for `media`. */
  set(media: Element, model: CardModel | undefined) {
    let entry = this.entries.get(media);
    if (!model) {
      if (entry) this.remove(entry);
      return;
    }
    if (!entry) {
      const badge = document.createElement('button');
      badge.type = 'button';
      badge.className = 'badge';
      entry = { media, badge, model, visible: false };
      const e = entry;
      badge.addEventListener('click', () => (this.open?.entry === e ? this.closeCard() : this.openCard(e)));
      this.root.layer.append(badge);
      this.entries.set(media, entry);
    }
    entry.model = model;
    this.renderBadge(entry);
    if (this.open?.entry === entry) this.openCard(entry);
    this.schedule();
  }

  setVisible(media: Element, visible: boolean) {
    const entry = this.entries.get(media);
    if (!entry || entry.visible === visible) return;
    entry.visible = visible;
    this.applyHidden(entry);
    this.schedule();
  }

  clear() {
    for (const e of [...this.entries.values()]) this.remove(e);
  }

  private remove(entry: Entry) {
    if (this.open?.entry === entry) this.closeCard(false);
    entry.badge.remove();
    this.entries.delete(entry.media);
  }

  private renderBadge(entry: Entry) {
    const { band } = entry.model;
    const label = t(BAND_TEXT[band].label);
    entry.badge.dataset.band = band;
    entry.badge.replaceChildren(bandIcon(band), Object.assign(document.createElement('span'), { textContent: label }));
    entry.badge.setAttribute('aria-label', t('badgeAria', t(BAND_TEXT[band].title)));
    entry.badge.setAttribute('aria-haspopup', 'dialog');
    entry.badge.setAttribute('aria-expanded', String(this.open?.entry === entry));
    this.applyHidden(entry);
  }

  private applyHidden(entry: Entry) {
    // DESIGN.md: `uncertain` and below are shown only if the person asks ("show all badges").
    const wanted = this.showAll || isFlagged(entry.model.band);
    entry.badge.hidden = !(wanted && entry.visible);
  }

  private openCard(entry: Entry) {
    const wasOpen = this.open?.entry === entry;
    this.closeCard(false);
    const card = buildCard(entry.model, { onClose: () => this.closeCard(), onExplainer: this.onExplainer });
    this.root.layer.append(card);
    this.open = { entry, card };
    entry.badge.setAttribute('aria-expanded', 'true');
    this.position();
    if (!wasOpen) card.focus();
  }

  private closeCard(restoreFocus = true) {
    if (!this.open) return;
    const { entry, card } = this.open;
    card.remove();
    this.open = undefined;
    entry.badge.setAttribute('aria-expanded', 'false');
    if (restoreFocus) entry.badge.focus();
  }

  /** Positions everything in our layer on the next frame (covers too: cover-view.ts). */
  protected schedule() {
    if (this.frame || this.ctx.signal.aborted) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      timed(() => this.position());
    });
  }

  private position() {
    const vw = document.documentElement.clientWidth || innerWidth;
    const vh = innerHeight;
    // Read phase.
    const shown = [...this.entries.values()].filter((e) => !e.badge.hidden || this.open?.entry === e);
    const rects = shown.map((e) => (e.media.isConnected ? e.media.getBoundingClientRect() : undefined));
    const cardHeight = this.open ? this.open.card.scrollHeight : 0;
    const writeExtras = this.measureExtras();
    // Write phase.
    shown.forEach((e, i) => {
      const r = rects[i];
      const onScreen = !!r && r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw;
      e.badge.style.visibility = onScreen ? 'visible' : 'hidden';
      if (!r || !onScreen) return;
      // The chosen corner of the media, kept inside the viewport; the opposite sides are released.
      const [vertical, horizontal] = this.corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
      const s = e.badge.style;
      if (vertical === 'top') (s.top = `${Math.max(INSET, r.top + INSET)}px`), (s.bottom = 'auto');
      else (s.bottom = `${Math.max(INSET, vh - r.bottom + INSET)}px`), (s.top = 'auto');
      if (horizontal === 'right') (s.right = `${Math.max(INSET, vw - r.right + INSET)}px`), (s.left = 'auto');
      else (s.left = `${Math.max(INSET, r.left + INSET)}px`), (s.right = 'auto');
      if (this.open?.entry === e) {
        const card = this.open.card;
        const width = Math.min(CARD_WIDTH, vw - 16);
        card.style.left = `${Math.min(Math.max(8, r.right - width - INSET), vw - width - 8)}px`;
        // Below the badge when it fits, otherwise moved up just enough to show the whole card.
        const height = Math.min(cardHeight, vh - 16);
        const top = Math.max(8, Math.min(r.top + INSET + 32, vh - height - 8));
        card.style.top = `${top}px`;
        card.style.maxHeight = `${vh - top - 8}px`;
      }
    });
    writeExtras();
  }

  /** Read phase for what a subclass positions in the same frame; returns its write phase. */
  protected measureExtras(): () => void {
    return () => undefined;
  }
}
