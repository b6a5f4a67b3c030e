/** Elements whose computed background-image is one url() on a box of at least `minShortSide`, for the scanner; styles read in slices of a few ms. */
import type { Settings } from '../shared/settings';
import type { ContentContext } from './context';
import { timed } from './main-thread-meter';
import type { Scanner } from './scanner';

/** Main-thread budget per slice of the walk (DESIGN.md: no long task). */
const SLICE_MS = 4;
/** Elements queued at once; more wait for the next pass. */
const MAX_PENDING = 20_000;
const SKIP = new Set(['HTML', 'BODY', 'HEAD', 'SCRIPT', 'STYLE', 'LINK', 'META', 'IMG', 'VIDEO', 'PICTURE', 'SOURCE', 'svg', 'CANVAS', 'IFRAME', 'BR', 'INPUT', 'TEXTAREA', 'OPTION']);

/** The single url() of a computed background-image, or undefined (none, gradients, layers). */
export function singleBackgroundUrl(computed: string): string | undefined {
  if (!computed || computed === 'none') return undefined;
  const m = /^url\("((?:[^"\\]|\\.)*)"\)$/.exec(computed.trim());
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

export class BackgroundFinder {
  private readonly pending = new Set<Element>();
  private mo?: MutationObserver;
  private timer = 0;

  constructor(
    private readonly ctx: ContentContext,
    private settings: Settings,
    private readonly scanner: Pick<Scanner, 'trackBackground' | 'forget'>,
  ) {}

  start() {
    // The scanner forgets removed elements.
    this.mo = new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) this.enqueue(r.target);
        for (const n of r.addedNodes) if (n instanceof Element) this.enqueueTree(n);
      }
      this.schedule();
    });
    this.mo.observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class'] });
    this.enqueueTree(document.documentElement);
    this.schedule();
    this.ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  updateSettings(next: Settings) {
    const resize = next.minShortSide !== this.settings.minShortSide;
    this.settings = next;
    if (!resize) return;
    this.enqueueTree(document.documentElement);
    this.schedule();
  }

  private stop() {
    this.mo?.disconnect();
    clearTimeout(this.timer);
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
    if (!(el instanceof HTMLElement) || el.offsetWidth < min || el.offsetHeight < min) return this.scanner.forget(el);
    const raw = singleBackgroundUrl(getComputedStyle(el).backgroundImage);
    let url: string | undefined;
    try {
      const u = raw ? new URL(raw, document.baseURI) : undefined;
      url = u && (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'data:' || u.protocol === 'blob:') ? u.href : undefined;
    } catch {
      url = undefined;
    }
    if (url) this.scanner.trackBackground(el, url);
    else this.scanner.forget(el);
  }
}
