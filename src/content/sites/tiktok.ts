/**
 * TikTok (see ./README.md). Relies on: `data-e2e` item containers, tiles linking to
 * `/@user/video/<id>`, the viewer around its player (`xgwrapper-<n>-<video id>`), the page state
 * (tiktok-state.ts) for items without a video link, the "AI-generated" label, `data-e2e` icons.
 */
import { cleanText, enclosingLink, findLabel, firstText, httpUrl, MAX_AUTHOR, parseHttpUrl } from './dom';
import { TIKTOK_AI_LABEL } from './label-rules';
import { registerSite } from './registry';
import { stateItemFor } from './tiktok-state';

const POST = '[data-e2e="recommend-list-item-container"], [data-e2e="user-post-item"], [data-e2e="detail-video-container"], article';
const VIDEO_PATH = /^\/@([\w.-]{1,64})\/video\/(\d{6,25})/;

/** `<origin>/@user/video/<id>` from a link or copied text (this site's own), without its query. */
function videoUrl(href: string | null | undefined): string | undefined {
  const u = parseHttpUrl(href);
  if (!u) return undefined;
  const m = VIDEO_PATH.exec(u.pathname);
  const ownSite = u.origin === location.origin || /(^|\.)tiktok\.com$/.test(u.hostname);
  return m && ownSite ? `${u.origin}/@${m[1]}/video/${m[2]}` : undefined;
}

const PLAYER = '[data-e2e="browse-video"], [id^="xgwrapper-"]';

/** The viewer (over the feed, or the video page): the nearest block around the player (or the poster beside it) with the author line. */
function viewerOf(media: Element): Element | null {
  const parent = media.parentElement;
  const player = media.closest(PLAYER) ?? (parent?.querySelector(`:scope > :is(${PLAYER}), :scope > div > :is(${PLAYER})`) ? parent : null);
  let n: Element | null = player;
  for (let i = 0; n && i < 12; i++, n = n.parentElement) if (n.querySelector('[data-e2e="browse-username"], [data-e2e="video-author-uniqueid"]')) return n;
  return null;
}

/** The hrefs of the post itself (a tile) and of its links to a video page. */
const videoLinks = (post: Element) => [post, ...post.querySelectorAll('a[href*="/video/"]')].flatMap((a) => (a.tagName === 'A' ? [a.getAttribute('href')] : []));

function authorOf(post: Element): string | undefined {
  const named = firstText(post, ['[data-e2e="video-author-uniqueid"]', '[data-e2e="browse-username"]']);
  if (named) return named.replace(/^@/, '');
  for (const href of videoLinks(post)) {
    const m = VIDEO_PATH.exec(parseHttpUrl(href)?.pathname ?? '');
    if (m) return m[1];
  }
  for (const a of post.querySelectorAll('a[href^="/@"], a[href*="tiktok.com/@"]')) {
    const text = cleanText(a.textContent, MAX_AUTHOR);
    if (text) return text.replace(/^@/, '');
  }
  return undefined;
}

registerSite({
  id: 'tiktok',
  name: 'TikTok',
  hosts: ['tiktok.com'],
  policyUrl: 'https://support.tiktok.com/en/using-tiktok/creating-videos/ai-generated-content',
  // A tile (search results, grids) links to its own video page.
  findPost: (media) => media.closest(POST) ?? enclosingLink(media, (u) => VIDEO_PATH.test(u.pathname), 6)?.link ?? viewerOf(media),
  permalink(post) {
    const handle = authorOf(post);
    const wrapper = /^xgwrapper-\d+-(\d{6,25})$/.exec(post.querySelector('[id^="xgwrapper-"]')?.id ?? '');
    if (wrapper && handle) return httpUrl(`/@${encodeURIComponent(handle)}/video/${wrapper[1]}`, location.origin);
    const linked =
      videoLinks(post)
        .map((href) => videoUrl(href))
        .find(Boolean) ?? videoUrl(post.querySelector('[data-e2e="browse-video-link"]')?.textContent?.trim());
    if (linked) return linked;
    const isViewer = (!post.matches(POST) && post.tagName !== 'A') || post.matches('[data-e2e="detail-video-container"]');
    if (isViewer) return videoUrl(location.href);
    const item = stateItemFor(post, handle);
    return item ? httpUrl(`/@${item.author}/video/${item.id}`, location.origin) : undefined;
  },
  author: authorOf,
  platformLabel: (post) => findLabel(post, '[data-e2e*="aigc"], [data-e2e*="ai-label"], span, div, p', TIKTOK_AI_LABEL, 120),
  actions: [
    { selector: '[data-e2e="like-icon"], [data-e2e="browse-like-icon"]', action: 'like' },
    { selector: '[data-e2e="share-icon"], [data-e2e="video-share-icon"], [data-e2e="browse-share-icon"]', action: 'share' },
  ],
});
