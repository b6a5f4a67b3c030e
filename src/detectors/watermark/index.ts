/**
 * The watermark detector (pixels): the open Stable Diffusion invisible watermarks —
 * SD v1 ("StableDiffusionV1", 136 bits) and SDXL (48-bit message) — decoded with DWT-DCT.
 * Needs pixels at the original resolution: resizing or recompression erases this watermark, so a
 * miss means nothing. Fixtures: test/fixtures/provenance/wm-*.png, clean-*.png
 * (made by scripts/make-watermark-fixtures.py).
 */
import type { Signal } from '../../shared/types';
import type { Detector, DetectorInput } from '../detector';
import { errorMessage } from '../shared/signal-text';
import { bitsFromVotes, blockVotes } from './dwt-dct-decode';

export const WATERMARK_DETECTOR_ID = 'watermark';
export const WATERMARK_DETECTOR_VERSION = '1';

interface KnownMessage {
  name: string;
  bits: number[];
}

function bytesToBits(text: string): number[] {
  return Array.from(new TextEncoder().encode(text)).flatMap((b) => Array.from({ length: 8 }, (_, i) => (b >> (7 - i)) & 1));
}

export const KNOWN_WATERMARKS: KnownMessage[] = [
  { name: 'Stable Diffusion XL invisible watermark (48-bit message)', bits: Array.from('101100111110110010010000011110111011000110011110', Number) },
  { name: 'Stable Diffusion v1 invisible watermark ("StableDiffusionV1")', bits: bytesToBits('StableDiffusionV1') },
];

export const WATERMARK_LIMITS = {
  /** SDXL pipelines do not watermark images under 256 px; below that we do not look. */
  minSide: 256,
  // The LL band is held as float64: 16 M pixels → 32 MB. SD outputs are far smaller.
  maxPixels: 16_000_000,
  /** Share of bits that must match the known message. Random content matches ~50%. */
  minBitAgreement: 0.9,
  /** Each bit needs this many block votes to be read at all. */
  minVotesPerBit: 3,
};

function base(outcome: Signal['outcome'], strength: Signal['strength'], evidence: string[], explanation: string): Signal {
  return { detector: WATERMARK_DETECTOR_ID, version: WATERMARK_DETECTOR_VERSION, outcome, strength, evidence, explanation };
}

export interface WatermarkMatch {
  name: string;
  matching: number;
  total: number;
  swappedChannels: boolean;
}

/** Decode both known messages in both channel orders; the best match above the bar, if any. */
export function findKnownWatermark(pixels: DetectorInput['pixels'] & object): WatermarkMatch | undefined {
  let best: WatermarkMatch | undefined;
  for (const swapped of [false, true]) {
    const votes = blockVotes(pixels, swapped);
    for (const known of KNOWN_WATERMARKS) {
      const { bits, votesPerBit } = bitsFromVotes(votes, known.bits.length);
      if (votesPerBit < WATERMARK_LIMITS.minVotesPerBit) continue;
      const matching = bits.reduce((n, b, i) => n + (b === known.bits[i] ? 1 : 0), 0);
      if (matching / known.bits.length >= WATERMARK_LIMITS.minBitAgreement && (!best || matching / known.bits.length > best.matching / best.total)) {
        best = { name: known.name, matching, total: known.bits.length, swappedChannels: swapped };
      }
    }
  }
  return best;
}

export const watermarkDetector: Detector = {
  id: WATERMARK_DETECTOR_ID,
  version: WATERMARK_DETECTOR_VERSION,
  needs: 'pixels',
  async run(input) {
    try {
      const px = input.pixels;
      if (!px || !(px.width > 0) || !(px.height > 0) || px.data.length < px.width * px.height * 4) {
        return base('not-applicable', 'none', [], 'No pixels to look for a watermark in.');
      }
      if (Math.min(px.width, px.height) < WATERMARK_LIMITS.minSide || px.width * px.height > WATERMARK_LIMITS.maxPixels) {
        return base('not-applicable', 'none', [`${px.width}×${px.height} px`], 'Image size outside the range where the Stable Diffusion watermark is checked.');
      }
      const match = findKnownWatermark(px);
      if (!match) return base('none', 'none', [], 'No known open invisible watermark found (resizing or recompression removes it, so this proves nothing).');
      return {
        ...base(
          'declared-ai',
          'moderate',
          [`Watermark: ${match.name}`, `Bits matching: ${match.matching}/${match.total}`],
          'An invisible watermark that Stable Diffusion tools embed in their outputs was found: the image declares it was generated with AI. ' +
            'This open watermark is easy to remove or copy onto another image; it is a declaration, not proof.',
        ),
        declaration: 'generated',
      };
    } catch (e) {
      return base('error', 'none', [`Error: ${errorMessage(e)}`], 'The watermark check failed.');
    }
  },
};
