/**
 * Protective actions over flagged media (issue 6): a cover of ours over `likely-synthetic` media,
 * either a blur (click or Enter to reveal) or an opaque "hidden" panel, or nothing ("label only").
 * The cover lives in our closed shadow root, positioned over the media like the badges, so the
 * page's own markup and styles are never touched and revealing is just removing the cover.
 * `declared-ai` media keep the badge only: a disclosed AI image is not a deception.
 */
import type { FlaggedAction } from '../../shared/settings';
import { isFlagged } from '../../shared/types';
import type { ContentContext } from '../context';
import { t } from '../i18n';
import type { CardModel } from './card';
import { OverlayView } from './overlay-view';
import { COVER_CSS } from './cover-styles';
import { keepAboveTopLayer } from './top-layer';

interface Cover {
  media: Element;
  el: HTMLElement;
  visible: boolean;
}

function adopt(root: ShadowRoot, css: string) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}

export class CoverView extends OverlayView {
  private readonly models = new Map<Element, CardModel>();
  private readonly covers = new Map<Element, Cover>();
  private readonly revealed = new WeakSet<Element>();
  private action: FlaggedAction = 'blur';

  constructor(pctx: ContentContext, onExplainer: () => void) {
    super(pctx, onExplainer);
    adopt(this.root.root, COVER_CSS);
    keepAboveTopLayer(this.root.root.host as HTMLElement, pctx);
  }

  /** The overlay's layer, for the share warning. */
  get layer(): HTMLElement {
    return this.root.layer;
  }

  setAction(action: FlaggedAction) {
    if (action === this.action) return;
    this.action = action;
    for (const media of [...this.covers.keys()]) this.removeCover(media);
    for (const [media, model] of this.models) this.updateCover(media, model);
  }

  override set(media: Element, model: CardModel | undefined) {
    super.set(media, model);
    if (model) this.models.set(media, model);
    else this.models.delete(media);
    this.updateCover(media, model);
  }

  override setVisible(media: Element, visible: boolean) {
    super.setVisible(media, visible);
    const cover = this.covers.get(media);
    if (cover) {
      cover.visible = visible;
      cover.el.hidden = !visible;
      this.schedule();
    }
  }

  override clear() {
    super.clear();
    this.models.clear();
    for (const media of [...this.covers.keys()]) this.removeCover(media);
  }

  /** Flagged media (declared or likely AI) inside `post`, with their verdicts. */
  flaggedIn(post: Element): { media: Element; model: CardModel }[] {
    const out: { media: Element; model: CardModel }[] = [];
    for (const [media, model] of this.models) {
      if (!isFlagged(model.band) || !media.isConnected) continue;
      if (post.contains(media) || composedContains(post, media)) out.push({ media, model });
    }
    return out;
  }

  private updateCover(media: Element, model: CardModel | undefined) {
    const wanted = !!model && model.band === 'likely-synthetic' && this.action !== 'label' && !this.revealed.has(media);
    if (!wanted) return this.removeCover(media);
    if (this.covers.has(media)) return;
    const el = this.buildCover(media);
    this.root.layer.prepend(el); // before badges and cards in tree order too
    this.covers.set(media, { media, el, visible: true });
    this.schedule();
  }

  private buildCover(media: Element): HTMLElement {
    const mode = this.action === 'hide' ? 'hide' : 'blur';
    const el = document.createElement('div');
    el.className = 'cover';
    el.dataset.mode = mode;
    // A live blur over a playing video is recomputed every frame (measured: about a quarter of a
    // core in Chromium); videos get an opaque cover instead, which hides them just as well.
    el.dataset.kind = media instanceof HTMLVideoElement ? 'video' : 'image';
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', t(mode === 'hide' ? 'coverHiddenAria' : 'coverBlurredAria'));
    const box = document.createElement('div');
    box.className = 'cover-box';
    const text = document.createElement('p');
    text.className = 'cover-text';
    text.textContent = t(mode === 'hide' ? 'coverHidden' : 'coverBlurred');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'reveal';
    button.textContent = t('coverReveal');
    box.append(text, button);
    el.append(box);
    // Click anywhere on the cover (or the button, by keyboard) reveals; nothing reaches the page.
    el.addEventListener('click', (e) => {
      e.preventDefault();
      this.reveal(media);
    });
    return el;
  }

  private reveal(media: Element) {
    this.revealed.add(media);
    this.removeCover(media);
    if (media instanceof HTMLElement) media.focus({ preventScroll: true });
  }

  private removeCover(media: Element) {
    const cover = this.covers.get(media);
    if (!cover) return;
    cover.el.remove();
    this.covers.delete(media);
  }

  /** Covers move with the badges, in the same frame: all reads first, then all writes. */
  protected override measureExtras() {
    const shown = [...this.covers.values()].filter((c) => c.visible);
    const rects = shown.map((c) => (c.media.isConnected ? c.media.getBoundingClientRect() : undefined));
    return () =>
      shown.forEach((c, i) => {
        const r = rects[i];
        const ok = !!r && r.width > 0 && r.height > 0;
        c.el.style.visibility = ok ? 'visible' : 'hidden';
        if (!r || !ok) return;
        c.el.style.left = `${r.left}px`;
        c.el.style.top = `${r.top}px`;
        c.el.style.width = `${r.width}px`;
        c.el.style.height = `${r.height}px`;
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
