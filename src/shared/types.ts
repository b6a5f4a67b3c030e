/** Types shared by every extension context, the engine and the command line. */
import type { SignalMessage } from './signal-messages';

/** The verdict bands of DESIGN.md, strongest first. */
export const BANDS = ['declared-ai', 'likely-synthetic', 'uncertain', 'no-evidence', 'not-applicable'] as const;
export type Band = (typeof BANDS)[number];

/**
 * The bands a person is shown without asking ("AI declared", "Likely AI"): badged by default,
 * covered, counted as flagged, remembered. `string`: the overlay also has 'pending' and 'error'.
 */
export const isFlagged = (band: string): boolean => band === 'declared-ai' || band === 'likely-synthetic';

/** Lower is stronger (BANDS order). */
export const bandRank = (band: Band): number => BANDS.indexOf(band);

export const SENSITIVITIES = ['conservative', 'balanced', 'aggressive'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/**
 * What one detector concluded.
 * - `declared-ai`: the file or platform declares AI generation/editing.
 * - `score`: a model score; the band comes from `thresholds` at the person's sensitivity.
 * - `info`: something worth showing that is not evidence of AI (e.g. valid camera credentials).
 * - `invalid`: something present but broken (e.g. tampered credentials); never counted either way.
 * - `none`: the check ran and found nothing.
 * - `not-applicable`: the check does not apply to this media (format, size, content type).
 * - `error`: the check failed; the card says so.
 */
export type SignalOutcome = 'declared-ai' | 'score' | 'info' | 'invalid' | 'none' | 'not-applicable' | 'error';

export type SignalStrength = 'strong' | 'moderate' | 'weak' | 'none';

/**
 * Where a signal comes from in the order of work (src/engine/pipeline.ts); fusion reads stages and
 * outcomes, never detector ids. `size-gate`: too small to judge; `content-gate`: not a photo (the
 * photo models are withdrawn); `provenance`: what the file says (credentials, metadata, generator
 * parameters, watermarks); `model`: pixel models and faces; `label`: the platform's label on the
 * post; `memory`: this browser's memory of the picture; `decode`: pixels that could not be had.
 */
export type Stage = 'decode' | 'size-gate' | 'provenance' | 'content-gate' | 'model' | 'label' | 'memory';

/** Thresholds on a model score, per sensitivity, from the model card. */
export interface ScoreThresholds {
  likely: Record<Sensitivity, number>;
  uncertain: Record<Sensitivity, number>;
}

/** A labelled region of the media (e.g. a suspicious face), in source pixel coordinates. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
  score?: number;
  label?: string;
  /** A small `data:image/jpeg;base64,` crop made by the engine (never a page URL); the card shows it. */
  image?: string;
}

export interface Signal {
  /** Detector id, e.g. `c2pa`, `metadata`, `model:whole-image`: names the source, never read by fusion. */
  detector: string;
  stage: Stage;
  /** Detector or model version, shown on the card. */
  version: string;
  outcome: SignalOutcome;
  /** Model score in [0,1], higher = more likely synthetic (only with outcome `score`). */
  score?: number;
  thresholds?: ScoreThresholds;
  strength: SignalStrength;
  /** Short plain facts (field: value), already truncated; shown as text, never as HTML. */
  evidence: string[];
  /** One sentence in plain words: what it found and what it means. */
  explanation: string;
  /**
   * The same lines as message keys + substitutions, for the card in the person's language
   * (src/shared/signal-messages.ts). Optional: without them, or when they fail validation, the card
   * shows `evidence`/`explanation` as they are. Build all four with `signalText()`.
   */
  evidenceKeys?: SignalMessage[];
  explanationKey?: SignalMessage;
  /** Set by fixture detectors used only in tests: never a real detector. */
  fixture?: boolean;
  regions?: Region[];
  /** `declared-ai` detail: generated from scratch vs edited with AI. */
  declaration?: 'generated' | 'edited';
  /** Only on the `memory` signal: the closest picture this browser remembers (issue 7). */
  memory?: MemoryMatch;
}

/** A remembered picture that looks like this one (perceptual hash), and what was said about it. */
export interface MemoryMatch {
  /** Page host where it was seen. */
  host: string;
  /** When it was seen (ms since epoch). */
  at: number;
  /** The band it had then (before any feedback). */
  band: Band;
  /** The person's own report on it, which overrides the verdict. */
  personVerdict?: 'wrong' | 'right';
  /** Bits of 64 by which the perceptual hashes differ. */
  distance: number;
}

export type MediaKind = 'image' | 'video';

/** The fused result for one media item. */
export interface Verdict {
  band: Band;
  /** i18n message key of the sentence that says why this band. */
  reasonKey: string;
  signals: Signal[];
  /** Hex SHA-256 of the bytes analysed, when bytes were available. */
  contentHash?: string;
  media: { kind: MediaKind; width?: number; height?: number; mime?: string; bytes?: number };
  /** Milliseconds spent in the engine (for the card and benchmarks). */
  engineMs?: number;
  /** When it was analysed (ms since epoch). */
  analysedAt: number;
  /** Set when the result came from the cache. */
  cached?: boolean;
  /** Perceptual hash of the decoded picture (16 hex digits of structure + 6 of mean colour), when not flat. */
  phash?: string;
  /** A small JPEG data URL made from the decoded pixels, for the local history (engine → background only). */
  thumbnail?: string;
  /** Videos and animated images judged frame by frame: one entry per frame checked (issue 5). */
  frames?: FrameEvidence[];
}

/** One checked frame of a video or animated image, for the verdict and the card's timeline. */
export interface FrameEvidence {
  /** Seconds from the start of the media. */
  t: number;
  /** The band this frame alone would get. */
  band: Band;
  /** Highest model score in this frame, when a model ran. */
  score?: number;
}

/**
 * Valid credentials from a *trusted* camera or editor without AI lower suspicion: a model alone
 * cannot call such a file likely-synthetic (DESIGN.md, Signals 1). Self-signed credentials and plain
 * metadata are reported with strength `weak` and must not soften anything, or forging them would be a bypass.
 */
export const hasTrustedOrigin = (signals: readonly Signal[]) => signals.some((s) => s.stage === 'provenance' && s.outcome === 'info' && (s.strength === 'strong' || s.strength === 'moderate'));
