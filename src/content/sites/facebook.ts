/**
 * Facebook. Relies on:
 * - posts: `[role="article"]` / `[aria-posinset]` (feed units; the 2025 feed has only the
 *   latter); a story tile or a profile/photo grid tile is a link to its own page
 *   (`/stories/<id>/…`, `/photo`, `/reel/`, `/videos/`, `/watch`) and is its own post; the photo
 *   viewer is a `[role="dialog"]` / `[aria-modal]` whose permalink is the address bar;
 * - permalink, by priority: the tile's link; in a post `/posts/`, `/permalink/`, `story_fbid=`,
 *   `/videos/`, `/reel/`, `/watch`, then the medium's own `/photo` link, then any `/photo` link
 *   (the timestamp link is often an obfuscated `/?__cft__…` until hovered); tracking parameters
 *   (`__cft__[0]`, `__tn__`, `bucket_count`, `source`…) are removed;
 * - author: `[data-ad-rendering-role="profile_name"] a`, the first `h2`/`h3`/`h4`/`strong` link;
 *   for a tile, the name under it (its avatar's alt or its text);
 * - Meta's "AI info" label (older: "Made with AI"), a short text or button in the post header;
 * - buttons named by aria-label ("Like", "Share", "J’aime", "Partager": generic rules).
 */
import { cleanText, enclosingLink, findLabel, firstHref, firstText, MAX_AUTHOR, withoutTracking } from './dom';
import { META_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

/** Query parameters that identify a photo, story or video; everything else is tracking. */
const KEEP = ['fbid', 'set', 'story_fbid', 'id', 'v', 'multi_permalinks'];
const POST_LINKS = ['a[href*="/posts/"]', 'a[href*="/permalink/"]', 'a[href*="story_fbid="]', 'a[href*="/videos/"]', 'a[href*="/reel/"]', 'a[href*="/watch"]'];
const PHOTO_LINK = 'a[href*="/photo"]';

/** A link to a page of its own: a story, a photo, a reel or a video (not "create a story"). */
function ownPage(u: URL): boolean {
  return (
    (/\/stories\/\d+\//.test(u.pathname) || /\/(photo|photos|reel|videos|watch)\b/.test(u.pathname) || u.searchParams.has('fbid') || u.searchParams.has('story_fbid')) &&
    !/\/stories\/create/.test(u.pathname)
  );
}

const isViewer = (post: Element) => post.matches('[role="dialog"], [aria-modal="true"]');
const isTile = (post: Element) => post.tagName === 'A' && !!post.getAttribute('href');

registerSite({
  id: 'facebook',
  name: 'Facebook',
  hosts: ['facebook.com', 'fb.com'],
  policyUrl: 'https://transparency.meta.com/policies/community-standards/manipulated-media/',
  findPost(media) {
    const unit = media.closest('[role="article"], [aria-posinset]');
    if (unit) return unit;
    // Stories tray, profile and photo grids: no article, the tile links to the medium's own page.
    const tile = enclosingLink(media, ownPage, 8);
    return tile?.link ?? media.closest('[role="dialog"], [aria-modal="true"]');
  },
  permalink(post, media) {
    if (isTile(post)) return withoutTracking(post.getAttribute('href'), KEEP);
    if (isViewer(post)) return withoutTracking(location.href, KEEP);
    const own = firstHref(post, POST_LINKS);
    if (own) return withoutTracking(own.href, KEEP);
    const photo = enclosingLink(media, ownPage);
    if (photo && post.contains(photo.link)) return withoutTracking(photo.url.href, KEEP);
    const any = firstHref(post, [PHOTO_LINK], ownPage);
    return any ? withoutTracking(any.href, KEEP) : undefined;
  },
  author(post) {
    if (isTile(post)) {
      const alt = [...post.querySelectorAll('img[alt]')].map((i) => cleanText(i.getAttribute('alt'), MAX_AUTHOR)).find(Boolean);
      return alt ?? cleanText(post.textContent, MAX_AUTHOR);
    }
    return firstText(post, ['[data-ad-rendering-role="profile_name"] a', 'h2 a', 'h3 a', 'h4 a', 'strong a']);
  },
  platformLabel(post) {
    return findLabel(post, 'span, a, [role="button"]', META_AI_LABEL, 40);
  },
});
