/**
 * A 64-bit DCT perceptual hash (pHash): grey levels area-resized to 32×32, 2-D DCT-II, the 8×8 lowest
 * frequencies but DC compared with their median; recompressed, resized or lightly cropped copies land
 * within a few bits. pHash is colour-blind, so 16 hex digits of structure are followed by 6 of mean R, G, B.
 */
import type { Pixels } from '../detectors/detector';

const N = 32;
const K = 8;
/** Hashes at most this far apart (of 64 bits) are taken as the same picture. */
export const SAME_MEDIA_MAX_DISTANCE = 12;
/** Mean colours further apart than this (0–255, any channel) are different pictures. */
export const SAME_MEDIA_MAX_COLOUR = 40;
/** Mean absolute AC coefficient (grey 0–255) under which a picture is flat: not hashed, it would collide with every other flat one. */
const MIN_AC_ENERGY = 1.5;

/** Mean grey level (ITU-R 601 luma) of each cell of an N×N grid; fills `mean` with the mean colour. */
function greyGrid(px: Pixels, mean: number[]): Float64Array {
  const out = new Float64Array(N * N);
  let n = 0;
  const counts = new Float64Array(N * N);
  const { width, height, data } = px;
  // Sample at most ~512×512 source pixels: plenty for a 32×32 grid, bounded on big images.
  const step = Math.max(1, Math.floor(Math.max(width, height) / 512));
  for (let y = 0; y < height; y += step) {
    const gy = Math.min(N - 1, Math.floor((y * N) / height));
    for (let x = 0; x < width; x += step) {
      const gx = Math.min(N - 1, Math.floor((x * N) / width));
      const i = (y * width + x) * 4;
      out[gy * N + gx]! += 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      counts[gy * N + gx]! += 1;
      mean[0]! += data[i]!;
      mean[1]! += data[i + 1]!;
      mean[2]! += data[i + 2]!;
      n++;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = counts[i] ? out[i]! / counts[i]! : 0;
  for (let c = 0; c < 3; c++) mean[c] = n ? mean[c]! / n : 0;
  return out;
}

const COSINES = Float64Array.from({ length: K * N }, (_, i) => Math.cos(((2 * (i % N) + 1) * Math.floor(i / N) * Math.PI) / (2 * N)));

/** The K×K lowest DCT-II coefficients (separable: rows, then columns). */
function lowDct(grid: Float64Array): Float64Array {
  const c = COSINES;
  const rows = new Float64Array(N * K); // rows[y][u]
  for (let y = 0; y < N; y++)
    for (let u = 0; u < K; u++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += grid[y * N + x]! * c[u * N + x]!;
      rows[y * K + u] = s;
    }
  const out = new Float64Array(K * K); // out[v][u]
  for (let v = 0; v < K; v++)
    for (let u = 0; u < K; u++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[y * K + u]! * c[v * N + y]!;
      out[v * K + u] = s / N;
    }
  return out;
}

/** 22 hex digits, or undefined for an empty or flat picture. */
export function perceptualHash(px: Pixels): string | undefined {
  if (px.width < 8 || px.height < 8 || px.data.length < px.width * px.height * 4) return undefined;
  const mean = [0, 0, 0];
  const coeffs = lowDct(greyGrid(px, mean));
  const ac = Array.from(coeffs).slice(1);
  if (ac.reduce((s, v) => s + Math.abs(v), 0) / ac.length < MIN_AC_ENERGY) return undefined;
  const median = [...ac].sort((a, b) => a - b)[ac.length >> 1]!;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let n = 0;
    for (let b = 0; b < 4; b++) {
      const i = nibble * 4 + b;
      // Bit 0 is the DC term: always 0, so the 63 AC bits carry the picture.
      n = (n << 1) | (i > 0 && coeffs[i]! > median ? 1 : 0);
    }
    hex += n.toString(16);
  }
  return hex + mean.map((m) => Math.round(m).toString(16).padStart(2, '0')).join('');
}

const POPCOUNT = Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));

/** Bits of structure that differ between two hashes (64 when either is malformed). */
export function hammingDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}/.test(a) || !/^[0-9a-f]{16}/.test(b)) return 64;
  let d = 0;
  for (let i = 0; i < 16; i++) d += POPCOUNT[parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16)]!;
  return d;
}

/** Largest difference of mean colour between two hashes, per channel (255 when either lacks it). */
export function colourDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{22}$/.test(a) || !/^[0-9a-f]{22}$/.test(b)) return 255;
  let d = 0;
  for (let i = 16; i < 22; i += 2) d = Math.max(d, Math.abs(parseInt(a.slice(i, i + 2), 16) - parseInt(b.slice(i, i + 2), 16)));
  return d;
}

/** Bits apart when two hashes are the same picture, else undefined. */
export function samePictureDistance(a: string, b: string): number | undefined {
  const d = hammingDistance(a, b);
  return d <= SAME_MEDIA_MAX_DISTANCE && colourDistance(a, b) <= SAME_MEDIA_MAX_COLOUR ? d : undefined;
}
