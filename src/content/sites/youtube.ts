/**
 * YouTube: the watch page, Shorts and thumbnails. Relies on:
 * - watch page: `ytd-watch-flexy` (player + metadata); permalink `watch?v=ID` from the address
 *   bar; author `ytd-video-owner-renderer ytd-channel-name a` / `#owner #channel-name a`;
 * - Shorts: `ytd-reel-video-renderer` (one short); permalink `/shorts/ID` from the address bar
 *   or its `a[href*="/shorts/"]`; author `ytd-channel-name a` / `.ytReelChannelBarViewModelChannelName a`;
 * - thumbnails: `ytd-rich-item-renderer`, `ytd-video-renderer`, `ytd-compact-video-renderer`,
 *   `ytd-grid-video-renderer`, `ytd-reel-item-renderer`, `yt-lockup-view-model`, and the
 *   hover preview player `ytd-video-preview` (its `a#media-container-link`); permalink
 *   `a#thumbnail[href]` / the first `a[href*="watch?v="]`, kept to `?v=` (no `&pp=` tracking);
 *   author `ytd-channel-name`'s text (`#text`: sidebar cards show the name without a link), or a
 *   channel link (`/@handle`, `/channel/…`, `/c/…`);
 * - the disclosure "Altered or synthetic content": `ytd-how-this-was-made-section-view-model`
 *   in the description, or a player / Shorts overlay text;
 * - buttons: `like-button-view-model button`, `#like-button button`, `#share-button button`, and
 *   aria-labels ("like this video", "Share").
 */
import { findLabel, firstText, hrefAt, httpUrl, withoutTracking } from './dom';
import { YOUTUBE_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

const THUMB = 'ytd-rich-item-renderer, ytd-video-renderer, ytd-compact-video-renderer, ytd-grid-video-renderer, ytd-reel-item-renderer, yt-lockup-view-model, ytd-video-preview';

/** Channel name, by priority: the watch page's owner, then a card's channel line, then links. */
const AUTHOR = [
  'ytd-video-owner-renderer ytd-channel-name a',
  '#owner #channel-name a',
  'ytd-channel-name a',
  'ytd-channel-name #text',
  '.ytReelChannelBarViewModelChannelName a',
  '#channel-name #text',
  'a[href^="/@"]:not(#avatar-link)',
  'a[href*="youtube.com/@"]:not(#avatar-link)',
  'a[href^="/channel/"]:not(#avatar-link)',
  'a[href^="/c/"]:not(#avatar-link)',
  'a[href*="youtube.com/channel/"]:not(#avatar-link)',
];

function videoUrl(): string | undefined {
  const v = new URLSearchParams(location.search).get('v');
  if (location.pathname === '/watch' && v && /^[\w-]{6,20}$/.test(v)) return `${location.origin}/watch?v=${v}`;
  const short = /^\/shorts\/([\w-]{6,20})/.exec(location.pathname);
  return short ? `${location.origin}/shorts/${short[1]}` : undefined;
}

registerSite({
  id: 'youtube',
  name: 'YouTube',
  hosts: ['youtube.com', 'youtube-nocookie.com'],
  policyUrl: 'https://support.google.com/youtube/answer/14328491',
  findPost(media) {
    // The watch page's post is #primary (player, owner, buttons, description), not the whole
    // ytd-watch-flexy: its #secondary column holds other videos' thumbnails.
    return media.closest(`${THUMB}, ytd-reel-video-renderer`) ?? media.closest('ytd-watch-flexy #primary, ytd-watch-flexy');
  },
  permalink(post) {
    // Only the video id: thumbnails add tracking such as `&pp=…`.
    if (post.matches(THUMB)) return withoutTracking(hrefAt(post, 'a#thumbnail[href], a#media-container-link[href], a[href*="watch?v="], a[href*="/shorts/"]'), ['v']);
    if (post.matches('ytd-reel-video-renderer')) return hrefAt(post, 'a[href*="/shorts/"]') ?? videoUrl();
    return videoUrl() ?? httpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  },
  author(post) {
    return firstText(post, AUTHOR);
  },
  platformLabel(post) {
    // The short text first (the disclosure's title), the whole disclosure section as a fallback.
    return (
      findLabel(post, 'yt-formatted-string, span', YOUTUBE_AI_LABEL, 80) ??
      findLabel(post, 'ytd-how-this-was-made-section-view-model, ytd-info-panel-content-renderer, .ytp-disclosure, div', YOUTUBE_AI_LABEL, 200)
    );
  },
  actions: [
    { selector: 'like-button-view-model button, #like-button button, ytd-toggle-button-renderer#like-button', action: 'like' },
    { selector: '#share-button button, ytd-button-renderer#share-button, button[aria-label="Share"]', action: 'share' },
  ],
});
