import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScan } from '../../src/cli/scan';
import { findModelCards } from '../../src/node/node-models';

const FIXTURES = fileURLToPath(new URL('../fixtures/provenance/', import.meta.url));

async function scan(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runScan(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('deepfake-radar scan', () => {
  it('prints one line per file with band, signals and evidence', async () => {
    const { code, out } = await scan([FIXTURES]);
    expect(code).toBe(0);
    expect(out.length).toBe(12); // 9 files here, 3 in c2pa-signed/
    const line = (name: string) => out.find((l) => l.includes(path.join(FIXTURES, name)))!;
    expect(line('wm-sdxl.png')).toMatch(/^declared-ai\s+.*watermark: declared-ai \(generated\) \[Watermark: Stable Diffusion XL/);
    expect(line('params-inside.png')).toMatch(/^declared-ai .*Prompt: a photo of a lighthouse at dawn/);
    expect(line('params-appended-after-iend.png')).toMatch(/^no-evidence /);
    expect(line('clean-1.png')).toMatch(/^no-evidence .*nothing found: c2pa, metadata, generator-params, watermark/);
    expect(line('c2pa-signed/bing-image-creator.jpg')).toMatch(
      /^declared-ai\s+.*c2pa: declared-ai \(generated\) \[Status: valid signature and content hash; AI generator named: Microsoft Image Creator/,
    );
  });

  it('--json prints one parseable object per line', async () => {
    const { out } = await scan(['--json', path.join(FIXTURES, 'wm-sdv1.png')]);
    expect(out.length).toBe(1);
    const r = JSON.parse(out[0]!);
    expect(r.band).toBe('declared-ai');
    // Every detector, then one signal per shipped pixel model (models/<id>/model.json).
    // Whole-image models first, then the face model (the face detector itself emits no signal).
    const cards = findModelCards(fileURLToPath(new URL('../../models/', import.meta.url)));
    const models = [...cards.filter((m) => m.card.task === 'whole-image'), ...cards.filter((m) => m.card.task === 'face')].map((m) => `model:${m.card.id}`);
    expect(r.signals.map((s: { detector: string }) => s.detector)).toEqual(['c2pa', 'metadata', 'generator-params', 'gate', 'watermark', ...models]);
    expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('explains usage and fails cleanly on bad input', async () => {
    expect((await scan([])).code).toBe(2);
    expect((await scan(['--bogus', FIXTURES])).code).toBe(2);
    const missing = await scan([path.join(FIXTURES, 'does-not-exist.png')]);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toMatch(/does-not-exist/);
  });
});
