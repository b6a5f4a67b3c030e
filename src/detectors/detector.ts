import type { Signal } from '../shared/types';

/** Decoded pixels, RGBA, row-major (same layout as ImageData). */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** What a detector may look at. Bytes are absent when only pixels exist (e.g. a video frame). */
export interface DetectorInput {
  bytes?: Uint8Array;
  mime?: string;
  pixels?: Pixels;
  /** Where the media came from, for messages only; detectors never fetch. */
  url?: string;
}

/**
 * One detector: a small, pure module (no extension APIs, no network).
 * `run` must never throw for bad input: it returns outcome `not-applicable`, `invalid` or `error`.
 */
export interface Detector {
  id: string;
  version: string;
  /** `bytes`: needs the file (provenance, metadata); `pixels`: needs decoded pixels. */
  needs: 'bytes' | 'pixels';
  run(input: DetectorInput, signal?: AbortSignal): Promise<Signal>;
}
