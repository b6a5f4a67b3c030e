/**
 * Threads. Relies on: `[data-pressable-container="true"]` (a post), its `/post/` time link, its
 * `/@user` link, Meta's "AI info" label, `svg[aria-label]` buttons (generic rules).
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
