/**
 * One model's view (`npm run eval -- --model DIR`): the model's own score on every image, its
 * AUC, TPR at FPR 1/2/5%, and at each sensitivity's thresholds the false-positive rate on real
 * and the detection rate on fake, plus the share the gates keep from it. The model cards and
 * models/*\/ scripts are measured with it.
 *
 * `--model models/face` evaluates the face model: the face detector whose card sits beside it
 * finds faces, the most suspicious face's score is the image's score, no face = not-applicable.
 *
 * A folder with one class only gets its AUC and TPR@FPR against the pooled other class (all
 * folders), as models/whole-image/train.py does, so the two reports can be compared.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { byteDetectors, pixelDetectors } from '../../src/detectors/index';
import { analyzeMedia } from '../../src/engine/analyze';
import { DECODE_LIMITS } from '../../src/engine/pipeline';
import { decodeNode, sha256Node } from '../../src/node/decode-node';
import { createNodeFaceModel, createNodeRunner, findModelCards, loadModelCard } from '../../src/node/node-models';
import type { ModelCard } from '../../src/shared/model-card';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { SENSITIVITIES, type Signal } from '../../src/shared/types';
import { IMAGE_EXTENSIONS, listItems } from './dataset';
import { auc, rate, tprAtFpr } from './metrics';
import { progressBar } from './progress';

export interface SingleModelArgs {
  data: string;
  model: string;
  json: boolean;
  pixelsOnly: boolean;
  scores: string;
  limit: number;
}

interface Row {
  nReal: number;
  nFake: number;
  notApplicable: number;
  auc: number | null;
  tprAtFpr: Record<string, number | null>;
  atThreshold: Record<string, { fprReal: number | null; tprFake: number | null; uncertainReal: number | null }>;
}

function row(pos: number[], neg: number[], ownReal: number[], ownFake: number[], na: number, th: ModelCard['thresholds']): Row {
  const atThreshold: Row['atThreshold'] = {};
  for (const s of SENSITIVITIES)
    atThreshold[s] = {
      fprReal: ownReal.length ? rate(ownReal, th.likely[s]) : null,
      tprFake: ownFake.length ? rate(ownFake, th.likely[s]) : null,
      uncertainReal: ownReal.length ? rate(ownReal, th.uncertain[s]) : null,
    };
  return {
    nReal: ownReal.length,
    nFake: ownFake.length,
    notApplicable: na,
    auc: auc(pos, neg),
    tprAtFpr: { '1%': tprAtFpr(pos, neg, 0.01), '2%': tprAtFpr(pos, neg, 0.02), '5%': tprAtFpr(pos, neg, 0.05) },
    atThreshold,
  };
}

export async function evalSingleModel(args: SingleModelArgs) {
  const model = loadModelCard(resolve(args.model));
  const { card, dir } = model;
  const runner = createNodeRunner(model);
  // A face model (task `face`) runs behind the face detector whose card sits beside it in models/.
  const faces = card.task === 'face' ? createNodeFaceModel([...findModelCards(dirname(dir)).filter((m) => m.card.task === 'face-detector'), { card, dir }]) : undefined;
  if (card.task === 'face' && !faces) throw new Error(`${dir}: a face model needs a face-detector card in ${dirname(dir)}`);
  // The content gate as shipped (the whole-image card's), unless this card brings its own.
  const contentGate = card.contentGate ?? findModelCards(resolve('models')).find((m) => m.card.contentGate)?.card.contentGate;
  const decoderName = 'src/node/decode-node.ts (sharp)';
  const items = listItems(resolve(args.data), IMAGE_EXTENSIONS, args.limit);
  const scored: { path: string; folder: string; label: 0 | 1; score: number | null; outcome: string }[] = [];
  const t0 = performance.now();
  const progress = progressBar(items.length);
  for (const it of items) {
    const bytes = new Uint8Array(readFileSync(it.path));
    const out = await analyzeMedia(
      { kind: 'image', bytes, minShortSide: DEFAULT_SETTINGS.minShortSide, pixelsOnly: args.pixelsOnly },
      { byteDetectors, pixelDetectors, models: faces ? [] : [runner], faces, contentGate, decode: decodeNode, sha256: sha256Node, limits: DECODE_LIMITS },
    );
    const sig = out.signals.find((s: Signal) => s.detector === `model:${card.id}`);
    // The size gate or the content gate (a graphic or a drawing) kept the models off it.
    const gated = out.signals.some((s: Signal) => (s.stage === 'size-gate' || s.stage === 'content-gate') && s.outcome === 'not-applicable');
    const outcome = gated ? 'not-applicable' : sig?.outcome === 'score' ? 'score' : (sig?.outcome ?? 'error');
    scored.push({ path: it.rel, folder: it.folder, label: it.label, score: sig?.outcome === 'score' ? sig.score! : null, outcome });
    progress.tick();
  }
  progress.done();
  const ms = (performance.now() - t0) / Math.max(1, items.length);
  await runner.dispose();

  const ok = scored.filter((s) => s.score !== null);
  const sc = (f: (s: (typeof ok)[number]) => boolean) => ok.filter(f).map((s) => s.score!);
  const allReal = sc((s) => s.label === 0);
  const allFake = sc((s) => s.label === 1);
  const th = card.thresholds;
  const table: Record<string, Row> = {};
  for (const folder of [...new Set(scored.map((s) => s.folder))].sort()) {
    const real = sc((s) => s.folder === folder && s.label === 0);
    const fake = sc((s) => s.folder === folder && s.label === 1);
    const na = scored.filter((s) => s.folder === folder && s.outcome === 'not-applicable').length / Math.max(1, scored.filter((s) => s.folder === folder).length);
    table[folder] = real.length && fake.length ? row(fake, real, real, fake, na, th) : fake.length ? row(fake, allReal, [], fake, na, th) : row(allFake, real, real, [], na, th);
  }
  table.POOLED = row(allFake, allReal, allReal, allFake, scored.filter((s) => s.outcome === 'not-applicable').length / Math.max(1, scored.length), th);
  const errors = scored.filter((s) => s.outcome === 'error').length;
  const report = {
    model: `${card.id} ${card.version}`,
    data: resolve(args.data),
    decoder: decoderName,
    pixelsOnly: args.pixelsOnly,
    images: scored.length,
    errors,
    msPerImage: ms,
    thresholds: th,
    table,
  };
  if (args.scores) writeFileSync(args.scores, JSON.stringify(scored));
  if (args.json) {
    process.stdout.write(JSON.stringify(report, null, 1) + '\n');
    return;
  }
  const f = (v: number | null) => (v === null ? '    - ' : v.toFixed(3).padStart(6));
  console.log(`${report.model} on ${report.data} (${scored.length} images, ${errors} errors, decoder ${decoderName}, ${ms.toFixed(1)} ms/image${args.pixelsOnly ? ', pixels only' : ''})`);
  console.log(`${'folder'.padEnd(24)} ${'real'.padStart(5)} ${'fake'.padStart(5)}    N/A    AUC   T@1%   T@2%   T@5% |   FPRc   TPRc   FPRb   TPRb   FPRa   TPRa`);
  for (const [name, r] of Object.entries(table)) {
    const t = SENSITIVITIES.map((s) => `${f(r.atThreshold[s]!.fprReal)} ${f(r.atThreshold[s]!.tprFake)}`).join(' ');
    console.log(
      `${name.padEnd(24)} ${String(r.nReal).padStart(5)} ${String(r.nFake).padStart(5)} ${f(r.notApplicable)} ${f(r.auc)} ${f(r.tprAtFpr['1%']!)} ${f(r.tprAtFpr['2%']!)} ${f(r.tprAtFpr['5%']!)} | ${t}`,
    );
  }
}
