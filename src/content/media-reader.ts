/**
 * Turns a page element into an analysis request, doing as little as possible on the page's thread.
 * - same-origin, blob: and data: images: the bytes are read here (the page can read them anyway),
 *   base64-encoded natively by FileReader;
 * - cross-origin http(s) media: only the URL goes out; the engine fetches it without credentials;
 * - video we can read (same-origin, blob:/MSE): the current frame is copied to a small canvas.
 */
import { LIMITS, type AnalyzeRequest } from '../shared/protocol';

/** A frame is captured at most this large (longest side): enough for every model input. */
const FRAME_MAX_SIDE = 768;
const PAGE_READ_TIMEOUT_MS = 10_000;

export type ReadResult = { ok: true; request: AnalyzeRequest } | { ok: false; reason: 'unsupported-source' | 'too-large' | 'not-ready' | 'timeout' };

export function mediaUrl(el: HTMLImageElement | HTMLVideoElement): string {
  return el instanceof HTMLImageElement ? el.currentSrc || el.src : el.currentSrc || el.src;
}

function isHttp(url: URL) {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function readAsBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
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

/** Copies the video's current frame; undefined when the canvas would be tainted (cross-origin). */
async function captureFrame(video: HTMLVideoElement): Promise<Blob | undefined> {
  const k = Math.min(1, FRAME_MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const w = Math.max(1, Math.round(video.videoWidth * k));
  const h = Math.max(1, Math.round(video.videoHeight * k));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.drawImage(video, 0, 0, w, h);
  try {
    ctx.getImageData(0, 0, 1, 1); // throws on a tainted canvas
  } catch {
    return undefined;
  }
  return canvas.convertToBlob({ type: 'image/png' });
}

export async function buildRequest(el: HTMLImageElement | HTMLVideoElement): Promise<ReadResult> {
  const raw = mediaUrl(el);
  let url: URL;
  try {
    url = new URL(raw, location.href);
  } catch {
    return { ok: false, reason: 'unsupported-source' };
  }
  const sameOrigin = url.origin === location.origin || url.protocol === 'blob:' || url.protocol === 'data:';
  const httpUrl = isHttp(url) ? url.href : undefined;
  if (httpUrl && httpUrl.length > LIMITS.maxUrlLength) return { ok: false, reason: 'unsupported-source' };

  if (el instanceof HTMLVideoElement) {
    if (el.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && el.videoWidth > 0) {
      const frame = await captureFrame(el);
      if (frame) return { ok: true, request: { kind: 'video', source: { type: 'frame', base64: await readAsBase64(frame), mime: 'image/png', url: httpUrl } } };
    }
    if (httpUrl) return { ok: true, request: { kind: 'video', source: { type: 'url', url: httpUrl } } };
    return { ok: false, reason: 'not-ready' };
  }

  if (sameOrigin) {
    try {
      const blob = await readPageBytes(url.href);
      if (blob === 'too-large') return { ok: false, reason: 'too-large' };
      return { ok: true, request: { kind: 'image', source: { type: 'bytes', base64: await readAsBase64(blob), mime: blob.type.toLowerCase().split(';')[0]!, url: httpUrl } } };
    } catch (e) {
      if ((e as Error).name === 'TimeoutError') return { ok: false, reason: 'timeout' };
      // A same-origin read can fail (auth, CSP connect-src): the engine may still fetch it.
      if (!httpUrl) return { ok: false, reason: 'unsupported-source' };
    }
  }
  if (!httpUrl) return { ok: false, reason: 'unsupported-source' };
  return { ok: true, request: { kind: 'image', source: { type: 'url', url: httpUrl } } };
}
