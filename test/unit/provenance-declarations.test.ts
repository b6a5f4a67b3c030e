/**
 * Declarations by the two provenance detectors that read names (C2PA and metadata), counted over
 * ../shared/data/provenance: none on camera photos (camera-exif) and on the C2PA conformance files
 * (c2pa-public-testfiles, with their ingredient thumbnails, and c2pa-rs, both of which include
 * Photoshop, Truepic and Nikon credentials); every AI-credential file still declared. Prints the
 * counts per folder. Skips with a message when the shared data is absent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { c2paDetector } from '../../src/detectors/c2pa/index';
import { metadataDetector } from '../../src/detectors/metadata/index';
import type { Signal } from '../../src/shared/types';
import { listFiles, PROVENANCE, sharedDataMissing } from './helpers/shared-data';

const MEDIA = /\.(jpe?g|png|webp|avif|heic|mp4|tiff?)$/i;
const missing = sharedDataMissing('provenance');

/** c2pa-rs/ocsp.jpg declares an AI edit (Photoshop + Firefly): it is in the AI set, not here. */
const NOT_AI = ['camera-exif', 'c2pa-public-testfiles', 'c2pa-rs'];
const AI = ['ai-credentials', 'c2pa-rs/ocsp.jpg'];

interface Row {
  files: number;
  c2pa: number;
  metadata: number;
  declared: string[];
}

const rows = new Map<string, Row>();

async function count(folder: string): Promise<Row> {
  const target = path.join(PROVENANCE, folder);
  const files = MEDIA.test(folder) ? [target] : listFiles(target, MEDIA);
  const row: Row = { files: files.length, c2pa: 0, metadata: 0, declared: [] };
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const signals: Signal[] = [await c2paDetector.run({ bytes }), await metadataDetector.run({ bytes })];
    for (const s of signals.filter((x) => x.outcome === 'declared-ai')) {
      row[s.detector as 'c2pa' | 'metadata']++;
      row.declared.push(`${path.relative(PROVENANCE, file)} (${s.detector}: ${s.explanation.slice(0, 90)})`);
    }
  }
  return row;
}

describe.skipIf(!!missing)('provenance declarations (../shared/data/provenance)', () => {
  beforeAll(async () => {
    for (const folder of [...NOT_AI, ...AI]) rows.set(folder, await count(folder));
    const lines = [...rows].map(([folder, r]) => `${folder.padEnd(24)} ${String(r.files).padStart(4)} files: c2pa declared-ai ${r.c2pa}, metadata declared-ai ${r.metadata}`);
    console.info(`declared-ai signals per folder:\n${lines.join('\n')}`);
  }, 180_000);

  it.each(NOT_AI)('%s: no declaration', (folder) => {
    const row = rows.get(folder)!;
    expect(row.files).toBeGreaterThan(10);
    // c2pa-rs/ocsp.jpg is the one AI edit among the c2pa-rs files.
    const declared = row.declared.filter((d) => !d.startsWith('c2pa-rs/ocsp.jpg'));
    expect(declared).toEqual([]);
  });

  it.each(AI)('%s: every file declared by its credentials', (folder) => {
    const row = rows.get(folder)!;
    expect(row.files).toBeGreaterThan(0);
    expect(row.c2pa).toBe(row.files);
  });
});
