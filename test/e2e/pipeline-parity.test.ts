/**
 * One pipeline, two hosts (issue 14): the extension (Chromium, onnxruntime-web, the browser's
 * decoders, a page showing the file) and `deepfake-radar scan` (Node, onnxruntime-node, sharp) give
 * the same band for the same file at the same settings: the demo pictures (among them the SD.Next
 * preview that only the whole-image model flags) and a sample of ../shared/data/provenance (skipped
 * when absent). Half the files are same-origin (the page reads the bytes), half cross-origin (the
 * engine fetches them).
 *
 * Scores differ by up to 0.02 between the two runtimes and decoders (test/e2e/model-parity.test.ts),
 * so a different band is accepted only when a model score sits that close to a threshold that
 * separates the two bands; every such case is printed.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { scanFile } from '../../src/cli/scan';
import { createNodePipeline } from '../../src/node/node-pipeline';
import type { Signal } from '../../src/shared/types';
import { CHROME_PATH, launchWithExtension, OverlayProbe, type ExtensionBrowser } from './support/chromium';
import { ROOT, serveStatic, type StaticServer } from './support/server';

const PROVENANCE = join(ROOT, '../shared/data/provenance');
const DEMO = ['valley.jpg', 'portrait-photo.jpg', 'lake-a1111.png', 'lake-spoofed.png', 'portrait.jpg', 'portrait-comfyui.png', 'city-iptc.jpg', 'avatar-1.png', 'neon-drive-sana.jpg'].map(
  (n) => `demo/${n}`,
);
const SAMPLE = [
  'ai-credentials/amazon-titan-g1.png',
  'ai-credentials/firefly-genai-digimarc.jpg',
  'iptc-midjourney/ai1.jpg',
  'camera-exif/Canon_40D.jpg',
  'camera-exif/Nikon_D70.jpg',
  'camera-exif/Sony_HDR-HC3.jpg',
  'c2pa-rs/CA.jpg',
  'c2pa-rs/E-sig-CA.jpg',
  'c2pa-rs/ocsp.jpg',
  'c2pa-rs/no_manifest.jpg',
  'c2pa-rs/sample1.png',
  'c2pa-rs/sample1.webp',
  'generator-metadata/comfyui/flux__flux_schnell_example.png',
].map((p) => `prov/${p}`);
const provenanceMissing = !existsSync(PROVENANCE);
const FILES = [...DEMO, ...(provenanceMissing ? [] : SAMPLE.filter((p) => existsSync(join(PROVENANCE, p.slice('prov/'.length)))))];
const skip = !existsSync(CHROME_PATH) ? `Chromium not found at ${CHROME_PATH}` : false;
/** The e2e build adds a test fixture model; the command line runs the shipped models only. */
const FIXTURE_MODEL = 'fixture-redness';
const RUNTIME_DIFF = 0.02;

let ext: ExtensionBrowser;
let same: StaticServer;
let cross: StaticServer;
let node: ReturnType<typeof createNodePipeline>;
const pagesDir = mkdtempSync(join(tmpdir(), 'dfr-parity-'));

before(async () => {
  if (skip) return;
  if (provenanceMissing) console.log(`../shared/data/provenance absent: the demo pictures only`);
  const roots = { '': pagesDir, demo: join(ROOT, 'demo/media'), prov: PROVENANCE };
  cross = await serveStatic(roots, '127.0.0.2');
  same = await serveStatic(roots);
  FILES.forEach((f, i) => {
    // Shown at natural size, alone on its page, so its badge is the only one.
    const src = i % 2 ? `${cross.origin}/${f}` : `/${f}`;
    writeFileSync(join(pagesDir, `${i}.html`), `<!doctype html><title>${basename(f)}</title><img src="${src}">`);
  });
  ext = await launchWithExtension();
  await ext.worker.evaluate((off) => chrome.storage.sync.set({ settings: { showAllBadges: true, disabledModels: [off] } }), FIXTURE_MODEL);
  node = createNodePipeline({ modelsDir: join(ROOT, 'models') });
});
after(async () => {
  await ext?.close();
  await same?.close();
  await cross?.close();
  await node?.dispose();
  rmSync(pagesDir, { recursive: true, force: true });
});

/** A model score within the runtimes' difference of a balanced threshold: the band may flip. */
function nearThreshold(signals: Signal[]): string | undefined {
  for (const s of signals) {
    if (s.outcome !== 'score' || s.score === undefined || !s.thresholds) continue;
    for (const t of [s.thresholds.likely.balanced, s.thresholds.uncertain.balanced]) if (Math.abs(s.score - t) <= RUNTIME_DIFF) return `${s.detector} ${s.score.toFixed(3)} vs threshold ${t}`;
  }
  return undefined;
}

test('the extension and the command line give the same band (balanced)', { skip }, async () => {
  const rows: string[] = [];
  const mismatches: string[] = [];
  for (const [i, f] of FILES.entries()) {
    const path = f.startsWith('demo/') ? join(ROOT, 'demo/media', f.slice(5)) : join(PROVENANCE, f.slice(5));
    const cli = await scanFile(path, node.pipeline, 'balanced');
    const page = await ext.context.newPage();
    await page.goto(`${same.origin}/${i}.html`);
    const probe = await OverlayProbe.attach(page);
    const [badge] = await probe.waitForBadges((b) => b.length === 1 && b[0]!.band !== 'pending', 60_000);
    await page.close();
    const row = `${f.padEnd(64)} ${i % 2 ? 'cross' : 'same '}  extension ${badge!.band.padEnd(16)} cli ${cli.band}`;
    rows.push(row);
    if (badge!.band === cli.band) continue;
    const near = nearThreshold(cli.signals);
    if (near) rows.push(`  (accepted: ${near})`);
    else mismatches.push(row);
  }
  console.log(rows.join('\n'));
  assert.ok(FILES.length >= DEMO.length);
  assert.deepEqual(mismatches, []);
});
