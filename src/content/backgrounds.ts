/**
 * CSS background images of a meaningful size (hero images, some feeds' photo tiles, carousels):
 * the scanner only sees <img> and <video>, so this finds elements whose computed
 * `background-image` is a single url() and whose box is at least `minShortSide` on both sides,
 * and asks the engine about that URL like any image. Badges and covers attach to the element.
 *
 * Cost: computed styles are read in slices of a few milliseconds (never a long task), once per
 * element and again only when its `style`/`class` changes; tiny and hidden elements are skipped.
 */
import type { AnalyzeRequest, AnalyzeResponse } from '../shared/protocol';
import type { Settings } from '../shared/settings';
import type { ContentContext } from './context';
import { timed } from './main-thread-meter';
import { buildRequest } from './media-reader';
import type { CardModel } from './overlay/card';
import type { OverlayView } from './overlay/overlay-view';
import type { PostContext } from './sites/post-context';

type AnalyzeFn = (req: AnalyzeRequest) => Promise<AnalyzeResponse>;

/** Main-thread budget per slice of the walk (DESIGN.md: no long task). */
const SLICE_MS = 4;
/** Elements queued for a look at once; a page that adds more waits for the next pass. */
const MAX_PENDING = 20_000;
const SKIP = new Set(['HTML', 'BODY', 'HEAD', 'SCRIPT', 'STYLE', 'LINK', 'META', 'IMG', 'VIDEO', 'PICTURE', 'SOURCE', 'svg', 'CANVAS', 'IFRAME', 'BR', 'INPUT', 'TEXTAREA', 'OPTION']);

interface Tile {
  url: string;
  visible: boolean;
  state: 'waiting' | 'running' | 'done';
}

/** The single url() of a computed background-image, or undefined (none, gradients, layers). */
export function singleBackgroundUrl(computed: string): string | undefined {
  if (!computed || computed === 'none') return undefined;
  const m = /^url\("((?:[^"\\]|\\.)*)"\)$/.exec(computed.trim());
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

export class BackgroundScanner {
  private readonly tiles = new Map<Element, Tile>();
  private readonly pending = new Set<Element>();
  private io?: IntersectionObserver;
  private mo?: MutationObserver;
  private timer = 0;
  private inFlight = 0;

  constructor(
    private readonly ctx: ContentContext,
    private settings: Settings,
    private readonly view: OverlayView,
    private readonly analyze: AnalyzeFn,
    private readonly postOf?: (el: Element) => PostContext | undefined,
  ) {}

  start() {
    this.io = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: '150px' });
    this.mo = new MutationObserver((records) => {
      let removed = false;
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) this.enqueue(r.target);
        for (const n of r.addedNodes) if (n instanceof Element) this.enqueueTree(n);
        removed ||= r.removedNodes.length > 0;
      }
      // Virtualised feeds recycle nodes: forget tiles that left the document.
      if (removed) for (const el of [...this.tiles.keys()]) if (!el.isConnected) this.forget(el);
      this.schedule();
    });
    this.mo.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class'] });
    this.enqueueTree(document.documentElement);
    this.schedule();
    this.ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  updateSettings(next: Settings) {
    const rescore = next.sensitivity !== this.settings.sensitivity || next.minShortSide !== this.settings.minShortSide;
    this.settings = next;
    if (!rescore) return;
    for (const [el, tile] of this.tiles) {
      tile.state = 'waiting';
      this.view.set(el, undefined);
      this.enqueue(el);
    }
    this.schedule();
  }

  private stop() {
    this.io?.disconnect();
    this.mo?.disconnect();
    clearTimeout(this.timer);
    this.tiles.clear();
    this.pending.clear();
  }

  private enqueue(el: Element) {
    if (this.pending.size < MAX_PENDING) this.pending.add(el);
  }

  private enqueueTree(root: Element) {
    this.enqueue(root);
    const all = root.getElementsByTagName('*');
    for (let i = 0; i < all.length && this.pending.size < MAX_PENDING; i++) this.pending.add(all[i]!);
  }

  private schedule() {
    if (this.timer || !this.pending.size || this.ctx.signal.aborted) return;
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      timed(() => this.slice()); // counted in the page's main-thread cost (tab:stats perf)
    }, 50);
  }

  /** Looks at queued elements for at most SLICE_MS, then yields to the page. */
  private slice() {
    const end = performance.now() + SLICE_MS;
    for (const el of this.pending) {
      this.pending.delete(el);
      this.check(el);
      if (performance.now() > end) break;
    }
    this.schedule();
  }

  private check(el: Element) {
    if (!el.isConnected || SKIP.has(el.tagName) || el.localName.startsWith('dfr-')) return;
    const min = this.settings.minShortSide;
    if (!(el instanceof HTMLElement) || el.offsetWidth < min || el.offsetHeight < min) return this.forget(el);
    const raw = singleBackgroundUrl(getComputedStyle(el).backgroundImage);
    let url: string | undefined;
    try {
      const u = raw ? new URL(raw, document.baseURI) : undefined;
      url = u && (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'data:' || u.protocol === 'blob:') ? u.href : undefined;
    } catch {
      url = undefined;
    }
    if (!url) return this.forget(el);
    const tile = this.tiles.get(el);
    if (tile?.url === url) return;
    if (tile) this.view.set(el, undefined);
    this.tiles.set(el, { url, visible: tile?.visible ?? false, state: 'waiting' });
    this.io!.observe(el);
    if (tile?.visible) void this.run(el);
  }

  private forget(el: Element) {
    if (!this.tiles.has(el)) return;
    this.tiles.delete(el);
    this.io?.unobserve(el);
    this.view.set(el, undefined);
  }

  private onIntersect(entries: IntersectionObserverEntry[]) {
    for (const e of entries) {
      const tile = this.tiles.get(e.target);
      if (!tile) continue;
      tile.visible = e.isIntersecting;
      this.view.setVisible(e.target, tile.visible);
      if (tile.visible) void this.run(e.target);
    }
  }

  private async run(el: Element) {
    const tile = this.tiles.get(el);
    if (tile?.state !== 'waiting' || this.inFlight >= 3 || !this.ctx.isValid) return;
    tile.state = 'running';
    this.inFlight++;
    const url = tile.url;
    try {
      const post = this.postOf?.(el);
      const platform = post?.label ? { site: post.site, label: post.label } : undefined;
      // A detached <img> names the file; buildRequest reads same-origin bytes or sends the URL.
      const probe = new Image();
      probe.src = url;
      const r = await buildRequest(probe);
      const res: AnalyzeResponse = r.ok ? await this.analyze(platform ? { ...r.request, platform } : r.request).catch(() => ({ ok: false as const, error: 'engine-unavailable' })) : { ok: false, error: r.reason };
      if (this.tiles.get(el) !== tile || tile.url !== url || !this.ctx.isValid) return;
      tile.state = 'done';
      const model: CardModel = res.ok
        ? { band: res.verdict.band, reasonKey: res.verdict.reasonKey, signals: res.verdict.signals, mediaUrl: /^https?:/.test(url) ? url : undefined, engineMs: res.verdict.engineMs, cached: res.verdict.cached, post }
        : { band: 'error', reasonKey: 'reasonError', signals: [], error: res.error };
      this.view.set(el, model);
      this.view.setVisible(el, tile.visible);
    } finally {
      this.inFlight--;
      // Someone else may have been waiting for a slot.
      for (const [other, t] of this.tiles) if (t.visible && t.state === 'waiting') void this.run(other);
    }
  }
}
