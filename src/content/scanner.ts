/** Finds images and videos as they appear, visible ones first, skips those too small and asks the engine once per file (one queue for all media, analysis-queue.ts). */
import type { AnalyzeResponse, TabStats } from '../shared/protocol';
import type { Settings } from '../shared/settings';
import { isFlagged, type Band } from '../shared/types';
import { AnalysisQueue, type AnalyzeFn } from './analysis-queue';
import type { ContentContext } from './context';
import { mainThreadMs, timed } from './main-thread-meter';
import { buildRequest, mediaUrl } from './media-reader';
import { cardOf, type CardModel } from './overlay/card';
import type { OverlayView } from './overlay/overlay-view';
import { newOpenShadowRoots } from './shadow-roots';
import type { PostContext } from './sites/post-context';
import { VideoSamplers } from './video/video-sampler';

type MediaEl = HTMLImageElement | HTMLVideoElement;
type State = 'waiting' | 'queued' | 'running' | 'done';

const isMedia = (el: Element): el is MediaEl => el instanceof HTMLImageElement || el instanceof HTMLVideoElement;

/** A media element, or (any other element) a CSS background image shown on it. */
interface Item {
  el: Element;
  url: string;
  state: State;
  visible: boolean;
  model?: CardModel;
  /** Bumped when the source changes, so a late answer for the old source is dropped. */
  generation: number;
  visibleAt?: number;
  /** Takes it out of the queue. */
  cancel?: AbortController;
}

/** Latencies kept for `tab:stats` (the benchmark reads them). */
const MAX_LATENCIES = 1000;
const MEDIA_SELECTOR = 'img, video';
const WATCH: MutationObserverInit = { childList: true, subtree: true, attributes: true, attributeFilter: ['src', 'srcset'] };

export class Scanner {
  private readonly items = new Map<Element, Item>();
  private readonly queue: AnalysisQueue;
  /** Per file and settings: the same picture shown twice is asked once. */
  private readonly results = new Map<string, Promise<AnalyzeResponse | undefined>>();
  private io?: IntersectionObserver;
  private mo?: MutationObserver;
  private readonly shadows = new WeakSet<ShadowRoot>();
  private sweepTimer = 0;
  private readonly videos: VideoSamplers;
  /** Set by main.ts when a site adapter serves this page. */
  postOf?: (el: Element) => PostContext | undefined;
  /** The adapter serving this page (the popup's self-check). */
  site?: { id: string; name: string };
  private readonly latencies: number[] = [];
  private firstLatency?: number;

  constructor(
    private readonly ctx: ContentContext,
    private settings: Settings,
    private readonly view: OverlayView,
    private readonly analyze: AnalyzeFn,
  ) {
    this.queue = new AnalysisQueue(ctx);
    this.videos = new VideoSamplers(ctx, this.queue, () => this.settings.sensitivity);
  }

  start() {
    this.io = new IntersectionObserver((entries) => timed(() => this.onIntersect(entries)), { rootMargin: '150px' });
    this.mo = new MutationObserver((records) => timed(() => this.onMutations(records)));
    this.mo.observe(document.documentElement, WATCH);
    timed(() => this.discover(document));
    this.ctx.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  stop() {
    this.io?.disconnect();
    this.mo?.disconnect();
    clearTimeout(this.sweepTimer);
    this.items.clear();
    this.results.clear();
    this.videos.clear();
    this.view.clear();
  }

  updateSettings(next: Settings) {
    const prev = this.settings;
    this.settings = next;
    if ((['sensitivity', 'minShortSide', 'scanImages', 'scanVideos'] as const).every((k) => prev[k] === next[k])) return;
    // The engine caches per file: a new sensitivity is a cheap re-fusion.
    for (const item of this.items.values()) {
      if (item.state === 'done' || item.state === 'queued') this.reset(item);
      if (item.visible) this.consider(item);
    }
  }

  stats(): TabStats {
    const byBand: Partial<Record<Band, number>> = {};
    const count = { scanned: 0, pending: 0, flagged: 0 };
    let withPost = 0;
    for (const item of this.items.values()) {
      if (item.state === 'queued' || item.state === 'running') count.pending++;
      if (item.state !== 'done' || !item.model || item.model.band === 'pending' || item.model.band === 'error') continue;
      count.scanned++;
      const band = item.model.band as Band;
      byBand[band] = (byBand[band] ?? 0) + 1;
      if (isFlagged(band)) count.flagged++;
      // Self-check: a post is understood when its permalink or author was found.
      if (band !== 'not-applicable' && (item.model.post?.permalink || item.model.post?.author)) withPost++;
    }
    const notApplicable = byBand['not-applicable'] ?? 0;
    return {
      ...count,
      notApplicable,
      byBand,
      active: true,
      hostname: location.hostname,
      perf: { latencyMs: [...this.latencies], firstLatencyMs: this.firstLatency, contentMs: mainThreadMs(), contentItems: this.items.size },
      ...(this.site ? { siteCheck: { site: this.site.id, siteName: this.site.name, media: count.scanned - notApplicable, withPost } } : {}),
    };
  }

  private discover(root: ParentNode) {
    if (root instanceof HTMLImageElement || root instanceof HTMLVideoElement) this.track(root);
    for (const el of root.querySelectorAll<MediaEl>(MEDIA_SELECTOR)) this.track(el);
    // Open shadow roots (web components): querySelectorAll and the observer stop at their edge.
    for (const shadow of newOpenShadowRoots(root as Node, this.shadows)) {
      this.mo?.observe(shadow, WATCH);
      this.discover(shadow);
    }
  }

  private track(el: MediaEl) {
    if (this.items.has(el)) return;
    const item = this.add(el, mediaUrl(el));
    const onReady = () => {
      // srcset and <picture> settle currentSrc only when the new image loads (issue 9): re-read it.
      const url = mediaUrl(el);
      if (url !== item.url) this.retarget(item, url);
      else if (item.visible) this.consider(item);
    };
    this.ctx.on(el, el instanceof HTMLImageElement ? 'load' : 'loadeddata', onReady);
  }

  private onMutations(records: MutationRecord[]) {
    let removed = false;
    for (const r of records) {
      if (r.type === 'attributes') {
        const target = r.target;
        const el = target instanceof HTMLSourceElement ? target.parentElement?.querySelector<MediaEl>(MEDIA_SELECTOR) : target;
        const item = el && this.items.get(el as Element);
        const media = item && isMedia(item.el) ? item.el : undefined;
        // srcset/currentSrc settle after the attribute change: read the new URL on the next load.
        if (media) queueMicrotask(() => this.retarget(item!, mediaUrl(media)));
        continue;
      }
      for (const n of r.addedNodes) if (n instanceof Element) this.discover(n);
      if (r.removedNodes.length) removed = true;
    }
    if (removed && !this.sweepTimer) this.sweepTimer = window.setTimeout(() => this.sweep(), 250);
  }

  /** Infinite lists recycle thousands of nodes. */
  private sweep() {
    this.sweepTimer = 0;
    for (const item of [...this.items.values()]) if (!item.el.isConnected) this.forget(item.el);
  }

  /** A CSS background image: judged like a picture, badged on its element. */
  trackBackground(el: Element, url: string) {
    const item = this.items.get(el);
    if (item) this.retarget(item, url);
    else this.add(el, url);
  }

  private add(el: Element, url: string): Item {
    const item: Item = { el, url, state: 'waiting', visible: false, generation: 0 };
    this.items.set(el, item);
    this.io?.observe(el);
    return item;
  }

  /** Stops judging `el` and removes its badge. */
  forget(el: Element) {
    const item = this.items.get(el);
    if (!item) return;
    this.io?.unobserve(el);
    this.items.delete(el);
    this.reset(item);
  }

  private retarget(item: Item, url: string) {
    if (url === item.url) return;
    item.url = url;
    this.reset(item);
    if (item.visible) this.consider(item);
  }

  private reset(item: Item) {
    item.generation++;
    item.state = 'waiting';
    item.model = undefined;
    this.videos.forget(item.el);
    item.cancel?.abort();
    this.view.set(item.el, undefined);
  }

  private onIntersect(entries: IntersectionObserverEntry[]) {
    for (const entry of entries) {
      const item = this.items.get(entry.target);
      if (!item) continue;
      item.visible = entry.isIntersecting;
      if (item.visible) item.visibleAt ??= performance.now();
      this.view.setVisible(item.el, item.visible);
      if (item.el instanceof HTMLVideoElement) this.videos.setVisible(item.el, item.visible);
      if (item.visible) this.consider(item);
      else if (item.state === 'queued') {
        // Scrolled away before its turn: give the slot to media the person can see.
        item.state = 'waiting';
        item.cancel?.abort();
      }
    }
  }

  private consider(item: Item) {
    if (item.state !== 'waiting' || !this.ctx.isValid) return;
    const { el } = item;
    // A CSS background: backgrounds.ts checked its box.
    if (!isMedia(el)) return this.settings.scanImages ? void this.run(item) : undefined;
    const isImage = el instanceof HTMLImageElement;
    if ((isImage && !this.settings.scanImages) || (!isImage && !this.settings.scanVideos)) return;
    if (!item.url) return;
    const ready = isImage ? el.complete && el.naturalWidth > 0 : el.readyState >= HTMLMediaElement.HAVE_METADATA;
    // A video that loads nothing before play (preload="none") shows its poster: judge that first.
    if (!ready && !isImage && el.poster && Math.min(el.clientWidth, el.clientHeight) >= this.settings.minShortSide) return this.delegateVideo(item, el);
    if (!ready) {
      if (isImage && el.complete && el.naturalWidth === 0 && el.currentSrc) this.finish(item, cardOf({ ok: false, error: 'decode-failed' }, item.url));
      return; // the load/loadeddata listener calls us again
    }
    const natural = isImage ? [el.naturalWidth, el.naturalHeight] : [el.videoWidth, el.videoHeight];
    const rendered = [el.clientWidth || el.width, el.clientHeight || el.height];
    const min = this.settings.minShortSide;
    if (Math.min(natural[0]!, natural[1]!) < min || Math.min(rendered[0]!, rendered[1]!) < min) {
      this.finish(item, {
        band: 'not-applicable',
        reasonKey: 'reasonTooSmall',
        signals: [{ detector: 'gate', version: '1', stage: 'size-gate', outcome: 'not-applicable', strength: 'none', evidence: [`${natural[0]}×${natural[1]} px`], explanation: '' }],
        mediaUrl: item.url,
      });
      return;
    }
    if (el instanceof HTMLVideoElement) return this.delegateVideo(item, el);
    void this.run(item);
  }

  /** The sampler owns videos from here (issue 5). */
  private delegateVideo(item: Item, el: HTMLVideoElement) {
    item.state = 'running';
    const { post, platform } = this.postAround(el);
    const publish = (model: CardModel) => {
      if (item.state === 'running') this.recordLatency(item);
      this.finish(item, { ...model, post });
    };
    this.videos.observe(el, item.url, item.visible, publish, platform ? (req) => this.analyze({ ...req, platform }) : this.analyze);
  }

  /** Pictures and backgrounds. */
  private async run(item: Item) {
    item.state = 'queued';
    const generation = item.generation;
    /** Still this element's file, still wanted (not scrolled away before its turn). */
    const current = () => generation === item.generation && item.state !== 'waiting' && this.ctx.isValid;
    const { post, platform } = this.postAround(item.el);
    const key = `${this.settings.sensitivity}|${this.settings.minShortSide}|${item.el.tagName}|${item.url}|${platform?.label ?? ''}`;
    let result = this.results.get(key);
    if (!result) {
      const cancel = (item.cancel = new AbortController());
      const ask = async (): Promise<AnalyzeResponse> => {
        item.state = 'running';
        if (this.settings.showAllBadges) this.view.set(item.el, { band: 'pending', reasonKey: 'badgePending', signals: [] });
        const r = await buildRequest(item.url);
        // The permalink goes to the local history of flagged items (issue 7).
        return r.ok ? this.analyze({ ...r.request, ...(platform ? { platform } : {}), ...(post?.permalink ? { postUrl: post.permalink } : {}) }) : { ok: false, error: r.reason };
      };
      this.results.set(key, (result = this.queue.run(ask, cancel.signal)));
    }
    const res = await result;
    if (!res && this.results.get(key) === result) this.results.delete(key);
    if (!current()) return;
    // Another element's request for the same file was taken out of the queue: ask for this one.
    if (!res) return void ((item.state = 'waiting'), this.consider(item));
    if (res.ok) this.recordLatency(item);
    this.finish(item, { ...cardOf(res, item.url), post });
  }

  /** The platform's own label travels with the request; the engine turns it into a signal. */
  private postAround(el: Element) {
    const post = this.postOf?.(el);
    return { post, platform: post?.label ? { site: post.site, label: post.label } : undefined };
  }

  private finish(item: Item, model: CardModel) {
    timed(() => {
      item.state = 'done';
      item.model = model;
      this.view.set(item.el, model);
      this.view.setVisible(item.el, item.visible);
    });
  }

  /** Visible → badge. */
  private recordLatency(item: Item) {
    if (item.visibleAt === undefined) return;
    const ms = performance.now() - item.visibleAt;
    this.firstLatency ??= ms;
    this.latencies.push(Math.round(ms * 10) / 10);
    if (this.latencies.length > MAX_LATENCIES) this.latencies.shift();
  }
}
