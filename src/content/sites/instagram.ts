/** Instagram (./README.md). Relies on: `/p/` and `/reel/` tiles, `article`, the `time` link, the header's username link, Meta's "AI info" label. */
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
  return [...post.querySelectorAll(TILE)].flatMap((a) => postLink(a.getAttribute('href')) ?? []);
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
    const timed = [...post.querySelectorAll('time')].map((t) => postLink(t.closest('a')?.getAttribute('href'))).find((l) => l && !l.sub);
    if (timed) return timed.canonical;
    const links = postLinks(post);
    const here = postLink(location.href);
    if (here && links.some((l) => l.canonical === here.canonical)) return here.canonical;
    return links.find((l) => !l.sub)?.canonical;
  },
  author(post) {
    if (isTile(post)) return postLink(post.getAttribute('href'))?.user;
    // The first header link is the avatar's, empty.
    for (const a of post.querySelectorAll('header a[href]')) {
      if (postLink(a.getAttribute('href'))) continue;
      const name = cleanText(a.textContent, MAX_AUTHOR);
      if (name) return name;
    }
    return postLinks(post).find((l) => l.user)?.user;
  },
  platformLabel: (post) => findLabel(post, 'header span, header a, header [role="button"], span', META_AI_LABEL, 40),
});
