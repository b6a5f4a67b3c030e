/**
 * Loads the C2PA reader: `@contentauth/c2pa-wasm` (c2pa-rs compiled to WebAssembly, the engine
 * behind `@contentauth/c2pa-web`). We call it directly rather than through c2pa-web because
 * c2pa-web starts its worker from a `blob:` URL, which the MV3 extension CSP forbids. The WASM
 * file is bundled with the extension (never fetched from a CDN) and loaded once, lazily.
 *
 * Where the WASM bytes come from: by default, Node reads the file from `node_modules` and extension
 * pages fetch the copy Vite bundles (`wasm-url.ts`, loaded only there); `setC2paWasmSource`
 * overrides both.
 */
import { initSync, loadSettings, WasmReader } from '@contentauth/c2pa-wasm';

export type WasmSource = () => Promise<BufferSource | WebAssembly.Module>;

let source: WasmSource | undefined;
let ready: Promise<typeof WasmReader> | undefined;

/** Choose where the WASM comes from. Call before the first analysis (later calls are ignored once loaded). */
export function setC2paWasmSource(loader: WasmSource): void {
  source = loader;
  ready = undefined;
}

/**
 * c2pa-rs must never touch the network from a detector: no remote manifests, no OCSP, no hosts.
 * Trust: no trust list is bundled yet, so signers come out "untrusted"; validity (signature,
 * hash binding) is still checked in full.
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

/** The WASM copy bundled with the extension, never a remote one (the `?url` module is only loaded here). */
export async function bundledDefaultSource(): Promise<Uint8Array> {
  const { bundledC2paWasmUrl } = await import('./wasm-url');
  const response = await fetch(bundledC2paWasmUrl);
  if (!response.ok) throw new Error(`C2PA WASM: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * c2pa-wasm reads Blobs with `FileReaderSync`, which only exists in Web Workers. Outside a worker
 * (Node, the offscreen document, the Firefox background page) we give it Blobs that remember their
 * bytes and a minimal `FileReaderSync` that reads only those.
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

/** The initialised reader class (loads and compiles the WASM on first use). */
export function c2paReader(): Promise<typeof WasmReader> {
  ready ??= (async () => {
    const inNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
    const loader = source ?? (inNode ? nodeDefaultSource : bundledDefaultSource);
    const bytes = await loader();
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
