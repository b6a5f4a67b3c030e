import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concat, latin, tinyPng } from '../../../test/unit/helpers/build-files';
import { c2paDetector, signalFromSummary } from './index';
import type { ManifestSummary } from './manifest-summary';
import { summarizeManifestStore } from './manifest-summary';

const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

const summary = (over: Partial<ManifestSummary>): ManifestSummary => ({
  validity: 'valid',
  failures: [],
  trusted: false,
  issuer: 'Example Signer',
  signedAt: '2025-01-01T00:00:00Z',
  claimGenerator: 'Example Tool 1.0',
  actions: [{ action: 'c2pa.created', softwareAgent: 'Example Generator' }],
  sourceTypes: [],
  ingredientSourceTypes: [],
  claimGenerators: ['Example Tool 1.0'],
  ingredients: [],
  ...over,
});

describe('C2PA signal mapping', () => {
  it('valid + trainedAlgorithmicMedia → declared-ai (generated) with issuer, time, tool', () => {
    const s = signalFromSummary(summary({ sourceTypes: [{ code: 'trainedAlgorithmicMedia', meaning: 'generated' }] }));
    expect(s).toMatchObject({ detector: 'c2pa', outcome: 'declared-ai', declaration: 'generated', strength: 'strong' });
    expect(s.evidence).toEqual(expect.arrayContaining(['Issuer: Example Signer', 'Signed: 2025-01-01T00:00:00Z', 'Tool: Example Tool 1.0']));
    expect(s.explanation).toMatch(/generated with AI \(Example Generator\)/);
  });

  it('valid + composite AI source type (here or in an ingredient) → declared-ai (edited)', () => {
    const edited = { code: 'compositeWithTrainedAlgorithmicMedia', meaning: 'edited' as const };
    expect(signalFromSummary(summary({ sourceTypes: [edited] })).declaration).toBe('edited');
    const ingredient = { code: 'trainedAlgorithmicMedia', meaning: 'generated' as const };
    expect(signalFromSummary(summary({ ingredientSourceTypes: [ingredient] })).declaration).toBe('edited');
  });

  it('invalid credentials are never proof, even when they mention AI', () => {
    const s = signalFromSummary(summary({ validity: 'invalid', failures: ['assertion.dataHash.mismatch'], sourceTypes: [{ code: 'trainedAlgorithmicMedia', meaning: 'generated' }] }));
    expect(s.outcome).toBe('invalid');
    expect(s.declaration).toBeUndefined();
    expect(s.evidence[0]).toBe('Status: invalid (assertion.dataHash.mismatch)');
    expect(s.explanation).toMatch(/invalid or tampered/);
  });

  it('valid credentials without AI are provenance information', () => {
    expect(signalFromSummary(summary({})).outcome).toBe('info');
    expect(signalFromSummary(summary({ trusted: true, validity: 'trusted' })).strength).toBe('moderate');
  });
});

describe('manifest store summary', () => {
  it('reads validity, signer and every source type from a c2pa-rs store', () => {
    const store = {
      active_manifest: 'urn:a',
      validation_state: 'Valid',
      validation_results: { activeManifest: { failure: [{ code: 'signingCredential.untrusted' }] } },
      manifests: {
        'urn:a': {
          claim_generator_info: [{ name: 'Tool', version: '2' }],
          signature_info: { issuer: 'Org', time: '2024-01-01' },
          ingredients: [{ active_manifest: 'urn:b' }],
          assertions: [{ label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.opened', digitalSourceType: `${DST}compositeWithTrainedAlgorithmicMedia` }] } }],
        },
        'urn:b': { assertions: [{ label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.created', digitalSourceType: `${DST}trainedAlgorithmicMedia` }] } }] },
      },
    };
    const s = summarizeManifestStore(store)!;
    expect(s.validity).toBe('valid');
    expect(s.trusted).toBe(false);
    expect(s.claimGenerator).toBe('Tool 2');
    expect(s.sourceTypes.map((t) => t.code)).toEqual(['compositeWithTrainedAlgorithmicMedia']);
    expect(s.ingredientSourceTypes.map((t) => t.code)).toEqual(['trainedAlgorithmicMedia']);
  });

  it('tolerates junk', () => {
    expect(summarizeManifestStore(null)).toBeUndefined();
    expect(summarizeManifestStore({ active_manifest: 'x', manifests: { x: 5 } })).toBeUndefined();
  });
});

describe('C2PA detector (WASM reader)', () => {
  it('finds no credentials in a plain file and never throws on junk', async () => {
    const clean = new Uint8Array(readFileSync(new URL('../../../test/fixtures/provenance/clean-1.png', import.meta.url)));
    expect((await c2paDetector.run({ bytes: clean })).outcome).toBe('none');
    expect((await c2paDetector.run({ bytes: new Uint8Array() })).outcome).toBe('not-applicable');
    expect((await c2paDetector.run({ bytes: latin('not an image at all') })).outcome).toBe('not-applicable');
    const s = await c2paDetector.run({ bytes: concat(tinyPng(), latin('caBX')) });
    expect(['none', 'invalid', 'error']).toContain(s.outcome);
  });
});
