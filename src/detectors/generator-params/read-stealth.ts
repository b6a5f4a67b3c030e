/**
 * A1111 stealth-pnginfo: parameters in the least significant bits of alpha (or R, G, B), column by
 * column; a 15-byte signature, a 32-bit length in bits, the payload (gzip for `*comp`).
 * Written from the format description; no code copied.
 */
import { decodeUtf8 } from '../shared/bytes';
import { inflateBounded } from '../shared/inflate';
import type { PngPixels } from '../shared/png-decode';

const SIGNATURES: Record<string, { mode: 'alpha' | 'rgb'; compressed: boolean }> = {
  stealth_pnginfo: { mode: 'alpha', compressed: false },
  stealth_pngcomp: { mode: 'alpha', compressed: true },
  stealth_rgbinfo: { mode: 'rgb', compressed: false },
  stealth_rgbcomp: { mode: 'rgb', compressed: true },
};

function bitReader(px: PngPixels, mode: 'alpha' | 'rgb') {
  const { width, height, channels, data } = px;
  const perPixel = mode === 'alpha' ? 1 : 3;
  const total = width * height * perPixel;
  let i = 0;
  return {
    remaining: () => total - i,
    next(): number {
      const pixel = Math.floor(i / perPixel);
      const x = Math.floor(pixel / height);
      const y = pixel % height;
      const base = (y * width + x) * channels;
      const c = mode === 'alpha' ? channels - 1 : i % perPixel;
      i++;
      return data[base + c]! & 1;
    },
  };
}

function readBytes(r: ReturnType<typeof bitReader>, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    let v = 0;
    for (let b = 0; b < 8; b++) v = (v << 1) | r.next();
    out[k] = v;
  }
  return out;
}

export async function readStealthParameters(px: PngPixels, maxBytes = 1_000_000): Promise<string | undefined> {
  const modes: ('alpha' | 'rgb')[] = px.channels === 4 || px.channels === 2 ? ['alpha', 'rgb'] : ['rgb'];
  for (const mode of modes) {
    if (mode === 'rgb' && px.channels < 3) continue;
    const r = bitReader(px, mode);
    if (r.remaining() < 15 * 8 + 32) continue;
    const sig = String.fromCharCode(...readBytes(r, 15));
    const kind = SIGNATURES[sig];
    if (!kind || kind.mode !== mode) continue;
    let bits = 0;
    for (let b = 0; b < 32; b++) bits = bits * 2 + r.next();
    if (bits <= 0 || bits % 8 !== 0 || bits > r.remaining() || bits / 8 > maxBytes) return undefined;
    const payload = readBytes(r, bits / 8);
    if (!kind.compressed) return decodeUtf8(payload);
    const raw = await inflateBounded(payload, 'gzip', maxBytes);
    return raw ? decodeUtf8(raw) : undefined;
  }
  return undefined;
}
