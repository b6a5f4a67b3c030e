/**
 * Threads. Relies on:
 * - `[data-pressable-container="true"]`: one post (feed and thread view);
 * - permalink: `a[href*="/post/"]` (`/@user/post/CODE`, the post's time link);
 * - author: `a[href^="/@"]` (its text is the username);
 * - Meta's "AI info" label next to the username;
 * - buttons: `svg[aria-label="Like" | "Repost" | "Share"]` inside `[role="button"]` (generic rules).
 */
import { findLabel, hrefAt, textAt } from './dom';
import { META_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'threads',
  name: 'Threads',
  hosts: ['threads.net', 'threads.com'],
  policyUrl: 'https://help.instagram.com/761121959519495',
  findPost(media) {
    return media.closest('[data-pressable-container="true"]') ?? media.closest('[role="dialog"]');
  },
  permalink(post) {
    return hrefAt(post, 'a[href*="/post/"]');
  },
  author(post) {
    return textAt(post, 'a[href^="/@"]:not([href*="/post/"])');
  },
  platformLabel(post) {
    return findLabel(post, 'span, a, [role="button"]', META_AI_LABEL, 40);
  },
});
