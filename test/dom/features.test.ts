// @vitest-environment happy-dom
/**
 * src/content/features.ts and its features in a DOM (happy-dom): the settings switch each feature
 * on and off, a change of what it reads restarts it, and turning it off or aborting the content
 * context leaves none of its DOM or listeners behind. Covers (overlay/covers.ts) sit in the media's
 * box of the overlay; the share guard (share-guard.ts) stops a like of a post with flagged media.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { CardModel } from '../../src/content/overlay/card';
import type { SiteAdapter } from '../../src/content/sites/site-adapter';

vi.mock('../../src/shared/browser', () => ({ default: { runtime: { id: 'test' }, i18n: { getMessage: (k: string) => k, getUILanguage: () => 'en' } } }));

const { ContentContext } = await import('../../src/content/context');
const { OverlayView } = await import('../../src/content/overlay/overlay-view');
const { runFeatures } = await import('../../src/content/features');

const adapter: SiteAdapter = {
  id: 'test',
  name: 'Test',
  hosts: [],
  policyUrl: 'https://example.com/policy',
  findPost: (el) => el.closest('article'),
  permalink: () => undefined,
  author: () => undefined,
  platformLabel: () => undefined,
  actions: [{ selector: 'button.like', action: 'like' }],
};
const likely: CardModel = { band: 'likely-synthetic', reasonKey: 'reasonModelStrong', signals: [] };

let ctx: InstanceType<typeof ContentContext>;
let view: InstanceType<typeof OverlayView>;
let apply: (settings: Settings) => void;
const settings = (changes: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...changes });
const covers = () => [...view.layer.querySelectorAll<HTMLElement>('.cover')].map((c) => `${c.parentElement!.className}:${c.dataset.mode}`);
const hosts = () => [...document.documentElement.children].filter((e) => e.localName.startsWith('dfr-'));

beforeEach(() => {
  ctx = new ContentContext();
  view = new OverlayView(ctx, () => undefined);
  apply = runFeatures({ ctx, view, adapter });
});
afterEach(() => {
  ctx.abort();
  document.body.replaceChildren();
});

describe('covers', () => {
  it('cover likely-AI media in their box, in the chosen mode, restart on a change and go with "label only"', () => {
    const img = document.body.appendChild(document.createElement('img'));
    const declared = document.body.appendChild(document.createElement('img'));
    view.set(img, likely);
    view.set(declared, { band: 'declared-ai', reasonKey: 'reasonDeclared', signals: [] });
    expect(covers()).toEqual([]); // nothing runs before the settings are known
    apply(settings());
    expect(covers()).toEqual(['box:blur']); // a disclosed AI picture is not a deception: badge only
    apply(settings({ flaggedAction: 'hide' }));
    expect(covers()).toEqual(['box:hide']);
    apply(settings({ flaggedAction: 'label' }));
    expect(covers()).toEqual([]);
    apply(settings());
    const other = document.body.appendChild(document.createElement('img'));
    view.set(other, likely);
    expect(covers()).toEqual(['box:blur', 'box:blur']);
    view.set(other, undefined);
    expect(covers()).toEqual(['box:blur']);
  });

  it('stay revealed once revealed, across a change of mode, and leave nothing when the context aborts', () => {
    const img = document.body.appendChild(document.createElement('img'));
    apply(settings());
    view.set(img, likely);
    view.layer.querySelector<HTMLElement>('.cover')!.click();
    expect(covers()).toEqual([]);
    view.set(img, likely);
    apply(settings({ flaggedAction: 'hide' }));
    expect(covers()).toEqual([]);
    const other = document.body.appendChild(document.createElement('img'));
    view.set(other, likely);
    expect(covers()).toEqual(['box:hide']);
    ctx.abort();
    expect(covers()).toEqual([]);
    expect(hosts()).toEqual([]);
    apply(settings()); // a late settings change after teardown starts nothing
    expect(covers()).toEqual([]);
  });
});

describe('share guard', () => {
  let liked: number;
  let like: HTMLButtonElement;
  beforeEach(() => {
    liked = 0;
    const post = document.body.appendChild(document.createElement('article'));
    const img = post.appendChild(document.createElement('img'));
    like = post.appendChild(Object.assign(document.createElement('button'), { className: 'like' }));
    like.addEventListener('click', () => liked++);
    view.set(img, likely);
  });
  const warning = () => view.layer.querySelector('.warn');

  it('stops a like of a post with flagged media and shows the warning; "do it anyway" lets it through once', () => {
    apply(settings());
    like.click();
    expect(liked).toBe(0);
    expect(warning()).not.toBeNull();
    view.layer.querySelector<HTMLElement>('[data-warn="confirm"]')!.click();
    expect(liked).toBe(1);
    expect(warning()).toBeNull();
  });

  it('is off when "warn before sharing" is: its open warning closes and its click listener is gone', () => {
    apply(settings());
    like.click();
    expect(warning()).not.toBeNull();
    apply(settings({ warnBeforeSharing: false }));
    expect(warning()).toBeNull();
    like.click();
    expect(liked).toBe(1);
    apply(settings());
    like.click();
    expect(liked).toBe(1);
    ctx.abort();
    like.click();
    expect(liked).toBe(2);
  });

  it('does not run on a site without an adapter', () => {
    runFeatures({ ctx, view })(settings());
    like.click();
    expect(liked).toBe(1);
  });
});
