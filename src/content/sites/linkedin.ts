/**
 * LinkedIn. Relies on:
 * - `.feed-shared-update-v2` / `[data-urn^="urn:li:activity:"]`: one post; the URN gives the
 *   permalink `https://www.linkedin.com/feed/update/<urn>/`;
 * - author: `.update-components-actor__title span[aria-hidden="true"]` (or `__name`);
 * - the Content Credentials pin ("CR") LinkedIn puts on media with C2PA credentials declaring AI:
 *   a button whose aria-label or text says "Content Credentials" (`.content-credentials-*`);
 * - buttons: `button[aria-label^="React Like"]`, "Repost", "Send" (generic aria-label rules) and
 *   `.reactions-react-button`, `.social-reshare-button`.
 */
import { findLabel, httpUrl, textAt } from './dom';
import { LINKEDIN_CR_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'linkedin',
  name: 'LinkedIn',
  hosts: ['linkedin.com'],
  policyUrl: 'https://www.linkedin.com/help/linkedin/answer/a6237171',
  findPost(media) {
    return media.closest('.feed-shared-update-v2, [data-urn^="urn:li:activity:"], [data-id^="urn:li:activity:"]');
  },
  permalink(post) {
    const urn = post.getAttribute('data-urn') ?? post.getAttribute('data-id') ?? post.querySelector('[data-urn^="urn:li:activity:"]')?.getAttribute('data-urn');
    return urn && /^urn:li:(activity|share|ugcPost):\d{5,25}$/.test(urn) ? httpUrl(`https://www.linkedin.com/feed/update/${urn}/`) : undefined;
  },
  author(post) {
    return textAt(post, '.update-components-actor__title span[aria-hidden="true"], .update-components-actor__name span[aria-hidden="true"], .update-components-actor__name');
  },
  platformLabel(post) {
    return findLabel(post, '[class*="content-credentials"], button[aria-label], [role="button"][aria-label], span', LINKEDIN_CR_LABEL, 80);
  },
  actions: [
    { selector: '.reactions-react-button button, button.react-button__trigger', action: 'like' },
    { selector: '.social-reshare-button, button[aria-label*="Repost" i]', action: 'repost' },
    { selector: '.send-privately-button', action: 'share' },
  ],
});
