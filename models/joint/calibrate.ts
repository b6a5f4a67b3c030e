/**
 * Joint calibration of the two photo models. Each model's thresholds keep its own false alarms on
 * held-out real photos under 1/2/5% (conservative/balanced/aggressive), but on a portrait both
 * run, and "either flags it" can double the rate. Here both models score every picture of the
 * face folders through the engine (src/engine/analyze.ts, Node), each with its leave-one-source-out
 * fold model (a model that never saw the folder), and a pair of thresholds per sensitivity is
 * chosen so that on real portraits scored by both, "either above its threshold" stays within the
 * target in every folder; never looser than each model's own threshold; among those, the pair
 * that keeps most detections. The engine applies the pair when both models score one picture.
 *
 *   npx tsx models/joint/calibrate.ts          (needs ../shared/data/train and the fold models:
 *                                               sh models/whole-image/run.sh, sh models/face/run.sh;
 *                                               scores are cached per model version in work/)
 * Writes the pair into models/whole-image/model.json (`joint`, read by the engine) and
 * models/joint/metrics.json.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeMedia } from '../../src/engine/analyze';
import { decodeNode, sha256Node } from '../../src/node/decode-node';
import { createNodeFaceModel, createNodeRunner, findModelCards, loadModelCard } from '../../src/node/node-models';
import { SENSITIVITIES, type Sensitivity } from '../../src/shared/types';

const DATA = resolve(process.argv[2] ?? '../shared/data/train');
const FOLDERS = ['faces-ffhq-stylegan', 'faces-photoshop', 'faces-sd21', 'faces-unsplash-tpdne'];
const TARGET = { likely: { conservative: 0.01, balanced: 0.02, aggressive: 0.05 }, uncertain: { conservative: 0.05, balanced: 0.1, aggressive: 0.2 } } as const;
const WORK = 'models/joint/work';

const card = loadModelCard;

interface Row {
  folder: string;
  label: 0 | 1;
  wi: number | null;
  face: number | null;
}

/**
 * Scores of one model on every picture of one folder, cached per model version (work/), so that
 * retraining one model re-scores only that one.
 */
async function folderScores(role: 'whole-image' | 'face', folder: string): Promise<Record<string, number | null>> {
  const m = role === 'whole-image' ? card(`models/whole-image/work/loso/${folder}`) : card(`models/face/work/loso/${folder}/face`);
  const cache = join(WORK, `${m.card.id}@${m.card.version}-${folder}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const shipped = findModelCards(resolve('models'));
  const detector = shipped.find((x) => x.card.task === 'face-detector')!;
  // Fold cards carry no content gate: the shipped one (the whole-image card's) applies, as in the engine.
  const contentGate = shipped.find((x) => x.card.contentGate)?.card.contentGate;
  const wi = role === 'whole-image' ? createNodeRunner(m) : undefined;
  const faces = role === 'face' ? createNodeFaceModel([detector, m]) : undefined;
  const out: Record<string, number | null> = {};
  for (const sub of ['real', 'fake']) {
    const dir = join(DATA, folder, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const res = await analyzeMedia(
        { kind: 'image', bytes: new Uint8Array(readFileSync(join(dir, name))), minShortSide: 96, pixelsOnly: true },
        { byteDetectors: [], pixelDetectors: [], models: wi ? [wi] : [], faces, contentGate, decode: decodeNode, sha256: sha256Node, limits: { maxPixels: 50_000_000, maxSide: 2048 } },
      );
      out[`${sub}/${name}`] = res.signals.find((x) => x.detector === `model:${m.card.id}` && x.outcome === 'score')?.score ?? null;
    }
  }
  await wi?.dispose();
  mkdirSync(WORK, { recursive: true });
  writeFileSync(cache, JSON.stringify(out));
  process.stderr.write(`${role} ${folder}: ${Object.keys(out).length} pictures\n`);
  return out;
}

async function score(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const folder of FOLDERS) {
    const [wi, face] = [await folderScores('whole-image', folder), await folderScores('face', folder)];
    for (const k of Object.keys(wi)) rows.push({ folder, label: k.startsWith('fake/') ? 1 : 0, wi: wi[k] ?? null, face: face[k] ?? null });
  }
  return rows;
}

const quantiles = (v: number[], n: number) => {
  const s = [...v].sort((a, b) => a - b);
  return [...new Set(Array.from({ length: n + 1 }, (_, i) => s[Math.min(s.length - 1, Math.floor((i / n) * (s.length - 1)))]!))];
};

type Pair = [wholeImage: number, face: number];

/** Flagged when either model's score reaches its threshold of the pair. */
const flagged = (r: Row, [a, b]: Pair) => r.wi! >= a || r.face! >= b;
const rate = (rows: Row[], p: Pair) => rows.filter((r) => flagged(r, p)).length / Math.max(1, rows.length);

/** The pair, never looser than `own`, keeping every real folder within `target`, with most detections. */
function choose(both: Row[], own: Pair, target: number): Pair {
  const reals = both.filter((r) => r.label === 0);
  const fakes = both.filter((r) => r.label === 1);
  const byFolder = [...new Set(reals.map((r) => r.folder))].map((f) => reals.filter((r) => r.folder === f));
  // Candidate thresholds for one model: its own, every stricter quantile of the reals, and off (1).
  const stricter = (scores: number[], from: number) => [from, ...quantiles(scores, 400).filter((x) => x > from), 1];
  const as = stricter(
    reals.map((r) => r.wi!),
    own[0],
  );
  const bs = stricter(
    reals.map((r) => r.face!),
    own[1],
  );
  let best: { p: Pair; tpr: number } | undefined;
  for (const a of as)
    for (const b of bs) {
      const p: Pair = [a, b];
      if (byFolder.some((rows) => rate(rows, p) > target)) continue;
      const tpr = rate(fakes, p);
      if (!best || tpr > best.tpr || (tpr === best.tpr && a + b < best.p[0] + best.p[1])) best = { p, tpr };
    }
  return best!.p;
}

async function main() {
  const rows = await score();
  const wiCard = card('models/whole-image').card;
  const faceCard = card('models/face').card;
  const both = rows.filter((r) => r.wi !== null && r.face !== null);
  const pair = { likely: {}, uncertain: {} } as Record<'likely' | 'uncertain', Record<Sensitivity, Pair>>;
  const share = (rs: Row[], p: Pair) => (rs.length ? Number(rate(rs, p).toFixed(4)) : null);
  const report: Record<string, unknown> = {};
  for (const level of ['likely', 'uncertain'] as const)
    for (const s of SENSITIVITIES) {
      const own: Pair = [wiCard.thresholds[level][s], faceCard.thresholds[level][s]];
      let p = choose(both, own, TARGET[level][s]);
      // uncertain never above likely
      if (level === 'uncertain') p = [Math.min(p[0], pair.likely[s][0]), Math.min(p[1], pair.likely[s][1])];
      pair[level][s] = [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))];
      const perFolder: Record<string, unknown> = {};
      for (const f of FOLDERS) {
        const real = both.filter((r) => r.folder === f && r.label === 0);
        const fake = both.filter((r) => r.folder === f && r.label === 1);
        perFolder[f] = {
          nReal: real.length,
          nFake: fake.length,
          separate: { fprReal: share(real, own), tprFake: share(fake, own) },
          joint: { fprReal: share(real, pair[level][s]), tprFake: share(fake, pair[level][s]) },
        };
      }
      report[`${level}/${s}`] = { target: TARGET[level][s], separate: own, joint: pair[level][s], perFolder };
    }
  const joint = {
    version: '1.0.0',
    models: { 'whole-image': `${wiCard.id}@${wiCard.version}`, face: `${faceCard.id}@${faceCard.version}` },
    // Each side reads as that model's own thresholds.
    thresholds: Object.fromEntries(
      (['whole-image', 'face'] as const).map((role, i) => [
        role,
        Object.fromEntries((['likely', 'uncertain'] as const).map((l) => [l, Object.fromEntries(SENSITIVITIES.map((s) => [s, pair[l][s][i]]))])),
      ]),
    ),
    fitted: 'models/joint/calibrate.ts on the leave-one-source-out scores of both models on the faces-* folders, written here',
  };
  // The engine reads the pair from the whole-image card (whole-image/export.py keeps it when it rewrites the card).
  const cardPath = 'models/whole-image/model.json';
  writeFileSync(cardPath, JSON.stringify({ ...JSON.parse(readFileSync(cardPath, 'utf8')), joint }, null, 2) + '\n');
  writeFileSync('models/joint/metrics.json', JSON.stringify({ picturesScoredByBoth: both.length, pictures: rows.length, report }, null, 1) + '\n');
  console.log(JSON.stringify(joint, null, 1));
  for (const [k, v] of Object.entries(report)) {
    const r = v as { perFolder: Record<string, { separate: { fprReal: number; tprFake: number }; joint: { fprReal: number; tprFake: number } }> };
    console.log(
      k,
      Object.entries(r.perFolder)
        .map(([f, x]) => `${f}: sep ${x.separate.fprReal}/${x.separate.tprFake} joint ${x.joint.fprReal}/${x.joint.tprFake}`)
        .join(' | '),
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
