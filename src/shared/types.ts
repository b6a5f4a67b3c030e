import type { SignalMessage } from './signal-messages';

/** The verdict bands of DESIGN.md, strongest first. */
export const BANDS = ['declared-ai', 'likely-synthetic', 'uncertain', 'no-evidence', 'not-applicable'] as const;
export type Band = (typeof BANDS)[number];

/** Bands shown without asking: badged, covered, counted and remembered (`string`: the overlay also has 'pending', 'error'). */
export const isFlagged = (band: string): boolean => band === 'declared-ai' || band === 'likely-synthetic';

/** Lower is stronger (BANDS order). */
export const bandRank = (band: Band): number => BANDS.indexOf(band);

export const SENSITIVITIES = ['conservative', 'balanced', 'aggressive'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/**
 * `declared-ai`: the file or platform says so; `score`: banded by the card's thresholds; `info`: shown, not evidence (e.g. valid
 * camera credentials); `invalid`: present but broken, never counted; `none`: ran, found nothing; `not-applicable`: does not apply here.
 */
export type SignalOutcome = 'declared-ai' | 'score' | 'info' | 'invalid' | 'none' | 'not-applicable' | 'error';

export type SignalStrength = 'strong' | 'moderate' | 'weak' | 'none';

/**
 * Where a signal comes from in the order of work (src/engine/pipeline.ts); fusion reads stages and outcomes, never detector ids.
 * `size-gate`: too small to judge; `content-gate`: not a photo, so the photo models are withdrawn; `provenance`: what the file says;
 * `model`: pixel models and faces; `label`: the platform's label; `memory`: this browser's memory; `decode`: no pixels to be had.
 */
export type Stage = 'decode' | 'size-gate' | 'provenance' | 'content-gate' | 'model' | 'label' | 'memory';

export interface ScoreThresholds {
  likely: Record<Sensitivity, number>;
  uncertain: Record<Sensitivity, number>;
}

/** A labelled region (e.g. a face), in source pixels. */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
  score?: number;
  label?: string;
  /** A small `data:image/jpeg` crop made by the engine (never a page URL). */
  image?: string;
}

export interface Signal {
  /** e.g. `c2pa`, `model:whole-image`: names the source, never read by fusion. */
  detector: string;
  stage: Stage;
  version: string;
  outcome: SignalOutcome;
  /** In [0,1], higher = more likely synthetic (outcome `score` only). */
  score?: number;
  thresholds?: ScoreThresholds;
  strength: SignalStrength;
  /** Short plain facts, already truncated; shown as text, never as HTML. */
  evidence: string[];
  explanation: string;
  /** The same lines as message keys, for the card in the person's language (else it shows the English); build all four with `signalText()`. */
  evidenceKeys?: SignalMessage[];
  explanationKey?: SignalMessage;
  /** Set by test-only fixture detectors. */
  fixture?: boolean;
  regions?: Region[];
  declaration?: 'generated' | 'edited';
  /** Only on the `memory` signal: the closest picture this browser remembers (issue 7). */
  memory?: MemoryMatch;
}

/** A remembered picture that looks like this one (perceptual hash). */
export interface MemoryMatch {
  host: string;
  at: number;
  /** The band it had then, before any feedback. */
  band: Band;
  /** The person's report on it, which overrides the verdict. */
  personVerdict?: 'wrong' | 'right';
  /** Bits of 64 by which the perceptual hashes differ. */
  distance: number;
}

export type MediaKind = 'image' | 'video';

export interface Verdict {
  band: Band;
  reasonKey: string;
  signals: Signal[];
  contentHash?: string;
  media: { kind: MediaKind; width?: number; height?: number };
  engineMs?: number;
  analysedAt: number;
  cached?: boolean;
  /** 16 hex digits of structure + 6 of mean colour; absent for a flat picture. */
  phash?: string;
  /** A small JPEG data URL for the local history (engine → background only). */
  thumbnail?: string;
  /** Videos and animated images: one entry per frame checked (issue 5). */
  frames?: FrameEvidence[];
}

export interface FrameEvidence {
  t: number;
  band: Band;
  score?: number;
}

/**
 * Valid credentials from a trusted camera or editor without AI: a model alone cannot call the file
 * likely-synthetic (DESIGN.md, Signals 1). Self-signed ones are `weak` and soften nothing (forging them would be a bypass).
 */
export const hasTrustedOrigin = (signals: readonly Signal[]) => signals.some((s) => s.stage === 'provenance' && s.outcome === 'info' && (s.strength === 'strong' || s.strength === 'moderate'));
