/**
 * Which media in a capture a person would see at a size worth judging (the scanner's default
 * minimum short side, 96 px). Captures hold no image files and no layout, so the rule reads what
 * the markup says about size and purpose:
 *
 * - hidden: a `[hidden]`, `<template>`/`<noscript>` ancestor, or an inline or computed
 *   `display: none` / `visibility: hidden` on it or an ancestor (YouTube keeps the previous page
 *   in the DOM with `hidden`);
 * - small: a `width`/`height` attribute, inline style, `sizes` value, or computed width/height
 *   from the capture's own style sheets (on it or its 3 nearest ancestors) under 96 px, or a size
 *   under 96 px written in the file's address (X's `_normal`, Google's `=s68`, `/48x48/`);
 * - icon or emoji: an SVG source, an alt text made only of emoji and symbols, or an id / test id
 *   saying award, badge, emoji or icon on it or its 2 nearest ancestors;
 * - avatar or logo: round (`border-radius: 50%`, `shape="circle"`), named so (an `avatar` test id,
 *   `data-e2e` or id within 13 ancestors, a class within 2; an alt or aria-label saying "profile picture",
 *   "profile photo", "View …'s profile", "View company:"), or wrapped by a link to a profile
 *   (`/name`, `/@name`, `/in/name/`, `/company/name/`, `/c/name`, `/channel/id`, `profile.php`);
 * - decorative: inside a `figure[aria-hidden="true"]` (LinkedIn's "people you know" faces).
 *
 * Everything else (`img` and `video`) counts.
 */
export const MIN_SIDE = 96;

export type Skip = 'hidden' | 'small' | 'icon' | 'avatar' | 'decorative';

const px = (v: string | null | undefined): number | undefined => {
  const m = v == null ? null : /^\s*(\d+(?:\.\d+)?)(px)?\s*$/.exec(v);
  return m ? Number(m[1]) : undefined;
};

function styleValue(el: Element, prop: string): string | undefined {
  const style = el.getAttribute('style');
  if (!style) return undefined;
  return new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, 'i').exec(style)?.[1]?.trim();
}

function isHidden(el: Element, win: Window): boolean {
  if (el.closest('[hidden], template, noscript')) return true;
  for (let n: Element | null = el; n; n = n.parentElement) {
    const display = styleValue(n, 'display');
    const visibility = styleValue(n, 'visibility');
    if (display === 'none' || visibility === 'hidden') return true;
  }
  try {
    const cs = win.getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden';
  } catch {
    return false;
  }
}

/**
 * Sizes written in the file's address: X's profile images `_mini` / `_normal` / `_bigger`
 * (24, 48, 73 px), Google's `=s68` / `=s88-…` (YouTube channel avatars), `/100x100/`-style paths.
 */
function sizeInAddress(src: string): number | undefined {
  const x = /_(mini|normal|bigger)\.(?:jpe?g|png|gif|webp)(?:$|\?)/i.exec(src);
  if (x) return { mini: 24, normal: 48, bigger: 73 }[x[1]!.toLowerCase() as 'mini' | 'normal' | 'bigger'];
  const google = /=s(\d{2,4})(?:-|$)/.exec(src);
  if (google) return Number(google[1]);
  const box = /[/_~](\d{2,4})x(\d{2,4})[/._]/.exec(src);
  return box ? Math.min(Number(box[1]), Number(box[2])) : undefined;
}

function isSmall(el: Element, win: Window): boolean {
  const inAddress = sizeInAddress(el.getAttribute('src') ?? '');
  if (inAddress !== undefined && inAddress < MIN_SIDE) return true;
  const declared = [px(el.getAttribute('width')), px(el.getAttribute('height')), px(styleValue(el, 'width')), px(styleValue(el, 'height')), px(el.getAttribute('sizes'))];
  if (declared.some((v) => v !== undefined && v < MIN_SIDE)) return true;
  let n: Element | null = el;
  for (let i = 0; i < 4 && n; i++, n = n.parentElement) {
    try {
      const cs = win.getComputedStyle(n);
      if ([px(cs.width), px(cs.height)].some((v) => v !== undefined && v < MIN_SIDE)) return true;
    } catch {
      return false;
    }
    if (i > 0 && [px(styleValue(n, 'width')), px(styleValue(n, 'height'))].some((v) => v !== undefined && v < MIN_SIDE)) return true;
  }
  return false;
}

// biome-ignore lint/suspicious/noMisleadingCharacterClass: a run of emoji parts with their joiners, not one composed emoji
const EMOJI_ONLY = /^[\p{Extended_Pictographic}\p{Emoji_Component}\p{S}\p{P}\s\u200d\ufe0f]+$/u;

/** Ids and test ids of award badges, emoji and icons (Reddit's `awardItem__…` in `PostAwardBadges`). */
const ICON_NAME = /award|badge|emoji|icon/i;

function isIcon(el: Element): boolean {
  let n: Element | null = el;
  for (let i = 0; i < 3 && n; i++, n = n.parentElement) for (const attr of ['id', 'data-testid']) if (ICON_NAME.test(n.getAttribute(attr) ?? '')) return true;
  const src = el.getAttribute('src') ?? '';
  if (/^data:image\/svg/i.test(src) || /\.svg(?:$|[?#])/i.test(src)) return true;
  const alt = el.getAttribute('alt');
  return !!alt && alt.length <= 16 && EMOJI_ONLY.test(alt) && !/^[~\d\s.,]+$/.test(alt);
}

const AVATAR_NAME = /avatar/i;
const AVATAR_LABEL = /profile (picture|photo)|\bprofile photo\b|^View .+['’]s? profile|^View company:|\bavatar\b|photo de profil/i;
/** A link to a person's or a page's profile, not to a post. */
const PROFILE_PATH = /^\/(?:@?[\w.-]+\/?|in\/[^/]+\/?|company\/[^/]+\/(?:posts\/?)?|c\/[^/]+\/?|channel\/[^/]+\/?|user\/[^/]+\/?|profile\.php)$/;
/** One-segment paths that are pages of the site, not profiles. */
const SITE_PAGE = /^\/(?:feed|home|explore|watch|search|notifications|messages|messaging|reels?|stories|photos?|videos?|games|jobs|mynetwork|foryou|following|live)\/?$/i;

function isAvatar(el: Element): boolean {
  let n: Element | null = el;
  for (let i = 0; i < 14 && n; i++, n = n.parentElement) {
    if (i < 3 && (/50%/.test(styleValue(n, 'border-radius') ?? '') || n.getAttribute('shape') === 'circle')) return true;
    for (const attr of ['data-testid', 'data-e2e', 'id']) if (AVATAR_NAME.test(n.getAttribute(attr) ?? '')) return true;
    if (i < 3 && AVATAR_NAME.test(n.getAttribute('class') ?? '')) return true;
    if (i < 5 && (AVATAR_LABEL.test(n.getAttribute('alt') ?? '') || AVATAR_LABEL.test(n.getAttribute('aria-label') ?? ''))) return true;
  }
  const link = el.closest('a[href]');
  if (link && isAncestorWithin(link, el, 12)) {
    try {
      const u = new URL(link.getAttribute('href')!, location.href);
      if (u.host === location.host && PROFILE_PATH.test(u.pathname) && !SITE_PAGE.test(u.pathname) && u.pathname !== location.pathname) return true;
    } catch {
      /* not a URL: not a profile link */
    }
  }
  return false;
}

function isAncestorWithin(ancestor: Element, el: Element, levels: number): boolean {
  let n: Element | null = el;
  for (let i = 0; i <= levels && n; i++, n = n.parentElement) if (n === ancestor) return true;
  return false;
}

export function skipReason(el: Element, win: Window): Skip | undefined {
  if (isHidden(el, win)) return 'hidden';
  if (isIcon(el)) return 'icon';
  if (isAvatar(el)) return 'avatar';
  if (el.closest('figure[aria-hidden="true"]')) return 'decorative';
  if (isSmall(el, win)) return 'small';
  return undefined;
}

/**
 * Page chrome that holds no posts: banners, navigation, complementary sidebars (trends, who to
 * follow, ads rail). Media there count as seen but not as belonging to a post. (YouTube marks its
 * player container complementary: that one is the post.) The viewer's own "create a story" tile
 * is not a post either.
 */
export const PAGE_CHROME =
  '[role="banner"], [role="navigation"], nav, aside, [data-testid*="sidebar"], [data-testid*="Sidebar"], [role="complementary"]:not([id*="player"]), a[href*="/stories/create"]';

export function mediaIn(doc: Document): Element[] {
  return [...doc.querySelectorAll('img, video')];
}
