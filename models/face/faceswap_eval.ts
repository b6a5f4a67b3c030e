/**
 * What the face model does on face swaps (it was never trained on any): frames of the sber-swap
 * demo clips (ai-forever/sber-swap, examples/videos: one original, three swaps of it with other
 * people's faces, and three unswapped target videos), scored through the engine in Node.
 *   npx tsx models/face/faceswap_eval.ts [--model models/face] [--frames models/face/work/faceswap/frames]
 * Frames: sh models/face/faceswap_frames.sh <sber-swap repository> (see that script).
 * Prints per clip: frames with a face, median and max face score, and the share of frames the
 * likely-synthetic band would flag at each sensitivity. Writes models/face/faceswap.json.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeMedia } from '../../src/engine/analyze';
import { decodeNode, sha256Node } from '../../src/node/decode-node';
import { createNodeFaceModel, findModelCards, loadModelCard } from '../../src/node/node-models';
import { SENSITIVITIES } from '../../src/shared/types';

const args = process.argv.slice(2);
const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1]! : d);
const modelDir = resolve(opt('--model', 'models/face'));
const framesDir = resolve(opt('--frames', 'models/face/work/faceswap/frames'));
const SWAPPED = new Set(['elon', 'khabenskii', 'mark']);

if (!existsSync(framesDir)) {
  console.log(`no frames in ${framesDir}: run sh models/face/faceswap_frames.sh first`);
  process.exit(0);
}
const { card } = loadModelCard(modelDir);
const shipped = findModelCards(resolve('models'));
const detector = shipped.find((m) => m.card.task === 'face-detector')!;
// The shipped content gate (the whole-image card's), as in the engine.
const contentGate = shipped.find((m) => m.card.contentGate)?.card.contentGate;
const faces = createNodeFaceModel([detector, { card, dir: modelDir }])!;
const report: Record<string, unknown> = {};
for (const clip of readdirSync(framesDir).sort()) {
  const scores: number[] = [];
  let frames = 0;
  for (const f of readdirSync(join(framesDir, clip)).sort()) {
    frames++;
    const out = await analyzeMedia(
      { kind: 'image', bytes: new Uint8Array(readFileSync(join(framesDir, clip, f))), minShortSide: 96, pixelsOnly: true },
      { byteDetectors: [], pixelDetectors: [], models: [], faces, contentGate, decode: decodeNode, sha256: sha256Node, limits: { maxPixels: 50_000_000, maxSide: 2048 } },
    );
    const s = out.signals.find((x) => x.detector === `model:${card.id}` && x.outcome === 'score');
    if (s?.score !== undefined) scores.push(s.score);
  }
  const sorted = [...scores].sort((a, b) => a - b);
  const flagged = Object.fromEntries(SENSITIVITIES.map((s) => [s, scores.length ? Number((scores.filter((x) => x >= card.thresholds.likely[s]).length / scores.length).toFixed(3)) : null]));
  report[clip] = {
    kind: SWAPPED.has(clip) ? 'swapped' : 'original',
    frames,
    withFace: scores.length,
    median: sorted.length ? Number(sorted[sorted.length >> 1]!.toFixed(3)) : null,
    max: sorted.length ? Number(sorted.at(-1)!.toFixed(3)) : null,
    flaggedLikely: flagged,
  };
  console.log(clip.padEnd(14), JSON.stringify(report[clip]));
}
writeFileSync(
  join(modelDir, 'faceswap.json'),
  JSON.stringify({ model: `${card.id}@${card.version}`, source: 'ai-forever/sber-swap@734f78bc95470baaf5290aba5628164f2ec94442 examples/videos', clips: report }, null, 1) + '\n',
);
