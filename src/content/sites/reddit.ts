/**
 * Reddit (see ./README.md). Relies on: `shreddit-post` (attributes `permalink`, `author`; buttons in
 * its open shadow root), old Reddit's `div.thing`, the 2018–2023 `post-container`, AI flairs (Reddit
 * has no platform label).
 */
import { closestAcross, findLabel, firstHref, httpUrl } from './dom';
import { GENERIC_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

/** `/r/<sub>/comments/<id>/<slug>` (and promoted posts' `/user/<name>/comments/<id>/<slug>`). */
const COMMENTS = /^(\/(?:r|user|u)\/[\w-]{2,32}\/comments\/[a-z0-9]{3,12}(?:\/[^/]*)?)/i;
const USER = /^\/(?:user|u)\/([\w-]{2,32})\/?$/;

registerSite({
  id: 'reddit',
  name: 'Reddit',
  hosts: ['reddit.com'],
  policyUrl: 'https://support.reddithelp.com/hc/en-us/articles/360043075032',
  // Buttons sit in shreddit-post's shadow root: climb out of it.
  findPost: (media) => closestAcross(media, 'shreddit-post, div.thing[data-permalink], [data-testid="post-container"]'),
  permalink(post) {
    const attr = post.getAttribute('permalink') ?? post.getAttribute('data-permalink');
    if (attr) return httpUrl(attr, 'https://www.reddit.com/');
    const link = firstHref(post, ['a[data-click-id="timestamp"]', 'a[data-click-id="comments"]', 'a[href*="/comments/"]'], (u) => COMMENTS.test(u.pathname));
    const path = link && COMMENTS.exec(link.pathname)?.[1];
    return path ? `${link.origin}${path.endsWith('/') ? path : `${path}/`}` : undefined;
  },
  author(post) {
    const a = post.getAttribute('author') ?? post.getAttribute('data-author');
    if (a) return `u/${a}`;
    const user = firstHref(post, ['a[href*="/user/"]'], (u) => USER.test(u.pathname));
    const name = user && USER.exec(user.pathname)?.[1];
    return name ? `u/${name}` : undefined;
  },
  platformLabel: (post) => findLabel(post, 'shreddit-post-flair, flair-text, .flair-content, .linkflairlabel, [slot="post-flair"] *', GENERIC_AI_LABEL, 60),
  actions: [
    { selector: 'button[upvote], .arrow.up', action: 'like' },
    { selector: 'shreddit-post-share-button, button[aria-label="Share"], .post-sharing-button', action: 'share' },
    { selector: 'button[aria-label="Crosspost"]', action: 'repost' },
  ],
});
