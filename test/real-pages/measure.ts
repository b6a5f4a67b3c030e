/**
 * Runs the site adapters on a real capture, the way the content script does: `adapterFor` the
 * page's host, then `findPost` / `describePost` for every medium a person would see.
 */
import { adapterFor, describePost } from '../../src/content/sites/index';
import { findPost } from '../../src/content/sites/post-context';
import { type Capture, loadCapture } from './captures';
import { digest, expectationsFor, type PageExpectations } from './expectations';
import { mediaIn, PAGE_CHROME, type Skip, skipReason } from './visible-media';

export interface MediumResult {
  /** Index among the capture's `img, video` elements (stable: the file does not change). */
  index: number;
  el: Element;
  /** `<tag> …end of src`, for listings (read while the page is loaded). */
  label: string;
  /** Why a person would not see it as a medium worth judging; undefined when it counts. */
  skip?: Skip;
  /** Hand-checked: this medium belongs to no post (sidebar, chat, the page's own chrome). */
  outside?: string;
  /** Hand-checked: its post has no permalink anywhere in the markup (see expectations). */
  noPermalinkInMarkup?: boolean;
  /**
   * The post the adapter found holds no permalink-shaped link or id at all (e.g. a promoted post
   * linking only to the advertiser): left out of the permalink figure, like the hand-checked ones.
   */
  unlinkable?: boolean;
  postFound: boolean;
  /** The post element the adapter found (to tell posts apart). */
  post?: Element;
  permalink?: string;
  /** The same permalink was given to media of 2 other posts or more: it cannot be this post's own. */
  sharedPermalink?: boolean;
  author?: string;
}

export interface CaptureReport {
  capture: Capture;
  site?: string;
  expectations?: PageExpectations;
  /** Media a person would see. */
  counted: number;
  /** Of those, the ones that belong to a post (or are their own post: tiles, stories). */
  inPosts: number;
  post: number;
  /** Media in posts whose markup holds a permalink (the permalink figure's denominator). */
  linkable: number;
  /** Of those, media with a permalink of their own (one that no other post was given). */
  permalink: number;
  /** Media whose permalink was also given to 2 other posts or more (e.g. the address bar for a whole feed). */
  sharedPermalinks: number;
  author: number;
  skipped: Partial<Record<Skip, number>>;
  media: MediumResult[];
  /** Hand-checked samples (expectations.ts): how many, and what was wrong with the others. */
  samples: number;
  sampleFailures: string[];
  samplesWrong: number;
}

/** Links and ids that would give a post its own address, on any of the sites. */
const PERMALINK_SHAPED = [
  'a[href*="/status/"]',
  'a[href*="/p/"]',
  'a[href*="/reel/"]',
  'a[href*="/video/"]',
  'a[href*="/feed/update/"]',
  'a[href*="-activity-"]',
  'a[href*="facebook.com/"][href*="/posts/"]',
  'a[href*="/permalink"]',
  'a[href*="story_fbid"]',
  'a[href*="fbid="]',
  'a[href*="/stories/"]',
  'a[href*="/photo"]',
  'a[href*="/videos/"]',
  'a[href*="/comments/"]',
  'a[href*="watch?v="]',
  'a[href*="/shorts/"]',
  'a[href*="/post/"]',
  '[permalink]',
  '[data-permalink]',
  '[data-urn*="urn:li:activity"]',
  '[id^="xgwrapper-"]',
  '[data-e2e="browse-video-link"]',
].join(', ');

/** Whether the post the adapter found holds anything a permalink could come from (or is such a link). */
function hasPermalinkInMarkup(post: Element): boolean {
  return post.matches(PERMALINK_SHAPED) || !!post.querySelector(PERMALINK_SHAPED);
}

/** Inline scripts holding TikTok's embedded item state (`ItemModule`), with `\u002F` read as `/`. */
function stateTexts(doc: Document): string[] {
  return [...doc.querySelectorAll('script:not([src])')]
    .map((s) => s.textContent ?? '')
    .filter((t) => t.includes('ItemModule'))
    .map((t) => t.replace(/\\u002F/gi, '/'));
}

/**
 * Whether one of the post's poster or video URLs appears as an item's cover or play address in
 * the page's embedded state (which then holds the item's id): a permalink source outside the
 * markup. Checked by plain text search, independently of the adapter's parser.
 */
function inPageState(post: Element, states: readonly string[]): boolean {
  const urls = [...post.querySelectorAll('img[src], video')].flatMap((el) => [el.getAttribute('src'), el.getAttribute('poster')]);
  const pathOf = (u: string | null) => {
    try {
      return new URL(u ?? '').pathname;
    } catch {
      return '';
    }
  };
  const paths = urls.map(pathOf).filter((p) => p.length > 16);
  return paths.some((p) =>
    states.some((t) => {
      for (let i = t.indexOf(p); i >= 0; i = t.indexOf(p, i + 1)) if (/(cover|playAddr|downloadAddr)["']?\s*:\s*["'][^"']*$/i.test(t.slice(Math.max(0, i - 300), i))) return true;
      return false;
    }),
  );
}

/** What is wrong with the hand-checked samples and the "no permalink in the markup" claim. */
function checkExpectations(e: PageExpectations | undefined, media: readonly MediumResult[], doc: Document): { failures: string[]; samplesWrong: number } {
  const failures: string[] = [];
  let samplesWrong = 0;
  for (const s of e?.samples ?? []) {
    const before = failures.length;
    const el = doc.querySelector(s.media);
    const m = media.find((x) => x.el === el);
    if (!m) {
      failures.push(`${s.what}: no medium matches ${s.media}`);
      samplesWrong++;
      continue;
    }
    if (m.skip) failures.push(`${s.what}: not counted (${m.skip})`);
    if (s.permalink === null ? m.permalink !== undefined : !m.permalink || digest(m.permalink) !== s.permalink) failures.push(`${s.what}: permalink ${m.permalink ?? 'none'} is not the expected one`);
    if (!m.author || digest(m.author) !== s.author) failures.push(`${s.what}: author ${m.author ?? 'none'} is not the expected one`);
    if (failures.length > before) samplesWrong++;
  }
  if (e?.noPermalinkInMarkup) {
    // The exception holds only while the page really has nothing to build a permalink from.
    const posts = [...doc.querySelectorAll(e.noPermalinkInMarkup.postSelector)];
    if (!posts.length) failures.push(`noPermalinkInMarkup: no post matches ${e.noPermalinkInMarkup.postSelector}`);
    const shaped = posts.flatMap((p) => [...p.querySelectorAll(PERMALINK_SHAPED)]);
    if (shaped.length) failures.push(`noPermalinkInMarkup no longer true: ${shaped.length} permalink-shaped links or ids in the posts`);
    const states = stateTexts(doc);
    const inState = posts.filter((p) => inPageState(p, states));
    if (inState.length) failures.push(`noPermalinkInMarkup no longer true: the page state holds the ids of ${inState.length} of the posts`);
  }
  return { failures, samplesWrong };
}

/**
 * Loads the capture, measures it and calls `inspect` (hand-checked samples) while the page is
 * still loaded; returns the figures.
 */
export async function measureCapture(capture: Capture, inspect?: (report: CaptureReport, doc: Document) => void): Promise<CaptureReport> {
  const page = loadCapture(capture);
  try {
    const doc = page.document;
    const win = page.window as unknown as Window;
    const expectations = expectationsFor(capture.name);
    const adapter = adapterFor(location.hostname, doc);
    const outside = new Map<Element, string>();
    const unlinkedPosts = expectations?.noPermalinkInMarkup ? [...doc.querySelectorAll(expectations.noPermalinkInMarkup.postSelector)] : [];
    const inUnlinkedPost = (el: Element) => unlinkedPosts.some((p) => p.contains(el));
    for (const o of expectations?.outsidePosts ?? []) for (const el of doc.querySelectorAll(o.selector)) outside.set(el, o.why);
    const states = stateTexts(doc);
    const media: MediumResult[] = mediaIn(doc).map((el, index) => {
      const skip = skipReason(el, win);
      const label = `<${el.tagName.toLowerCase()}> …${(el.getAttribute('src') ?? el.getAttribute('poster') ?? '').slice(-36)}`;
      const chrome = el.closest(PAGE_CHROME) ? 'page chrome (banner, navigation, sidebar)' : undefined;
      const base = { index, el, label, skip, outside: outside.get(el) ?? chrome, noPermalinkInMarkup: inUnlinkedPost(el) };
      if (skip || !adapter) return { ...base, postFound: false };
      const ctx = describePost(adapter, el);
      const post = findPost(adapter, el) ?? undefined;
      const viewer = !!post && post.matches('[role="dialog"], [aria-modal="true"]');
      return { ...base, postFound: !!post, post, unlinkable: !!post && !viewer && !hasPermalinkInMarkup(post) && !inPageState(post, states), permalink: ctx?.permalink, author: ctx?.author };
    });
    markSharedPermalinks(media);
    const seen = media.filter((m) => !m.skip);
    const inPosts = seen.filter((m) => !m.outside);
    const skipped: Partial<Record<Skip, number>> = {};
    for (const m of media) if (m.skip) skipped[m.skip] = (skipped[m.skip] ?? 0) + 1;
    const report: CaptureReport = {
      capture,
      site: adapter?.id,
      expectations,
      counted: seen.length,
      inPosts: inPosts.length,
      post: inPosts.filter((m) => m.postFound).length,
      linkable: inPosts.filter((m) => !m.noPermalinkInMarkup && !m.unlinkable).length,
      permalink: inPosts.filter((m) => !m.noPermalinkInMarkup && !m.unlinkable && m.permalink && !m.sharedPermalink).length,
      sharedPermalinks: inPosts.filter((m) => m.sharedPermalink).length,
      author: inPosts.filter((m) => m.author).length,
      skipped,
      media,
      samples: expectations?.samples.length ?? 0,
      ...(({ failures, samplesWrong }) => ({ sampleFailures: failures, samplesWrong }))(checkExpectations(expectations, media, doc)),
    };
    inspect?.(report, doc);
    return report;
  } finally {
    await page.close();
  }
}

/**
 * A permalink given to media of three or more different posts is not their own (the address bar
 * handed to a whole feed). Two is allowed: a post can show twice, as a grid tile and in its dialog.
 */
function markSharedPermalinks(media: MediumResult[]) {
  const posts = new Map<string, Set<Element>>();
  for (const m of media) if (m.permalink && m.post) posts.set(m.permalink, (posts.get(m.permalink) ?? new Set()).add(m.post));
  for (const m of media) if (m.permalink && (posts.get(m.permalink)?.size ?? 0) > 2) m.sharedPermalink = true;
}

export const percent = (n: number, of: number) => (of ? Math.round((100 * n) / of) : 0);

export function tableOf(reports: readonly CaptureReport[]): string {
  const rows = [
    '| capture | site | media seen | in posts | post found | own permalink (of posts whose markup has one) | author | permalink shared by 3+ posts | hand-checked samples right | not counted |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of reports) {
    const skipped = Object.entries(r.skipped)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const cell = (n: number, of = r.inPosts) => `${percent(n, of)} % (${n}/${of})`;
    rows.push(
      `| ${r.capture.name} | ${r.site ?? 'none'} | ${r.counted} | ${r.inPosts} | ${cell(r.post)} | ${r.linkable ? cell(r.permalink, r.linkable) : 'not in markup'} | ${cell(r.author)} | ${r.sharedPermalinks} | ${r.samples ? `${r.samples - r.samplesWrong}/${r.samples}` : '-'} | ${skipped} |`,
    );
  }
  return rows.join('\n');
}
