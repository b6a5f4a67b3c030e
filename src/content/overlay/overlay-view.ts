/** One box per media element (badge, cover) and the one open card; all positions are read in one frame, then written (no layout thrash on scroll). */
import type { ContentContext } from '../context';
import { t } from '../../shared/i18n';
import { timed } from '../main-thread-meter';
import type { Settings } from '../../shared/settings';
import { isFlagged } from '../../shared/types';
import { BAND_TEXT } from '../../shared/band-text';
import { buildCard, type CardModel } from './card';
import { button, el, setAttrs } from './el';
import { bandIcon } from './icons';
import { OverlayRoot } from './overlay-root';
import { keepAboveTopLayer } from './top-layer';

const INSET = 6;
const CARD_WIDTH = 360;

interface Slot {
  media: Element;
  box: HTMLElement;
  badge: HTMLButtonElement;
  model: CardModel;
  visible: boolean;
}

/** Told each verdict shown or changed, and (model undefined) each one removed with its box. */
type VerdictWatcher = (media: Element, model: CardModel | undefined, box: HTMLElement | undefined) => void;

export class OverlayView {
  /** In the closed shadow root (the share warning opens here too). */
  readonly layer: HTMLElement;
  private readonly slots = new Map<Element, Slot>();
  private readonly watchers = new Set<VerdictWatcher>();
  private open?: { slot: Slot; card: HTMLElement };
  private frame = 0;
  private showAll = false;

  constructor(
    private readonly ctx: ContentContext,
    private readonly onExplainer: () => void,
  ) {
    const root = new OverlayRoot(ctx);
    this.layer = root.layer;
    keepAboveTopLayer(root.root.host as HTMLElement, ctx);
    const schedule = () => this.schedule();
    ctx.on(window, 'scroll', schedule, { passive: true, capture: true });
    ctx.on(window, 'resize', schedule, { passive: true });
    // Layout can shift without scrolling (images loading above, carousels): a slow safety net.
    ctx.setInterval(schedule, 700);
    // Only a real key press: a page can dispatch synthetic ones (issue 9).
    ctx.on(document, 'keydown', (e) => (e as KeyboardEvent).key === 'Escape' && e.isTrusted && this.open && this.closeCard());
    ctx.signal.addEventListener('abort', () => cancelAnimationFrame(this.frame), { once: true });
  }

  apply(settings: Pick<Settings, 'showAllBadges' | 'badgePosition'>) {
    this.layer.dataset.corner = settings.badgePosition;
    this.showAll = settings.showAllBadges;
    for (const s of this.slots.values()) this.applyHidden(s);
    this.schedule();
  }

  /** Calls `fn` for every verdict shown now and then for every change, until `signal` aborts. */
  watch(fn: VerdictWatcher, signal: AbortSignal) {
    for (const s of this.slots.values()) fn(s.media, s.model, s.box);
    this.watchers.add(fn);
    signal.addEventListener('abort', () => this.watchers.delete(fn), { once: true });
  }

  /** Flagged media inside `post`, with their verdicts. */
  flaggedIn(post: Element): { media: Element; model: CardModel }[] {
    return [...this.slots.values()].filter((s) => isFlagged(s.model.band) && s.media.isConnected && composedContains(post, s.media)).map(({ media, model }) => ({ media, model }));
  }

  /** Shows, updates or (with `undefined`) removes the badge and box for `media`. */
  set(media: Element, model: CardModel | undefined) {
    let slot = this.slots.get(media);
    if (!model) {
      if (slot) this.remove(slot);
      return;
    }
    if (!slot) {
      const badge = button('badge');
      const box = el('div', 'box');
      box.hidden = true;
      box.append(badge);
      slot = { media, box, badge, model, visible: false };
      const s = slot;
      badge.addEventListener('click', () => (this.open?.slot === s ? this.closeCard() : this.openCard(s)));
      this.layer.append(box);
      this.slots.set(media, slot);
    }
    slot.model = model;
    this.renderBadge(slot);
    if (this.open?.slot === slot) this.openCard(slot);
    for (const fn of this.watchers) fn(media, model, slot.box);
    this.schedule();
  }

  setVisible(media: Element, visible: boolean) {
    const slot = this.slots.get(media);
    if (!slot || slot.visible === visible) return;
    slot.visible = visible;
    this.schedule();
  }

  clear() {
    for (const s of [...this.slots.values()]) this.remove(s);
  }

  private remove(slot: Slot) {
    if (this.open?.slot === slot) this.closeCard(false);
    slot.box.remove();
    this.slots.delete(slot.media);
    for (const fn of this.watchers) fn(slot.media, undefined, undefined);
  }

  private renderBadge(slot: Slot) {
    const { band } = slot.model;
    slot.badge.dataset.band = band;
    slot.badge.replaceChildren(bandIcon(band), el('span', undefined, t(BAND_TEXT[band].label)));
    setAttrs(slot.badge, { 'aria-label': t('badgeAria', t(BAND_TEXT[band].title)), 'aria-haspopup': 'dialog', 'aria-expanded': String(this.open?.slot === slot) });
    this.applyHidden(slot);
  }

  private applyHidden(slot: Slot) {
    // DESIGN.md: `uncertain` and below are shown only if the person asks ("show all badges").
    slot.badge.hidden = !(this.showAll || isFlagged(slot.model.band));
  }

  private openCard(slot: Slot) {
    const wasOpen = this.open?.slot === slot;
    this.closeCard(false);
    const card = buildCard(slot.model, { onClose: () => this.closeCard(), onExplainer: this.onExplainer });
    this.layer.append(card);
    this.open = { slot, card };
    slot.badge.setAttribute('aria-expanded', 'true');
    this.position();
    if (!wasOpen) card.focus();
  }

  private closeCard(restoreFocus = true) {
    if (!this.open) return;
    const { slot, card } = this.open;
    card.remove();
    this.open = undefined;
    slot.badge.setAttribute('aria-expanded', 'false');
    if (restoreFocus) slot.badge.focus();
  }

  private schedule() {
    if (this.frame || this.ctx.signal.aborted) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      timed(() => this.position());
    });
  }

  private position() {
    const vw = document.documentElement.clientWidth || innerWidth;
    const vh = innerHeight;
    // Read phase: a box is shown while its media is near the viewport and something in it shows.
    const slots = [...this.slots.values()];
    const shown = slots.map((s) => this.open?.slot === s || (s.visible && Array.prototype.some.call(s.box.children, (c: HTMLElement) => !c.hidden)));
    const rects = slots.map((s, i) => (shown[i] && s.media.isConnected ? s.media.getBoundingClientRect() : undefined));
    const cardHeight = this.open ? this.open.card.scrollHeight : 0;
    // Write phase.
    slots.forEach((s, i) => {
      const r = rects[i];
      if (s.box.hidden === shown[i]) s.box.hidden = !shown[i];
      const onScreen = !!r && r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < vh && r.right > 0 && r.left < vw;
      s.box.style.visibility = onScreen ? 'visible' : 'hidden';
      if (!r || !onScreen) return;
      const style = s.box.style;
      Object.assign(style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      // How far the media reaches past each edge of the viewport: the badge's CSS keeps it inside.
      style.setProperty('--above', `${-r.top}px`);
      style.setProperty('--below', `${r.bottom - vh}px`);
      style.setProperty('--left', `${-r.left}px`);
      style.setProperty('--right', `${r.right - vw}px`);
      if (this.open?.slot === s) {
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
  }
}

/** `contains` across shadow roots (media slotted or inside an open shadow tree of the post). */
function composedContains(ancestor: Element, node: Element): boolean {
  let n: Node | null = node;
  for (let hops = 0; n && hops < 64; hops++) {
    if (n === ancestor) return true;
    const root: Node = n.getRootNode();
    n = n.parentNode ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return false;
}
