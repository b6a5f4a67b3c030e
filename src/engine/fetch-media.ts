/** Media bytes for the engine: never with credentials, never over `maxBytes` or `timeoutMs`; only images and videos. */
import { concatBytes } from '../detectors/shared/bytes';
import { MediaError } from './media-errors';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
}

/** `truncated`: only the start of a longer body was kept (videos only). */
export interface FetchedMedia {
  bytes: Uint8Array;
  mime: string;
  truncated: boolean;
}

const ACCEPTED = /^(image|video)\//;

export async function fetchMedia(url: string, kind: 'image' | 'video', limits: FetchLimits, signal?: AbortSignal): Promise<FetchedMedia> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'force-cache', redirect: 'follow', signal: combined });
  } catch (e) {
    if (timeout.aborted) throw new MediaError('timeout', `no response within ${limits.timeoutMs} ms`);
    throw new MediaError('network', (e as Error).message);
  }
  if (!res.ok) throw new MediaError('http-error', `HTTP ${res.status}`);
  const mime = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // Servers often label media as octet-stream; the decoder sniffs those. Anything else is refused.
  if (mime && !ACCEPTED.test(mime) && mime !== 'application/octet-stream') {
    await res.body?.cancel();
    throw new MediaError('unsupported-type', mime);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (kind === 'image' && declared > limits.maxBytes) {
    await res.body?.cancel();
    throw new MediaError('too-large', `${declared} bytes`);
  }
  const { bytes, truncated } = await readBounded(res, limits.maxBytes, timeout);
  // A truncated image is useless (and a bomb risk); a video's first bytes may still hold frames.
  if (truncated && kind === 'image') throw new MediaError('too-large', `over ${limits.maxBytes} bytes`);
  return { bytes, mime, truncated };
}

async function readBounded(res: Response, maxBytes: number, timeout: AbortSignal): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(0), truncated: false };
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: concatBytes(chunks), truncated: false };
      if (total + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - total));
        await reader.cancel();
        return { bytes: concatBytes(chunks), truncated: true };
      }
      chunks.push(value);
      total += value.byteLength;
    }
  } catch (e) {
    if (timeout.aborted) throw new MediaError('timeout', 'body took too long');
    throw new MediaError('network', (e as Error).message);
  }
}
