/**
 * Writes the signed Content Credentials fixtures in test/fixtures/provenance/c2pa-signed/: small
 * JPEGs whose manifests copy the structure real files carry (claim generator, actions, software
 * agent), signed with a throwaway test certificate made here, so c2pa-rs validates them as
 * "valid, signer not on a trust list" exactly as it does a real Microsoft or Adobe file.
 *
 * - bing-image-creator.jpg: the issue-13 case. v1 claim from "Microsoft Responsible AI Image
 *   Provenance" 1.0, `c2pa.created` by "Image Creator from Designer", no digitalSourceType (the
 *   structure of Bing Image Creator JPEGs of 2024; c2pa-rs writes the legacy `claim_generator`
 *   string itself, from the info name).
 * - generative-fill.jpg: Photoshop opened a picture and ran an edit whose agent is "Adobe Firefly"
 *   (c2pa-rs/ocsp.jpg's actions, without its source types).
 * - photoshop-crop.jpg: Photoshop opened a picture and cropped it (contentauth/example-assets
 *   car-es-Ps-Cr.json's actions): no AI.
 *
 * The signer is "Deepfake Radar test signer" under a root made here and thrown away with its key:
 * the files claim to be from no real company. Needs `openssl` on PATH.
 * Run: node --import tsx scripts/make-c2pa-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { WasmBuilder } from '@contentauth/c2pa-wasm';
import { BytesBlob, c2paReader } from '../src/detectors/c2pa/wasm-runtime';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/provenance/c2pa-signed');
/** Bytes c2pa-rs reserves for the COSE signature (two certificates and padding fit). */
const RESERVE = 4096;

// --- a throwaway root and signer, with the certificate profile C2PA requires of a signer ---
const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
O = Deepfake Radar test fixtures
CN = Deepfake Radar test root (throwaway)
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
`;

function makeSigner(dir: string): { key: KeyObject; chain: Uint8Array[] } {
  const f = (name: string) => path.join(dir, name);
  writeFileSync(f('openssl.cnf'), OPENSSL_CONFIG);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'root.key');
  openssl('req', '-new', '-x509', '-key', 'root.key', '-out', 'root.pem', '-days', '36500', '-config', 'openssl.cnf', '-extensions', 'root', '-sha256');
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'signer.key');
  openssl('req', '-new', '-key', 'signer.key', '-out', 'signer.csr', '-subj', '/O=Deepfake Radar test signer/CN=Deepfake Radar test signer');
  openssl(
    'x509',
    '-req',
    '-in',
    'signer.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-out',
    'signer.pem',
    '-days',
    '36500',
    '-extfile',
    'openssl.cnf',
    '-extensions',
    'signer',
    '-sha256',
  );
  const der = (name: string) => new Uint8Array(new X509Certificate(readFileSync(f(name))).raw);
  return { key: createPrivateKey(readFileSync(f('signer.key'))), chain: [der('signer.pem'), der('root.pem')] };
}

// --- just enough CBOR for a COSE_Sign1 (RFC 9052) ---
type Cbor = number | string | Uint8Array | null | Cbor[] | Map<Cbor, Cbor> | { tag: number; value: Cbor };

function cborHead(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 0x100) return [(major << 5) | 24, n];
  if (n < 0x10000) return [(major << 5) | 25, n >> 8, n & 0xff];
  return [(major << 5) | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function cbor(v: Cbor): number[] {
  if (v === null) return [0xf6];
  if (typeof v === 'number') return v >= 0 ? cborHead(0, v) : cborHead(1, -1 - v);
  if (typeof v === 'string') {
    const b = new TextEncoder().encode(v);
    return [...cborHead(3, b.length), ...b];
  }
  if (v instanceof Uint8Array) return [...cborHead(2, v.length), ...v];
  if (Array.isArray(v)) return [...cborHead(4, v.length), ...v.flatMap(cbor)];
  if (v instanceof Map) return [...cborHead(5, v.size), ...[...v].flatMap(([k, x]) => [...cbor(k), ...cbor(x)])];
  return [...cborHead(6, v.tag), ...cbor(v.value)];
}

/**
 * c2pa-wasm hands the signer the claim bytes and embeds what it returns as the signature box
 * ("direct COSE handling"), so the signer builds the whole COSE_Sign1: ES256, the certificate
 * chain in the protected header (x5chain, label 33), detached payload, padded to the reserved size.
 */
function coseSign1(claim: Uint8Array, key: KeyObject, chain: Uint8Array[]): Uint8Array {
  const protectedHeader = new Uint8Array(
    cbor(
      new Map<Cbor, Cbor>([
        [1, -7],
        [33, chain],
      ]),
    ),
  );
  const toBeSigned = new Uint8Array(cbor(['Signature1', protectedHeader, new Uint8Array(), claim]));
  const signature = new Uint8Array(sign('sha256', toBeSigned, { key, dsaEncoding: 'ieee-p1363' }));
  const encode = (pad: number) => new Uint8Array(cbor({ tag: 18, value: [protectedHeader, new Map<Cbor, Cbor>([['pad', new Uint8Array(pad)]]), null, signature] }));
  for (let pad = RESERVE - encode(0).length; pad >= 0; pad--) {
    const out = encode(pad);
    if (out.length === RESERVE) return out;
  }
  throw new Error(`the signature does not fit in ${RESERVE} bytes`);
}

// --- the fixtures ---
const FIXTURES: Record<string, object> = {
  'bing-image-creator.jpg': {
    claim_version: 1,
    claim_generator_info: [{ name: 'Microsoft Responsible AI Image Provenance', version: '1.0' }],
    title: 'image.jpg',
    format: 'image/jpeg',
    assertions: [
      {
        label: 'c2pa.actions',
        data: { actions: [{ action: 'c2pa.created', softwareAgent: 'Image Creator from Designer', when: '2024-02-05T01:48:06Z', description: 'AI Generated Image' }] },
      },
    ],
  },
  'generative-fill.jpg': {
    claim_version: 1,
    claim_generator_info: [{ name: 'Adobe Photoshop', version: '26.9.0' }],
    title: 'generative-fill.jpg',
    format: 'image/jpeg',
    assertions: [{ label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.opened' }, { action: 'c2pa.cropped' }, { action: 'c2pa.edited', softwareAgent: 'Adobe Firefly' }] } }],
  },
  'photoshop-crop.jpg': {
    claim_version: 1,
    claim_generator_info: [{ name: 'Adobe Photoshop', version: '26.11.0' }],
    title: 'photoshop-crop.jpg',
    format: 'image/jpeg',
    assertions: [{ label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.opened' }, { action: 'c2pa.cropped' }, { action: 'c2pa.resized' }] } }],
  },
};

async function main(): Promise<void> {
  await c2paReader(); // loads the WASM and the Node Blob shim the builder reads through
  const dir = mkdtempSync(path.join(tmpdir(), 'c2pa-fixtures-'));
  try {
    const { key, chain } = makeSigner(dir);
    // A plain 160×120 picture (over the 96 px size gate), made here: no camera, no generator.
    const picture = new Uint8Array(
      await sharp({ create: { width: 160, height: 120, channels: 3, background: { r: 70, g: 110, b: 160 } } })
        .jpeg({ quality: 80 })
        .toBuffer(),
    );
    mkdirSync(OUT, { recursive: true });
    for (const [name, manifest] of Object.entries(FIXTURES)) {
      const builder = WasmBuilder.fromJson(JSON.stringify(manifest));
      const signer = { alg: 'es256', reserveSize: RESERVE, sign: async (claim: Uint8Array) => coseSign1(claim, key, chain) as Uint8Array<ArrayBuffer> };
      const signed = await builder.sign(signer, 'image/jpeg', new BytesBlob(picture));
      builder.free();
      writeFileSync(path.join(OUT, name), signed);
      console.info(`wrote ${path.relative(process.cwd(), path.join(OUT, name))} (${signed.length} bytes)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
