/**
 * The product as shipped (`npm run eval -- --data DIR`): every file through the extension's
 * pipeline (src/engine/pipeline.ts hosted in Node): every enabled model, the gates, the joint
 * thresholds, fusion, one band per file; videos and animated images by their sampled frames.
 * Reported pooled and per source: the share a person would see flagged ("AI declared" or
 * "Likely AI") on real and on fake files at each sensitivity, the share not checked, errors, and
 * the ROC AUC of the product's combined score.
 *
 * One pass gives every sensitivity: bands depend on the sensitivity only through thresholds (no
 * cache or memory here), so each file's analysis is judged three times.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { judge, type Judgement } from '../../src/engine/pipeline';
import { createNodePipeline, mediaOfFile } from '../../src/node/node-pipeline';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { isFlagged, SENSITIVITIES, type Band, type MediaKind, type Sensitivity } from '../../src/shared/types';
import { IMAGE_EXTENSIONS, listItems, sourceOf, VIDEO_EXTENSIONS, type Item } from './dataset';
import { auc, share } from './metrics';
import { progressBar } from './progress';

export interface ProductArgs {
  data: string;
  json: boolean;
  pixelsOnly: boolean;
  scores: string;
  limit: number;
  /** Only this sensitivity in the table (all three otherwise); the band written to --scores. */
  sensitivity?: Sensitivity;
  /** Files in flight at once. */
  concurrency: number;
}

export interface FileOutcome {
  rel: string;
  source: string;
  label: 0 | 1;
  kind: MediaKind;
  /** Frames judged: a video or an animated image (a clip); 0 for a still picture. */
  frames: number;
  /** The band at each sensitivity; absent when the file could not be judged. */
  bands?: Record<Sensitivity, Band>;
  combined?: number;
  /** Each model's score on this file (a clip: its frame summary). */
  models: Record<string, number>;
  error?: string;
}

/**
 * One number per file that orders files as the product does, for the ROC AUC: 1 when the file
 * declares AI; otherwise the largest margin by which a model's score passes the `likely` threshold
 * it is judged by at balanced sensitivity (joint thresholds included), so ≥ 0 is "Likely AI" at
 * balanced unless trusted credentials soften it. Undefined when nothing scored (not checked).
 */
export function combinedScore(j: Judgement): number | undefined {
  if (j.band === 'declared-ai') return 1;
  const margins = j.signals.filter((s) => s.outcome === 'score' && s.score !== undefined && s.thresholds && !s.fixture).map((s) => s.score! - s.thresholds!.likely.balanced);
  return margins.length ? Math.max(...margins) : undefined;
}

/** Any signal that failed (decoder, model) makes the file an error: its band is not the product's. */
export function outcomeOf(item: Pick<Item, 'rel' | 'label'>, kind: MediaKind, judgements: Record<Sensitivity, Judgement>): FileOutcome {
  const balanced = judgements.balanced;
  const models: Record<string, number> = {};
  for (const s of balanced.signals) if (s.detector.startsWith('model:') && s.outcome === 'score' && s.score !== undefined) models[s.detector.slice('model:'.length)] = s.score;
  const failed = balanced.signals.find((s) => s.outcome === 'error');
  const bands = Object.fromEntries(SENSITIVITIES.map((s) => [s, judgements[s].band])) as Record<Sensitivity, Band>;
  return {
    rel: item.rel,
    source: sourceOf(item.rel),
    label: item.label,
    kind,
    frames: balanced.frames?.length ?? 0,
    bands,
    combined: combinedScore(balanced),
    models,
    error: failed ? `${failed.detector}: ${failed.evidence.at(-1) ?? 'error'}` : undefined,
  };
}

export interface SourceRow {
  real: number;
  fake: number;
  /** ROC AUC of the combined score over the files that have one. */
  auc: number | null;
  /** One class only: its AUC is against the other class pooled over every source. */
  aucAgainstPooled: boolean;
  flagged: Record<Sensitivity, { real: number | null; fake: number | null }>;
  notChecked: { real: number | null; fake: number | null };
  errors: number;
}

export function summarize(files: FileOutcome[]): Record<string, SourceRow> {
  const scores = (list: FileOutcome[], label: 0 | 1) => list.filter((f) => f.label === label && f.combined !== undefined).map((f) => f.combined!);
  const row = (list: FileOutcome[]): SourceRow => {
    const real = list.filter((f) => f.label === 0);
    const fake = list.filter((f) => f.label === 1);
    const onlyOne = !real.length || !fake.length;
    const pos = fake.length ? scores(list, 1) : scores(files, 1);
    const neg = real.length ? scores(list, 0) : scores(files, 0);
    const flaggedAt = (s: Sensitivity) => (f: FileOutcome) => !!f.bands && isFlagged(f.bands[s]);
    const notChecked = (f: FileOutcome) => f.bands?.balanced === 'not-applicable';
    return {
      real: real.length,
      fake: fake.length,
      auc: auc(pos, neg),
      aucAgainstPooled: onlyOne,
      flagged: Object.fromEntries(SENSITIVITIES.map((s) => [s, { real: share(real, flaggedAt(s)), fake: share(fake, flaggedAt(s)) }])) as SourceRow['flagged'],
      notChecked: { real: share(real, notChecked), fake: share(fake, notChecked) },
      errors: list.filter((f) => f.error).length,
    };
  };
  const table: Record<string, SourceRow> = {};
  for (const source of [...new Set(files.map((f) => f.source))].sort()) table[source] = row(files.filter((f) => f.source === source));
  table.POOLED = row(files);
  return table;
}

const pct = (v: number | null) => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);

export function markdownTable(table: Record<string, SourceRow>, sensitivities: readonly Sensitivity[]): string {
  const abbrev = sensitivities.map((s) => s.slice(0, 4)).join(' / ');
  const lines = [`| source | real | fake | AUC | real flagged (${abbrev}) | fake flagged (${abbrev}) | not checked (real / fake) | errors |`, '|---|---:|---:|---:|---:|---:|---:|---:|'];
  for (const [source, r] of Object.entries(table)) {
    const flagged = (k: 'real' | 'fake') => (r[k] ? sensitivities.map((s) => pct(r.flagged[s][k])).join(' / ') : '–');
    const a = r.auc === null ? '–' : `${r.auc.toFixed(3)}${r.aucAgainstPooled ? '*' : ''}`;
    const name = source === 'POOLED' ? '**pooled**' : source;
    lines.push(`| ${name} | ${r.real} | ${r.fake} | ${a} | ${flagged('real')} | ${flagged('fake')} | ${pct(r.notChecked.real)} / ${pct(r.notChecked.fake)} | ${r.errors} |`);
  }
  return lines.join('\n');
}

function writeScores(file: string, files: FileOutcome[], modelIds: string[], sensitivity: Sensitivity) {
  const rows = files.map((f) => ({
    path: f.rel,
    label: f.label ? 'fake' : 'real',
    source: f.source,
    band: f.bands?.[sensitivity] ?? 'error',
    combined: f.combined ?? null,
    ...Object.fromEntries(modelIds.map((id) => [id, f.models[id] ?? null])),
    error: f.error ?? null,
  }));
  if (!file.toLowerCase().endsWith('.csv')) return writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const cell = (v: unknown) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const header = Object.keys(rows[0] ?? { path: 0, label: 0, source: 0, band: 0, combined: 0, ...Object.fromEntries(modelIds.map((id) => [id, 0])), error: 0 });
  writeFileSync(file, [header.join(','), ...rows.map((r) => header.map((k) => cell((r as Record<string, unknown>)[k])).join(','))].join('\n') + '\n');
}

/** Runs `work` on every item with at most `n` in flight, results in input order. */
async function pool<T, R>(items: T[], n: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, n) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

export async function evalProduct(args: ProductArgs) {
  const root = resolve(args.data);
  const items = listItems(root, new Set([...IMAGE_EXTENSIONS, ...VIDEO_EXTENSIONS]), args.limit);
  // One ONNX thread per session: files run side by side instead (better use of 2 cores).
  const host = createNodePipeline({ modelsDir: join(process.cwd(), 'models'), pixelsOnly: args.pixelsOnly, threads: 1, onModelError: (m) => console.error(`skipping model: ${m}`) });
  const modelIds = host.models.map((m) => m.card.id);
  const progress = progressBar(items.length);
  const t0 = performance.now();
  const files = await pool(items, args.concurrency, async (it): Promise<FileOutcome> => {
    try {
      const bytes = new Uint8Array(readFileSync(it.path));
      const { kind, mime } = mediaOfFile(bytes);
      const analysis = await host.pipeline.analyze({ kind, source: { type: 'bytes', bytes, mime }, minShortSide: DEFAULT_SETTINGS.minShortSide });
      return outcomeOf(it, kind, Object.fromEntries(SENSITIVITIES.map((s) => [s, judge(analysis, s)])) as Record<Sensitivity, Judgement>);
    } catch (e) {
      return { rel: it.rel, source: sourceOf(it.rel), label: it.label, kind: 'image', frames: 0, models: {}, error: e instanceof Error ? e.message : String(e) };
    } finally {
      progress.tick();
    }
  });
  progress.done();
  const msPerFile = (performance.now() - t0) / Math.max(1, items.length);
  await host.dispose();

  const table = summarize(files);
  const sensitivities = args.sensitivity ? [args.sensitivity] : SENSITIVITIES;
  const clips = files.filter((f) => f.frames > 0).length;
  const errors = files.filter((f) => f.error);
  const models = host.models.map((m) => `${m.card.id} ${m.card.version}`).join(', ');
  const joint = { version: host.models.find((m) => m.card.joint)?.card.joint?.version ?? 'none' };
  if (args.scores) writeScores(args.scores, files, modelIds, args.sensitivity ?? 'balanced');
  const report = { data: root, files: files.length, clips, errors: errors.length, msPerFile, concurrency: args.concurrency, models, joint: joint.version, pixelsOnly: args.pixelsOnly, table };
  if (args.json) {
    process.stdout.write(JSON.stringify(report, null, 1) + '\n');
    return;
  }
  console.log(
    `Deepfake Radar ${args.pixelsOnly ? "(the models' pixel evidence alone)" : 'as shipped'} on ${root}: ${files.length} files (${clips} judged as clips), ${errors.length} errors, ${msPerFile.toFixed(0)} ms/file wall with ${args.concurrency} at once`,
  );
  console.log(`Models: ${models}; joint thresholds ${joint.version}; ${args.pixelsOnly ? 'pixels only (no provenance, metadata or watermark)' : 'provenance, metadata and watermark on'}.`);
  console.log(`Flagged = "AI declared" or "Likely AI" (declared-ai, likely-synthetic). Not checked = not-applicable (too small, or not a photo).`);
  console.log(
    `AUC: of the combined score (1 if declared, else the largest model margin over its balanced "likely" threshold), over files with a score; * = one class only, against the other class pooled.\n`,
  );
  console.log(markdownTable(table, sensitivities));
  for (const e of errors.slice(0, 10)) console.log(`error: ${e.rel}: ${e.error}`);
}
