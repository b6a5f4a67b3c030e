/** Copies the frame a video shows, in the page (issue 5); a cross-origin frame without CORS is left to the engine (SecurityError). */
import { timed } from '../main-thread-meter';
import { blobToBase64 } from '../../shared/base64';

/** Longest side of a captured frame: enough for every model input. */
const FRAME_MAX_SIDE = 768;

export type Capture = { ok: true; base64: string } | { ok: false; reason: 'tainted' | 'no-frame' };

const failure = (e: unknown): Capture => ({ ok: false, reason: (e as DOMException).name === 'SecurityError' ? 'tainted' : 'no-frame' });
const luma = (r: number, g: number, b: number) => (r * 77 + g * 150 + b * 29) >> 8;

export async function captureVideoFrame(video: HTMLVideoElement): Promise<Capture> {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth || !video.videoHeight) return { ok: false, reason: 'no-frame' };
  const k = Math.min(1, FRAME_MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
  const w = Math.max(1, Math.round(video.videoWidth * k));
  const h = Math.max(1, Math.round(video.videoHeight * k));
  // Copied and scaled asynchronously: a synchronous getImageData taint probe dominated our main-thread cost.
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(video, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
  } catch (e) {
    return failure(e);
  }
  const canvas = new OffscreenCanvas(w, h);
  const drawn = timed(() => {
    const ctx = canvas.getContext('2d');
    ctx?.drawImage(bitmap, 0, 0);
    bitmap.close();
    return !!ctx;
  });
  if (!drawn) return { ok: false, reason: 'no-frame' };
  try {
    // Encoded off the main thread; an origin-unclean canvas rejects with a SecurityError.
    return { ok: true, base64: await blobToBase64(await canvas.convertToBlob({ type: 'image/png' })) };
  } catch (e) {
    return failure(e);
  }
}

/** Resolves with the media time of the next presented frame (rVFC), or the current time. */
export function nextPresentedTime(video: HTMLVideoElement, timeoutMs = 1000): Promise<number> {
  if (video.paused || typeof video.requestVideoFrameCallback !== 'function') return Promise.resolve(video.currentTime);
  return new Promise((resolve) => {
    // A stalled stream presents nothing: fall back to the current time.
    const timer = setTimeout(() => {
      video.cancelVideoFrameCallback(handle);
      resolve(video.currentTime);
    }, timeoutMs);
    const handle = video.requestVideoFrameCallback((_now, meta) => {
      clearTimeout(timer);
      resolve(meta.mediaTime);
    });
  });
}

/**
 * An 8×8 luma thumbnail of the current frame (a scene signature); undefined when unreadable.
 * Main-thread ms per probe (headless Chromium, playing 640×420 WebM, mean of 300): canvas
 * getImageData 0.7–1.2; createImageBitmap 8×8 1.6–1.8 (scaled synchronously); a WebCodecs VideoFrame
 * copied asynchronously, luma read sparsely 0.17–0.19. The canvas stands in without WebCodecs.
 */
export async function frameSignature(video: HTMLVideoElement): Promise<Uint8Array | undefined> {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !video.videoWidth) return undefined;
  if (typeof VideoFrame === 'function') {
    const sig = await lumaSignature(video);
    if (sig !== 'unsupported') return sig;
  }
  return timed(() => canvasSignature(video));
}

const RGB_FORMATS = new Set<string>(['RGBA', 'RGBX', 'BGRA', 'BGRX']);
const YUV8_FORMATS = new Set<string>(['I420', 'I420A', 'I422', 'I422A', 'I444', 'I444A', 'NV12']);

const PROBE_TIMEOUT_MS = 1000;

/** Copy buffers, reused (a frame's planes are a few hundred kB; probes run once a second). */
const pool: Uint8Array[] = [];

async function lumaSignature(video: HTMLVideoElement): Promise<Uint8Array | undefined | 'unsupported'> {
  let frame: VideoFrame;
  try {
    frame = timed(() => new VideoFrame(video));
  } catch (e) {
    return (e as DOMException).name === 'SecurityError' ? undefined : 'unsupported'; // cross-origin: no probe
  }
  const format = frame.format;
  // 8-bit YUV: plane 0 is luma; 8-bit RGB: 4 bytes a pixel; anything else (10-bit, GPU frames): the canvas.
  const bytesPerSample = !format ? 0 : RGB_FORMATS.has(format) ? 4 : YUV8_FORMATS.has(format) ? 1 : 0;
  if (!bytesPerSample) return (frame.close(), 'unsupported');
  let buf: Uint8Array | undefined;
  try {
    const copied = timed(() => {
      const size = frame.allocationSize();
      const i = pool.findIndex((b) => b.length >= size);
      buf = i >= 0 ? pool.splice(i, 1)[0]! : new Uint8Array(size);
      return frame.copyTo(buf);
    });
    // Bounded: a copy that never settles (a lost GPU process) must not hold the sampler; its buffer is not reused.
    copied.catch(() => undefined); // the frame is closed below: its late rejection is expected
    let timer: number | undefined;
    const layout = await Promise.race([copied, new Promise<undefined>((r) => (timer = window.setTimeout(r, PROBE_TIMEOUT_MS)))]);
    window.clearTimeout(timer);
    if (!layout) {
      buf = undefined;
      return undefined;
    }
    return timed(() => blockMeans(buf!, layout[0]!, frame.visibleRect!, bytesPerSample === 4 ? format! : frame.colorSpace.fullRange ? 'full' : 'limited'));
  } catch {
    return 'unsupported';
  } finally {
    frame.close();
    if (buf && pool.length < 2) pool.push(buf);
  }
}

/** Means of 8×8 blocks of the luma plane (or of RGB pixels' luma), reading every 4th sample. */
function blockMeans(buf: Uint8Array, plane: PlaneLayout, rect: DOMRectReadOnly, kind: 'full' | 'limited' | VideoPixelFormat): Uint8Array {
  const out = new Uint8Array(64);
  const rgb = kind !== 'full' && kind !== 'limited';
  const [r, b] = kind === 'BGRA' || kind === 'BGRX' ? [2, 0] : [0, 2];
  for (let by = 0; by < 8; by++) {
    const y0 = rect.y + Math.floor((by * rect.height) / 8);
    const y1 = rect.y + Math.floor(((by + 1) * rect.height) / 8);
    for (let bx = 0; bx < 8; bx++) {
      const x0 = rect.x + Math.floor((bx * rect.width) / 8);
      const x1 = rect.x + Math.floor(((bx + 1) * rect.width) / 8);
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y += 4) {
        const row = plane.offset + y * plane.stride;
        for (let x = x0; x < x1; x += 4) {
          if (rgb) {
            const o = row + x * 4;
            sum += luma(buf[o + r]!, buf[o + 1]!, buf[o + b]!);
          } else sum += buf[row + x]!;
          n++;
        }
      }
      const mean = n ? sum / n : 0;
      // Video luma is usually "limited" (16–235): stretched, so both paths speak 0–255.
      out[by * 8 + bx] = kind === 'limited' ? Math.max(0, Math.min(255, Math.round(((mean - 16) * 255) / 219))) : Math.round(mean);
    }
  }
  return out;
}

let thumb: OffscreenCanvasRenderingContext2D | null | undefined;

function canvasSignature(video: HTMLVideoElement): Uint8Array | undefined {
  thumb ??= new OffscreenCanvas(8, 8).getContext('2d', { willReadFrequently: true });
  if (!thumb) return undefined;
  try {
    thumb.drawImage(video, 0, 0, 8, 8);
    const { data } = thumb.getImageData(0, 0, 8, 8);
    const out = new Uint8Array(64);
    for (let i = 0; i < 64; i++) out[i] = luma(data[i * 4]!, data[i * 4 + 1]!, data[i * 4 + 2]!);
    return out;
  } catch {
    // A cross-origin frame made this canvas unreadable for good: a fresh one next time.
    thumb = undefined;
    return undefined;
  }
}

/** Mean absolute difference of two signatures, 0–255; a cut between shots is typically over 20. */
export function signatureDistance(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < 64; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / 64;
}
