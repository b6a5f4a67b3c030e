/**
 * The real-page tier (issue 13): every site adapter on pages people saved from the live sites
 * (../shared/data/pages, plus git-ignored test/real-pages-local/ when present), in happy-dom with
 * `location` at the page's real address. Per capture: the post found for >= 90 % of the media a
 * person sees in posts, the post's own permalink for >= 80 %, the author for >= 80 %, and the
 * hand-checked samples exact. `npm run sites:report` prints the same figures as a table.
 */
import { Window } from 'happy-dom';
import { afterAll, describe, expect, test } from 'vitest';
import { capturesMissing, listCaptures } from '../real-pages/captures';
import { type CaptureReport, measureCapture, percent, tableOf } from '../real-pages/measure';
import { skipReason } from '../real-pages/visible-media';

describe('which media a person would see (the rule the tier counts by)', () => {
  const win = new Window({ url: 'https://www.example.com/feed' });
  const doc = win.document;
  doc.body.innerHTML = `
    <article>
      <a href="/alice"><img id="avatar-link" src="a.jpg"></a>
      <div data-testid="UserAvatar-Container-bob"><div><img id="avatar-testid" src="b.jpg"></div></div>
      <img id="emoji" alt="🔥" src="1f525.png">
      <img id="svg" src="icon.svg">
      <img id="small" width="40" height="40" src="s.jpg">
      <img id="x-normal" src="https://pbs.twimg.com/profile_images/1/abc_normal.jpg">
      <span shape="circle"><img id="round" src="r.jpg"></span>
      <div hidden><img id="hidden" src="h.jpg"></div>
      <a href="/alice/status/1/photo/1"><img id="photo" alt="Image" src="photo.jpg"></a>
      <img id="big" width="500" height="600" src="big.jpg">
      <video id="video" src="v.mp4"></video>
    </article>`;
  const reason = (id: string) => skipReason(doc.getElementById(id) as unknown as Element, win as unknown as globalThis.Window);
  afterAll(() => win.happyDOM.close());

  test.each([
    ['avatar-link', 'avatar'],
    ['avatar-testid', 'avatar'],
    ['emoji', 'icon'],
    ['svg', 'icon'],
    ['small', 'small'],
    ['x-normal', 'small'],
    ['round', 'avatar'],
    ['hidden', 'hidden'],
  ])('%s is not counted (%s)', (id, why) => {
    const g = globalThis as Record<string, unknown>;
    const before = g.location;
    g.location = win.location;
    try {
      expect(reason(id)).toBe(why);
    } finally {
      g.location = before;
    }
  });

  test.each(['photo', 'big', 'video'])('%s counts', (id) => {
    const g = globalThis as Record<string, unknown>;
    const before = g.location;
    g.location = win.location;
    try {
      expect(reason(id)).toBeUndefined();
    } finally {
      g.location = before;
    }
  });
});

const missing = capturesMissing();
const captures = missing ? [] : listCaptures();

describe.skipIf(!!missing || captures.length === 0)('site adapters on real captures', () => {
  const reports: CaptureReport[] = [];
  afterAll(() => console.log(`\nReal-page tier:\n${tableOf(reports)}`));

  for (const capture of captures) {
    test(capture.name, async () => {
      const report = await measureCapture(capture);
      reports.push(report);
      const { inPosts } = report;
      expect(report.site, 'an adapter serves the page').toBeDefined();
      expect(inPosts, 'media in posts').toBeGreaterThan(0);
      expect(percent(report.post, inPosts), `post found (${report.post}/${inPosts})`).toBeGreaterThanOrEqual(90);
      if (report.linkable) expect(percent(report.permalink, report.linkable), `own permalink (${report.permalink}/${report.linkable})`).toBeGreaterThanOrEqual(80);
      expect(report.media.filter((m) => m.noPermalinkInMarkup && m.permalink).length, 'no invented permalinks where the markup has none').toBe(0);
      expect(report.sharedPermalinks, 'a permalink given to several posts').toBe(0);
      expect(percent(report.author, inPosts), `author (${report.author}/${inPosts})`).toBeGreaterThanOrEqual(80);
      expect(report.sampleFailures).toEqual([]);
    });
  }
});
