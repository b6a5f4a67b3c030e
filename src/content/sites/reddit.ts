/**
 * Reddit (new "shreddit" and old Reddit). Relies on:
 * - `shreddit-post`: one post, whose attributes carry `permalink`, `author` and `post-title`; its
 *   action buttons live in its open shadow root (`button[upvote]`, `shreddit-post-share-button`),
 *   so clicks are read from the composed path; media are slotted light-DOM children;
 * - old Reddit: `div.thing[data-permalink][data-author]`;
 * - a flair (`shreddit-post-flair`, `flair-text`, `.linkflairlabel`) that says the media is AI
 *   (Reddit has no platform AI label; subreddits use flairs).
 */
import { closestAcross, findLabel, httpUrl } from './dom';
import { GENERIC_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'reddit',
  name: 'Reddit',
  hosts: ['reddit.com'],
  policyUrl: 'https://support.reddithelp.com/hc/en-us/articles/360043075032',
  findPost(media) {
    // Buttons sit in shreddit-post's shadow root: climb out of it.
    return closestAcross(media, 'shreddit-post, div.thing[data-permalink]');
  },
  permalink(post) {
    return httpUrl(post.getAttribute('permalink') ?? post.getAttribute('data-permalink'), 'https://www.reddit.com/');
  },
  author(post) {
    const a = post.getAttribute('author') ?? post.getAttribute('data-author');
    return a ? `u/${a}` : undefined;
  },
  platformLabel(post) {
    return findLabel(post, 'shreddit-post-flair, flair-text, .flair-content, .linkflairlabel, [slot="post-flair"] *', GENERIC_AI_LABEL, 60);
  },
  actions: [
    { selector: 'button[upvote], .arrow.up', action: 'like' },
    { selector: 'shreddit-post-share-button, button[aria-label="Share"], .post-sharing-button', action: 'share' },
    { selector: 'button[aria-label="Crosspost"]', action: 'repost' },
  ],
});
