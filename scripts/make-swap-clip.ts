#!/usr/bin/env -S npx tsx
/**
 * Writes a face-swapped clip and its unswapped control (two real faces of ../shared/data, swapped by
 * the project's own TypeScript: scripts/face-swap-clip/) into OUT_DIR, to score them:
 *   npx tsx scripts/make-swap-clip.ts OUT_DIR [--frames 24] [--fps 4] [--side 256] [--data ../shared/data]
 *   npx deepfake-radar scan OUT_DIR
 * OUT_DIR gets swapped.mp4, control.mp4, swapped.png, control.png, frames-swapped/, frames-control/
 * and pair.json (which two pictures, how close their poses were). Third-party faces: never commit them.
 */
import { resolve } from 'node:path';
import { ROOT } from '../test/e2e/support/server';
import { makeSwapClips } from './face-swap-clip/make-clips';

const args = process.argv.slice(2);
const opt = (k: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
const num = (k: string) => (opt(k) === undefined ? undefined : Number(opt(k)));
const out = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!out) {
  console.error('usage: npx tsx scripts/make-swap-clip.ts OUT_DIR [--frames N] [--fps N] [--side PX] [--data DIR]');
  process.exit(2);
}
const made = await makeSwapClips(resolve(out), {
  dataDir: resolve(opt('--data') ?? resolve(ROOT, '../shared/data')),
  modelsDir: resolve(ROOT, 'models'),
  frames: num('--frames'),
  fps: num('--fps'),
  side: num('--side'),
});
console.log(`source (its face is pasted): ${made.source}`);
console.log(`target (the head it goes on): ${made.target}`);
console.log(`pose distance ${made.poseDistance.toFixed(3)} (eye distance = 1)`);
console.log(`swapped: ${made.swappedClip} (${made.frames.swapped.length} frames)`);
console.log(`control: ${made.controlClip} (${made.frames.control.length} frames)`);
console.log(`score them: npx deepfake-radar scan ${resolve(out)}`);
