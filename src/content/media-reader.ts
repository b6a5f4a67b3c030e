/** A picture as a request: same-origin, blob: and data: bytes are read here; cross-origin, only the URL (the engine fetches it, no credentials). */
import { LIMITS, type AnalyzeRequest } from '../shared/protocol';
import { blobToBase64 } from '../shared/base64';

const PAGE_READ_TIMEOUT_MS = 10_000;

export function mediaUrl(el: HTMLImageElement | HTMLVideoElement): string {
  return el.currentSrc || el.src;
}

async function readPageBytes(url: string): Promise<Blob | 'too-large'> {
  // No cookies even on our own origin: the read must not act as the person (issue 9, privacy).
  const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'force-cache', signal: AbortSignal.timeout(PAGE_READ_TIMEOUT_MS) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > LIMITS.maxBytesFromPage) {
    await res.body?.cancel();
    return 'too-large';
  }
  const blob = await res.blob();
  return blob.size > LIMITS.maxBytesFromPage ? 'too-large' : blob;
}

/** A picture is read as bytes or handed over by URL, never as a video frame. */
type PictureRequest = AnalyzeRequest & { source: Exclude<AnalyzeRequest['source'], { type: 'frame' }> };

export async function buildRequest(raw: string): Promise<{ ok: true; request: PictureRequest } | { ok: false; reason: 'unsupported-source' | 'too-large' | 'timeout' }> {
  let url: URL;
  try {
    url = new URL(raw, location.href);
  } catch {
    return { ok: false, reason: 'unsupported-source' };
  }
  const sameOrigin = url.origin === location.origin || url.protocol === 'blob:' || url.protocol === 'data:';
  const httpUrl = url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  if (httpUrl && httpUrl.length > LIMITS.maxUrlLength) return { ok: false, reason: 'unsupported-source' };

  if (sameOrigin) {
    try {
      const blob = await readPageBytes(url.href);
      if (blob === 'too-large') return { ok: false, reason: 'too-large' };
      // The page picks the Blob's type: an odd one is sent as '' (the engine sniffs), so it cannot get the request dropped.
      const type = blob.type.toLowerCase().split(';')[0]!;
      const mime = /^[a-z]+\/[a-z0-9.+-]{1,64}$/.test(type) ? type : '';
      return { ok: true, request: { kind: 'image', source: { type: 'bytes', base64: await blobToBase64(blob), mime, url: httpUrl } } };
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') return { ok: false, reason: 'timeout' };
      // A same-origin read can fail (auth, CSP connect-src): the engine may still fetch it.
      if (!httpUrl) return { ok: false, reason: 'unsupported-source' };
    }
  }
  if (!httpUrl) return { ok: false, reason: 'unsupported-source' };
  return { ok: true, request: { kind: 'image', source: { type: 'url', url: httpUrl } } };
}
