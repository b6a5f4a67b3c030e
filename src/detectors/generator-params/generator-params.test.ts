import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concat, latin, pngChunk, PNG_SIGNATURE, tEXt, tinyPng, utf8 } from '../../../test/unit/helpers/build-files';
import { generatorParamsDetector } from './index';
import { parseA1111 } from './parse-a1111';
import { readStealthParameters } from './read-stealth';

const FIXTURES = new URL('../../../test/fixtures/provenance/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const run = (bytes: Uint8Array) => generatorParamsDetector.run({ bytes });

const A1111 = 'a red fox in snow\nNegative prompt: blurry, lowres\nSteps: 28, Sampler: DPM++ 2M, CFG scale: 6.5, Seed: 42, Size: 832x1216, Model: juggernautXL, Version: v1.10.1';

async function deflate(data: Uint8Array, format: 'deflate' | 'gzip'): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream(format))).arrayBuffer());
}

/** An RGBA PNG whose alpha LSBs carry `payload` the stealth-pnginfo way (column-major). */
async function stealthPng(width: number, height: number, text: string, compressed: boolean): Promise<Uint8Array> {
  const payload = compressed ? await deflate(utf8(text), 'gzip') : utf8(text);
  const bytes = concat(latin(compressed ? 'stealth_pngcomp' : 'stealth_pnginfo'), Uint8Array.from([0, 0, 0, 0]), payload);
  new DataView(bytes.buffer).setUint32(15, payload.length * 8);
  const rgba = new Uint8Array(width * height * 4).map((_, i) => (i * 37) & 0xff);
  let bit = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const a = (y * width + x) * 4 + 3;
      const v = bit < bytes.length * 8 ? (bytes[bit >> 3]! >> (7 - (bit & 7))) & 1 : 1;
      rgba[a] = (0xfe & rgba[a]!) | v;
      bit++;
    }
  }
  const raw = new Uint8Array(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return concat(PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', await deflate(raw, 'deflate')), pngChunk('IEND', new Uint8Array()));
}

describe('AUTOMATIC1111 parameters text', () => {
  it('splits prompt (without the negative prompt) and settings', () => {
    const p = parseA1111(A1111)!;
    expect(p.prompt).toBe('a red fox in snow');
    expect(p.settings).toMatchObject({ Steps: '28', Sampler: 'DPM++ 2M', Seed: '42', Model: 'juggernautXL' });
  });

  it('refuses text without a settings line', () => {
    expect(parseA1111('just a note about parameters')).toBeUndefined();
  });
});

describe('generator-params detector', () => {
  it('reads parameters inside the container (self-made PNG and JPEG fixtures)', async () => {
    for (const name of ['params-inside.png', 'params-inside.jpg']) {
      const s = await run(fixture(name));
      expect(s.outcome, name).toBe('declared-ai');
      expect(s.declaration).toBe('generated');
      expect(s.evidence).toContain('Prompt: a photo of a lighthouse at dawn');
    }
  });

  it('ignores parameters appended after PNG IEND and after JPEG EOI (spoofing trick)', async () => {
    for (const name of ['params-appended-after-iend.png', 'params-appended-after-eoi.jpg']) {
      const s = await run(fixture(name));
      expect(s.outcome, name).toBe('none');
    }
  });

  it('ignores a parameters chunk with a bad CRC', async () => {
    const png = tinyPng(pngChunk('tEXt', concat(latin('parameters\0'), latin(A1111)), true));
    expect((await run(png)).outcome).toBe('none');
  });

  it('reads zTXt and iTXt parameters, ComfyUI graphs and InvokeAI metadata', async () => {
    const z = pngChunk('zTXt', concat(latin('parameters\0\0'), await deflate(latin(A1111), 'deflate')));
    expect((await run(tinyPng(z))).evidence).toContain('Prompt: a red fox in snow');
    const comfy = JSON.stringify({ '3': { class_type: 'KSampler', inputs: { seed: 7, steps: 20, positive: ['6', 0] } }, '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a cat' } } });
    const c = await run(tinyPng(tEXt('prompt', comfy)));
    expect(c.outcome).toBe('declared-ai');
    expect(c.evidence).toEqual(expect.arrayContaining(['Tool: ComfyUI', 'Prompt: a cat', 'Seed: 7']));
    const inv = await run(tinyPng(tEXt('invokeai_metadata', JSON.stringify({ positive_prompt: 'a dog', generation_mode: 'txt2img', seed: 1 }))));
    expect(inv.evidence).toContain('Tool: InvokeAI');
  });

  it('does not count unrelated text chunks or malformed JSON', async () => {
    expect((await run(tinyPng(tEXt('prompt', '{not json')))).outcome).toBe('none');
    expect((await run(tinyPng(tEXt('Comment', 'holiday photo')))).outcome).toBe('none');
  });

  it('reads the alpha-channel stealth variant, plain and gzip-compressed', async () => {
    for (const compressed of [false, true]) {
      const s = await run(await stealthPng(120, 100, A1111, compressed));
      expect(s.outcome).toBe('declared-ai');
      expect(s.evidence.some((e) => e.includes('stealth'))).toBe(true);
      expect(s.evidence).toContain('Seed: 42');
    }
  });

  it('finds no stealth signature in ordinary pixels', async () => {
    const px = { width: 64, height: 64, channels: 4 as const, data: new Uint8Array(64 * 64 * 4).fill(255) };
    expect(await readStealthParameters(px)).toBeUndefined();
  });

  it('truncates long prompts to one short line', async () => {
    const long = `${'very '.repeat(100)}long prompt\nSteps: 1, Sampler: Euler, Seed: 1`;
    const s = await run(tinyPng(tEXt('parameters', long)));
    const prompt = s.evidence.find((e) => e.startsWith('Prompt: '))!;
    expect(prompt.length).toBeLessThanOrEqual('Prompt: '.length + 120);
    expect(prompt.endsWith('…')).toBe(true);
  });
});
