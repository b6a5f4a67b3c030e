/**
 * X / Twitter (see ./README.md). Relies on: `article[data-testid="tweet"]` (a quoted post inside is a
 * `div[role="link"]` with its own `User-Name`), status links, the `@handle`, AI community notes, the
 * manipulated-media label; the photo lightbox (`[aria-modal]`) takes the address bar.
 */
import { cleanText, enclosingLink, findLabel, httpUrl, parseHttpUrl, spacedText, textAt } from './dom';
import { noteMentionsAi, X_MEDIA_LABEL } from './label-rules';
import { registerSite } from './registry';

const STATUS = /^(\/[A-Za-z0-9_]{1,15}\/status\/\d{1,25})/;

/** `https://host/<user>/status/<id>` from any status link (photo, analytics, quotes…). */
function statusUrl(href: string | null | undefined): string | undefined {
  const u = parseHttpUrl(href);
  const m = u && STATUS.exec(u.pathname);
  return m ? `${u.origin}${m[1]}` : undefined;
}

const isStatus = (u: URL) => STATUS.test(u.pathname);

registerSite({
  id: 'x',
  name: 'X',
  hosts: ['x.com', 'twitter.com'],
  policyUrl: 'https://help.x.com/en/rules-and-policies/manipulated-media',
  findPost(media) {
    const article = media.closest('article[data-testid="tweet"], article[role="article"]');
    if (!article) return media.closest('[aria-modal="true"], [role="dialog"]');
    const quoted = media.closest('div[role="link"]');
    return quoted && article.contains(quoted) && quoted.querySelector('[data-testid="User-Name"]') ? quoted : article;
  },
  permalink(post, media) {
    if (post.matches('[aria-modal="true"], [role="dialog"]')) {
      const m = STATUS.exec(location.pathname);
      return m ? httpUrl(m[1], location.origin) : undefined;
    }
    // The medium's own `/photo/<n>` link first: right for quoted posts.
    const own = enclosingLink(media, isStatus);
    if (own && post.contains(own.link)) return statusUrl(own.url.href);
    const time = post.querySelector('a[href*="/status/"] time')?.closest('a');
    return statusUrl(time?.getAttribute('href')) ?? statusUrl(post.querySelector('a[href*="/status/"]')?.getAttribute('href'));
  },
  author(post) {
    const name = post.querySelector('[data-testid="User-Name"]');
    const handle = [...(name?.querySelectorAll('span') ?? [])].map((s) => s.textContent ?? '').find((t) => /^@\w{1,15}$/.test(t.trim()));
    return cleanText(handle) ?? textAt(post, '[data-testid="User-Name"]');
  },
  platformLabel(post) {
    const note = spacedText(post.querySelector('[data-testid="birdwatch-pivot"]'), 400);
    if (note && noteMentionsAi(note)) return note;
    const policyLink = post.querySelector('a[href*="manipulated-media"]');
    if (policyLink) return cleanText(policyLink.textContent) ?? 'Manipulated media';
    return findLabel(post, 'a, span', X_MEDIA_LABEL, 60);
  },
  actions: [
    { selector: '[data-testid="retweet"], [data-testid="unretweet"]', action: 'repost' },
    { selector: '[data-testid="like"]', action: 'like' },
    { selector: '[data-testid="share"], [aria-label="Share post"]', action: 'share' },
  ],
});
