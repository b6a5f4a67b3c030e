/**
 * The C2PA reader: `@contentauth/c2pa-wasm` (c2pa-rs) called directly, since c2pa-web starts its
 * worker from a `blob:` URL, which the MV3 CSP forbids. The WASM is bundled (Node reads it from
 * node_modules) and loaded once, lazily.
 */
import { initSync, loadSettings, WasmReader } from '@contentauth/c2pa-wasm';

let ready: Promise<typeof WasmReader> | undefined;

/**
 * Never the network from a detector: no remote manifests, no OCSP, no hosts. No trust list is
 * bundled yet, so signers come out "untrusted"; signature and hash binding are still checked in full.
 */
const SETTINGS = {
  verify: { ocsp_fetch: false, remote_manifest_fetch: false, verify_trust: true, verify_after_reading: true },
  core: { allowed_network_hosts: [] as string[] },
};

async function nodeDefaultSource(): Promise<BufferSource> {
  // Variable specifiers keep bundlers from pulling Node built-ins into the extension build.
  const moduleId = 'node:module';
  const fsId = 'node:fs/promises';
  const { createRequire } = (await import(/* @vite-ignore */ moduleId)) as typeof import('node:module');
  const { readFile } = (await import(/* @vite-ignore */ fsId)) as typeof import('node:fs/promises');
  const require = createRequire(import.meta.url);
  return new Uint8Array(await readFile(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm')));
}

/** The `?url` module is a Vite feature: only loaded in extension pages. */
async function bundledDefaultSource(): Promise<Uint8Array> {
  const { bundledC2paWasmUrl } = await import('./wasm-url');
  const response = await fetch(bundledC2paWasmUrl);
  if (!response.ok) throw new Error(`C2PA WASM: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * c2pa-wasm reads Blobs with `FileReaderSync`, which only Web Workers have: outside one we give it
 * Blobs that remember their bytes and a `FileReaderSync` that reads only those.
 */
const blobBytes = new WeakMap<Blob, Uint8Array>();

export class BytesBlob extends Blob {
  constructor(bytes: Uint8Array) {
    super([bytes as Uint8Array<ArrayBuffer>]);
    blobBytes.set(this, bytes);
  }
  override slice(start = 0, end = this.size): Blob {
    const bytes = blobBytes.get(this)!;
    const s = start < 0 ? Math.max(0, bytes.length + start) : Math.min(start, bytes.length);
    const e = end < 0 ? Math.max(0, bytes.length + end) : Math.min(end, bytes.length);
    return new BytesBlob(bytes.subarray(s, Math.max(s, e)));
  }
}

function installFileReaderSync(): void {
  const g = globalThis as { FileReaderSync?: unknown };
  if (typeof g.FileReaderSync !== 'undefined') return;
  g.FileReaderSync = class {
    readAsArrayBuffer(blob: Blob): ArrayBuffer {
      const bytes = blobBytes.get(blob);
      if (!bytes) throw new TypeError('FileReaderSync shim reads only BytesBlob');
      return bytes.slice().buffer;
    }
  };
}

export function c2paReader(): Promise<typeof WasmReader> {
  ready ??= (async () => {
    const inNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
    const bytes = await (inNode ? nodeDefaultSource : bundledDefaultSource)();
    installFileReaderSync();
    initSync({ module: bytes });
    loadSettings(JSON.stringify(SETTINGS));
    return WasmReader;
  })();
  ready.catch(() => {
    ready = undefined; // allow a retry after a failed load
  });
  return ready;
}
