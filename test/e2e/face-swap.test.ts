/**
 * Face swaps in the extension (issue 15): a face-swapped clip, made at test time from two real faces
 * of ../shared/data by scripts/face-swap-clip/ (the project's face detector finds both faces and
 * their keypoints in Node; the source face is warped, colour-matched and blended onto the target),
 * and an unswapped control clip of the target alone, both H.264 with a slight pan and zoom.
 *
 * - Always (when the shared data is there): each clip's card follows the face across frames
 *   ("Face 1, followed across frames: flagged on X of Y") with the engine's crop of the face, and
 *   the unswapped control is not flagged.
 * - Pending the face-swap model: the swapped clip is flagged "Likely AI" through its face. Skipped
 *   while models/face is a 1.x card (never trained on swaps; it scores them like chance, see its
 *   MODEL_CARD.md); DFR_SWAP_E2E=1 runs it anyway, to see what today's model does.
 * Only the shipped models run (the fixture model is switched off), at the default sensitivity.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CDPSession, Page } from 'playwright-core';
import { makeSwapClips, REAL_FACE_DIRS, type SwapClips } from '../../scripts/face-swap-clip/make-clips';
import { findModelCards } from '../../src/node/node-models';
import { framesNeeded } from '../../src/shared/video-aggregate';
import { CHROME_PATH, launchWithExtension, OverlayProbe, type BadgeInfo, type ExtensionBrowser } from './support/chromium';
import { attrs, walk, type DomNode } from './support/cdp-dom';
import { eventually } from './support/eventually';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const DATA = resolve(ROOT, '../shared/data');
const cards = findModelCards(join(ROOT, 'models'));
const faceCard = cards.find((m) => m.card.task === 'face')?.card;
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const skip = !existsSync(CHROME_PATH)
  ? `Chromium not found at ${CHROME_PATH}`
  : !hasFfmpeg
    ? 'ffmpeg not found (scripts/setup.sh installs it)'
    : !REAL_FACE_DIRS.some((d) => existsSync(join(DATA, d)))
      ? `no real faces in ${DATA} (${REAL_FACE_DIRS.join(', ')}): shared data absent, the swap cannot be made`
      : !faceCard || !cards.some((m) => m.card.task === 'face-detector')
        ? 'no face model + face detector in models/'
        : false;
const faceMajor = Number(faceCard?.version.split('.')[0] ?? 0);
const pending =
  faceMajor < 2 && process.env.DFR_SWAP_E2E !== '1'
    ? `pending the face-swap model (issue 15): models/face is ${faceCard?.id} ${faceCard?.version}, never trained on swaps; runs once the card is 2.x (DFR_SWAP_E2E=1 runs it now)`
    : false;
const FACE = `model:${faceCard?.id}`;
const TRACK_LINE = /^Face (\d+), followed across frames: flagged on (\d+) of (\d+) \((.+)\)\.$/;
const FLAGGED = ['likely-synthetic', 'declared-ai'];
const JUDGED = ['likely-synthetic', 'uncertain', 'no-evidence', 'declared-ai', 'not-applicable'];

let ext: ExtensionBrowser;
let site: StaticServer;
let gen: string;
let clips: SwapClips;

before(async () => {
  if (skip) return;
  gen = mkdtempSync(join(tmpdir(), 'dfr-swap-'));
  clips = await makeSwapClips(gen, { dataDir: DATA, modelsDir: join(ROOT, 'models') });
  console.log(`swap: face of ${clips.source} on ${clips.target} (pose distance ${clips.poseDistance.toFixed(3)})`);
  // One page per clip: the video large and clear of the card, which opens beside its badge.
  for (const clip of ['control', 'swapped'])
    writeFileSync(
      join(gen, `${clip}.html`),
      `<!doctype html><title>${clip}</title><body style="margin:20px 20px 20px 460px"><video id="media" src="${clip}.mp4" muted autoplay loop playsinline style="width:360px;height:360px"></video>`,
    );
  site = await serveStatic({ '': gen });
  ext = await launchWithExtension();
  // Every band shown (so "not flagged" can be told from "not judged yet"); the shipped models only.
  const fixtures = findModelCards(join(ROOT, 'test/fixtures/models')).map((m) => m.card.id);
  await ext.worker.evaluate((disabledModels) => chrome.storage.sync.set({ settings: { version: 2, showAllBadges: true, disabledModels } }), fixtures);
});
after(async () => {
  await ext?.close();
  await site?.close();
  if (gen) rmSync(gen, { recursive: true, force: true });
});

interface Judged {
  page: Page;
  probe: OverlayProbe;
  cdp: CDPSession;
  /** Every band the badge showed, in order. */
  seen: string[];
}

async function openClip(clip: 'control' | 'swapped'): Promise<Judged> {
  const page = await ext.context.newPage();
  await page.goto(`${site.origin}/${clip}.html`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  return { page, probe: await OverlayProbe.attach(page), cdp, seen: [] };
}

async function waitBadge(j: Judged, ok: (b: BadgeInfo) => boolean, timeoutMs: number): Promise<BadgeInfo> {
  const list = await j.probe.waitForBadges((bs) => {
    for (const b of bs) if (j.seen.at(-1) !== b.band) j.seen.push(b.band);
    return bs.some(ok);
  }, timeoutMs);
  return list.find(ok)!;
}

/** Clicks the badge until its card is open (the badge may move while the page settles); one click per second at most. */
async function openCard(j: Judged, badge: BadgeInfo) {
  for (let i = 0; i < 5 && !(await j.probe.card()); i++) {
    const now = (await j.probe.visibleBadges()).find((b) => b.backendNodeId === badge.backendNodeId) ?? badge;
    await j.probe.click(now);
    await eventually(
      () => j.probe.card(),
      (c) => !!c,
      'the card opens',
      1000,
    ).catch(() => undefined);
  }
  assert.ok(await j.probe.card(), 'the card opens');
}

/** The face model's finding on the open card: its lines, its face-track line and whether it shows the engine's face crop. */
async function faceFinding(j: Judged) {
  const card = await j.probe.card();
  const finding = card?.findings.find((f) => f.detector === FACE);
  const track = finding?.lines.map((l) => l.match(TRACK_LINE)).find(Boolean);
  const { root } = (await j.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  let crop = false;
  walk(root, (n, inOverlay) => {
    if (!inOverlay || attrs(n)['data-detector'] !== FACE) return;
    walk(n, (c) => void (c.localName === 'img' && /^data:image\/jpeg;base64,/.test(attrs(c).src ?? '') && (crop = true)));
  });
  return { band: card?.band, finding, crop, track: track ? { face: Number(track[1]), flagged: Number(track[2]), frames: Number(track[3]), times: track[4]! } : undefined };
}

async function screenshot(j: Judged, name: string) {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  await j.page.screenshot({ path: join(ROOT, 'test-results', name) });
}

describe('Chromium: a face swap made at test time', { skip }, () => {
  test("each clip's card follows the face across frames with its crop; the unswapped control is not flagged", async () => {
    for (const clip of ['control', 'swapped'] as const) {
      const file = `${clip}.mp4`;
      const j = await openClip(clip);
      const badge = await waitBadge(j, (b) => JUDGED.includes(b.band), 60_000);
      await screenshot(j, `face-swap-${clip}-page.png`); // the clip and its badge (the card opens over the clip)
      await openCard(j, badge);
      // Enough frames for the verdict to rest on several looks at the same face.
      const f = await eventually(
        () => faceFinding(j),
        (x) => (x.track?.frames ?? 0) >= 4 && x.crop,
        `${file}: face followed on 4 frames, crop shown`,
        60_000,
      );
      assert.equal(f.track!.face, 1, `${file}: one face, followed as one track: ${JSON.stringify(f.finding?.lines)}`);
      for (const b of await j.probe.visibleBadges()) if (j.seen.at(-1) !== b.band) j.seen.push(b.band);
      console.log(`${file}: bands ${j.seen.join(' → ')}; face score ${f.finding?.score?.toFixed(3)}; flagged on ${f.track!.flagged} of ${f.track!.frames} frames`);
      await screenshot(j, `face-swap-${clip}-card.png`);
      if (clip === 'control') assert.ok(!j.seen.some((b) => FLAGGED.includes(b)), `control: bands seen ${j.seen.join(', ')}`);
      await j.page.close();
    }
  });

  test('the face-swapped clip is flagged "Likely AI" through its face, marked on the card', { skip: pending }, async () => {
    const j = await openClip('swapped');
    const badge = await waitBadge(j, (b) => b.band === 'likely-synthetic', 90_000).catch(async (e: Error) => {
      // Say what the face model made of it, not only that the badge never turned.
      const any = await waitBadge(j, (b) => JUDGED.includes(b.band), 1000);
      await openCard(j, any);
      await screenshot(j, 'face-swap-flagged-card.png');
      const f = await faceFinding(j);
      throw new Error(`${e.message}; bands seen ${j.seen.join(' → ')}; face score ${f.finding?.score?.toFixed(3)}, flagged on ${f.track?.flagged} of ${f.track?.frames} frames`);
    });
    assert.equal(badge.label, 'Likely AI');
    await screenshot(j, 'face-swap-flagged-page.png');
    await openCard(j, badge);
    const f = await eventually(
      () => faceFinding(j),
      (x) => !!x.track && x.crop,
      'face finding with its track line and crop',
      30_000,
    );
    await screenshot(j, 'face-swap-flagged-card.png');
    assert.equal(f.band, 'likely-synthetic');
    assert.equal(f.finding?.outcome, 'score');
    // The face itself agrees over time (not one odd frame, not the whole-image model alone).
    assert.ok(f.track!.flagged >= framesNeeded(f.track!.frames, false), `face flagged on ${f.track!.flagged} of ${f.track!.frames} frames`);
    console.log(`swapped.mp4: face score ${f.finding?.score?.toFixed(3)}; flagged on ${f.track!.flagged} of ${f.track!.frames} frames (${f.track!.times})`);
    await j.page.close();
  });
});
