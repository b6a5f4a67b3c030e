/**
 * Facebook (see ./README.md). Relies on: `[role="article"]` / `[aria-posinset]`; story and grid tiles
 * that link to the medium's own page; the photo viewer dialog; post or photo links; the profile-name
 * link; Meta's "AI info" label; aria-label buttons (generic rules).
 */
import { cleanText, enclosingLink, findLabel, firstHref, firstText, MAX_AUTHOR, withoutTracking } from './dom';
import { META_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

/** Query parameters that identify a photo, story or video; everything else is tracking. */
const KEEP = ['fbid', 'set', 'story_fbid', 'id', 'v', 'multi_permalinks'];
const POST_LINKS = ['a[href*="/posts/"]', 'a[href*="/permalink/"]', 'a[href*="story_fbid="]', 'a[href*="/videos/"]', 'a[href*="/reel/"]', 'a[href*="/watch"]'];

/** A link to a page of its own: a story, a photo, a reel or a video (not "create a story"). */
function ownPage(u: URL): boolean {
  return (
    (/\/stories\/\d+\//.test(u.pathname) || /\/(photo|photos|reel|videos|watch)\b/.test(u.pathname) || u.searchParams.has('fbid') || u.searchParams.has('story_fbid')) &&
    !/\/stories\/create/.test(u.pathname)
  );
}

const isTile = (post: Element) => post.tagName === 'A' && !!post.getAttribute('href');

registerSite({
  id: 'facebook',
  name: 'Facebook',
  hosts: ['facebook.com', 'fb.com'],
  policyUrl: 'https://transparency.meta.com/policies/community-standards/manipulated-media/',
  findPost(media) {
    const unit = media.closest('[role="article"], [aria-posinset]');
    if (unit) return unit;
    const tile = enclosingLink(media, ownPage, 8);
    return tile?.link ?? media.closest('[role="dialog"], [aria-modal="true"]');
  },
  permalink(post, media) {
    if (isTile(post)) return withoutTracking(post.getAttribute('href'), KEEP);
    if (post.matches('[role="dialog"], [aria-modal="true"]')) return withoutTracking(location.href, KEEP);
    // The timestamp link is an obfuscated `/?__cft__…` until hovered: post links, then the medium's own photo link.
    const photo = enclosingLink(media, ownPage);
    const url = firstHref(post, POST_LINKS) ?? (photo && post.contains(photo.link) ? photo.url : firstHref(post, ['a[href*="/photo"]'], ownPage));
    return withoutTracking(url?.href, KEEP);
  },
  author(post) {
    if (isTile(post)) {
      const alt = [...post.querySelectorAll('img[alt]')].map((i) => cleanText(i.getAttribute('alt'), MAX_AUTHOR)).find(Boolean);
      return alt ?? cleanText(post.textContent, MAX_AUTHOR);
    }
    return firstText(post, ['[data-ad-rendering-role="profile_name"] a', 'h2 a', 'h3 a', 'h4 a', 'strong a']);
  },
  platformLabel: (post) => findLabel(post, 'span, a, [role="button"]', META_AI_LABEL, 40),
});
