/**
 * The open Stable Diffusion invisible watermarks (SD v1, SDXL), decoded with DWT-DCT. Resizing or
 * recompression erases them, so a miss means nothing. Fixtures: test/fixtures/provenance/{wm,clean}-*.png.
 */
import type { Signal } from '../../shared/types';
import { guardedDetector, signalMaker, type DetectorInput } from '../detector';
import { msg } from '../../shared/signal-messages';
import { bitsFromVotes, blockVotes } from './dwt-dct-decode';

interface KnownMessage {
  key: 'sig_wm_sdxl' | 'sig_wm_sd1';
  bits: number[];
}

function bytesToBits(text: string): number[] {
  return Array.from(new TextEncoder().encode(text)).flatMap((b) => Array.from({ length: 8 }, (_, i) => (b >> (7 - i)) & 1));
}

const KNOWN_WATERMARKS: KnownMessage[] = [
  { key: 'sig_wm_sdxl', bits: Array.from('101100111110110010010000011110111011000110011110', Number) },
  { key: 'sig_wm_sd1', bits: bytesToBits('StableDiffusionV1') },
];

const WATERMARK_LIMITS = {
  /** SDXL pipelines do not watermark images under 256 px; below that we do not look. */
  minSide: 256,
  // The LL band is held as float64: 16 M pixels → 32 MB. SD outputs are far smaller.
  maxPixels: 16_000_000,
  /** Share of bits that must match the known message. Random content matches ~50%. */
  minBitAgreement: 0.9,
  /** Block votes a bit needs to be read at all. */
  minVotesPerBit: 3,
};

const base = signalMaker('watermark', '1', 'provenance');

interface WatermarkMatch {
  key: KnownMessage['key'];
  matching: number;
  total: number;
}

/** Both known messages in both channel orders: the best match above the bar. */
export function findKnownWatermark(pixels: DetectorInput['pixels'] & object): WatermarkMatch | undefined {
  let best: WatermarkMatch | undefined;
  for (const swapped of [false, true]) {
    const votes = blockVotes(pixels, swapped);
    for (const known of KNOWN_WATERMARKS) {
      const { bits, votesPerBit } = bitsFromVotes(votes, known.bits.length);
      if (votesPerBit < WATERMARK_LIMITS.minVotesPerBit) continue;
      const matching = bits.reduce((n, b, i) => n + (b === known.bits[i] ? 1 : 0), 0);
      if (matching / known.bits.length >= WATERMARK_LIMITS.minBitAgreement && (!best || matching / known.bits.length > best.matching / best.total)) {
        best = { key: known.key, matching, total: known.bits.length };
      }
    }
  }
  return best;
}

async function runWatermark(input: DetectorInput): Promise<Signal> {
  const px = input.pixels;
  if (!px || !(px.width > 0) || !(px.height > 0) || px.data.length < px.width * px.height * 4) {
    return base('not-applicable', 'none', [], msg('sig_wm_noPixels'));
  }
  if (Math.min(px.width, px.height) < WATERMARK_LIMITS.minSide || px.width * px.height > WATERMARK_LIMITS.maxPixels) {
    return base('not-applicable', 'none', [msg('sig_pixelSize', String(px.width), String(px.height))], msg('sig_wm_size'));
  }
  const match = findKnownWatermark(px);
  if (!match) return base('none', 'none', [], msg('sig_wm_none'));
  const found = base('declared-ai', 'moderate', [msg('sig_wm_watermark', { key: match.key }), msg('sig_wm_bits', String(match.matching), String(match.total))], msg('sig_wm_found'));
  return { ...found, declaration: 'generated' };
}

export const watermarkDetector = guardedDetector(base, { needs: 'pixels', errorKey: 'sig_wm_error', run: runWatermark });
