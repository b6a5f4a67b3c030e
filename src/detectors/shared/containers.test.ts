import { describe, expect, it } from 'vitest';
import { concat, latin, PNG_SIGNATURE, pngChunk } from '../../../test/unit/helpers/build-files';
import { parseSourceType, strongestMeaning } from './digital-source-type';
import { walkJpegSegments } from './jpeg-segments';
import { sniffFormat } from './media-format';
import { readPngTexts, walkPngChunks } from './png-chunks';
import { errorMessage, plainText } from './signal-text';

const SIG = Array.from(PNG_SIGNATURE);

const ihdr = pngChunk('IHDR', Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
const iend = pngChunk('IEND', new Uint8Array());

describe('PNG chunk walker', () => {
  it('stops at IEND and ignores chunks appended after it', async () => {
    const file = concat(Uint8Array.from(SIG), ihdr, pngChunk('tEXt', latin('Software\0inside')), iend, pngChunk('tEXt', latin('parameters\0appended')));
    const walk = walkPngChunks(file);
    expect(walk.complete).toBe(true);
    expect(walk.chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IEND']);
    const texts = await readPngTexts(walk, { maxTextBytes: 1000, maxTexts: 10 });
    expect(texts).toEqual([{ keyword: 'Software', text: 'inside' }]);
  });

  it('skips text chunks with a bad CRC', async () => {
    const file = concat(Uint8Array.from(SIG), ihdr, pngChunk('tEXt', latin('parameters\0x'), true), iend);
    expect(await readPngTexts(walkPngChunks(file), { maxTextBytes: 1000, maxTexts: 10 })).toEqual([]);
  });

  it('bounds the number of chunks and reports truncation', () => {
    const many = Array.from({ length: 50 }, () => pngChunk('tEXt', latin('a\0b')));
    const walk = walkPngChunks(concat(Uint8Array.from(SIG), ihdr, ...many, iend), 20);
    expect(walk.chunks.length).toBe(20);
    expect(walk.problem).toMatch(/more than 20/);
    expect(walkPngChunks(concat(Uint8Array.from(SIG), ihdr).subarray(0, 15)).problem).toBe('no IEND');
  });

  it('refuses zTXt that inflates past the cap (compression bomb)', async () => {
    const big = new Uint8Array(2_000_000); // zeros compress ~1000×
    const compressed = new Uint8Array(await new Response(new Blob([big]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer());
    const file = concat(Uint8Array.from(SIG), ihdr, pngChunk('zTXt', concat(latin('parameters\0\0'), compressed)), iend);
    expect(await readPngTexts(walkPngChunks(file), { maxTextBytes: 10_000, maxTexts: 10 })).toEqual([]);
  });
});

describe('JPEG segment walker', () => {
  it('stops at the start of scan and never reads past EOI', () => {
    const app1 = concat(Uint8Array.from([0xff, 0xe1, 0, 8]), latin('Exif\0\0'));
    const sos = Uint8Array.from([0xff, 0xda, 0, 2, 1, 2, 3, 0xff, 0xd9]);
    const walk = walkJpegSegments(concat(Uint8Array.from([0xff, 0xd8]), app1, sos, app1));
    expect(walk.segments.length).toBe(1);
    expect(walk.headerEnd).toBe(2 + app1.length);
  });

  it('reports truncated and non-JPEG input without throwing', () => {
    expect(walkJpegSegments(Uint8Array.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff])).problem).toBe('truncated segment');
    expect(walkJpegSegments(new Uint8Array(3)).problem).toBe('not a JPEG');
  });
});

describe('format sniffing', () => {
  it('trusts magic numbers over names', () => {
    expect(sniffFormat(Uint8Array.from(SIG.concat([0, 0, 0, 0])))).toBe('png');
    expect(sniffFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(latin('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(sniffFormat(latin('\0\0\0\x1cftypavif\0\0\0\0avifmif1'))).toBe('avif');
    expect(sniffFormat(latin('\0\0\0\x18ftypisom\0\0\0\0isomiso2'))).toBe('mp4');
    expect(sniffFormat(new Uint8Array())).toBe('unknown');
  });
});

describe('IPTC digital source types', () => {
  it('maps the AI codes to generated / edited and the rest to other', () => {
    expect(parseSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia')?.meaning).toBe('generated');
    expect(parseSourceType('https://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia')?.meaning).toBe('edited');
    expect(parseSourceType('digitalCapture')?.meaning).toBe('other');
    expect(parseSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/somethingNew')?.meaning).toBe('other');
    expect(parseSourceType('hello')).toBeUndefined();
    expect(strongestMeaning([parseSourceType('digitalCapture')!, parseSourceType('compositeWithTrainedAlgorithmicMedia')!])).toBe('edited');
  });
});

describe('evidence text', () => {
  it('is one plain line, truncated with an ellipsis', () => {
    expect(plainText('a\nb\u0000c  d')).toBe('a b c d');
    const long = plainText('x'.repeat(500));
    expect(long.length).toBe(120);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('errorMessage', () => {
  it('gives one bounded line for any thrown value, circular and BigInt ones included', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(errorMessage(circular)).toBe('[object Object]');
    expect(errorMessage(10n)).toBe('10');
    expect(errorMessage(new Error('line one\nline two'))).not.toContain('\n');
    expect(errorMessage('x'.repeat(500)).length).toBeLessThanOrEqual(200);
  });
});
