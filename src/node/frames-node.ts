/**
 * Frames of videos and animated images in Node, sampled as the extension samples them. Videos go
 * through ffmpeg (a temporary file, so MP4s with their index at the end still seek); GIF and WebP through sharp.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { DecodedFrame, DecodeLimits, FrameDecoder } from '../engine/analyze';
import { sniffFormat } from '../detectors/shared/media-format';
import { MediaError } from '../engine/media-errors';
import { FRAME_LIMITS, frameLimits, spreadIndices, spreadTimes } from '../engine/video-frames';
import { decodeNode } from './decode-node';

const run = promisify(execFile);

async function* videoFrames(bytes: Uint8Array, limits: DecodeLimits, timeoutMs: number): AsyncGenerator<DecodedFrame> {
  const dir = await mkdtemp(join(tmpdir(), 'dfr-video-'));
  const file = join(dir, 'clip');
  const deadline = performance.now() + timeoutMs;
  const left = () => Math.max(1, Math.round(deadline - performance.now()));
  try {
    await writeFile(file, bytes);
    let duration: number;
    try {
      const probe = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'format=duration:stream=width,height', '-of', 'json', file], { timeout: left() });
      const info = JSON.parse(probe.stdout) as { format?: { duration?: string }; streams?: { width?: number; height?: number }[] };
      const { width = 0, height = 0 } = info.streams?.[0] ?? {};
      if (!width || !height) throw new MediaError('decode-failed', 'video has no picture');
      if (width * height > limits.maxPixels) throw new MediaError('too-many-pixels', `${width}×${height}`);
      duration = Number(info.format?.duration ?? 0);
    } catch (e) {
      if (e instanceof MediaError) throw e;
      throw new MediaError('decode-failed', (e as { code?: string }).code === 'ENOENT' ? 'ffprobe is not installed' : 'ffprobe could not read this video');
    }
    const times = spreadTimes(Number.isFinite(duration) ? duration : 0, FRAME_LIMITS.maxFrames);
    for (const at of times) {
      if (performance.now() > deadline) break;
      const out = await run('ffmpeg', ['-v', 'error', '-ss', at.toFixed(3), '-i', file, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-'], {
        encoding: 'buffer',
        maxBuffer: 256 * 1024 * 1024,
        timeout: left(),
      }).catch(() => undefined);
      // A seek past what ffmpeg can decode ends the sampling: judge the frames we have.
      if (!out?.stdout.length) {
        if (at === times[0]) throw new MediaError('decode-failed', 'ffmpeg could not decode this video');
        break;
      }
      yield { t: at, pixels: await decodeNode(new Uint8Array(out.stdout), 'image/png', frameLimits(limits)) };
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An animated GIF or WebP's frames, or undefined for a still picture. */
async function animatedFrames(bytes: Uint8Array, limits: DecodeLimits): Promise<AsyncGenerator<DecodedFrame> | undefined> {
  const format = sniffFormat(bytes);
  if (format !== 'gif' && format !== 'webp') return undefined;
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { pages = 0, delay = [] } = (await (async () => sharp(input, { animated: true, limitInputPixels: Math.floor(limits.maxPixels) }).metadata())().catch(() => undefined)) ?? {};
  if (pages <= 1) return undefined;
  const lim = frameLimits(limits);
  return (async function* () {
    for (const index of spreadIndices(pages, FRAME_LIMITS.maxFrames)) {
      const still = await sharp(input, { page: index, pages: 1, limitInputPixels: Math.floor(limits.maxPixels) })
        .png()
        .toBuffer();
      // As in the browser: a frame's time is the sum of the earlier frames' durations.
      const t = delay.slice(0, index).reduce((a, d) => a + d, 0) / 1000;
      yield { t, pixels: await decodeNode(new Uint8Array(still), 'image/png', lim) };
    }
  })();
}

export const decodeFramesNode: FrameDecoder = async (media, limits) => (media.kind === 'video' ? videoFrames(media.bytes, limits, media.timeoutMs) : animatedFrames(media.bytes, limits));
