/**
 * The face model in the extension (issue 4): on a photo-like demo portrait the engine detects the face,
 * scores its crop, and the evidence card lists the face (place, score, the engine's crop image);
 * the face score agrees with the Node engine (onnxruntime-node, sharp) within 0.02.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeMedia } from '../../src/engine/analyze';
import { decodeNode, sha256Node } from '../../src/node/decode-node';
import { createNodeFaceModel, findModelCards } from '../../src/node/node-models';
import { CHROME_PATH, launchWithExtension, OverlayProbe, type ExtensionBrowser } from './support/chromium';
import { ROOT, servePages, type StaticServer } from './support/server';

const cards = findModelCards(join(ROOT, 'models'));
const faceCard = cards.find((m) => m.card.task === 'face')?.card;
const skip = !existsSync(CHROME_PATH) ? `Chromium not found at ${CHROME_PATH}` : !faceCard || !cards.some((m) => m.card.task === 'face-detector') ? 'no face model + face detector in models/' : false;
// The photo-like portrait: the flat drawn one (portrait.jpg) is a graphic to the content gate.
const PICTURE = 'portrait-photo.jpg';

let ext: ExtensionBrowser;
let site: StaticServer;
before(async () => {
  if (skip) return;
  site = await servePages({ 'face.html': `<!doctype html><title>face</title><img src="/media/${PICTURE}" style="width:480px;height:auto">` });
  ext = await launchWithExtension();
  await ext.worker.evaluate(() => chrome.storage.sync.set({ settings: { showAllBadges: true } }));
});
after(async () => {
  await ext?.close();
  await site?.close();
});

test("the face model scores the portrait's face in the extension as in Node, and the card lists the face", { skip }, async () => {
  const detector = `model:${faceCard!.id}`;
  const faces = createNodeFaceModel(cards)!;
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'demo/media', PICTURE)));
  const out = await analyzeMedia(
    { kind: 'image', bytes, mime: 'image/jpeg', minShortSide: 96, pixelsOnly: true },
    { byteDetectors: [], pixelDetectors: [], models: [], faces, decode: decodeNode, sha256: sha256Node, limits: { maxPixels: 50_000_000, maxSide: 2048 } },
  );
  const nodeSignal = out.signals.find((s) => s.detector === detector);
  assert.equal(nodeSignal?.outcome, 'score', 'Node found and scored the face');
  assert.equal(nodeSignal!.regions?.length, 1);
  const r = nodeSignal!.regions![0]!;
  assert.ok(r.x > 50 && r.x < 200 && r.y > 50 && r.width > 150, `face region ${JSON.stringify(r)}`);

  const page = await ext.context.newPage();
  await page.goto(`${site.origin}/face.html`);
  const probe = await OverlayProbe.attach(page);
  const [badge] = await probe.waitForBadges((b) => b.length === 1 && b[0]!.band !== 'pending', 60_000);
  await probe.click(badge!);
  const card = await probe.card();
  const finding = card?.findings.find((f) => f.detector === detector);
  assert.ok(finding?.score !== undefined, 'the extension scored the face');
  const diff = Math.abs(finding.score - nodeSignal!.score!);
  console.log(`face score: browser ${finding.score.toFixed(4)} node ${nodeSignal!.score!.toFixed(4)} |Δ| ${diff.toFixed(4)}`);
  assert.ok(diff <= 0.02, `browser ${finding.score} vs node ${nodeSignal!.score}`);
  assert.ok(
    finding.lines.some((l) => /^Face \d+×\d+ px at \(\d+, \d+\): score \d\.\d\d$/.test(l)),
    `card lines: ${JSON.stringify(finding.lines)}`,
  );
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'test-results', 'face-card.png') });
  await page.close();
  await faces.detector.dispose();
  await faces.classifier.dispose();
});
