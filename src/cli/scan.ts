/**
 * `deepfake-radar scan <files or folders> [--json]`: the same detectors and fusion as the
 * extension, run on local files. One line per file: band, then each signal with its evidence.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { byteDetectors, pixelDetectors } from '../detectors/index';
import { mimeOf, sniffFormat } from '../detectors/shared/media-format';
import { analyzeMedia, type EngineDeps } from '../engine/analyze';
import { fuseSignals } from '../engine/fusion';
import { decodeNode, sha256Node } from '../node/decode-node';
import type { Sensitivity, Signal } from '../shared/types';
import { SENSITIVITIES } from '../shared/types';
import { loadCliFaceModel, loadCliModels } from './cli-models';
import { formatJson, formatLine, type ScanResult } from './format-line';

export const SCAN_DEFAULTS = {
  sensitivity: 'balanced' as Sensitivity,
  minShortSide: 96,
  /** Files larger than this are reported, not read. */
  maxFileBytes: 256 * 1024 * 1024,
  /** Full resolution up to here, so watermarks survive decoding. */
  decode: { maxPixels: 100_000_000, maxSide: 8192 },
  /** Most files found by walking folders. */
  maxFiles: 100_000,
};

const MEDIA_EXTENSIONS = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.webp', '.avif', '.heic', '.heif', '.gif', '.tif', '.tiff', '.mp4', '.m4v', '.mov']);

const USAGE = `Usage: deepfake-radar scan <files or folders…> [--json] [--sensitivity conservative|balanced|aggressive]

Checks each image or video for AI declarations (Content Credentials, IPTC/XMP metadata, generator
settings, open watermarks) and prints one line per file: band, signals and evidence.
Folders are walked recursively (media file extensions only). --json prints one JSON object per line.
"no-evidence" never means authentic.`;

interface ScanOptions {
  paths: string[];
  json: boolean;
  sensitivity: Sensitivity;
}

function parseArgs(args: string[]): ScanOptions | string {
  const opts: ScanOptions = { paths: [], json: false, sensitivity: SCAN_DEFAULTS.sensitivity };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') opts.json = true;
    else if (a === '--sensitivity') {
      const v = args[++i];
      if (!v || !(SENSITIVITIES as readonly string[]).includes(v)) return `--sensitivity needs one of ${SENSITIVITIES.join(', ')}`;
      opts.sensitivity = v as Sensitivity;
    } else if (a === '-h' || a === '--help') return '';
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else opts.paths.push(a);
  }
  if (opts.paths.length === 0) return 'no files or folders given';
  return opts;
}

async function* walk(p: string, budget: { left: number }): AsyncGenerator<string> {
  const s = await stat(p);
  if (!s.isDirectory()) {
    if (budget.left-- > 0) yield p;
    return;
  }
  const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const child = path.join(p, e.name);
    if (e.isDirectory()) yield* walk(child, budget);
    else if (e.isFile() && MEDIA_EXTENSIONS.has(path.extname(e.name).toLowerCase()) && budget.left-- > 0) yield child;
  }
}

export async function scanFile(file: string, deps: EngineDeps, sensitivity: Sensitivity): Promise<ScanResult> {
  const t0 = performance.now();
  const size = (await stat(file)).size;
  if (size > SCAN_DEFAULTS.maxFileBytes) {
    return { path: file, band: 'not-applicable', reasonKey: 'reasonNotApplicable', signals: [], bytes: size, ms: 0, error: `larger than ${SCAN_DEFAULTS.maxFileBytes} bytes, skipped` };
  }
  const bytes = new Uint8Array(await readFile(file));
  const format = sniffFormat(bytes);
  const kind = format === 'mp4' || format === 'mov' ? 'video' : 'image';
  const out = await analyzeMedia({ kind, bytes, mime: mimeOf(format), minShortSide: SCAN_DEFAULTS.minShortSide }, deps);
  let signals: Signal[] = out.signals;
  if (kind === 'video') {
    // Frames of local videos are not decoded yet; the provenance signals above still apply.
    signals = signals.filter((s) => s.detector !== 'decode');
    signals.push({ detector: 'frames', version: '0', outcome: 'not-applicable', strength: 'none', evidence: [], explanation: 'Video frames are not analysed by the command line yet.' });
  }
  const fused = fuseSignals(signals, sensitivity);
  return {
    path: file,
    band: fused.band,
    reasonKey: fused.reasonKey,
    signals,
    contentHash: out.contentHash,
    width: out.width,
    height: out.height,
    bytes: bytes.length,
    ms: Math.round(performance.now() - t0),
  };
}

export async function createCliDeps(root: string): Promise<EngineDeps> {
  return {
    byteDetectors,
    pixelDetectors,
    models: await loadCliModels({ root }),
    faces: loadCliFaceModel({ root }),
    decode: decodeNode,
    sha256: sha256Node,
    limits: SCAN_DEFAULTS.decode,
  };
}

export interface ScanIo {
  out(line: string): void;
  err(line: string): void;
}

const defaultIo: ScanIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs `scan` with its arguments (after the word `scan`); resolves to the exit code. */
export async function runScan(args: string[], io: ScanIo = defaultIo, root = process.cwd()): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    if (opts) io.err(`deepfake-radar: ${opts}`);
    io.err(USAGE);
    return opts ? 2 : 0;
  }
  const deps = await createCliDeps(root);
  const budget = { left: SCAN_DEFAULTS.maxFiles };
  let failures = 0;
  for (const p of opts.paths) {
    try {
      for await (const file of walk(p, budget)) {
        let result: ScanResult;
        try {
          result = await scanFile(file, deps, opts.sensitivity);
        } catch (e) {
          failures++;
          result = { path: file, band: 'not-applicable', reasonKey: 'reasonNotApplicable', signals: [], bytes: 0, ms: 0, error: e instanceof Error ? e.message : String(e) };
        }
        io.out(opts.json ? formatJson(result) : formatLine(result));
      }
    } catch (e) {
      failures++;
      io.err(`deepfake-radar: ${p}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return failures > 0 ? 1 : 0;
}

/** Entry for bin/deepfake-radar.mjs: `deepfake-radar <command> …`. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'scan') return runScan(rest);
  process.stderr.write(`${USAGE}\n`);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}
