/**
 * Every detector over ../shared/data/provenance/**, through the same path as the command line
 * (src/engine/pipeline.ts hosted in Node, sensitivity balanced, minShortSide 96, the shipped models):
 * - AI-declaring files come out declared-ai;
 * - camera/editor credentials and camera-exif photos do not;
 * - every c2pa-public-testfiles image matches the validity in its expected manifest JSON;
 * - malformed files give clean outcomes, never a throw.
 * Prints per-folder counts. Skips with a message when the shared data is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanFile } from '../../src/cli/scan';
import type { ScanResult } from '../../src/cli/format-line';
import type { Pipeline } from '../../src/engine/pipeline';
import { createNodePipeline } from '../../src/node/node-pipeline';
import { listFiles, PROVENANCE, REPO_ROOT, sharedDataMissing } from './helpers/shared-data';

const MEDIA = /\.(jpe?g|png|webp|avif|heic|mp4)$/i;
const missing = sharedDataMissing('provenance');
const results = new Map<string, ScanResult>();
let pipeline: Pipeline;

const rel = (f: string) => path.relative(PROVENANCE, f);
const folderOf = (f: string) => path.dirname(rel(f));
const signal = (r: ScanResult, detector: string) => r.signals.find((s) => s.detector === detector);
const filesIn = (sub: string) => listFiles(path.join(PROVENANCE, sub), MEDIA).filter((f) => !f.includes(`${path.sep}manifests${path.sep}`));

async function scan(file: string): Promise<ScanResult> {
  const hit = results.get(file);
  if (hit) return hit;
  const r = await scanFile(file, pipeline, 'balanced');
  results.set(file, r);
  return r;
}

describe.skipIf(!!missing)('provenance fixtures (../shared/data/provenance)', () => {
  beforeAll(async () => {
    pipeline = createNodePipeline({ modelsDir: path.join(REPO_ROOT, 'models') }).pipeline;
    for (const f of listFiles(PROVENANCE, MEDIA)) if (!f.includes(`${path.sep}manifests${path.sep}`)) await scan(f);
  }, 180_000);

  it('every AI-declaring file is declared-ai', async () => {
    const ai = [
      path.join(PROVENANCE, 'c2pa-rs/ocsp.jpg'),
      ...filesIn('ai-credentials'),
      ...filesIn('iptc-midjourney'),
      ...filesIn('generator-metadata/parsers'),
      ...filesIn('generator-metadata/comfyui'),
    ];
    expect(ai.length).toBeGreaterThanOrEqual(21);
    const wrong = [];
    for (const f of ai) if ((await scan(f)).band !== 'declared-ai') wrong.push(rel(f));
    expect(wrong).toEqual([]);
  });

  it('says "edited with AI" for the Photoshop + Firefly file and "generated" for Firefly / Titan', async () => {
    const ocsp = signal(await scan(path.join(PROVENANCE, 'c2pa-rs/ocsp.jpg')), 'c2pa')!;
    expect(ocsp).toMatchObject({ outcome: 'declared-ai', declaration: 'edited' });
    expect(ocsp.evidence).toEqual(expect.arrayContaining(['Issuer: Adobe Inc. (Adobe C2PA)', 'Software agent: Adobe Firefly']));
    for (const f of filesIn('ai-credentials')) expect(signal(await scan(f), 'c2pa'), rel(f)).toMatchObject({ outcome: 'declared-ai', declaration: 'generated' });
  });

  it('camera and editor credentials and camera-exif photos are not declared-ai', async () => {
    const files = [...filesIn('camera-exif'), ...filesIn('c2pa-public-testfiles'), ...filesIn('c2pa-rs').filter((f) => !f.endsWith('ocsp.jpg'))];
    const wrong = [];
    for (const f of files) if ((await scan(f)).band === 'declared-ai') wrong.push(rel(f));
    expect(wrong).toEqual([]);
  });

  it('c2pa-public-testfiles: validity matches the expected manifest store JSON', async () => {
    const dir = path.join(PROVENANCE, 'c2pa-public-testfiles/image/jpeg');
    const mismatches: string[] = [];
    const files = filesIn('c2pa-public-testfiles');
    expect(files.length).toBeGreaterThanOrEqual(25);
    for (const f of files) {
      const name = path.basename(f).replace(/\.jpe?g$/i, '');
      const manifestFile = path.join(dir, 'manifests', name, 'manifest_store.json');
      let expected: 'none' | 'valid' | 'invalid' = 'none';
      if (existsSync(manifestFile)) {
        const store = JSON.parse(readFileSync(manifestFile, 'utf8')) as { validation_status?: { code: string }[] };
        expected = store.validation_status?.length ? 'invalid' : 'valid';
      }
      const outcome = signal(await scan(f), 'c2pa')?.outcome;
      const got = outcome === 'info' || outcome === 'declared-ai' ? 'valid' : outcome;
      if (got !== expected) mismatches.push(`${name}: expected ${expected}, got ${outcome}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('c2pa-rs fixtures: valid, tampered and absent credentials across JPEG, PNG, WebP, AVIF, MP4', async () => {
    const expected: Record<string, string> = {
      'C.jpg': 'info',
      'CA.jpg': 'info',
      'CACA.jpg': 'info',
      'CIE-sig-CA.jpg': 'info',
      'boxhash.jpg': 'info',
      'video1.mp4': 'info',
      'ocsp.jpg': 'declared-ai',
      'E-sig-CA.jpg': 'invalid',
      'XCA.jpg': 'invalid',
      'legacy.mp4': 'invalid',
      'prerelease.jpg': 'invalid',
      'no_manifest.jpg': 'none',
      'sample1.png': 'none',
      'sample1.webp': 'none',
      'sample1.avif': 'none',
      'sample1.heic': 'none',
    };
    const got: Record<string, string | undefined> = {};
    for (const name of Object.keys(expected)) {
      const f = path.join(PROVENANCE, 'c2pa-rs', name);
      if (existsSync(f)) got[name] = signal(await scan(f), 'c2pa')?.outcome;
      else got[name] = expected[name];
    }
    expect(got).toEqual(expected);
  });

  it('malformed files give clean outcomes (no throw, no detector error)', async () => {
    const files = filesIn('generator-metadata/bad_images');
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const r = await scan(f);
      expect(r.error, rel(f)).toBeUndefined();
      for (const s of r.signals.filter((x) => x.detector !== 'decode')) expect(s.outcome, `${rel(f)} ${s.detector}`).not.toBe('error');
    }
  });

  it('reports per-folder counts', () => {
    const table = new Map<string, { files: number; 'declared-ai': number; invalid: number; info: number; none: number }>();
    for (const [file, r] of results) {
      const row = table.get(folderOf(file)) ?? { files: 0, 'declared-ai': 0, invalid: 0, info: 0, none: 0 };
      row.files++;
      if (r.band === 'declared-ai') row['declared-ai']++;
      else if (r.signals.some((s) => s.outcome === 'invalid')) row.invalid++;
      else if (r.signals.some((s) => s.outcome === 'info')) row.info++;
      else row.none++;
      table.set(folderOf(file), row);
    }
    const lines = [...table]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([folder, c]) => `${folder.padEnd(44)} ${String(c.files).padStart(3)} files: declared-ai ${c['declared-ai']}, invalid ${c.invalid}, info ${c.info}, none ${c.none}`);
    console.info(`per-folder counts (band / signals):\n${lines.join('\n')}`);
    expect(table.size).toBeGreaterThan(5);
  });
});
