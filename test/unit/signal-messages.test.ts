/**
 * Localisable signal text: the key list, the protocol's validators, the detectors' output, and the
 * card's rendering with its English fallback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import {
  formatSignalMessage,
  isSignalEvidenceKeys,
  isSignalMessage,
  msg,
  placeholderCount,
  SIGNAL_MESSAGES,
  SIGNAL_TEXT_LIMITS,
  signalText,
  type SignalMessage,
} from '../../src/shared/signal-messages';
import type { Signal } from '../../src/shared/types';
import { signalFromSummary } from '../../src/detectors/c2pa/index';
import { signalFromFindings } from '../../src/detectors/metadata/index';
import { signalFromFinding } from '../../src/detectors/generator-params/index';
import { platformLabelSignal } from '../../src/detectors/platform/index';
import { parseSourceType } from '../../src/detectors/shared/digital-source-type';
import { modelErrorSignal, modelScoreSignal } from '../../src/engine/model-runner';
import type { ModelCard } from '../../src/shared/model-card';

const root = join(import.meta.dirname, '../..');
const load = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const en = load('en');
const fr = load('fr');

// The card's t(): French messages with $n substitution, missing keys come back as the key (like the real one).
let messages = fr;
vi.mock('../../src/shared/i18n', () => ({
  t: (key: string, ...subs: string[]) => messages[key]?.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '') ?? key,
}));
const { signalEvidence, signalExplanation } = await import('../../src/content/overlay/signal-lines');

describe('signal message keys', () => {
  test('every key is in both locales; English equals the template the CLI prints', () => {
    for (const [key, template] of Object.entries(SIGNAL_MESSAGES)) {
      expect(en[key]?.message, key).toBe(template);
      expect(fr[key]?.message, key).toBeTruthy();
      expect(placeholderCount(fr[key]!.message), key).toBe(placeholderCount(template));
    }
  });
});

describe('validators', () => {
  test('accept known keys with exactly their params, plain strings or a fixed phrase', () => {
    expect(isSignalMessage(msg('sig_c2pa_none'))).toBe(true);
    expect(isSignalMessage(msg('sig_tool', 'Midjourney'))).toBe(true);
    expect(isSignalMessage(msg('sig_sourceType', { key: 'sig_dst_trainedAlgorithmicMedia' }))).toBe(true);
    expect(isSignalMessage(msg('sig_gen_foundIn', { key: 'sig_gen_wherePngText', params: ['parameters'] }))).toBe(true);
    expect(isSignalEvidenceKeys([msg('sig_tool', 'x'), msg('sig_c2pa_signerTrusted')])).toBe(true);
  });

  test.each<[string, unknown]>([
    ['unknown key', { key: 'sig_nope' }],
    ['a UI key that is not signal text', { key: 'extName' }],
    ['prototype key', { key: 'toString' }],
    ['missing params', { key: 'sig_tool' }],
    ['too many params', { key: 'sig_c2pa_none', params: ['x'] }],
    ['number param', { key: 'sig_tool', params: [3] }],
    ['object param with an unknown key', { key: 'sig_tool', params: [{ key: 'nope' }] }],
    ['nested twice', { key: 'sig_tool', params: [{ key: 'sig_tool', params: [{ key: 'sig_c2pa_unnamedTool' }] }] }],
    ['too long', { key: 'sig_tool', params: ['a'.repeat(SIGNAL_TEXT_LIMITS.maxParamChars + 1)] }],
    ['control character', { key: 'sig_tool', params: ['a\nb'] }],
    ['line separator', { key: 'sig_tool', params: ['a\u2028b'] }],
    ['params not an array', { key: 'sig_tool', params: 'x' }],
    ['not an object', 'sig_tool'],
    ['null', null],
  ])('reject %s', (_, v) => {
    expect(isSignalMessage(v)).toBe(false);
  });

  test('evidence lists: arrays only, bounded, every line valid', () => {
    expect(isSignalEvidenceKeys({})).toBe(false);
    expect(isSignalEvidenceKeys([msg('sig_tool', 'x'), { key: 'nope' }])).toBe(false);
    expect(isSignalEvidenceKeys(Array.from({ length: SIGNAL_TEXT_LIMITS.maxEvidence + 1 }, () => msg('sig_c2pa_none')))).toBe(false);
  });
});

const card: ModelCard = {
  id: 'm',
  name: 'Whole image',
  version: '2',
  fixture: false,
  thresholds: { likely: { conservative: 0.9, balanced: 0.8, aggressive: 0.7 }, uncertain: { conservative: 0.6, balanced: 0.5, aggressive: 0.4 } },
} as unknown as ModelCard;

describe('detectors carry valid keys whose English is their evidence', () => {
  const signals: Signal[] = [
    signalFromSummary({
      validity: 'valid',
      failures: [],
      trusted: false,
      issuer: 'Example Signer',
      signedAt: '2025-01-01',
      claimGenerator: 'Example Tool 1.0',
      actions: [{ action: 'c2pa.created', softwareAgent: 'Gen\u0007AI' }],
      sourceTypes: [parseSourceType('trainedAlgorithmicMedia')!, parseSourceType('http://cv.iptc.org/newscodes/digitalsourcetype/somethingNew')!],
      ingredientSourceTypes: [],
      claimGenerators: ['Example Tool 1.0'],
      ingredients: [],
    }),
    signalFromSummary({ validity: 'invalid', failures: [], trusted: false, actions: [], sourceTypes: [], ingredientSourceTypes: [], claimGenerators: [], ingredients: [] }),
    signalFromFindings({
      sourceTypes: [{ type: parseSourceType('compositeWithTrainedAlgorithmicMedia')!, where: 'XMP' }],
      tools: [{ name: 'Firefly', field: 'Software', value: 'Adobe Firefly', edited: false }],
      facts: { camera: [], software: [] },
    }),
    signalFromFinding({ facts: { tool: 'ComfyUI', prompt: 'a cat', seed: '7', steps: '20' }, where: { key: 'sig_gen_wherePngText', params: ['prompt'] } }),
    platformLabelSignal({ site: 'x', label: 'Made with AI' }),
    modelScoreSignal(card, 0.9),
    modelErrorSignal(card, new Error('model m: sha256 mismatch')),
    // A generator named without a source type: the trust phrase and the signer are substitutions.
    signalFromSummary({
      validity: 'valid',
      failures: [],
      trusted: false,
      actions: [{ action: 'c2pa.created', softwareAgent: 'Image Creator from Designer' }],
      sourceTypes: [],
      ingredientSourceTypes: [],
      claimGenerators: [],
      ingredients: [],
    }),
  ];
  test.each(signals.map((s) => [s.detector, s.outcome, s] as const))('%s %s', (_, __, s) => {
    expect(isSignalEvidenceKeys(s.evidenceKeys)).toBe(true);
    expect(isSignalMessage(s.explanationKey)).toBe(true);
    if (!s.detector.startsWith('model:')) {
      expect(s.evidence).toEqual(s.evidenceKeys!.map(formatSignalMessage));
      expect(s.explanation).toBe(formatSignalMessage(s.explanationKey!));
    }
  });

  test('values from the file stay substitutions, cleaned', () => {
    const c2pa = signals[0]!;
    expect(c2pa.evidence).toContain('Software agent: Gen AI');
    expect(c2pa.evidence).toContain('Source type: generated by AI (trained algorithmic media)');
    expect(c2pa.evidence).toContain('Source type: somethingNew');
    expect(signals[1]!.evidence[0]).toBe('Status: invalid (validation failed)');
    expect(signals[6]!.evidence.join(' ')).toMatch(/sha256 mismatch/);
  });

  test('the card shows French, with file values untouched', () => {
    messages = fr;
    const [c2pa, , meta, gen, platform, model, modelError, named] = signals;
    expect(signalExplanation(c2pa!)).toBe(fr.sig_c2pa_generated!.message.replace('$1', 'Gen AI'));
    expect(signalEvidence(c2pa!)).toEqual(expect.arrayContaining(['Outil : Example Tool 1.0', 'Type de source : généré par IA (média algorithmique entraîné)', 'Type de source : somethingNew']));
    expect(signalEvidence(meta!)).toContain('Type de source (XMP) : modifié avec l’IA (composite avec un média algorithmique entraîné)');
    expect(signalEvidence(gen!)).toEqual(expect.arrayContaining(['Outil : ComfyUI', 'Trouvé dans : bloc de texte PNG « prompt »', 'Prompt : a cat', 'Étapes : 20']));
    expect(signalEvidence(platform!)).toEqual(['x : « Made with AI »']);
    expect(signalExplanation(model!)).toMatch(/^Score de ce modèle de pixels\./);
    expect(signalEvidence(model!)[0]).toBe('Whole image 2');
    expect(signalEvidence(modelError!)).toContain('Erreur : model m: sha256 mismatch');
    expect(signalEvidence(named!)).toContain('Générateur d’IA nommé : Microsoft Image Creator / Designer (agent logiciel « Image Creator from Designer »)');
    expect(signalExplanation(named!)).toBe(
      'Des Content Credentials signés nomment le générateur d’IA qui a créé ce fichier : Microsoft Image Creator / Designer. Signés par un signataire sans nom (absent des listes de confiance connues).',
    );
  });

  test('fallbacks: a missing key shows its English line; an invalid list shows the English evidence', () => {
    const s = signals[3]!;
    messages = { ...fr };
    delete messages.sig_gen_prompt;
    expect(signalEvidence(s)).toContain('Prompt: a cat');
    expect(signalEvidence(s)).toContain('Outil : ComfyUI');
    messages = fr;
    const forged = {
      ...s,
      evidenceKeys: [...s.evidenceKeys!, { key: 'extName' } as unknown as SignalMessage],
      explanationKey: { key: 'sig_gen_declared', params: ['<b>x</b>', 'extra'] } as unknown as SignalMessage,
    };
    expect(signalEvidence(forged)).toEqual(s.evidence);
    expect(signalExplanation(forged)).toBe(s.explanation);
    const plain = { ...s, evidenceKeys: undefined, explanationKey: undefined };
    expect(signalEvidence(plain)).toEqual(s.evidence);
  });

  test('signalText keeps English and keys side by side', () => {
    const t = signalText([msg('sig_tool', 'X')], msg('sig_c2pa_none'));
    expect(t).toEqual({
      evidence: ['Tool: X'],
      evidenceKeys: [{ key: 'sig_tool', params: ['X'] }],
      explanation: 'No Content Credentials (C2PA) in this file.',
      explanationKey: { key: 'sig_c2pa_none' },
    });
  });
});
