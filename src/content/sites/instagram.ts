/**
 * Instagram. Relies on:
 * - `article`: one post in the feed; a post page or the modal viewer is `[role="dialog"]` / `main`;
 * - permalinks: links to `/p/CODE/` or `/reel/CODE/` (the post's time link);
 * - author: `header a[href^="/"]` (the username link);
 * - Meta's "AI info" label, a short text in the header under the username;
 * - buttons: `svg[aria-label="Like" | "Share" | "Share Post" | "J’aime" | "Partager"]` inside a
 *   `[role="button"]` (the generic rules read the svg's aria-label).
 */
import { findLabel, hrefAt, httpUrl, textAt } from './dom';
import { META_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'instagram',
  name: 'Instagram',
  hosts: ['instagram.com'],
  policyUrl: 'https://help.instagram.com/761121959519495',
  findPost(media) {
    return media.closest('article') ?? media.closest('[role="dialog"]');
  },
  permalink(post) {
    const time = post.querySelector('a[href*="/p/"] time, a[href*="/reel/"] time')?.closest('a');
    return httpUrl(time?.getAttribute('href')) ?? hrefAt(post, 'a[href*="/p/"], a[href*="/reel/"]');
  },
  author(post) {
    return textAt(post, 'header a[href^="/"]:not([href*="/p/"])');
  },
  platformLabel(post) {
    return findLabel(post, 'header span, header a, header [role="button"], span', META_AI_LABEL, 40);
  },
});
