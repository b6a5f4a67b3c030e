/**
 * Instagram. Relies on:
 * - posts: `article` (feed post; the post dialog is `div[role=dialog] > article`); a grid tile
 *   (profile, explore, `/reels/`) is a link `a[href*="/p/"|"/reel/"]` around the picture and is its
 *   own post; a post page without article falls back to `[role="dialog"]`;
 * - permalink, by priority: the tile's own link; in a post, the `/p/CODE/` link around a `time`
 *   that is not a comment's (`/p/CODE/c/ID/`), the address bar's code when the post links to it,
 *   any post link; always cut to `/p/CODE/` (or `/reel/CODE/`), user prefix and query dropped;
 * - author: the header's first username link with text (the first `header a` is the empty avatar
 *   link), else the user in a tile's `/<user>/p/CODE/` link;
 * - Meta's "AI info" label, a short text in the header under the username;
 * - buttons: `svg[aria-label="Like" | "Share" | "Share Post" | "J’aime" | "Partager"]` inside a
 *   `[role="button"]` (the generic rules read the svg's aria-label).
 */
import { cleanText, findLabel, MAX_AUTHOR, parseHttpUrl } from './dom';
import { META_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

const TILE = 'a[href*="/p/"], a[href*="/reel/"], a[href*="/tv/"]';
/** `/<user>/p/CODE/…`: [1] user (optional), [2] kind, [3] code, [4] what follows (comment…). */
const POST_PATH = /^\/(?:([\w.]{1,30})\/)?(p|reel|tv)\/([\w-]{5,64})\/?(.*)$/;

interface PostLink {
  user?: string;
  canonical: string;
  /** Points at a comment, the likers, etc., not at the post itself. */
  sub: boolean;
}

function postLink(href: string | null | undefined): PostLink | undefined {
  const u = parseHttpUrl(href);
  const m = u && POST_PATH.exec(u.pathname);
  if (!m) return undefined;
  return { user: m[1], canonical: `${u.origin}/${m[2] === 'tv' ? 'p' : m[2]}/${m[3]}/`, sub: !!m[4] };
}

function postLinks(post: Element): PostLink[] {
  return [...post.querySelectorAll(TILE)].map((a) => postLink(a.getAttribute('href'))).filter((l): l is PostLink => !!l);
}

const isTile = (el: Element) => el.matches(TILE) && !!postLink(el.getAttribute('href'));

registerSite({
  id: 'instagram',
  name: 'Instagram',
  hosts: ['instagram.com'],
  policyUrl: 'https://help.instagram.com/761121959519495',
  findPost(media) {
    const tile = media.closest(TILE);
    if (tile && isTile(tile)) return tile;
    return media.closest('article') ?? media.closest('[role="dialog"]');
  },
  permalink(post) {
    if (isTile(post)) return postLink(post.getAttribute('href'))?.canonical;
    const links = postLinks(post).filter((l) => !l.sub);
    const timed = [...post.querySelectorAll('time')].map((t) => postLink(t.closest('a')?.getAttribute('href'))).find((l) => l && !l.sub);
    if (timed) return timed.canonical;
    const here = postLink(location.href);
    if (here && postLinks(post).some((l) => l.canonical === here.canonical)) return here.canonical;
    return links[0]?.canonical;
  },
  author(post) {
    if (isTile(post)) return postLink(post.getAttribute('href'))?.user;
    for (const a of post.querySelectorAll('header a[href]')) {
      if (postLink(a.getAttribute('href'))) continue;
      const name = cleanText(a.textContent, MAX_AUTHOR);
      if (name) return name;
    }
    return postLinks(post).find((l) => l.user)?.user;
  },
  platformLabel(post) {
    return findLabel(post, 'header span, header a, header [role="button"], span', META_AI_LABEL, 40);
  },
});
