/**
 * Hand-checked expectations per capture, read from the markup by a person (not from the adapters'
 * output). The captures hold real people's names, which must not enter the repository, so expected
 * permalinks and authors are stored as digests (`digest()` below) and compared as digests.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../unit/helpers/shared-data';

export interface Sample {
  /** Selects the medium (by its file name in `src`, never by a person's name). */
  media: string;
  /** What it is, in words without names. */
  what: string;
  /** Digest of the post's own canonical permalink; null where the markup holds none (then none must be given). */
  permalink: string | null;
  /** Digest of the author as shown. */
  author: string;
}

export interface PageExpectations {
  /** Media a person sees that belong to no post, with the reason. */
  outsidePosts?: { selector: string; why: string }[];
  /**
   * Posts whose markup holds no permalink at all (checked by the test: no permalink-shaped link or
   * id inside them). Their media leave the permalink figure's denominator and must get none.
   */
  noPermalinkInMarkup?: { postSelector: string; why: string };
  samples: Sample[];
}

export const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

const PAGES: Record<string, PageExpectations> = {
  'x/twitter-group-home.html': {
    samples: [
      { media: 'img[src*="GdZluhsWcAAbYOA"]', what: 'photo of a post', permalink: 'f4afa9ef5fb37e0b', author: 'b1f66453547ac756' },
      { media: 'img[src*="Gdc_T87aYAA9gGq"]', what: 'photo of a quoted post (the quoted post is its post)', permalink: '65d7e984e5473ebe', author: '53f4b839f0ccd216' },
      { media: 'img[src*="GdXAxW_XEAAMcBi"]', what: 'photo of another quoted post', permalink: 'ecc9de979d5f03de', author: 'b8e3a7b86f0c10f8' },
      { media: 'img[src*="GdaSUa1XsAAsRyd"]', what: 'card image of a promoted post (its first status link ends in /analytics)', permalink: '9ed5cc51c9ad8b2b', author: '32d023f9f4be0187' },
    ],
  },
  'facebook/protfolio-home-feed.html': {
    outsidePosts: [{ selector: '[role="grid"] img', why: 'a photo in an open Messenger chat' }],
    samples: [
      {
        media: 'img[src*="486057044_657567043527696"]',
        what: "a page's photo post in the feed (no [role=article]; the timestamp link is hidden, the photo page is its permalink)",
        permalink: 'b7dac02b27d4c248',
        author: 'f21ab0f4d4fa1899',
      },
      { media: 'img[src*="486163397_3716180045192794"]', what: 'story tile (its own post: the story page)', permalink: 'f8b73321a2278c75', author: '1c407b974a968408' },
      { media: 'img[src*="486134581_1178141413760826"]', what: 'another story tile', permalink: '20d30e113a8980f6', author: '669c974efd6d9f80' },
    ],
  },
  'instagram/portfolio-post.html': {
    samples: [
      { media: 'img[src*="476166254_18357616483130134"]', what: 'first picture of the carousel in the post dialog', permalink: '14c50a538f2c040e', author: '565e276db384aa79' },
      { media: 'img[src*="476379932_18357616498130134"]', what: 'third picture of the same carousel', permalink: '14c50a538f2c040e', author: '565e276db384aa79' },
      { media: 'img[src*="440943616_1154296505885423"]', what: 'profile grid tile (its own post)', permalink: '6d76345cc6d8f875', author: '565e276db384aa79' },
    ],
  },
  'linkedin/sravan-feed-2026.html': {
    noPermalinkInMarkup: {
      postSelector: '[data-testid="mainFeed"] [role="listitem"]',
      why: 'the 2026 feed carries no activity URN or /feed/update/ link; a post link exists only behind its "Copy link" menu',
    },
    samples: [
      { media: 'img[src$="1777136164778"]', what: "a person's image post", permalink: null, author: '4cff8471b4661ceb' },
      { media: 'img[src*="DBA_ModernizingAppsAndData"]', what: "a company's promoted post (connections who follow it are named first)", permalink: null, author: '9b480cc1f9f0e31c' },
      { media: 'video[src*="453dfb6a"]', what: "a company's video post", permalink: null, author: '2fbd2ce9f12f76f1' },
      { media: 'img[src$="1777565902516"]', what: 'an image post shown because someone else reacted to it', permalink: null, author: '563bb913699eebe4' },
    ],
  },
  'tiktok/tk-foryou.html': {
    // For You items (2022) link only to /@user, /tag/ and /music/; their ids are in the page state
    // (window['SIGI_STATE'].ItemModule), whose cover / playAddr are the items' poster and video URLs.
    samples: [
      { media: 'img[src*="9819649a831c459cab505134239281bc"]', what: 'poster of a feed item (the state item whose cover is this poster)', permalink: 'b876aee1c99e680b', author: '38c72cbaf4982bd7' },
      { media: '[data-e2e="feed-video"] video', what: "the playing feed item (the state item whose playAddr is this video's src)", permalink: 'd22cf78d0f9ae56e', author: '4cab942448964fb5' },
    ],
  },
  'tiktok/tk-video-2.html': {
    noPermalinkInMarkup: { postSelector: '[data-e2e="recommend-list-item-container"]', why: 'the For You items under the open viewer link only to /@user, /tag/ and /music/' },
    samples: [
      { media: '[id^="xgwrapper-"] video', what: 'the video open in the viewer (id in xgwrapper-…-<id>)', permalink: 'e74af9118377bdda', author: 'f77cce2a85b0f7e2' },
      { media: 'img[src*="f75c5f64247e47ffb23302d5e1dc4a66"]', what: "a feed item under the viewer (must not take the viewer's address)", permalink: null, author: '793c24c308dc8476' },
    ],
  },
  'youtube/yttrex-watch-004fdc.html': {
    outsidePosts: [{ selector: 'ytd-app > #thumbnail-container img', why: "the inline-preview's empty thumbnail holder, outside any video card" }],
    samples: [
      { media: 'ytd-watch-flexy video', what: 'the watch page player', permalink: 'da3668f107eefd6e', author: 'ca966f2e9e420ec0' },
      { media: 'img[src*="/vi/NriQqhp7yFA/"]', what: 'a sidebar thumbnail (channel name without a link)', permalink: 'f41f8456c4fe1c5e', author: 'ca966f2e9e420ec0' },
    ],
  },
};

/**
 * Captures kept in the git-ignored test/real-pages-local/ may have their own hand-made notes in
 * `test/real-pages-local/expectations.json` (same shape: `outsidePosts`, `noPermalinkInMarkup`,
 * `samples` with digests), so nothing about them enters the repository.
 */
function localPages(): Record<string, PageExpectations> {
  const file = path.join(REPO_ROOT, 'test/real-pages-local/expectations.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, PageExpectations>) : {};
}

export function expectationsFor(name: string): PageExpectations | undefined {
  return PAGES[name] ?? localPages()[name];
}
