/**
 * Video and animated media end to end in Chromium (issue 5). The clips are built at test time by
 * ffmpeg; the e2e build's fixture model scores red ≈ 1 and blue ≈ 0, so a clip's frames decide
 * the outcome: mostly red must be flagged, mostly blue with one red moment must not.
 * Sources: same-origin file, cross-origin file (tainted canvas: the engine samples it), MSE
 * (`blob:`), a pan over a still photo, AI clips from ../shared/data (skipped when absent), and
 * animated GIF / WebP as <img>.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { CHROME_PATH, launchWithExtension, OverlayProbe, type BadgeInfo, type ExtensionBrowser } from './support/chromium';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const skip = !existsSync(CHROME_PATH) ? `Chromium not found at ${CHROME_PATH}` : !hasFfmpeg ? 'ffmpeg not found (apt-get install ffmpeg; scripts/setup.sh installs it)' : false;
const AI_CLIPS = resolve(ROOT, '../shared/data/video/ai-clips');
const PHOTOS = resolve(ROOT, '../shared/data/train/scenes-bsds/real');
/** MP4 files with Content Credentials (c2pa-rs test files). */
const C2PA_VIDEOS = resolve(ROOT, '../shared/data/provenance/c2pa-rs');

let ext: ExtensionBrowser;
let site: StaticServer;
let other: StaticServer;
let gen: string;
let aiClip: string | undefined;

function ffmpeg(...args: string[]) {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${r.stderr}`);
}

/** `base` colour for `seconds`, with `other` colour between `from` and `to` (seconds). */
function colourClip(out: string, base: string, other: string, from: number, to: number, seconds: number, rate = 10) {
  const size = '320x240';
  const input = (c: string) => ['-f', 'lavfi', '-i', `color=c=${c}:s=${size}:r=${rate}:d=${seconds}`];
  const filter = `[0][1]overlay=enable='between(t,${from},${to})',format=yuv420p`;
  const codec = out.endsWith('.webm')
    ? ['-c:v', 'libvpx', '-b:v', '300k', '-g', String(rate), '-auto-alt-ref', '0']
    : out.endsWith('.webp')
      ? ['-c:v', 'libwebp_anim', '-loop', '0', '-lossless', '1']
      : ['-loop', '0'];
  const fmt = out.endsWith('.webp')
    ? `[0][1]overlay=enable='between(t,${from},${to})'`
    : out.endsWith('.gif')
      ? `[0][1]overlay=enable='between(t,${from},${to})',split[a][b];[a]palettegen[p];[b][p]paletteuse`
      : filter;
  ffmpeg(...input(base), ...input(other), '-filter_complex', fmt, ...codec, '-t', String(seconds), out);
}

function buildMedia(dir: string) {
  colourClip(join(dir, 'mostly-red.webm'), 'red', 'blue', 3, 4, 8);
  colourClip(join(dir, 'blue-one-red.webm'), 'blue', 'red', 3.9, 4.6, 8);
  // Animated images: 8 frames at 2 fps, so the engine checks every frame (one odd frame each).
  colourClip(join(dir, 'mostly-red.gif'), 'red', 'blue', 1.9, 2.4, 4, 2);
  colourClip(join(dir, 'blue-one-red.gif'), 'blue', 'red', 1.9, 2.4, 4, 2);
  colourClip(join(dir, 'mostly-red.webp'), 'red', 'blue', 1.9, 2.4, 4, 2);
  colourClip(join(dir, 'blue-one-red.webp'), 'blue', 'red', 1.9, 2.4, 4, 2);
  ffmpeg('-f', 'lavfi', '-i', 'color=c=red:s=320x240', '-frames:v', '1', join(dir, 'red-poster.png'));
  // A pan over a still: a real photo when the shared data is there, else a self-made picture.
  const photo = existsSync(PHOTOS) ? readdirSync(PHOTOS).find((f) => f.endsWith('.jpg')) : undefined;
  const still = photo ? ['-loop', '1', '-i', join(PHOTOS, photo)] : ['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=1'];
  ffmpeg(
    ...still,
    '-vf',
    "scale=640:-2,crop=320:240:x='(in_w-320)*t/6':y=0,format=yuv420p",
    '-r',
    '10',
    '-t',
    '6',
    '-c:v',
    'libvpx',
    '-b:v',
    '300k',
    '-g',
    '10',
    '-auto-alt-ref',
    '0',
    join(dir, 'pan.webm'),
  );
  const clip = existsSync(AI_CLIPS) ? readdirSync(AI_CLIPS).sort()[0] : undefined;
  if (clip) {
    ffmpeg('-i', join(AI_CLIPS, clip), '-vf', 'scale=320:-2,format=yuv420p', '-r', '10', '-c:v', 'libvpx', '-b:v', '400k', '-g', '10', '-auto-alt-ref', '0', join(dir, 'ai-clip.webm'));
    aiClip = clip;
  }
}

before(async () => {
  if (skip) return;
  gen = mkdtempSync(join(tmpdir(), 'dfr-video-'));
  mkdirSync(gen, { recursive: true });
  buildMedia(gen);
  const pages = `${ROOT}/test/pages`;
  const prov: Record<string, string> = existsSync(join(C2PA_VIDEOS, 'video1.mp4')) ? { prov: C2PA_VIDEOS } : {};
  site = await serveStatic({ '': pages, gen, ...prov });
  other = await serveStatic({ '': pages, gen, ...prov }, '127.0.0.2');
  ext = await launchWithExtension();
  // Show every band, so "not flagged" can be told from "not judged yet"; only the fixture model
  // runs (red ≈ 1, blue ≈ 0), so outcomes follow the colours of the frames.
  const modelsDir = resolve(ROOT, 'models');
  const realModels = (existsSync(modelsDir) ? readdirSync(modelsDir) : [])
    .filter((d) => existsSync(join(modelsDir, d, 'model.json')))
    .map((d) => JSON.parse(readFileSync(join(modelsDir, d, 'model.json'), 'utf8')) as { id: string; fixture?: boolean })
    .filter((c) => !c.fixture)
    .map((c) => c.id);
  await ext.worker.evaluate(async (disabledModels) => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...(settings ?? {}), version: 2, showAllBadges: true, disabledModels } });
  }, realModels);
});
after(async () => {
  await ext?.close();
  await site?.close();
  await other?.close();
  if (gen) rmSync(gen, { recursive: true, force: true });
});

const FLAGGED = ['likely-synthetic', 'declared-ai'];

async function open(query: string): Promise<{ page: Page; probe: OverlayProbe; cdp: CDPSession }> {
  const page = await ext.context.newPage();
  await page.goto(`${site.origin}/video/index.html?${query}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  return { page, probe: await OverlayProbe.attach(page), cdp };
}

/** The single badge on the page, once it satisfies `predicate`; every band seen is recorded. */
async function waitBadge(probe: OverlayProbe, predicate: (b: BadgeInfo) => boolean, seen: string[] = [], timeoutMs = 60_000): Promise<BadgeInfo> {
  const badges = await probe.waitForBadges((list) => {
    for (const b of list) if (seen.at(-1) !== b.band) seen.push(b.band);
    return list.some(predicate);
  }, timeoutMs);
  return badges.find(predicate)!;
}

/** Clicks the badge until its card is open (the badge may move while the page settles). */
async function openCard(probe: OverlayProbe, badge: BadgeInfo): Promise<void> {
  for (let i = 0; i < 5; i++) {
    if (await probe.card()) return;
    const now = (await probe.visibleBadges()).find((b) => b.backendNodeId === badge.backendNodeId) ?? badge;
    await probe.click(now);
    for (let j = 0; j < 10 && !(await probe.card()); j++) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(await probe.card(), 'the card opens');
}

/** Frames the open card says were checked ("8 frames checked", "1 frame checked"). */
async function framesChecked(probe: OverlayProbe): Promise<number> {
  const text = (await probe.card())?.text ?? '';
  const m = text.match(/(\d+) frames? checked/);
  return m ? Number(m[1]) : 0;
}

interface DomNode {
  backendNodeId: number;
  localName?: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}
const attrsOf = (n: DomNode) => Object.fromEntries((n.attributes ?? []).flatMap((v, i, a) => (i % 2 ? [] : [[v, a[i + 1]!]])));

/** The timeline marks of the open card (read through CDP: our shadow root is closed). */
async function marks(cdp: CDPSession): Promise<{ t: number; band: string; disabled: boolean; backendNodeId: number }[]> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const out: { t: number; band: string; disabled: boolean; backendNodeId: number }[] = [];
  const walk = (n: DomNode) => {
    const a = attrsOf(n);
    if (a.class === 'timeline-mark') out.push({ t: Number(a['data-t']), band: a['data-band'] ?? '', disabled: 'disabled' in a, backendNodeId: n.backendNodeId });
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c);
  };
  walk(root);
  return out;
}

async function clickNode(page: Page, cdp: CDPSession, backendNodeId: number) {
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId });
  const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId })) as { model: { border: number[]; width: number; height: number } };
  await page.mouse.click(model.border[0]! + model.width / 2, model.border[1]! + model.height - 2);
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`${what}: last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 300));
    last = await fn();
  }
  return last;
}

describe('Chromium: video and animated media', { skip }, () => {
  test('same-origin file: flagged as evidence grows, the timeline grows', async () => {
    const { page, probe, cdp } = await open('src=gen/mostly-red.webm');
    const seen: string[] = [];
    const badge = await waitBadge(probe, (b) => b.band === 'likely-synthetic', seen);
    assert.ok(!seen.slice(0, seen.indexOf('likely-synthetic')).some((b) => FLAGGED.includes(b)), `bands seen: ${seen}`);
    await openCard(probe, badge);
    const first = await waitFor(
      () => framesChecked(probe),
      (n) => n >= 2,
      20_000,
      'frames in the card',
    );
    const card = await probe.card();
    assert.equal(card?.band, 'likely-synthetic');
    assert.match(card?.text ?? '', /of \d+ look AI-generated/);
    // The open card follows the verdict: more frames arrive while the clip plays.
    const later = await waitFor(
      () => framesChecked(probe),
      (n) => n > first,
      30_000,
      'more frames while playing',
    );
    assert.ok(later > first);
    await page.screenshot({ path: 'test-results/video-card.png' });
    // The test server answers no range requests, so this file cannot seek: marks are not buttons.
    assert.ok(
      (await marks(cdp)).every((m) => m.disabled),
      'no seeking where the browser cannot seek',
    );
    await page.close();
  });

  test('same-origin file: one red moment in a blue clip does not flag it', async () => {
    const { page, probe } = await open('src=gen/blue-one-red.webm');
    const seen: string[] = [];
    const badge = await waitBadge(probe, (b) => b.band === 'no-evidence', seen);
    await openCard(probe, badge);
    await waitFor(
      () => framesChecked(probe),
      (n) => n >= 5,
      60_000,
      'five frames checked',
    );
    // Keep watching through the red moment and beyond.
    for (let i = 0; i < 10; i++) {
      for (const b of await probe.visibleBadges()) if (seen.at(-1) !== b.band) seen.push(b.band);
      await page.waitForTimeout(300);
    }
    assert.ok(!seen.some((b) => FLAGGED.includes(b)), `bands seen: ${seen}`);
    await page.close();
  });

  test('cross-origin file (tainted canvas): the engine samples several frames', async () => {
    const { page, probe, cdp } = await open(`src=gen/mostly-red.webm&x=${other.port}`);
    const badge = await waitBadge(probe, (b) => b.band === 'likely-synthetic');
    await openCard(probe, badge);
    assert.ok((await framesChecked(probe)) >= 4, 'several frames from the bytes');
    const list = await marks(cdp);
    assert.ok(
      list.some((m) => m.band === 'no-evidence'),
      'the blue second shows in the timeline',
    );
    assert.ok(other.requests.some((r) => r.path === '/gen/mostly-red.webm' && !r.cookie));
    await page.close();

    const blue = await open(`src=gen/blue-one-red.webm&x=${other.port}`);
    await waitBadge(blue.probe, (b) => b.band === 'no-evidence');
    await blue.page.close();
  });

  test('MSE (blob:) video: frames read in the page; clicking the timeline seeks', async () => {
    const { page, probe, cdp } = await open('src=gen/mostly-red.webm&mse=1');
    assert.match(await page.evaluate(() => (document.getElementById('media') as HTMLVideoElement).src), /^blob:/);
    const badge = await waitBadge(probe, (b) => b.band === 'likely-synthetic');
    await openCard(probe, badge);
    await waitFor(
      () => framesChecked(probe),
      (n) => n >= 3,
      30_000,
      'three frames checked',
    );
    // Clicking a mark moves the video to that moment. (MSE media is seekable; a plain file is
    // seekable only from a server that answers range requests, which the test server does not.)
    await page.evaluate(() => (document.getElementById('media') as HTMLVideoElement).pause());
    await page.waitForTimeout(500);
    const list = await marks(cdp);
    assert.ok(list.length >= 3, 'timeline has marks');
    assert.ok(list.every((m) => !m.disabled));
    const target = list.reduce((a, b) => (b.t > a.t ? b : a));
    await page.evaluate(() => ((document.getElementById('media') as HTMLVideoElement).currentTime = 0));
    await page.waitForTimeout(300);
    await clickNode(page, cdp, (await marks(cdp)).find((m) => m.t === target.t)!.backendNodeId);
    const now = await waitFor(
      () => page.evaluate(() => (document.getElementById('media') as HTMLVideoElement).currentTime),
      (t) => Math.abs(t - target.t) < 0.15,
      5000,
      `seek to ${target.t}`,
    );
    assert.ok(Math.abs(now - target.t) < 0.15);
    await page.close();

    const blue = await open('src=gen/blue-one-red.webm&mse=1');
    const seen: string[] = [];
    const b2 = await waitBadge(blue.probe, (b) => b.band === 'no-evidence', seen);
    await openCard(blue.probe, b2);
    await waitFor(
      () => framesChecked(blue.probe),
      (n) => n >= 4,
      60_000,
      'four frames checked',
    );
    assert.ok(!seen.some((b) => FLAGGED.includes(b)), `bands seen: ${seen}`);
    await blue.page.close();
  });

  test('a paused video is looked at once, then left alone', async () => {
    const { page, probe } = await open('src=gen/mostly-red.webm&autoplay=0');
    const badge = await waitBadge(probe, (b) => b.band === 'likely-synthetic');
    await openCard(probe, badge);
    assert.equal(await framesChecked(probe), 1, (await probe.card())?.text ?? 'no card open');
    await page.waitForTimeout(3000);
    assert.equal(await framesChecked(probe), 1, 'no more frames while paused');
    await page.close();
  });

  test('preload="none": the poster is judged first, then the frames once it plays', async () => {
    const { page, probe } = await open('src=gen/blue-one-red.webm&poster=gen/red-poster.png&preload=none&autoplay=0');
    const seen: string[] = [];
    const badge = await waitBadge(probe, (b) => b.band === 'likely-synthetic', seen);
    assert.equal(await page.evaluate(() => (document.getElementById('media') as HTMLVideoElement).readyState), 0, 'nothing of the video loaded');
    await openCard(probe, badge);
    assert.equal(await framesChecked(probe), 1);
    // The red poster of a blue clip: once frames arrive, the verdict follows them.
    await page.evaluate(() => (document.getElementById('media') as HTMLVideoElement).play());
    await waitBadge(probe, (b) => b.band === 'no-evidence', seen);
    const n = await framesChecked(probe);
    assert.ok(n >= 2, `${n} frames checked (poster + frames)`);
    await page.close();
  });

  test('an off-screen video costs nothing until it is scrolled into view', async () => {
    const { page, probe } = await open('src=gen/mostly-red.webm&below=1');
    await page.waitForFunction(() => (document.getElementById('media') as HTMLVideoElement).readyState >= 2);
    await page.waitForTimeout(4000);
    assert.equal((await probe.badges()).length, 0, 'no verdict for a video nobody can see');
    await page.evaluate(() => document.getElementById('media')!.scrollIntoView());
    const badge = await waitBadge(probe, (b) => b.band === 'likely-synthetic');
    await openCard(probe, badge);
    assert.ok((await framesChecked(probe)) >= 2);
    await page.close();
  });

  test('a pan over a still photo gets a verdict and a timeline', async () => {
    const { page, probe } = await open('src=gen/pan.webm');
    const badge = await waitBadge(probe, (b) => ['likely-synthetic', 'uncertain', 'no-evidence'].includes(b.band));
    await openCard(probe, badge);
    await waitFor(
      () => framesChecked(probe),
      (n) => n >= 2,
      30_000,
      'two frames of the pan',
    );
    await page.close();
  });

  test('AI clips from the shared data', async (t) => {
    if (!aiClip) return t.skip(`no clips in ${AI_CLIPS} (shared data absent)`);
    for (const query of ['src=gen/ai-clip.webm', `src=gen/ai-clip.webm&x=${other.port}`, 'src=gen/ai-clip.webm&mse=1']) {
      const { page, probe } = await open(query);
      const badge = await waitBadge(probe, (b) => ['likely-synthetic', 'uncertain', 'no-evidence', 'declared-ai'].includes(b.band));
      await openCard(probe, badge);
      await waitFor(
        () => framesChecked(probe),
        (n) => n >= 2,
        30_000,
        `${query}: two frames`,
      );
      await page.close();
    }
  });

  test('Content Credentials in an MP4 count, read from the file once', async (t) => {
    if (!existsSync(join(C2PA_VIDEOS, 'video1.mp4'))) return t.skip(`no ${C2PA_VIDEOS}/video1.mp4 (shared data absent)`);
    // Same-origin: the page samples frames, the engine reads the file's manifest once.
    // Cross-origin: the engine does both from the bytes it fetches.
    for (const query of ['src=prov/video1.mp4', `src=prov/video1.mp4&x=${other.port}`]) {
      const { page, probe } = await open(query);
      const badge = await waitBadge(probe, (b) => b.band !== 'pending');
      await openCard(probe, badge);
      const findings = await waitFor(
        async () => (await probe.card())?.findings ?? [],
        (f) => f.some((x) => x.detector === 'c2pa'),
        30_000,
        `${query}: c2pa on the card`,
      );
      const c2pa = findings.find((x) => x.detector === 'c2pa')!;
      assert.equal(c2pa.outcome, 'info', `${query}: valid test credentials, no AI declared`);
      assert.ok(
        c2pa.lines.some((l) => /valid signature/i.test(l)),
        c2pa.lines.join(' | '),
      );
      await page.close();
    }
  });

  for (const ext_ of ['gif', 'webp']) {
    test(`animated ${ext_.toUpperCase()} as <img>: frames decoded in the engine`, async () => {
      const { page, probe, cdp } = await open(`src=gen/mostly-red.${ext_}&kind=img`);
      const badge = await waitBadge(probe, (b) => b.band === 'likely-synthetic');
      await openCard(probe, badge);
      // The GIF keeps its 8 frames; the WebP encoder merges identical neighbours (red, blue, red).
      const checked = await framesChecked(probe);
      assert.ok(checked >= 3, `${checked} frames checked`);
      const list = await marks(cdp);
      assert.equal(list.length, checked);
      assert.ok(
        list.every((m) => m.disabled),
        'an image cannot seek',
      );
      assert.equal(list.filter((m) => m.band === 'no-evidence').length, 1, 'the blue frame is seen');
      await page.close();

      const blue = await open(`src=gen/blue-one-red.${ext_}&kind=img`);
      const b2 = await waitBadge(blue.probe, (b) => b.band === 'no-evidence');
      await openCard(blue.probe, b2);
      assert.equal((await marks(blue.cdp)).filter((m) => m.band === 'likely-synthetic').length, 1, 'the red frame is seen, and does not flag');
      await blue.page.close();
    });
  }
});
