/** Bounded, so a tiny chunk cannot expand into gigabytes (a "zip bomb" in a PNG text chunk). */
import { concatBytes } from './bytes';

/** `null` when corrupt or over `maxBytes`; never throws. */
export async function inflateBounded(data: Uint8Array, format: CompressionFormat, maxBytes: number): Promise<Uint8Array | null> {
  if (typeof DecompressionStream === 'undefined') return null;
  try {
    const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream(format));
    const reader = stream.getReader();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return null;
      }
      parts.push(value);
    }
    return concatBytes(parts);
  } catch {
    return null;
  }
}
