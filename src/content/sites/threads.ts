/** Threads. Relies on: `[data-pressable-container="true"]`, its `/post/` and `/@user` links, Meta's "AI info" label, `svg[aria-label]` buttons. */
import { findLabel, hrefAt, textAt } from './dom';
import { META_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'threads',
  name: 'Threads',
  hosts: ['threads.net', 'threads.com'],
  policyUrl: 'https://help.instagram.com/761121959519495',
  findPost: (media) => media.closest('[data-pressable-container="true"]') ?? media.closest('[role="dialog"]'),
  permalink: (post) => hrefAt(post, 'a[href*="/post/"]'),
  author: (post) => textAt(post, 'a[href^="/@"]:not([href*="/post/"])'),
  platformLabel: (post) => findLabel(post, 'span, a, [role="button"]', META_AI_LABEL, 40),
});
