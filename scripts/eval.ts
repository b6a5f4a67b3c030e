/**
 * Evaluation harness: runs the engine (src/engine/analyze.ts with the model runner and
 * onnxruntime-node) on every image under --data and reports, pooled and per top-level folder:
 * count, ROC AUC, TPR at FPR 1/2/5%, and at each sensitivity's thresholds the false-positive
 * rate on real and the detection rate on fake, plus the share of `not-applicable`.
 * Labels come from `real/` and `fake/` path segments.
 *
 *   npx tsx scripts/eval.ts --data ../shared/data/train [--json] [--pixels-only]
 *       [--model models/whole-image] [--scores out.json] [--limit N]
 *
 * `--model models/face` evaluates the face model: the face detector whose card sits beside it
 * finds faces, the most suspicious face's score is the image's score, no face = not-applicable.
 *
 * A folder with one class only gets its AUC and TPR@FPR against the pooled other class (all
 * folders), as models/whole-image/train.py does, so the two reports can be compared.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { byteDetectors, pixelDetectors } from '../src/detectors/index';
import { analyzeMedia, type Decoder, type DecodeLimits } from '../src/engine/analyze';
import { decodeNode, sha256Node } from '../src/node/decode-node';
import { createNodeFaceModel, createNodeRunner, findModelCards, loadModelCard } from '../src/node/node-models';
import type { ModelCard } from '../src/shared/model-card';
import { SENSITIVITIES, type Signal } from '../src/shared/types';
import { DEFAULT_SETTINGS } from '../src/shared/settings';

const EXTS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.avif', '.bmp']);
const LIMITS: DecodeLimits = { maxPixels: 50_000_000, maxSide: 2048 };

function parseArgs(argv: string[]) {
  const a = { data: '', json: false, pixelsOnly: false, model: 'models/whole-image', scores: '', limit: 0 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--data') a.data = argv[++i] ?? '';
    else if (k === '--json') a.json = true;
    else if (k === '--pixels-only') a.pixelsOnly = true;
    else if (k === '--model') a.model = argv[++i] ?? '';
    else if (k === '--scores') a.scores = argv[++i] ?? '';
    else if (k === '--limit') a.limit = Number(argv[++i]);
    else if (k !== '--') throw new Error(`unknown argument ${k}`);
  }
  if (!a.data) throw new Error('usage: eval --data DIR [--json] [--pixels-only] [--model DIR] [--scores FILE] [--limit N]');
  return a;
}

interface Item {
  path: string;
  folder: string;
  label: 0 | 1;
}

function walk(root: string): Item[] {
  const out: Item[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (EXTS.has(name.slice(name.lastIndexOf('.')).toLowerCase())) {
        const parts = relative(root, p).split(sep);
        const label = parts.includes('fake') ? 1 : parts.includes('real') ? 0 : undefined;
        if (label === undefined) continue;
        const folder = parts[0] === 'real' || parts[0] === 'fake' ? '.' : parts[0]!;
        out.push({ path: p, folder, label });
      }
    }
  };
  visit(root);
  return out;
}

async function loadDecoder(): Promise<{ decode: Decoder; name: string }> {
  return { decode: decodeNode, name: 'src/node/decode-node.ts (sharp)' };
}

// ---- metrics (same definitions as models/whole-image/train.py) ----
function auc(pos: number[], neg: number[]): number | null {
  if (!pos.length || !neg.length) return null;
  const all = [...pos.map((v) => [v, 1] as const), ...neg.map((v) => [v, 0] as const)].sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]![0] === all[i]![0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k]![1] === 1) rankSumPos += r;
    i = j + 1;
  }
  return (rankSumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}
/** numpy.quantile(method='higher'). */
function quantileHigher(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.ceil(q * (s.length - 1))]!;
}
function tprAtFpr(pos: number[], neg: number[], fpr: number): number | null {
  if (!pos.length || !neg.length) return null;
  const t = quantileHigher(neg, 1 - fpr);
  return pos.filter((v) => v > t).length / pos.length;
}
const rate = (v: number[], t: number) => (v.length ? v.filter((x) => x >= t).length / v.length : null);

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

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const model = loadModelCard(resolve(args.model));
  const { card, dir } = model;
  const sha256 = sha256Node;
  const runner = createNodeRunner(model);
  // A face model (task `face`) runs behind the face detector whose card sits beside it in models/.
  const faces = card.task === 'face' ? createNodeFaceModel([...findModelCards(dirname(dir)).filter((m) => m.card.task === 'face-detector'), { card, dir }]) : undefined;
  if (card.task === 'face' && !faces) throw new Error(`${dir}: a face model needs a face-detector card in ${dirname(dir)}`);
  const { decode, name: decoderName } = await loadDecoder();
  let items = walk(resolve(args.data));
  if (args.limit) {
    const seen = new Map<string, number>();
    items = items.filter((it) => {
      const k = `${it.folder}/${it.label}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
      return seen.get(k)! <= args.limit;
    });
  }
  const scored: { path: string; folder: string; label: 0 | 1; score: number | null; outcome: string }[] = [];
  const t0 = performance.now();
  for (const [i, it] of items.entries()) {
    const bytes = new Uint8Array(readFileSync(it.path));
    const out = await analyzeMedia(
      { kind: 'image', bytes, minShortSide: DEFAULT_SETTINGS.minShortSide, pixelsOnly: args.pixelsOnly },
      { byteDetectors, pixelDetectors, models: faces ? [] : [runner], faces, decode, sha256, limits: LIMITS },
    );
    const sig = out.signals.find((s: Signal) => s.detector === `model:${card.id}`);
    // The size gate or the content gate (a graphic or a drawing) kept the models off it.
    const gated = out.signals.some((s: Signal) => (s.detector === 'gate' || s.detector === 'content-gate') && s.outcome === 'not-applicable');
    const outcome = gated ? 'not-applicable' : sig?.outcome === 'score' ? 'score' : (sig?.outcome ?? 'error');
    scored.push({ path: relative(resolve(args.data), it.path), folder: it.folder, label: it.label, score: sig?.outcome === 'score' ? sig.score! : null, outcome });
    if (!args.json && i % 500 === 499) process.stderr.write(`${i + 1}/${items.length}\n`);
  }
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
  const report = { model: `${card.id} ${card.version}`, data: resolve(args.data), decoder: decoderName, pixelsOnly: args.pixelsOnly, images: scored.length, errors, msPerImage: ms, thresholds: th, table };
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
    console.log(`${name.padEnd(24)} ${String(r.nReal).padStart(5)} ${String(r.nFake).padStart(5)} ${f(r.notApplicable)} ${f(r.auc)} ${f(r.tprAtFpr['1%']!)} ${f(r.tprAtFpr['2%']!)} ${f(r.tprAtFpr['5%']!)} | ${t}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
