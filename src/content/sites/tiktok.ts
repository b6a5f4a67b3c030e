/**
 * TikTok. Relies on:
 * - posts: `[data-e2e="recommend-list-item-container"]` (For You item),
 *   `[data-e2e="user-post-item"]` (profile grid tile), `[data-e2e="detail-video-container"]`, a
 *   tile linking to `/@user/video/<id>` (search results), and the video viewer or video page: the
 *   block around the player (`[data-e2e="browse-video"]`, `[id^="xgwrapper-"]`; the poster sits
 *   beside it) that holds `[data-e2e="browse-username"]`;
 * - permalink, by priority: the player's `id="xgwrapper-<n>-<video id>"` with the author,
 *   a link `/@user/video/<id>` in the post, the viewer's copy-link text
 *   (`[data-e2e="browse-video-link"]`), the address bar only for the viewer on a `/video/` page.
 *   and last the page's embedded state (`SIGI_STATE`'s `ItemModule`, read as text in
 *   tiktok-state.ts), matched by poster / video URL or description: For You items (2022 markup)
 *   link only to `/@user`, `/tag/`, `/music/`, the state holds their ids;
 * - author, by priority: `[data-e2e="video-author-uniqueid"]`, `[data-e2e="browse-username"]`,
 *   the handle in a `/@user/video/` link, a non-empty `/@user` link (the avatar link is empty);
 * - the AI label: "AI-generated", "Creator labeled as AI-generated" (`[data-e2e*="aigc"]` or text);
 * - buttons: `[data-e2e="like-icon" | "browse-like-icon" | "share-icon" | "video-share-icon"]`.
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

/**
 * The viewer (a video opened over the feed, or the video page): from the player (or the poster
 * beside it), the nearest block that also holds the author line.
 */
function viewerOf(media: Element): Element | null {
  const parent = media.parentElement;
  const player = media.closest(PLAYER) ?? (parent?.querySelector(`:scope > :is(${PLAYER}), :scope > div > :is(${PLAYER})`) ? parent : null);
  let n: Element | null = player;
  for (let i = 0; n && i < 12; i++, n = n.parentElement) if (n.querySelector('[data-e2e="browse-username"], [data-e2e="video-author-uniqueid"]')) return n;
  return null;
}

/** A tile (search results, grids) that links to its own video page. */
function tileOf(media: Element): Element | undefined {
  return enclosingLink(media, (u) => VIDEO_PATH.test(u.pathname), 6)?.link;
}

function authorOf(post: Element): string | undefined {
  const named = firstText(post, ['[data-e2e="video-author-uniqueid"]', '[data-e2e="browse-username"]']);
  if (named) return named.replace(/^@/, '');
  for (const a of [post, ...post.querySelectorAll('a[href*="/video/"]')]) {
    if (a.tagName !== 'A') continue;
    const m = VIDEO_PATH.exec(parseHttpUrl(a.getAttribute('href'))?.pathname ?? '');
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
  findPost(media) {
    return media.closest(POST) ?? tileOf(media) ?? viewerOf(media);
  },
  permalink(post) {
    const handle = authorOf(post);
    const wrapper = /^xgwrapper-\d+-(\d{6,25})$/.exec(post.querySelector('[id^="xgwrapper-"]')?.id ?? '');
    if (wrapper && handle) return httpUrl(`/@${encodeURIComponent(handle)}/video/${wrapper[1]}`, location.origin);
    for (const a of [post, ...post.querySelectorAll('a[href*="/video/"]')]) {
      const url = a.tagName === 'A' ? videoUrl(a.getAttribute('href')) : undefined;
      if (url) return url;
    }
    const copied = videoUrl(post.querySelector('[data-e2e="browse-video-link"]')?.textContent?.trim());
    if (copied) return copied;
    const isViewer = (!post.matches(POST) && post.tagName !== 'A') || post.matches('[data-e2e="detail-video-container"]');
    if (isViewer) return videoUrl(location.href);
    const item = stateItemFor(post, handle);
    return item ? httpUrl(`/@${item.author}/video/${item.id}`, location.origin) : undefined;
  },
  author: authorOf,
  platformLabel(post) {
    return findLabel(post, '[data-e2e*="aigc"], [data-e2e*="ai-label"], span, div, p', TIKTOK_AI_LABEL, 120);
  },
  actions: [
    { selector: '[data-e2e="like-icon"], [data-e2e="browse-like-icon"]', action: 'like' },
    { selector: '[data-e2e="share-icon"], [data-e2e="video-share-icon"], [data-e2e="browse-share-icon"]', action: 'share' },
  ],
});
