/** The post around a media element, through the site's adapter: every call guarded, every string bounded; a failure means no post context. */
import { cleanText, httpUrl, MAX_AUTHOR } from './dom';
import { actionFromName } from './label-rules';
import type { PostAction, SiteAdapter } from './site-adapter';

export interface PostContext {
  site: string;
  siteName: string;
  permalink?: string;
  author?: string;
  /** The platform's own AI disclosure, as its (bounded) text. */
  label?: string;
  policyUrl?: string;
}

function guarded<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

export function findPost(adapter: SiteAdapter, media: Element): Element | null {
  return guarded(() => adapter.findPost(media)) ?? null;
}

export function describePost(adapter: SiteAdapter, media: Element): PostContext {
  const post = findPost(adapter, media);
  const policyUrl = guarded(() => httpUrl(typeof adapter.policyUrl === 'string' ? adapter.policyUrl : adapter.policyUrl(location)));
  const base = { site: adapter.id, siteName: adapter.name, policyUrl };
  // Without a post the site's policy link stays useful.
  if (!post) return base;
  const author = guarded(() => adapter.author(post));
  const label = guarded(() => adapter.platformLabel(post));
  return { ...base, permalink: httpUrl(guarded(() => adapter.permalink(post, media))), author: cleanText(author, MAX_AUTHOR), label: cleanText(label) };
}

/** Buttons whose names say what they do; the adapter's selectors come first. */
const BUTTONISH = 'button, [role="button"], a, [data-testid]';

/** The post and action when a click (its composed path, target first) hit a reshare/like control. */
export function actionOfClick(adapter: SiteAdapter, path: readonly EventTarget[]): { post: Element; action: PostAction; control: Element } | undefined {
  return guarded(() => {
    const els = path.filter((n): n is Element => n instanceof Element).slice(0, 24);
    for (let i = 0; i < els.length; i++) {
      const el = els[i]!;
      let action: PostAction | undefined;
      for (const rule of adapter.actions ?? []) if (el.matches(rule.selector)) action ??= rule.action;
      if (!action && el.matches(BUTTONISH)) {
        const svgName = el.querySelector(':scope > svg[aria-label], :scope > div > svg[aria-label]')?.getAttribute('aria-label');
        action = actionFromName(el.getAttribute('aria-label')) ?? actionFromName(el.getAttribute('title')) ?? actionFromName(svgName);
      }
      if (!action) continue;
      const post = adapter.findPost(el);
      if (post) return { post, action, control: el };
    }
    return undefined;
  });
}
