/**
 * TikTok. Relies on:
 * - `[data-e2e="recommend-list-item-container"]` (For You feed item) or
 *   `[data-e2e="browse-video"]`'s page container / `[data-e2e="detail-video"]` (video page);
 * - permalink: `a[href*="/video/"]` inside the item, else the address bar on a video page;
 * - author: `[data-e2e="video-author-uniqueid"]` / `[data-e2e="browse-username"]`;
 * - the AI label: "AI-generated", "Creator labeled as AI-generated" (`[data-e2e*="aigc"]` or text);
 * - buttons: `[data-e2e="like-icon" | "browse-like-icon" | "share-icon" | "video-share-icon"]`.
 */
import { findLabel, hrefAt, httpUrl, textAt } from './dom';
import { TIKTOK_AI_LABEL } from './label-rules';
import { registerSite } from './registry';

registerSite({
  id: 'tiktok',
  name: 'TikTok',
  hosts: ['tiktok.com'],
  policyUrl: 'https://support.tiktok.com/en/using-tiktok/creating-videos/ai-generated-content',
  findPost(media) {
    return media.closest('[data-e2e="recommend-list-item-container"], [data-e2e="detail-video-container"], article') ?? media.closest('[data-e2e="browse-video"]')?.parentElement ?? null;
  },
  permalink(post) {
    return hrefAt(post, 'a[href*="/video/"]') ?? (/\/video\/\d+/.test(location.pathname) ? httpUrl(location.pathname, location.origin) : undefined);
  },
  author(post) {
    return textAt(post, '[data-e2e="video-author-uniqueid"], [data-e2e="browse-username"], a[href^="/@"]');
  },
  platformLabel(post) {
    return findLabel(post, '[data-e2e*="aigc"], [data-e2e*="ai-label"], span, div, p', TIKTOK_AI_LABEL, 120);
  },
  actions: [
    { selector: '[data-e2e="like-icon"], [data-e2e="browse-like-icon"]', action: 'like' },
    { selector: '[data-e2e="share-icon"], [data-e2e="video-share-icon"], [data-e2e="browse-share-icon"]', action: 'share' },
  ],
});
