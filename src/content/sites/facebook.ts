/**
 * Facebook. Relies on:
 * - `[role="article"]` (feed units, also `[aria-posinset]` in the feed; the photo viewer is a
 *   `[role="dialog"]` / `[aria-modal]` whose permalink is the address bar);
 * - permalinks: links to `/posts/`, `/permalink/`, `story_fbid=`, `/photo`, `/videos/`, `/reel/`;
 * - author: the first `h2`/`h3`/`strong` link, or `[data-ad-rendering-role="profile_name"]`;
 * - Meta's "AI info" label (older: "Made with AI"), a short text or button in the post header;
 * - buttons named by aria-label ("Like", "Share", "J’aime", "Partager": generic rules).
 */
import { findLabel, hrefAt, httpUrl, textAt } from './dom';
import { META_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

const PERMALINK = 'a[href*="/posts/"], a[href*="/permalink/"], a[href*="story_fbid="], a[href*="/photo"], a[href*="/videos/"], a[href*="/reel/"]';

registerSite({
  id: 'facebook',
  name: 'Facebook',
  hosts: ['facebook.com', 'fb.com'],
  policyUrl: 'https://transparency.meta.com/policies/community-standards/manipulated-media/',
  findPost(media) {
    return media.closest('[role="article"], [aria-posinset]') ?? media.closest('[role="dialog"], [aria-modal="true"]');
  },
  permalink(post) {
    if (post.matches('[role="dialog"], [aria-modal="true"]')) return httpUrl(location.href);
    return hrefAt(post, PERMALINK);
  },
  author(post) {
    return textAt(post, '[data-ad-rendering-role="profile_name"] a, h2 a, h3 a, h4 a, strong a');
  },
  platformLabel(post) {
    return findLabel(post, 'span, a, [role="button"]', META_AI_LABEL, 40);
  },
});
