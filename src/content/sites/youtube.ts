/**
 * YouTube (see ./README.md). Relies on: the watch page (`ytd-watch-flexy`), Shorts, thumbnails
 * (`ytd-*-renderer`, `yt-lockup-view-model`, the hover preview), `ytd-channel-name` or channel links,
 * the "Altered or synthetic content" disclosure, like/share buttons.
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
  author: (post) => firstText(post, AUTHOR),
  // The short text first (the disclosure's title), the whole disclosure section as a fallback.
  platformLabel: (post) =>
    findLabel(post, 'yt-formatted-string, span', YOUTUBE_AI_LABEL, 80) ??
    findLabel(post, 'ytd-how-this-was-made-section-view-model, ytd-info-panel-content-renderer, .ytp-disclosure, div', YOUTUBE_AI_LABEL, 200),
  actions: [
    { selector: 'like-button-view-model button, #like-button button, ytd-toggle-button-renderer#like-button', action: 'like' },
    { selector: '#share-button button, ytd-button-renderer#share-button, button[aria-label="Share"]', action: 'share' },
  ],
});
