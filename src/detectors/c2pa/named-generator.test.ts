/**
 * Content Credentials that name an AI generator, tested on the manifest store JSON the c2pa-rs
 * reader returns, built with the structure of real files (each case says which). The same
 * decision on real signed files is in test/unit/c2pa-signed-fixtures.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { signalFromSummary } from './index';
import { summarizeManifestStore } from './manifest-summary';
import { findNamedGenerator } from './named-generator';

const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

type Manifest = Record<string, unknown>;
const actions = (...list: Record<string, unknown>[]) => ({ label: 'c2pa.actions', data: { actions: list } });

/** A store as the reader returns it: `active` is the active manifest, `others` its ingredients' manifests. */
function store(active: Manifest, others: Record<string, Manifest> = {}, state: 'Valid' | 'Trusted' | 'Invalid' = 'Valid') {
  return {
    active_manifest: 'urn:active',
    validation_state: state,
    validation_results: { activeManifest: { failure: state === 'Trusted' ? [] : [{ code: 'signingCredential.untrusted' }] } },
    manifests: { 'urn:active': active, ...others },
  };
}

const signal = (s: ReturnType<typeof store>) => signalFromSummary(summarizeManifestStore(s)!);

/** Bing Image Creator, Feb 2024 (issue 13): v1 claim, `c2pa.created` by the generator, no source type. */
const BING = {
  claim_generator: 'Microsoft_Responsible_AI/1.0',
  claim_generator_info: [{ name: 'Microsoft Responsible AI Image Provenance', version: '1.0' }],
  signature_info: { issuer: 'Microsoft Corporation', time: '2024-02-05T01:48:06+00:00' },
  assertions: [actions({ action: 'c2pa.created', softwareAgent: 'Image Creator from Designer', when: '2024-02-05T01:48:06Z', description: 'AI Generated Image' })],
};

describe('AI generators named by Content Credentials (manifest summary)', () => {
  it('Bing Image Creator without a source type is declared-ai, generator named, signer untrusted', () => {
    const s = signal(store(BING));
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated', strength: 'strong' });
    expect(s.evidence[0]).toBe('Status: valid signature and content hash');
    expect(s.evidence[1]).toBe('AI generator named: Microsoft Image Creator / Designer (software agent “Image Creator from Designer”)');
    expect(s.evidence).toContain('Signer: not on a known trust list');
    expect(s.explanation).toBe(
      'Signed Content Credentials name the AI generator that made this file: Microsoft Image Creator / Designer. Signed by Microsoft Corporation (not on a known trust list).',
    );
  });

  it('states a trusted signer as trusted', () => {
    const s = signal(store(BING, {}, 'Trusted'));
    expect(s.explanation).toContain('Signed by Microsoft Corporation (on the trust list)');
    expect(s.evidence[0]).toBe('Status: valid, trusted signer');
  });

  it('the claim generator alone is enough (Microsoft_Responsible_AI/1.0 with an unnamed agent)', () => {
    const s = signal(store({ ...BING, claim_generator_info: undefined, assertions: [actions({ action: 'c2pa.created' })] }));
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated' });
    expect(s.evidence).toContain('AI generator named: Microsoft Image Creator / Designer (claim generator “Microsoft_Responsible_AI/1.0”)');
  });

  it('invalid credentials that name a generator stay invalid, and say they mention AI', () => {
    const s = signal({ ...store(BING, {}, 'Invalid'), validation_results: { activeManifest: { failure: [{ code: 'assertion.dataHash.mismatch' }] } } });
    expect(s.outcome).toBe('invalid');
    expect(s.declaration).toBeUndefined();
    expect(s.explanation).toMatch(/they mention AI/);
  });

  it('ChatGPT 2024: a "ChatGPT" wrapper around a DALL·E creation is generated, not "edited"', () => {
    // Tebs-Lab/lab-report-code 2024-03-03/cape-bear-manifest.json: the wrapper has no actions.
    const s = signal(
      store(
        { claim_generator: 'ChatGPT c2pa-rs/0.28.4', signature_info: { issuer: 'OpenAI' }, ingredients: [{ relationship: 'parentOf', active_manifest: 'urn:dalle' }], assertions: [] },
        {
          'urn:dalle': {
            claim_generator: 'OpenAI-API c2pa-rs/0.28.4',
            assertions: [actions({ action: 'c2pa.created', softwareAgent: 'DALL·E', digitalSourceType: `${DST}trainedAlgorithmicMedia` }, { action: 'c2pa.converted' })],
          },
        },
      ),
    );
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated' });
    expect(s.evidence).toContain('AI generator named: OpenAI ChatGPT / GPT image (claim generator “ChatGPT c2pa-rs/0.28.4”)');
    expect(s.explanation).toContain('Signed by OpenAI');
  });

  it('ChatGPT 2025: claim_generator_info "ChatGPT" opening a GPT-4o creation is generated', () => {
    // contentauth/example-assets images/manifests/ChatGPT_Image.json (v2 actions, agent as an object).
    const s = signal(
      store(
        {
          claim_generator_info: [{ name: 'ChatGPT', 'org.contentauth.c2pa_rs': '0.0.0' }],
          signature_info: { issuer: 'OpenAI', common_name: 'Truepic Lens CLI in Sora' },
          ingredients: [{ relationship: 'parentOf', active_manifest: 'urn:gpt' }],
          assertions: [{ label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.opened' }] } }],
        },
        {
          'urn:gpt': {
            claim_generator_info: [{ name: 'ChatGPT' }],
            assertions: [{ label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.created', softwareAgent: { name: 'GPT-4o' }, digitalSourceType: `${DST}trainedAlgorithmicMedia` }] } }],
          },
        },
      ),
    );
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated' });
  });

  it('an AI tool that opened a picture it did not make has edited it', () => {
    // The ChatGPT structure above, opening an upload without credentials.
    const s = signal(store({ claim_generator_info: [{ name: 'ChatGPT' }], assertions: [actions({ action: 'c2pa.opened' }, { action: 'c2pa.edited' })] }));
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'edited' });
    expect(s.explanation).toMatch(/^Signed Content Credentials name an AI generator among the tools behind this file: OpenAI ChatGPT \/ GPT image, so it was edited with AI\./);
  });

  it('claim_generator_info as a single object is read too', () => {
    const s = signal(store({ claim_generator_info: { name: 'Adobe_Firefly' }, assertions: [actions({ action: 'c2pa.created' })] }));
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated' });
  });

  it('Adobe Firefly named as the claim generator of a creation is generated', () => {
    // claim_generator as in contentauth/verify-site issue 316, without the source type.
    const s = signal(store({ claim_generator: 'Adobe_Firefly adobe_c2pa/0.12.4+sven2 c2pa-rs/0.32.7', signature_info: { issuer: 'Adobe Inc.' }, assertions: [actions({ action: 'c2pa.created' })] }));
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated' });
  });

  it('Photoshop with an edit by "Adobe Firefly" (generative fill) is edited with AI, with or without a source type', () => {
    // c2pa-rs/ocsp.jpg's actions.
    const photoshop = (dst?: string) => ({
      claim_generator_info: [{ name: 'Adobe Photoshop', version: '26.9.0' }],
      signature_info: { issuer: 'Adobe Inc.', common_name: 'Adobe C2PA' },
      assertions: [actions({ action: 'c2pa.opened' }, { action: 'c2pa.cropped' }, { action: 'c2pa.edited', softwareAgent: 'Adobe Firefly', ...(dst ? { digitalSourceType: dst } : {}) })],
    });
    const bare = signal(store(photoshop()));
    expect(bare).toMatchObject({ outcome: 'declared-ai', declaration: 'edited' });
    expect(bare.evidence).toContain('AI generator named: Adobe Firefly (software agent “Adobe Firefly”)');
    const typed = signal(store(photoshop(`${DST}compositeWithTrainedAlgorithmicMedia`)));
    expect(typed).toMatchObject({ outcome: 'declared-ai', declaration: 'edited' });
    // The source type decided, so the explanation is the source-type one.
    expect(typed.explanation).toMatch(/^Signed Content Credentials declare this file was edited with AI/);
  });

  it('a Firefly picture placed into a Photoshop document is an AI edit (named in the ingredient)', () => {
    const s = signal(
      store(
        {
          claim_generator_info: [{ name: 'Adobe Photoshop' }],
          ingredients: [{ relationship: 'componentOf', active_manifest: 'urn:ff' }],
          assertions: [actions({ action: 'c2pa.opened' }, { action: 'c2pa.placed' })],
        },
        { 'urn:ff': { claim_generator: 'Adobe_Firefly', assertions: [actions({ action: 'c2pa.created' })] } },
      ),
    );
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'edited' });
    expect(s.evidence).toContain('AI generator named: Adobe Firefly (in an ingredient’s credentials: “Adobe_Firefly”)');
  });

  it('a source type in the active manifest wins over a name (Firefly, Titan stay as today)', () => {
    const s = signal(
      store({ claim_generator: 'Amazon Bedrock', assertions: [actions({ action: 'c2pa.created', softwareAgent: 'Titan Image Generator G1', digitalSourceType: `${DST}trainedAlgorithmicMedia` })] }),
    );
    expect(s).toMatchObject({ outcome: 'declared-ai', declaration: 'generated' });
    expect(s.explanation).toMatch(/^Signed Content Credentials declare this file was generated with AI \(Titan Image Generator G1\)/);
    expect(s.evidence).toContain('AI generator named: Amazon Titan / Nova (software agent “Titan Image Generator G1”)');
  });

  it('a creation declared as a camera capture is never overridden by a name', () => {
    // Made-up: the guard for a generator-like name on a capture.
    const s = summarizeManifestStore(store({ claim_generator_info: [{ name: 'Gemini' }], assertions: [actions({ action: 'c2pa.created', digitalSourceType: `${DST}digitalCapture` })] }))!;
    expect(findNamedGenerator(s)).toBeUndefined();
    expect(signalFromSummary(s).outcome).toBe('info');
  });

  it.each([
    [
      'Photoshop crop (contentauth/example-assets car-es-Ps-Cr.json)',
      {
        claim_generator: 'Adobe_Photoshop/26.11.0 adobe_c2pa/0.14.2 c2pa-rs/0.43.0',
        claim_generator_info: [{ name: 'Adobe Photoshop', version: '26.11.0' }],
        assertions: [actions({ action: 'c2pa.opened' }, { action: 'c2pa.cropped' }, { action: 'c2pa.resized' })],
      },
    ],
    ['Truepic camera (c2pa-org/public-testfiles truepic-20230212-camera)', { claim_generator: 'Truepic Lens SDK libc2pa C++ Library 2.5.1', signature_info: { issuer: 'Truepic' }, assertions: [] }],
    ['Leica M11-P (contentauth/c2pa-rs issue 753)', { claim_generator: 'M11-P/2.0.2 (Serial: 5889294) lc_c2pa/v1.6.1', assertions: [] }],
    ['Google camera library', { claim_generator_info: [{ name: 'Google C2PA Core Generator Library' }], assertions: [actions({ action: 'c2pa.created' })] }],
    ['Adobe Content Authenticity (c2pa-rs identity fixtures)', { claim_generator: 'Adobe Content Authenticity', assertions: [actions({ action: 'c2pa.watermarked' })] }],
  ])('no AI named: %s', (_, manifest) => {
    const s = summarizeManifestStore(store(manifest))!;
    expect(findNamedGenerator(s)).toBeUndefined();
    expect(signalFromSummary(s).outcome).toBe('info');
  });
});
