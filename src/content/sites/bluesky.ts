/** Bluesky. Relies on: `[data-testid^="feedItem-by-"|"postThreadItem-by-"]` (the suffix is the handle), `/post/` links, labelers' labels. */
import { findLabel, hrefAt } from './dom';
import { GENERIC_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

const POST = '[data-testid^="feedItem-by-"], [data-testid^="postThreadItem-by-"]';

registerSite({
  id: 'bluesky',
  name: 'Bluesky',
  hosts: ['bsky.app'],
  policyUrl: 'https://bsky.social/about/support/community-guidelines',
  findPost: (media) => media.closest(POST),
  permalink: (post) => hrefAt(post, 'a[href*="/post/"]', 'https://bsky.app/'),
  author(post) {
    const id = post.getAttribute('data-testid') ?? '';
    const handle = id.replace(/^(feedItem|postThreadItem)-by-/, '');
    return /^[a-z0-9.-]{1,253}$/i.test(handle) ? `@${handle}` : undefined;
  },
  platformLabel: (post) => findLabel(post, '[data-testid="contentHider-post"] *, [data-testid="labelsOnMe"] *, [aria-label], button, span', GENERIC_AI_LABEL, 60),
  actions: [
    { selector: '[data-testid="repostBtn"]', action: 'repost' },
    { selector: '[data-testid="likeBtn"]', action: 'like' },
    { selector: '[data-testid="postShareBtn"], [data-testid="postDropdownShareBtn"]', action: 'share' },
  ],
});
