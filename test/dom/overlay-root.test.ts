// @vitest-environment happy-dom
/**
 * src/content/overlay/overlay-root.ts and overlay-view.ts in a DOM (happy-dom): one host element
 * mounted on <html>, put back when a page removes it, and gone with every badge when the content
 * context aborts (the site turned off, the extension reloaded); one positioned box per media.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test' }, i18n: { getMessage: (k: string) => k, getUILanguage: () => 'en' } } }));

const { ContentContext } = await import('../../src/content/context');
const { OverlayRoot } = await import('../../src/content/overlay/overlay-root');
const { OverlayView } = await import('../../src/content/overlay/overlay-view');

const hosts = () => [...document.documentElement.children].filter((e): e is HTMLElement => e.tagName.toLowerCase().startsWith('dfr-'));
const settle = () => new Promise((r) => setTimeout(r, 0));

let ctx: InstanceType<typeof ContentContext>;
afterEach(() => {
  ctx?.abort();
  document.body.replaceChildren();
});

describe('overlay root', () => {
  it('mounts one host with a closed shadow root and removes it on abort', () => {
    ctx = new ContentContext();
    const root = new OverlayRoot(ctx);
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]!.shadowRoot).toBeNull(); // closed: the page cannot reach in
    expect(root.root.contains(root.layer)).toBe(true);
    ctx.abort();
    expect(hosts()).toHaveLength(0);
  });

  it('puts itself back when the page removes it or adds attributes, again and again, and stops after abort', async () => {
    ctx = new ContentContext();
    new OverlayRoot(ctx);
    const host = hosts()[0]!;
    // A repair must not trigger the next one: browsers read '0' back as '0px', and comparing with
    // the written value once made each repair restyle, retrigger itself and use up the budget.
    for (let i = 0; i < 3; i++) {
      host.remove();
      await settle();
      expect(hosts()).toEqual([host]);
      host.setAttribute('hidden', '');
      host.style.setProperty('display', 'none', 'important');
      await settle();
      expect(host.hasAttribute('hidden')).toBe(false);
      expect(host.style.getPropertyValue('display')).toBe('block');
    }
    ctx.abort();
    document.documentElement.append(host);
    host.setAttribute('hidden', '');
    await settle();
    expect(host.hasAttribute('hidden')).toBe(true); // no watcher left behind
    host.remove();
  });
});

describe('overlay view', () => {
  it('shows a badge per media element, hides "no evidence" unless asked, and clears on abort', () => {
    ctx = new ContentContext();
    const view = new OverlayView(ctx, () => undefined);
    const a = document.body.appendChild(document.createElement('img'));
    const b = document.body.appendChild(document.createElement('img'));
    view.set(a, { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [] });
    view.set(b, { band: 'no-evidence', reasonKey: 'reasonNothingFound', signals: [] });
    view.setVisible(a, true);
    view.setVisible(b, true);
    const badges = () => [...view.layer.querySelectorAll<HTMLButtonElement>('button.badge')];
    expect(badges()).toHaveLength(2);
    expect(badges().map((x) => x.hidden)).toEqual([false, true]);
    view.apply({ showAllBadges: true, badgePosition: 'bottom-left' });
    expect(badges().map((x) => x.hidden)).toEqual([false, false]);
    expect(view.layer.dataset.corner).toBe('bottom-left');
    view.set(b, undefined);
    expect(badges()).toHaveLength(1);
    ctx.abort();
    expect(hosts()).toHaveLength(0);
  });

  it('keeps each badge in one box per media element, positioned over the media in one frame', async () => {
    ctx = new ContentContext();
    const view = new OverlayView(ctx, () => undefined);
    const img = document.body.appendChild(document.createElement('img'));
    img.getBoundingClientRect = () => ({ left: 10, top: -20, right: 210, bottom: 130, width: 200, height: 150, x: 10, y: -20, toJSON: () => ({}) });
    view.set(img, { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [] });
    const box = view.layer.querySelector<HTMLElement>('.box')!;
    expect(box.querySelector('button.badge')).not.toBeNull();
    expect(box.hidden).toBe(true); // not near the viewport yet
    view.setVisible(img, true);
    await new Promise((r) => requestAnimationFrame(r));
    expect(box.hidden).toBe(false);
    expect([box.style.left, box.style.top, box.style.width, box.style.height]).toEqual(['10px', '-20px', '200px', '150px']);
    expect(box.style.getPropertyValue('--above')).toBe('20px'); // the badge's CSS keeps it inside the viewport
  });
});
