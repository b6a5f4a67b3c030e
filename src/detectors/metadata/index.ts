/**
 * The metadata detector: IPTC/XMP `DigitalSourceType` and the tool fields matched against
 * generator-names.ts. Unsigned metadata is a declaration, not proof.
 * Fixtures: ../shared/data/provenance/{iptc-midjourney,camera-exif}, test/fixtures/provenance.
 */
import type { Signal } from '../../shared/types';
import { guardedDetector, signalMaker, type DetectorInput } from '../detector';
import { withDeadline } from '../shared/deadline';
import { parseSourceType, sourceTypeParam, strongestMeaning, type SourceType } from '../shared/digital-source-type';
import { matchGenerator, namesAnEdit } from '../shared/generator-names';
import { sniffFormat } from '../shared/media-format';
import { factLine, plainText } from '../shared/signal-text';
import { msg, type SignalMessage } from '../../shared/signal-messages';
import { readMetadata, type MetadataBlocks, type MetadataRead } from './read-metadata';

const TIMEOUT_MS = 5_000;

const base = signalMaker('metadata', '1', 'provenance');

function strings(value: unknown, limit = 20): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.slice(0, limit).flatMap((v) => strings(v, limit));
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.value === 'string') return [o.value]; // exifr's XMP `{ value, lang }` shape
    return Object.values(o)
      .slice(0, limit)
      .flatMap((v) => (typeof v === 'string' ? [v] : []));
  }
  return [];
}

const TOOL_FIELDS: [string, string[]][] = [
  // Ideogram writes its name as the camera maker (`Make = Ideogram AI`, issue 13).
  ['ifd0', ['Make', 'Software', 'ProcessingSoftware', 'HostComputer']],
  ['xmp', ['CreatorTool']],
  ['tiff', ['Software']],
  ['exif', ['Software']],
  ['photoshop', ['Credit', 'Source']],
  ['iptc', ['Credit', 'Source', 'OriginatingProgram']],
  ['Iptc4xmpCore', ['CreditLine']],
  ['plus', ['ImageSupplierName']],
];

const PNG_TOOL_KEYS = ['Software', 'Source', 'Credit', 'CreatorTool', 'Generator'];

interface Findings {
  sourceTypes: { type: SourceType; where: string }[];
  /** `edited` when the value says so ("Edited with Google AI"). */
  tools: { name: string; field: string; value: string; edited: boolean }[];
  /** The software line is left out when a tool line says more. */
  facts: { camera: SignalMessage[]; software: SignalMessage[] };
}

function findSourceTypes(blocks: MetadataBlocks): { type: SourceType; where: string }[] {
  const out: { type: SourceType; where: string }[] = [];
  for (const [block, fields] of Object.entries(blocks)) {
    for (const [key, value] of Object.entries(fields)) {
      const named = /digitalsourcetype/i.test(key);
      // IPTC IIM has no dedicated field; a source-type URI in any IIM text field still counts.
      if (!named && block !== 'iptc') continue;
      for (const s of strings(value)) {
        const t = parseSourceType(s);
        if (!t || (!named && !/digitalsourcetype\//i.test(s))) continue;
        if (!out.some((o) => o.type.code === t.code)) out.push({ type: t, where: block === 'iptc' ? 'IPTC' : 'XMP' });
      }
    }
  }
  return out;
}

function collect(read: MetadataRead): Findings {
  const { blocks, pngText } = read;
  const named = [
    ...TOOL_FIELDS.flatMap(([block, fields]) => fields.flatMap((field) => strings(blocks[block]?.[field]).map((value) => ({ field, value })))),
    ...PNG_TOOL_KEYS.flatMap((field) => (pngText[field] ? [{ field, value: pngText[field]! }] : [])),
  ];
  const tools: Findings['tools'] = [];
  for (const { field, value } of named) {
    const g = matchGenerator(value);
    if (g && !tools.some((t) => t.name === g.name)) tools.push({ name: g.name, field, value, edited: namesAnEdit(value) });
  }
  const ifd0 = blocks.ifd0 ?? {};
  const make = strings(ifd0.Make)[0]?.trim();
  const model = strings(ifd0.Model)[0]?.trim();
  const camera = make && model?.toLowerCase().startsWith(make.split(' ')[0]!.toLowerCase()) ? model : [make, model].filter(Boolean).join(' ');
  const software = strings(ifd0.Software)[0] ?? strings(blocks.xmp?.CreatorTool)[0] ?? pngText.Software;
  const facts = { camera: factLine('sig_meta_camera', camera), software: factLine('sig_meta_software', software) };
  return { sourceTypes: findSourceTypes(blocks), tools, facts };
}

export function signalFromFindings(f: Findings): Signal {
  const meaning = strongestMeaning(f.sourceTypes.map((s) => s.type));
  const typeLines = f.sourceTypes.map((s) => msg('sig_meta_sourceType', s.where, sourceTypeParam(s.type)));
  const toolLines = f.tools.map((t) => msg('sig_meta_tool', plainText(t.value), t.field));
  if (meaning === 'generated' || meaning === 'edited' || f.tools.length > 0) {
    // A source type decides; without one, the tools say "edited" only if every one of them does.
    const edited = meaning === 'edited' || (meaning !== 'generated' && f.tools.length > 0 && f.tools.every((t) => t.edited));
    const tool = f.tools[0]?.name;
    const explanation = tool ? msg(edited ? 'sig_meta_editedBy' : 'sig_meta_generatedBy', plainText(tool, 60)) : msg(edited ? 'sig_meta_edited' : 'sig_meta_generated');
    return {
      ...base('declared-ai', 'moderate', [...typeLines, ...toolLines, ...f.facts.camera], explanation),
      declaration: edited ? 'edited' : 'generated',
    };
  }
  if (typeLines.length) {
    return base('info', 'weak', [...typeLines, ...f.facts.camera, ...f.facts.software], msg('sig_meta_info'));
  }
  return base('none', 'none', [...f.facts.camera, ...f.facts.software], msg('sig_meta_none'));
}

async function runMetadata(input: DetectorInput, signal?: AbortSignal): Promise<Signal> {
  const bytes = input.bytes;
  if (!bytes || bytes.length === 0) return base('not-applicable', 'none', [], msg('sig_meta_noBytes'));
  const format = sniffFormat(bytes);
  if (!['jpeg', 'png', 'webp', 'avif', 'heic', 'tiff'].includes(format)) return base('not-applicable', 'none', [], msg('sig_meta_format'));
  const read = await withDeadline(readMetadata(bytes, format), TIMEOUT_MS, signal);
  return signalFromFindings(collect(read));
}

export const metadataDetector = guardedDetector(base, { needs: 'bytes', errorKey: 'sig_meta_error', run: runMetadata });
