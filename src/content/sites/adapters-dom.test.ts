/**
 * Shapes from the live sites that the real captures (test/real-pages) do not hold, on small DOMs
 * in happy-dom: TikTok profile grid tiles and feed items carrying the video id in the player's
 * id, a LinkedIn 2026 post that does carry its /feed/update/ link, Facebook tracking parameters.
 */
import { Window } from 'happy-dom';
import { afterEach, describe, expect, test } from 'vitest';
import { adapterFor, describePost } from './index';

let win: Window | undefined;
const g = globalThis as Record<string, unknown>;
const saved = new Map(['document', 'location', 'Element', 'ShadowRoot', 'NodeFilter'].map((k) => [k, g[k]]));

function page(url: string, html: string) {
  win = new Window({ url });
  win.document.body.innerHTML = html;
  for (const k of saved.keys()) g[k] = (win as unknown as Record<string, unknown>)[k];
  const doc = win.document as unknown as Document;
  const adapter = adapterFor(win.location.hostname, doc)!;
  return (selector: string) => describePost(adapter, doc.querySelector(selector)!);
}

afterEach(async () => {
  for (const [k, v] of saved) g[k] = v;
  await win?.happyDOM.close();
});

describe('site adapters on shapes the captures lack', () => {
  test('TikTok profile grid: the tile links to its video; the author is in the link', () => {
    const post = page(
      'https://www.tiktok.com/@ana.cooks',
      `
      <div data-e2e="user-post-item"><a href="https://www.tiktok.com/@ana.cooks/video/7300000000000000123?is_from_webapp=1"><img id="m" src="p.jpg"></a></div>`,
    );
    expect(post('#m')).toMatchObject({ permalink: 'https://www.tiktok.com/@ana.cooks/video/7300000000000000123', author: 'ana.cooks' });
  });

  test('TikTok feed item: the video id in xgwrapper-…-<id>, the author from video-author-uniqueid (not the empty avatar link)', () => {
    const post = page(
      'https://www.tiktok.com/foryou',
      `
      <div data-e2e="recommend-list-item-container">
        <a data-e2e="video-author-avatar" href="/@ben.films"><img src="a.jpg"></a>
        <a href="/@ben.films"><h3 data-e2e="video-author-uniqueid">ben.films</h3></a>
        <div id="xgwrapper-0-7300000000000000456"><video id="m" src="v.mp4"></video></div>
      </div>`,
    );
    expect(post('#m')).toMatchObject({ permalink: 'https://www.tiktok.com/@ben.films/video/7300000000000000456', author: 'ben.films' });
  });

  test('TikTok feed item without any id: no permalink rather than the address bar', () => {
    const post = page(
      'https://www.tiktok.com/@someone/video/7300000000000000789',
      `
      <div data-e2e="recommend-list-item-container"><a href="/@cara"><h3 data-e2e="video-author-uniqueid">cara</h3></a><img id="m" src="p.jpg"></div>`,
    );
    expect(post('#m')?.permalink).toBeUndefined();
    expect(post('#m')?.author).toBe('cara');
  });

  test('TikTok For You item with only /@user links: the id from the page state (JSON), matched by its poster', () => {
    // As the live page ships it: strict JSON, with "/" written \u002F inside URLs.
    const item = (id: string, author: string, cover: string) =>
      `"${id}":{"id":"${id}","desc":"clip","video":{"id":"${id}","cover":"https:\\u002F\\u002Fcdn.example\\u002Fobj\\u002F${cover}?x-expires=1"},"author":"${author}"}`;
    const state = `{"AppContext":{},"ItemModule":{${item('7300000000000000111', 'dee.makes', 'cover-aaaaaaaaaaaaaaaa')},${item('7300000000000000222', 'eli_draws', 'cover-bbbbbbbbbbbbbbbb')}}}`;
    const post = page(
      'https://www.tiktok.com/foryou',
      `
      <div data-e2e="recommend-list-item-container"><a href="/@eli_draws"><h3 data-e2e="video-author-uniqueid">eli_draws</h3></a>
        <a href="/tag/art">#art</a><img id="m" src="https://cdn.example/obj/cover-bbbbbbbbbbbbbbbb?x-expires=2"></div>
      <script id="SIGI_STATE" type="application/json">${state}</script>`,
    );
    expect(post('#m')).toMatchObject({ permalink: 'https://www.tiktok.com/@eli_draws/video/7300000000000000222', author: 'eli_draws' });
  });

  test('TikTok page state as a 2022 object literal: matched by a unique description; never against the shown author; DOM ids first', () => {
    const literal = `window['SIGI_STATE'] = { ItemModule: {
      '7300000000000000333': { id: '7300000000000000333', desc: 'sunset #sea', video: { id: '7300000000000000333' }, author: 'fay.sails' },
      '7300000000000000444': { id: '7300000000000000444', desc: 'rain', video: { id: '7300000000000000444' }, author: 'gus' },
      '7300000000000000555': { id: '7300000000000000555', desc: 'bad name', video: {}, author: 'no spaces allowed' },
    } };`;
    const item = (author: string, desc: string, extra = '') => `<div data-e2e="recommend-list-item-container"><h3 data-e2e="video-author-uniqueid">${author}</h3>
      <div data-e2e="video-desc"><span>${desc.split(' ')[0]}</span> <a href="/tag/sea"><strong>${desc.split(' ')[1] ?? ''}</strong></a></div>${extra}<img class="m" src="p.jpg"></div>`;
    const post = page(
      'https://www.tiktok.com/foryou',
      `
      ${item('fay.sails', 'sunset #sea')}${item('hal', 'rain')}${item('no spaces allowed', 'bad name')}
      ${item('gus', 'rain', '<div id="xgwrapper-0-7300000000000000999"></div>')}
      <script id="sigi-persisted-data">${literal}</script>`,
    );
    const [fay, hal, bad, gus] = [1, 2, 3, 4].map((n) => post(`div:nth-of-type(${n}) > .m`));
    expect(fay).toMatchObject({ permalink: 'https://www.tiktok.com/@fay.sails/video/7300000000000000333', author: 'fay.sails' });
    expect(hal?.permalink).toBeUndefined(); // same description, another author
    expect(bad?.permalink).toBeUndefined(); // not a valid username
    expect(gus?.permalink).toBe('https://www.tiktok.com/@gus/video/7300000000000000999');
  });

  test('LinkedIn 2026: a post that links /feed/update/urn:li:activity:… gets it, query dropped', () => {
    const post = page(
      'https://www.linkedin.com/feed/',
      `
      <div data-testid="mainFeed" role="list"><div role="listitem" componentkey="expandedabcFeedType_MAIN_FEED_">
        <button aria-label="Open control menu for post by Dana Reyes"></button>
        <a href="https://www.linkedin.com/in/someone-who-liked/">Someone Who Liked</a>
        <a href="https://www.linkedin.com/feed/update/urn:li:activity:7200000000000000001/?trk=x">3h</a>
        <img id="m" alt="View image" src="i.jpg">
      </div></div>`,
    );
    expect(post('#m')).toMatchObject({ permalink: 'https://www.linkedin.com/feed/update/urn:li:activity:7200000000000000001/', author: 'Dana Reyes' });
  });

  test('Facebook: a /posts/ link wins over the photo link, tracking parameters removed', () => {
    const post = page(
      'https://www.facebook.com/',
      `
      <div aria-posinset="3">
        <h3><a href="https://www.facebook.com/eli.page?__cft__[0]=AZx">Eli Page</a></h3>
        <a href="https://www.facebook.com/eli.page/posts/pfbid0abc?__cft__[0]=AZx&__tn__=%2CO%2CP-R">2h</a>
        <a href="https://www.facebook.com/photo/?fbid=123&set=a.456&__cft__[0]=AZx"><img id="m" src="p.jpg"></a>
      </div>`,
    );
    expect(post('#m')).toMatchObject({ permalink: 'https://www.facebook.com/eli.page/posts/pfbid0abc', author: 'Eli Page' });
  });
});
