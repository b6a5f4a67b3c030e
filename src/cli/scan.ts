/** `deepfake-radar scan <files or folders> [--json]`: the extension's pipeline on local files, one line per file. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Pipeline } from '../engine/pipeline';
import { errorMessage } from '../detectors/shared/signal-text';
import { createNodePipeline, mediaOfFile } from '../node/node-pipeline';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { SENSITIVITIES, type Sensitivity } from '../shared/types';
import { formatLine, type ScanResult } from './format-line';

const SCAN_DEFAULTS = {
  /** Files larger than this are reported, not read. */
  maxFileBytes: 256 * 1024 * 1024,
  /** Most files found by walking folders. */
  maxFiles: 100_000,
};

const MEDIA_EXTENSIONS = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.webp', '.avif', '.heic', '.heif', '.gif', '.tif', '.tiff', '.mp4', '.m4v', '.mov', '.webm']);

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
  const opts: ScanOptions = { paths: [], json: false, sensitivity: DEFAULT_SETTINGS.sensitivity };
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

/** A file that was not judged, and why. */
const skipped = (file: string, bytes: number, error: string): ScanResult => ({ path: file, band: 'not-applicable', reasonKey: 'reasonNotApplicable', signals: [], bytes, ms: 0, error });

export async function scanFile(file: string, pipeline: Pipeline, sensitivity: Sensitivity): Promise<ScanResult> {
  const t0 = performance.now();
  const size = (await stat(file)).size;
  if (size > SCAN_DEFAULTS.maxFileBytes) return skipped(file, size, `larger than ${SCAN_DEFAULTS.maxFileBytes} bytes, skipped`);
  const bytes = new Uint8Array(await readFile(file));
  const { kind, mime } = mediaOfFile(bytes);
  // The extension's defaults, so a file gets the band it would get in the browser.
  const { band, reasonKey, signals, frames, contentHash, media } = await pipeline.verdict({ kind, source: { type: 'bytes', bytes, mime }, minShortSide: DEFAULT_SETTINGS.minShortSide, sensitivity });
  return { path: file, band, reasonKey, signals, frames, contentHash, width: media.width, height: media.height, bytes: bytes.length, ms: Math.round(performance.now() - t0) };
}

type ScanIo = Record<'out' | 'err', (line: string) => void>;
const defaultIo: ScanIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** `args`: after the word `scan`; resolves to the exit code. */
export async function runScan(args: string[], io: ScanIo = defaultIo, root = process.cwd()): Promise<number> {
  const opts = parseArgs(args);
  if (typeof opts === 'string') {
    if (opts) io.err(`deepfake-radar: ${opts}`);
    io.err(USAGE);
    return opts ? 2 : 0;
  }
  const { pipeline, dispose } = createNodePipeline({ modelsDir: path.join(root, 'models'), onModelError: (msg) => io.err(`skipping model: ${msg}`) });
  const budget = { left: SCAN_DEFAULTS.maxFiles };
  let failures = 0;
  for (const p of opts.paths) {
    try {
      for await (const file of walk(p, budget)) {
        const result = await scanFile(file, pipeline, opts.sensitivity).catch((e: unknown) => (failures++, skipped(file, 0, errorMessage(e))));
        io.out(opts.json ? JSON.stringify(result) : formatLine(result));
      }
    } catch (e) {
      failures++;
      io.err(`deepfake-radar: ${p}: ${errorMessage(e)}`);
    }
  }
  await dispose();
  return failures > 0 ? 1 : 0;
}

/** Entry for bin/deepfake-radar.mjs: `deepfake-radar <command> …`. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'scan') return runScan(rest);
  process.stderr.write(`${USAGE}\n`);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}
