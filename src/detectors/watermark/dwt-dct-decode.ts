/**
 * The open "dwtDct" invisible watermark (ShieldMnt/invisible-watermark, MIT), written from the
 * published algorithm, no code copied: U channel → Haar DWT → LL band in 4×4 blocks → DCT → the
 * largest |AC| modulo 36 above half reads as 1. Bits repeat in row-major block order, averaged.
 */
import type { Pixels } from '../detector';

const DWT_DCT_SCALE = 36;
const BLOCK = 4;

const DCT: number[][] = Array.from({ length: BLOCK }, (_, k) =>
  Array.from({ length: BLOCK }, (_, n) => (k === 0 ? Math.sqrt(1 / BLOCK) : Math.sqrt(2 / BLOCK)) * Math.cos((Math.PI * (2 * n + 1) * k) / (2 * BLOCK))),
);

/** One vote per LL block; `swapRedBlue` reads images whose pipeline handed RGB to the BGR encoder. */
export function blockVotes(px: Pixels, swapRedBlue: boolean): Uint8Array {
  const h = Math.floor(px.height / 4) * 4;
  const w = Math.floor(px.width / 4) * 4;
  const llH = h / 2;
  const llW = w / 2;
  const { data, width } = px;
  const bOff = swapRedBlue ? 0 : 2;
  const rOff = swapRedBlue ? 2 : 0;
  // U = 0.492·(B − Y), Y = 0.299R + 0.587G + 0.114B (offset omitted).
  const u = (x: number, y: number): number => {
    const i = (y * width + x) * 4;
    const r = data[i + rOff]!;
    const g = data[i + 1]!;
    const b = data[i + bOff]!;
    return 0.492 * (b - (0.299 * r + 0.587 * g + 0.114 * b));
  };
  const ll = new Float64Array(llH * llW);
  for (let y = 0; y < llH; y++) {
    for (let x = 0; x < llW; x++) ll[y * llW + x] = (u(2 * x, 2 * y) + u(2 * x + 1, 2 * y) + u(2 * x, 2 * y + 1) + u(2 * x + 1, 2 * y + 1)) / 2;
  }
  const rows = Math.floor(llH / BLOCK);
  const cols = Math.floor(llW / BLOCK);
  const votes = new Uint8Array(rows * cols);
  const tmp = new Float64Array(16);
  let num = 0;
  for (let bi = 0; bi < rows; bi++) {
    for (let bj = 0; bj < cols; bj++) {
      // tmp = DCT · block
      for (let k = 0; k < BLOCK; k++) {
        for (let c = 0; c < BLOCK; c++) {
          let s = 0;
          for (let n = 0; n < BLOCK; n++) s += DCT[k]![n]! * ll[(bi * BLOCK + n) * llW + bj * BLOCK + c]!;
          tmp[k * BLOCK + c] = s;
        }
      }
      // coefficient (k, l) = Σ_c tmp[k][c] · DCT[l][c]; find the largest |AC|.
      let best = 0;
      for (let k = 0; k < BLOCK; k++) {
        for (let l = 0; l < BLOCK; l++) {
          if (k === 0 && l === 0) continue;
          let s = 0;
          for (let c = 0; c < BLOCK; c++) s += tmp[k * BLOCK + c]! * DCT[l]![c]!;
          if (Math.abs(s) > Math.abs(best)) best = s;
        }
      }
      votes[num++] = Math.abs(best) % DWT_DCT_SCALE > 0.5 * DWT_DCT_SCALE ? 1 : 0;
    }
  }
  return votes;
}

/** Block n votes for bit n mod length. */
export function bitsFromVotes(votes: Uint8Array, length: number): { bits: number[]; votesPerBit: number } {
  const ones = new Float64Array(length);
  const counts = new Float64Array(length);
  for (let n = 0; n < votes.length; n++) {
    ones[n % length]! += votes[n]!;
    counts[n % length]! += 1;
  }
  const bits = Array.from(ones, (o, i) => (counts[i]! > 0 && (o / counts[i]!) * 255 > 127 ? 1 : 0));
  return { bits, votesPerBit: Math.floor(votes.length / length) };
}
