// @vitest-environment happy-dom
/**
 * src/content/overlay/overlay-root.ts and overlay-view.ts in a DOM (happy-dom): one host element
 * mounted on <html>, put back when a page removes it, and gone with every badge when the content
 * context aborts (the site turned off, the extension reloaded).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test' }, i18n: { getMessage: (k: string) => k, getUILanguage: () => 'en' } } }));

const { ContentContext } = await import('../../src/content/context');
const { OverlayRoot } = await import('../../src/content/overlay/overlay-root');
const { OverlayView } = await import('../../src/content/overlay/overlay-view');
const { CoverView } = await import('../../src/content/overlay/cover-view');

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
    const layer = (view as unknown as { root: InstanceType<typeof OverlayRoot> }).root.layer;
    const a = document.body.appendChild(document.createElement('img'));
    const b = document.body.appendChild(document.createElement('img'));
    view.set(a, { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [] });
    view.set(b, { band: 'no-evidence', reasonKey: 'reasonNothingFound', signals: [] });
    view.setVisible(a, true);
    view.setVisible(b, true);
    const badges = () => [...layer.querySelectorAll<HTMLButtonElement>('button.badge')];
    expect(badges()).toHaveLength(2);
    expect(badges().map((x) => x.hidden)).toEqual([false, true]);
    view.setShowAll(true);
    expect(badges().map((x) => x.hidden)).toEqual([false, false]);
    view.set(b, undefined);
    expect(badges()).toHaveLength(1);
    ctx.abort();
    expect(hosts()).toHaveLength(0);
  });
});

describe('covers (cover-view)', () => {
  it('covers likely-AI media only, in the chosen mode, until revealed; gone with the context', () => {
    ctx = new ContentContext();
    const view = new CoverView(ctx, () => undefined);
    const covers = () => [...view.layer.querySelectorAll<HTMLElement>('.cover')].map((c) => c.dataset.mode);
    const likely = document.body.appendChild(document.createElement('img'));
    const declared = document.body.appendChild(document.createElement('img'));
    view.set(likely, { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [] });
    view.set(declared, { band: 'declared-ai', reasonKey: 'reasonDeclared', signals: [] });
    expect(covers()).toEqual(['blur']); // a disclosed AI picture is not a deception: badge only
    view.setAction('hide');
    expect(covers()).toEqual(['hide']);
    view.setAction('label');
    expect(covers()).toEqual([]);
    view.setAction('blur');
    view.layer.querySelector<HTMLElement>('.cover')!.click();
    expect(covers()).toEqual([]);
    view.set(likely, { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [] });
    expect(covers()).toEqual([]); // revealed stays revealed
    const other = document.body.appendChild(document.createElement('img'));
    view.set(other, { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [] });
    expect(covers()).toEqual(['blur']);
    ctx.abort();
    expect(hosts()).toHaveLength(0);
  });
});
