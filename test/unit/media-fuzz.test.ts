/**
 * Property-based fuzzing (fast-check) over mutated media: seeds in every format (JPEG, PNG, WebP,
 * AVIF, GIF, TIFF, WebM, MP4, with metadata and generator parameters) are bit-flipped, cut,
 * spliced, given lying length fields and random insertions, then fed to every container parser
 * and, through analyzeMedia with the Node decoder, to every detector. Each input must give a clean
 * outcome: no throw, no hang past its limit, memory bounded. Inputs tried and failures are printed.
 *
 * The CI run is short (a few seconds); `DFR_FUZZ_RUNS=5000 npx vitest run test/unit/media-fuzz`
 * runs longer (pipeline inputs = DFR_FUZZ_RUNS, parser inputs = 5 × that), `DFR_FUZZ_SEED` varies it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { inflateBounded } from '../../src/detectors/shared/inflate';
import { jpegExif, walkJpegSegments } from '../../src/detectors/shared/jpeg-segments';
import { sniffFormat } from '../../src/detectors/shared/media-format';
import { readPngTexts, walkPngChunks } from '../../src/detectors/shared/png-chunks';
import { decodePngPixels } from '../../src/detectors/shared/png-decode';
import { walkWebpChunks } from '../../src/detectors/shared/riff-chunks';
import { headerSize } from '../../src/engine/decode-browser';
import { analyzeBounded, expectWellFormed, makeSeeds } from './helpers/bad-media';

const RUNS = Number(process.env.DFR_FUZZ_RUNS ?? 500);
const PARSER_RUNS = RUNS * 5;
const SEED = Number(process.env.DFR_FUZZ_SEED ?? 20261121);

let seeds: Awaited<ReturnType<typeof makeSeeds>>;
beforeAll(async () => {
  seeds = await makeSeeds();
});

const unit = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation = fc.record({
  which: fc.nat(),
  flips: fc.array(fc.tuple(unit, fc.integer({ min: 1, max: 255 })), { maxLength: 16 }),
  /** A 32-bit length field overwritten with a hostile value (0, huge, off by one...). */
  pokes: fc.array(fc.tuple(unit, fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 0xfffffff0, 65535, 65536), fc.boolean()), { maxLength: 3 }),
  /** A range of the file copied elsewhere (duplicated chunks, segments, boxes). */
  splice: fc.option(fc.tuple(unit, unit, unit)),
  insert: fc.option(fc.tuple(unit, fc.uint8Array({ maxLength: 96 }))),
  cut: fc.option(unit),
});
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(m: Mutation): { name: string; mime: string; bytes: Uint8Array } {
  const seed = seeds[m.which % seeds.length]!;
  let bytes = seed.bytes.slice();
  const at = (u: number, len = bytes.length) => Math.min(len - 1, Math.floor(u * len));
  for (const [u, x] of m.flips) if (bytes.length) bytes[at(u)]! ^= x;
  for (const [u, value, little] of m.pokes) {
    if (bytes.length < 4) break;
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(Math.min(bytes.length - 4, at(u)), value, little);
  }
  if (m.splice && bytes.length > 8) {
    const [a, b, to] = m.splice;
    const start = at(a),
      end = Math.min(bytes.length, start + 1 + Math.floor(b * 4096)),
      dest = at(to);
    bytes = Uint8Array.from([...bytes.subarray(0, dest), ...bytes.subarray(start, end), ...bytes.subarray(dest)]);
  }
  if (m.insert) {
    const i = Math.floor(m.insert[0] * bytes.length);
    bytes = Uint8Array.from([...bytes.subarray(0, i), ...m.insert[1], ...bytes.subarray(i)]);
  }
  if (m.cut !== null) bytes = bytes.subarray(0, Math.floor(m.cut * bytes.length));
  return { name: seed.name, mime: seed.mime, bytes };
}

interface Tally {
  tried: number;
  failures: { input: string; error: string }[];
}

const describeInput = (m: Mutation, name: string, len: number) => `${name} (${len} B) ${JSON.stringify(m, (_, v) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v))}`;

async function fuzz(label: string, runs: number, check: (input: ReturnType<typeof mutate>) => Promise<void> | void): Promise<Tally> {
  const tally: Tally = { tried: 0, failures: [] };
  for (const m of fc.sample(mutation, { numRuns: runs, seed: SEED })) {
    const input = mutate(m);
    tally.tried++;
    try {
      await check(input);
    } catch (e) {
      tally.failures.push({ input: describeInput(m, input.name, input.bytes.length), error: (e as Error).message.split('\n')[0]!.slice(0, 300) });
    }
  }
  console.log(`fuzz ${label}: ${tally.tried} inputs, ${tally.failures.length} failures (seed ${SEED})`);
  for (const f of tally.failures.slice(0, 5)) console.log(`  FAIL ${f.error}\n    input: ${f.input}`);
  return tally;
}

describe('fuzz: container parsers', () => {
  it('sniffFormat and headerSize (image-size, the browser decoder’s bomb check)', async () => {
    const t = await fuzz('sniff+headerSize', PARSER_RUNS, ({ bytes }) => {
      expect(typeof sniffFormat(bytes)).toBe('string');
      const size = headerSize(bytes);
      if (size) expect(Number.isFinite(size.width * size.height) && size.width > 0 && size.height > 0).toBe(true);
    });
    expect(t.failures).toEqual([]);
  });

  it('JPEG segments and EXIF', async () => {
    const t = await fuzz('jpeg-segments', PARSER_RUNS, ({ bytes }) => {
      const walk = walkJpegSegments(bytes);
      expect(walk.segments.length).toBeLessThanOrEqual(2_000);
      jpegExif(walk);
    });
    expect(t.failures).toEqual([]);
  });

  it('PNG chunks, texts (bounded inflate) and pixels', async () => {
    const t = await fuzz('png-chunks', PARSER_RUNS, async ({ bytes }) => {
      const walk = walkPngChunks(bytes);
      expect(walk.chunks.length).toBeLessThanOrEqual(10_000);
      const texts = await readPngTexts(walk, { maxTextBytes: 64 * 1024, maxTexts: 50 });
      expect(texts.length).toBeLessThanOrEqual(50);
      const px = await decodePngPixels(walk, 4_000_000);
      if (px) expect(px.width * px.height).toBeLessThanOrEqual(4_000_000);
    });
    expect(t.failures).toEqual([]);
  });

  it('WebP RIFF chunks', async () => {
    const t = await fuzz('riff-chunks', PARSER_RUNS, ({ bytes }) => {
      expect(walkWebpChunks(bytes).chunks.length).toBeLessThanOrEqual(1_000);
    });
    expect(t.failures).toEqual([]);
  });

  it('bounded inflate on mutated deflate streams', async () => {
    const t = await fuzz('inflate', Math.ceil(PARSER_RUNS / 5), async ({ bytes }) => {
      // The seeds' own compressed payloads (PNG IDAT) mutated: corrupt or oversized → null, never a throw.
      const out = await inflateBounded(bytes.subarray(Math.min(bytes.length, 41)), 'deflate', 1 << 20);
      if (out) expect(out.length).toBeLessThanOrEqual(1 << 20);
    });
    expect(t.failures).toEqual([]);
  });
});

describe('fuzz: the whole pipeline (every detector, Node decoder)', () => {
  it('gives a clean outcome for every mutated file, in bounded memory', async () => {
    const start = process.memoryUsage().rss;
    let peak = start;
    const t = await fuzz('analyzeMedia', RUNS, async ({ bytes, mime }) => {
      const out = await analyzeBounded(bytes, mime, 20_000);
      expectWellFormed(out.signals);
      if (out.width !== undefined) expect(out.width * (out.height ?? 0)).toBeLessThanOrEqual(50_000_000);
      peak = Math.max(peak, process.memoryUsage().rss);
    });
    const grownMb = Math.round((peak - start) / 2 ** 20);
    console.log(`fuzz analyzeMedia: peak RSS growth ${grownMb} MB`);
    expect(t.failures).toEqual([]);
    expect(grownMb).toBeLessThan(1024);
  }, 600_000);
});
