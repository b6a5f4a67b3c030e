/**
 * Settings image generators write into their outputs (A1111/Forge, ComfyUI, Fooocus, InvokeAI,
 * NovelAI, SwarmUI), read only inside valid containers: bytes after PNG IEND or JPEG EOI never
 * count (a spoofing trick), nor PNG chunks with a bad CRC.
 * Fixtures: ../shared/data/provenance/generator-metadata/**, test/fixtures/provenance.
 */
import type { Signal } from '../../shared/types';
import { guardedDetector, signalMaker, type DetectorInput } from '../detector';
import { ascii } from '../shared/bytes';
import { exifr, type ExifrOptions } from '../shared/exifr';
import { withDeadline } from '../shared/deadline';
import { jpegExif, walkJpegSegments } from '../shared/jpeg-segments';
import { sniffFormat } from '../shared/media-format';
import { readPngTexts, walkPngChunks } from '../shared/png-chunks';
import { decodePngPixels } from '../shared/png-decode';
import { walkWebpChunks, webpExifTiff } from '../shared/riff-chunks';
import { factLine, plainText } from '../shared/signal-text';
import { msg, type SignalParam } from '../../shared/signal-messages';
import { parseA1111 } from './parse-a1111';
import { parseComfyPrompt, parseFooocus, parseInvokeDream, parseInvokeMetadata, parseInvokeSdMetadata, parseJsonObject, parseNovelAi, parseSwarmUi, type GeneratorFacts } from './parse-json-tools';
import { readStealthParameters } from './read-stealth';

const GENERATOR_PARAMS_LIMITS = {
  maxTextBytes: 4 * 1024 * 1024,
  maxTexts: 200,
  /** Largest PNG (pixels) decoded for stealth parameters. */
  maxStealthPixels: 16_000_000,
  timeoutMs: 5_000,
};

interface Finding {
  facts: GeneratorFacts;
  where: SignalParam;
}

const base = signalMaker('generator-params', '1', 'provenance');

/** A1111 text, or JSON from Fooocus / SwarmUI. */
function parseParametersText(text: string, hint?: string): GeneratorFacts | undefined {
  const json = parseJsonObject(text);
  if (json) return (hint === 'fooocus' ? parseFooocus(json) : undefined) ?? parseSwarmUi(json) ?? parseFooocus(json);
  const a = parseA1111(text);
  if (!a) return undefined;
  const version = a.settings.Version;
  const tool = version && /fooocus/i.test(version) ? 'Fooocus' : version && /^f\d/i.test(version) ? 'Stable Diffusion WebUI Forge' : 'AUTOMATIC1111 (Stable Diffusion web UI)';
  return {
    tool,
    prompt: a.prompt,
    model: a.settings.Model ?? (a.settings['Model hash'] ? `hash ${a.settings['Model hash']}` : undefined),
    seed: a.settings.Seed,
    sampler: a.settings.Sampler,
    steps: a.settings.Steps,
    size: a.settings.Size,
    version,
  };
}

async function fromPng(bytes: Uint8Array): Promise<Finding | undefined> {
  const walk = walkPngChunks(bytes);
  const texts = await readPngTexts(walk, GENERATOR_PARAMS_LIMITS);
  const byKey = new Map<string, string>();
  for (const t of texts) if (!byKey.has(t.keyword)) byKey.set(t.keyword, t.text);
  const json = (k: string) => parseJsonObject(byKey.get(k));
  const found = (k: string, facts: GeneratorFacts | undefined): Finding | undefined => facts && { facts, where: { key: 'sig_gen_wherePngText', params: [plainText(k, 80)] } };
  const params = byKey.get('parameters');
  const dream = byKey.get('Dream');
  const isNovelAi = /^novel\s?ai$/i.test(byKey.get('Software')?.trim() ?? '');
  // The first tool whose keyword parses decides.
  const inText =
    found('parameters', params ? parseParametersText(params, byKey.get('fooocus_scheme')) : undefined) ??
    found(byKey.has('prompt') ? 'prompt' : 'workflow', parseComfyPrompt(json('prompt'), json('workflow'))) ??
    found('invokeai_metadata', parseInvokeMetadata(json('invokeai_metadata'))) ??
    found('sd-metadata', parseInvokeSdMetadata(json('sd-metadata'))) ??
    found('Dream', dream ? parseInvokeDream(dream) : undefined) ??
    found('Software', isNovelAi ? parseNovelAi(json('Comment'), byKey.get('Description'), byKey.get('Source')) : undefined);
  if (inText) return inText;

  const pixels = await decodePngPixels(walk, GENERATOR_PARAMS_LIMITS.maxStealthPixels);
  const hidden = pixels ? await readStealthParameters(pixels) : undefined;
  const stealth = hidden ? parseParametersText(hidden) : undefined;
  return stealth && { facts: stealth, where: { key: 'sig_gen_whereStealth' } };
}

const USER_COMMENT_OPTIONS: ExifrOptions = { tiff: true, exif: true, userComment: true, xmp: false, iptc: false, icc: false, silentErrors: true, translateValues: false };

/** EXIF UserComment: 8-byte charset prefix, then text (UNICODE is UTF-16, either byte order). */
function decodeUserComment(raw: Uint8Array | string | undefined): string | undefined {
  if (typeof raw === 'string') return raw;
  if (!raw || raw.length <= 8) return undefined;
  const prefix = ascii(raw, 0, 8);
  const body = raw.subarray(8);
  if (prefix.startsWith('UNICODE')) {
    const bigEndian = body.length >= 2 && body[0] === 0 && body[1] !== 0;
    return new TextDecoder(bigEndian ? 'utf-16be' : 'utf-16le').decode(body);
  }
  return new TextDecoder('utf-8').decode(body);
}

async function fromExif(tiff: Uint8Array | undefined, where: SignalParam): Promise<Finding | undefined> {
  if (!tiff || tiff.length < 8) return undefined;
  const out = (await exifr.parse(tiff, USER_COMMENT_OPTIONS)) as { userComment?: Uint8Array | string; UserComment?: Uint8Array | string } | undefined;
  const text = decodeUserComment(out?.userComment ?? out?.UserComment)?.replace(/\0+$/, '');
  const facts = text ? parseParametersText(text) : undefined;
  return facts ? { facts, where } : undefined;
}

async function findParameters(bytes: Uint8Array): Promise<Finding | undefined> {
  switch (sniffFormat(bytes)) {
    case 'png':
      return fromPng(bytes);
    case 'jpeg':
      return fromExif(jpegExif(walkJpegSegments(bytes)), { key: 'sig_gen_whereJpegExif' });
    case 'webp': {
      const chunk = walkWebpChunks(bytes).chunks.find((c) => c.id === 'EXIF');
      return fromExif(chunk && webpExifTiff(chunk.data), { key: 'sig_gen_whereWebpExif' });
    }
    default:
      return undefined;
  }
}

export function signalFromFinding(f: Finding): Signal {
  const { facts } = f;
  const evidence = [
    ...factLine('sig_tool', facts.version && !facts.version.toLowerCase().includes(facts.tool.toLowerCase()) ? `${facts.tool} ${facts.version}` : (facts.version ?? facts.tool)),
    msg('sig_gen_foundIn', f.where),
    ...factLine('sig_gen_prompt', facts.prompt),
    ...factLine('sig_gen_model', facts.model),
    ...factLine('sig_gen_seed', facts.seed),
    ...factLine('sig_gen_sampler', facts.sampler),
    ...factLine('sig_gen_steps', facts.steps),
    ...factLine('sig_gen_size', facts.size),
  ];
  return {
    ...base('declared-ai', 'moderate', evidence, msg('sig_gen_declared', plainText(facts.tool, 60))),
    declaration: 'generated',
  };
}

async function runGeneratorParams(input: DetectorInput, signal?: AbortSignal): Promise<Signal> {
  const bytes = input.bytes;
  if (!bytes || bytes.length === 0) return base('not-applicable', 'none', [], msg('sig_gen_noBytes'));
  const format = sniffFormat(bytes);
  if (format !== 'png' && format !== 'jpeg' && format !== 'webp') return base('not-applicable', 'none', [], msg('sig_gen_format'));
  const finding = await withDeadline(findParameters(bytes), GENERATOR_PARAMS_LIMITS.timeoutMs, signal);
  if (!finding) return base('none', 'none', [], msg('sig_gen_none'));
  return signalFromFinding(finding);
}

export const generatorParamsDetector = guardedDetector(base, { needs: 'bytes', errorKey: 'sig_gen_error', run: runGeneratorParams });
