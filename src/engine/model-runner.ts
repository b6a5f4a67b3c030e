/** One lazily created ONNX session per model, behind a queue; the runtime module is injected (web or node). */
import type * as Ort from 'onnxruntime-web';
import type { Pixels } from '../detectors/detector';
import type { ModelCard } from '../shared/model-card';
import type { ScoreThresholds, Signal } from '../shared/types';
import { msg, type SignalMessage } from '../shared/signal-messages';
import { errorMessage, plainText } from '../detectors/shared/signal-text';
import { preprocess, type Rect } from './preprocess';

export type OrtModule = Pick<typeof Ort, 'InferenceSession' | 'Tensor'>;

/** The input tensor for `input` (batch of one, in its layout). */
export function inputTensor(ort: OrtModule, pixels: Pixels, input: ModelCard['input'], region?: Rect) {
  const dims = input.layout === 'NCHW' ? [1, 3, input.height, input.width] : [1, input.height, input.width, 3];
  return new ort.Tensor('float32', preprocess(pixels, input, region), dims);
}

export interface ModelRunnerOptions {
  ort: OrtModule;
  /** Returns the model file's bytes; the runner checks its sha256 against the card. */
  loadBytes(card: ModelCard): Promise<Uint8Array>;
  sha256(bytes: Uint8Array): Promise<string>;
  sessionOptions?: Ort.InferenceSession.SessionOptions;
}

export interface ModelRunner {
  readonly card: ModelCard;
  /** P(synthetic) in [0,1]. */
  score(pixels: Pixels, region?: Rect): Promise<number>;
  /** The score plus P(drawn picture) when the card declares a `content` output and its values are usable. */
  classify(pixels: Pixels, region?: Rect): Promise<{ score: number; drawn?: number }>;
  readonly loaded: boolean;
  /** Preprocessing + run. */
  readonly stats: { runs: number; totalMs: number };
  dispose(): Promise<void>;
}

/** P(drawn) from a content output, or undefined when the values are unusable. */
function drawnShare(values: ArrayLike<number>, content: NonNullable<ModelCard['content']>): number | undefined {
  if (values.length !== content.labels.length || !Array.from(values).every((v) => Number.isFinite(v) && v >= 0)) return undefined;
  const sum = Array.from(values).reduce((a, b) => a + b, 0);
  return sum > 0 ? content.drawn.reduce((a, l) => a + values[content.labels.indexOf(l)]!, 0) / sum : undefined;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The raw output as P(synthetic), per the card. */
export function outputToScore(values: ArrayLike<number>, output: ModelCard['output']): number {
  if (output.kind === 'softmax') {
    const labels = output.labels ?? [];
    const max = Math.max(...Array.from(values));
    const exps = Array.from(values, (v) => Math.exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    return exps[labels.indexOf(output.synthetic)]! / sum;
  }
  const v = values[0]!;
  const p = output.kind === 'sigmoid-logit' ? sigmoid(v) : v;
  return output.synthetic === 'high' ? p : 1 - p;
}

/** One lazily opened session for `card`, its file's sha256 checked first. Runs are serialised: ORT sessions are not re-entrant, and a queue keeps memory flat. */
export function cardSession(card: ModelCard, opts: ModelRunnerOptions) {
  let session: Promise<Ort.InferenceSession> | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  const open = () =>
    (session ??= (async () => {
      const bytes = await opts.loadBytes(card);
      if ((await opts.sha256(bytes)) !== card.sha256) throw new Error(`model ${card.id}: sha256 mismatch`);
      return opts.ort.InferenceSession.create(bytes, opts.sessionOptions);
    })().catch((e) => {
      session = undefined;
      throw e;
    }));
  return {
    get loaded() {
      return session !== undefined;
    },
    run<T>(work: (s: Ort.InferenceSession) => Promise<T>): Promise<T> {
      const next = tail.then(async () => work(await open()));
      tail = next.catch(() => undefined);
      return next;
    },
    async dispose() {
      const s = session;
      session = undefined;
      if (s) await (await s.catch(() => undefined))?.release();
    },
  };
}

export function createModelRunner(card: ModelCard, opts: ModelRunnerOptions): ModelRunner {
  const session = cardSession(card, opts);
  const stats = { runs: 0, totalMs: 0 };
  const run = async (s: Ort.InferenceSession, pixels: Pixels, region?: Rect) => {
    const started = performance.now();
    const tensor = inputTensor(opts.ort, pixels, card.input, region);
    const out = await s.run({ [card.input.name]: tensor });
    const result = out[card.output.name];
    if (!result) throw new Error(`model ${card.id}: no output ${card.output.name}`);
    // A broken model may answer ±Infinity, which a sigmoid would turn into a confident 0 or 1.
    if (!Array.from(result.data as Float32Array).every(Number.isFinite)) throw new Error(`model ${card.id}: output is not a number`);
    const score = outputToScore(result.data as Float32Array, card.output);
    const content = card.content && out[card.content.name];
    const drawn = content ? drawnShare(content.data as Float32Array, card.content!) : undefined;
    tensor.dispose?.();
    result.dispose?.();
    content?.dispose?.();
    if (!Number.isFinite(score)) throw new Error(`model ${card.id}: output is not a number`);
    stats.runs++;
    stats.totalMs += performance.now() - started;
    return drawn === undefined ? { score } : { score, drawn };
  };

  const classify = (pixels: Pixels, region?: Rect) => session.run((s) => run(s, pixels, region));
  return {
    card,
    get loaded() {
      return session.loaded;
    },
    stats,
    classify,
    score: (pixels, region) => classify(pixels, region).then((c) => c.score),
    dispose: () => session.dispose(),
  };
}

/** How strong a score is as evidence, by its balanced thresholds. */
export function strengthOf(score: number, t: ScoreThresholds): Signal['strength'] {
  return score >= t.likely.balanced ? 'strong' : score >= t.uncertain.balanced ? 'moderate' : 'weak';
}

/** A model signal's source and text: `evidence[0]` is the model's name and version (the card's title for the signal); the explanation is localisable. */
export function modelSignal(card: ModelCard, explanation: SignalMessage) {
  return {
    detector: `model:${card.id}`,
    version: card.version,
    stage: 'model' as const,
    fixture: card.fixture,
    evidence: [`${card.name} ${card.version}`],
    evidenceKeys: [msg('sig_model_name', plainText(card.name, 200), plainText(card.version, 40))],
    explanation: card.name,
    explanationKey: explanation,
  };
}

export function modelScoreSignal(card: ModelCard, score: number, extra: Partial<Signal> = {}): Signal {
  const { thresholds } = card;
  return { ...modelSignal(card, msg('sig_model_scored')), outcome: 'score', score, thresholds, strength: strengthOf(score, thresholds), ...extra };
}

/** A model that failed (load, sha256, NaN output…): shown on the card, never evidence. */
export function modelErrorSignal(card: ModelCard, e: unknown): Signal {
  const message = errorMessage(e);
  const base = modelSignal(card, msg('sig_model_error'));
  return { ...base, outcome: 'error', strength: 'none', evidence: [...base.evidence, `Error: ${message}`], evidenceKeys: [...base.evidenceKeys, msg('sig_error', message)] };
}

/** A whole-image model as a detector signal (never throws), with its P(drawn). */
export async function classifyWholeImage(runner: ModelRunner, pixels: Pixels): Promise<{ signal: Signal; drawn?: number }> {
  try {
    const { score, drawn } = await runner.classify(pixels);
    return { signal: modelScoreSignal(runner.card, score), drawn };
  } catch (e) {
    return { signal: modelErrorSignal(runner.card, e) };
  }
}
