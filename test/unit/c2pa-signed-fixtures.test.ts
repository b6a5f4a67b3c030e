/**
 * Signed Content Credentials end to end: real signed JPEGs (test/fixtures/provenance/c2pa-signed,
 * written by scripts/make-c2pa-fixtures.ts with a throwaway test signer) read by c2pa-rs (WASM),
 * validated, summarised and fused, through the same path as the command line.
 * The issue-13 case: a Bing Image Creator picture naming its generator without a source type.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { c2paDetector } from '../../src/detectors/c2pa/index';
import { scanFile } from '../../src/cli/scan';
import type { Pipeline } from '../../src/engine/pipeline';
import { createNodePipeline } from '../../src/node/node-pipeline';
import { REPO_ROOT } from './helpers/shared-data';

const fixture = (name: string) => path.join(REPO_ROOT, 'test/fixtures/provenance/c2pa-signed', name);
const c2pa = (name: string) => c2paDetector.run({ bytes: new Uint8Array(readFileSync(fixture(name))) });

describe('signed Content Credentials fixtures', () => {
  let pipeline: Pipeline;
  beforeAll(() => {
    pipeline = createNodePipeline({ modelsDir: path.join(REPO_ROOT, 'models') }).pipeline;
  });

  it('Bing Image Creator (created by "Image Creator from Designer", no source type) is declared-ai, generator and signer trust named', async () => {
    const s = await c2pa('bing-image-creator.jpg');
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated', strength: 'strong' });
    expect(s.evidence).toEqual(
      expect.arrayContaining([
        'Status: valid signature and content hash',
        'AI generator named: Microsoft Image Creator / Designer (software agent “Image Creator from Designer”)',
        'Tool: Microsoft Responsible AI Image Provenance 1.0',
        'Signer: not on a known trust list',
      ]),
    );
    expect(s.explanation).toContain('Signed by Deepfake Radar test signer (not on a known trust list)');
    expect((await scanFile(fixture('bing-image-creator.jpg'), pipeline, 'balanced')).band).toBe('declared-ai');
  });

  it('Photoshop with an "Adobe Firefly" edit and no source type is AI-edited', async () => {
    const s = await c2pa('generative-fill.jpg');
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'edited' });
    expect(s.evidence).toContain('AI generator named: Adobe Firefly (software agent “Adobe Firefly”)');
  });

  it('a Photoshop crop stays provenance information, not a declaration', async () => {
    const s = await c2pa('photoshop-crop.jpg');
    expect(s.outcome).toBe('info');
    expect(s.evidence.some((e) => e.startsWith('AI generator named'))).toBe(false);
    expect((await scanFile(fixture('photoshop-crop.jpg'), pipeline, 'balanced')).band).not.toBe('declared-ai');
  });
});
