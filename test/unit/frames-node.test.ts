/**
 * src/node/frames-node.ts: videos and animated images sampled in Node as the extension samples them
 * (FRAME_LIMITS.maxFrames frames at the middles of equal slices, longest side FRAME_LIMITS.maxSide),
 * a still picture left to the image path, an undecodable video refused as such. Needs ffmpeg
 * (scripts/setup.sh installs it); skips without it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecodedFrame } from '../../src/engine/analyze';
import { DECODE_LIMITS } from '../../src/engine/pipeline';
import { FRAME_LIMITS, spreadTimes } from '../../src/engine/video-frames';
import { decodeFramesNode } from '../../src/node/frames-node';

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const media = (bytes: Uint8Array, kind: 'image' | 'video', mime: string) => ({ kind, bytes, mime, truncated: false, timeoutMs: 60_000 });

async function all(frames: AsyncGenerator<DecodedFrame> | undefined): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  for await (const f of frames ?? []) out.push(f);
  return out;
}

describe.skipIf(!hasFfmpeg)('frames in Node (ffmpeg, sharp)', () => {
  it('samples a video at the middles of equal slices, at most the frame size the engine uses', async () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../demo/media/pan.webm')));
    const frames = await all(await decodeFramesNode(media(bytes, 'video', 'video/webm'), DECODE_LIMITS));
    const duration = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(__dirname, '../../demo/media/pan.webm')], { encoding: 'utf8' }));
    expect(frames.map((f) => f.t)).toEqual(spreadTimes(duration, FRAME_LIMITS.maxFrames));
    for (const f of frames) expect(Math.max(f.pixels.width, f.pixels.height)).toBeLessThanOrEqual(FRAME_LIMITS.maxSide);
    expect(frames[0]!.pixels.data.length).toBe(frames[0]!.pixels.width * frames[0]!.pixels.height * 4);
  });

  it('samples an animated GIF by frame index, and leaves a still picture to the image path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfr-frames-'));
    try {
      // 20 frames at 10 per second: evenly spread indices, times from the frame delays.
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '2', join(dir, 'a.gif')]);
      const gif = new Uint8Array(readFileSync(join(dir, 'a.gif')));
      const frames = await all(await decodeFramesNode(media(gif, 'image', 'image/gif'), DECODE_LIMITS));
      expect(frames).toHaveLength(FRAME_LIMITS.maxFrames);
      expect(frames.map((f) => Math.round(f.t * 10))).toEqual([1, 3, 6, 8, 11, 13, 16, 18]);
      expect(frames[0]!.pixels).toMatchObject({ width: 160, height: 120 });
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120', '-frames:v', '1', join(dir, 'still.png')]);
      expect(await decodeFramesNode(media(new Uint8Array(readFileSync(join(dir, 'still.png'))), 'image', 'image/png'), DECODE_LIMITS)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a video it cannot decode as a decode failure', async () => {
    const frames = await decodeFramesNode(media(new TextEncoder().encode('not a video at all'), 'video', 'video/mp4'), DECODE_LIMITS);
    await expect(all(frames)).rejects.toMatchObject({ code: 'decode-failed' });
  });
});
