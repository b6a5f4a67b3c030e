/**
 * LinkedIn (see ./README.md). Relies on: before 2026 `.feed-shared-update-v2` / `data-urn`; the 2026
 * feed's `[role="listitem"]` (hashed classes; no address outside its "Copy link" menu, so none given);
 * actor titles or "… post by <name>" control labels; the Content Credentials ("CR") pin; buttons.
 */
import { cleanText, findLabel, firstHref, firstText, httpUrl, MAX_AUTHOR } from './dom';
import { LINKEDIN_CR_LABEL } from './label-rules';
import { registerSite } from './registry';

const URN = /^urn:li:(activity|share|ugcPost):\d{5,25}$/;
/** "Open control menu for post by Ada Lovelace", "Hide post by Ada Lovelace" (EN); FR "… publication de …". */
const POST_BY = /\b(?:post by|publication de)\s+(.+)$/i;

/** The first names in a 2026 post may be connections who reacted; its controls name the author. */
function authorFromControls(post: Element): string | undefined {
  for (const el of post.querySelectorAll('[aria-label]')) {
    const m = POST_BY.exec(el.getAttribute('aria-label') ?? '');
    const name = m && cleanText(m[1], MAX_AUTHOR);
    if (name) return name;
  }
  return undefined;
}

registerSite({
  id: 'linkedin',
  name: 'LinkedIn',
  hosts: ['linkedin.com'],
  policyUrl: 'https://www.linkedin.com/help/linkedin/answer/a6237171',
  findPost: (media) =>
    media.closest('.feed-shared-update-v2, [data-urn^="urn:li:activity:"], [data-id^="urn:li:activity:"]') ??
    media.closest('[data-testid="mainFeed"] [role="listitem"]') ??
    media.closest('[role="listitem"][componentkey*="FeedType"]'),
  permalink(post) {
    const urn = post.getAttribute('data-urn') ?? post.getAttribute('data-id') ?? post.querySelector('[data-urn^="urn:li:activity:"]')?.getAttribute('data-urn');
    if (urn && URN.test(urn)) return httpUrl(`https://www.linkedin.com/feed/update/${urn}/`);
    const link = firstHref(
      post,
      ['a[href*="/feed/update/urn:li:"]', 'a[href*="-activity-"]'],
      (u) => /^\/feed\/update\/urn:li:(activity|share|ugcPost):\d{5,25}\/?$/.test(u.pathname) || /^\/posts\/[^/]+-activity-\d{5,25}-/.test(u.pathname),
    );
    if (!link) return undefined;
    link.search = '';
    return link.href;
  },
  author: (post) =>
    firstText(post, ['.update-components-actor__title span[aria-hidden="true"]', '.update-components-actor__name span[aria-hidden="true"]', '.update-components-actor__name']) ??
    authorFromControls(post) ??
    firstText(post, ['a[href*="/in/"]', 'a[href*="/company/"]']) ??
    // Promoted units (a LinkedIn Learning course) name their sender only by a logo.
    cleanText(/^(.+?) logo$/i.exec(post.querySelector('[aria-label$=" logo" i]')?.getAttribute('aria-label') ?? '')?.[1], MAX_AUTHOR),
  platformLabel: (post) => findLabel(post, '[class*="content-credentials"], button[aria-label], [role="button"][aria-label], span', LINKEDIN_CR_LABEL, 80),
  actions: [
    { selector: '.reactions-react-button button, button.react-button__trigger', action: 'like' },
    { selector: '.social-reshare-button, button[aria-label*="Repost" i]', action: 'repost' },
    { selector: '.send-privately-button', action: 'share' },
  ],
});
