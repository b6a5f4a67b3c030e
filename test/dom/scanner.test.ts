// @vitest-environment happy-dom
/**
 * src/content/scanner.ts in a DOM (happy-dom): media found as they appear, asked about once when
 * visible, too-small media judged without the engine, removed media forgotten with their badge,
 * and everything stopped when the content context aborts. Visibility is driven by hand through a
 * stand-in IntersectionObserver (happy-dom does no layout).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyzeRequest, AnalyzeResponse } from '../../src/shared/protocol';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';

vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test' }, i18n: { getMessage: (k: string) => k, getUILanguage: () => 'en' } } }));

const { ContentContext } = await import('../../src/content/context');
const { Scanner } = await import('../../src/content/scanner');
const { OverlayView } = await import('../../src/content/overlay/overlay-view');

class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly targets = new Set<Element>();
  disconnected = false;
  constructor(private readonly callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
    FakeIntersectionObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {
    this.disconnected = true;
    this.targets.clear();
  }
  show(el: Element, isIntersecting = true) {
    this.callback([{ target: el, isIntersecting }]);
  }
}

/** A loaded cross-origin picture of this size (happy-dom neither loads nor lays out images). */
function picture(src: string, width: number, height: number): HTMLImageElement {
  const img = document.createElement('img');
  img.src = src;
  img.width = width;
  img.height = height;
  Object.defineProperties(img, { complete: { value: true }, naturalWidth: { value: width }, naturalHeight: { value: height } });
  return img;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

let ctx: InstanceType<typeof ContentContext>;
let asked: AnalyzeRequest[];
let view: InstanceType<typeof OverlayView>;
let scanner: InstanceType<typeof Scanner>;
const bands = () => [...view.layer.querySelectorAll<HTMLElement>('button.badge')].map((b) => b.dataset.band);
const io = () => FakeIntersectionObserver.all.at(-1)!;

beforeEach(() => {
  FakeIntersectionObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  asked = [];
  ctx = new ContentContext();
  view = new OverlayView(ctx, () => undefined);
  const analyze = async (req: AnalyzeRequest): Promise<AnalyzeResponse> => {
    asked.push(req);
    return { ok: true, verdict: { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [], media: { kind: 'image' }, analysedAt: 0 } };
  };
  scanner = new Scanner(ctx, { ...DEFAULT_SETTINGS, showAllBadges: true }, view, analyze);
});
afterEach(() => {
  ctx.abort();
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe('scanner', () => {
  it('asks the engine about a picture once it is visible, once, and badges it', async () => {
    const img = document.body.appendChild(picture('https://cdn.example/a.jpg', 640, 480));
    scanner.start();
    expect(io().targets.has(img)).toBe(true);
    await settle();
    expect(asked).toEqual([]); // not visible yet
    io().show(img);
    io().show(img);
    await settle();
    expect(asked).toEqual([{ kind: 'image', source: { type: 'url', url: 'https://cdn.example/a.jpg' } }]);
    expect(bands()).toEqual(['likely-synthetic']);
    expect(scanner.stats()).toMatchObject({ scanned: 1, flagged: 1 });
  });

  it('finds media added later, and judges too-small ones without the engine', async () => {
    scanner.start();
    const small = document.body.appendChild(picture('https://cdn.example/icon.png', 48, 48));
    await settle(); // the MutationObserver's turn
    io().show(small);
    await settle();
    expect(asked).toEqual([]);
    expect(bands()).toEqual(['not-applicable']);
  });

  it('judges a CSS background handed over by backgrounds.ts in the same queue, and forgets it on request', async () => {
    scanner.start();
    const hero = document.body.appendChild(document.createElement('div'));
    scanner.trackBackground(hero, 'https://cdn.example/hero.jpg');
    scanner.trackBackground(hero, 'https://cdn.example/hero.jpg');
    io().show(hero);
    await settle();
    expect(asked).toEqual([{ kind: 'image', source: { type: 'url', url: 'https://cdn.example/hero.jpg' } }]);
    expect(bands()).toEqual(['likely-synthetic']);
    scanner.forget(hero);
    expect(bands()).toEqual([]);
    expect(io().targets.has(hero)).toBe(false);
  });

  it('asks the same file once for two elements, and gives a slot to visible media before one scrolled away', async () => {
    const held: (() => void)[] = [];
    const urls: string[] = [];
    scanner = new Scanner(ctx, DEFAULT_SETTINGS, view, (req) => {
      urls.push(req.source.type === 'url' ? req.source.url : '');
      return new Promise((resolve) => held.push(() => resolve({ ok: true, verdict: { band: 'no-evidence', reasonKey: 'reasonNothingFound', signals: [], media: { kind: 'image' }, analysedAt: 0 } })));
    });
    const pictures = ['a', 'a', 'b', 'c', 'd', 'e'].map((n) => document.body.appendChild(picture(`https://cdn.example/${n}.jpg`, 640, 480)));
    scanner.start();
    for (const p of pictures) io().show(p);
    await settle();
    expect(urls).toEqual(['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg', 'https://cdn.example/c.jpg']);
    io().show(pictures[4]!, false); // d scrolled away before its turn
    held.shift()!();
    await settle();
    expect(urls.at(-1)).toBe('https://cdn.example/e.jpg');
    expect(scanner.stats()).toMatchObject({ scanned: 2, pending: 3 }); // both elements showing a.jpg have their answer
  });

  it('forgets removed media with their badge, and stops everything on abort', async () => {
    const img = document.body.appendChild(picture('https://cdn.example/b.jpg', 640, 480));
    scanner.start();
    io().show(img);
    await settle();
    expect(bands()).toHaveLength(1);
    img.remove();
    await new Promise((r) => setTimeout(r, 300)); // removals are swept in a batch
    expect(bands()).toEqual([]);
    expect(io().targets.has(img)).toBe(false);
    ctx.abort();
    expect(io().disconnected).toBe(true);
    document.body.appendChild(picture('https://cdn.example/c.jpg', 640, 480));
    await settle();
    expect(io().targets.size).toBe(0); // the MutationObserver is gone too
  });
});
