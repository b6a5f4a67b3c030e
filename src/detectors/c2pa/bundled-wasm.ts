/**
 * For extension pages (offscreen document, Firefox background page): point the C2PA detector at
 * the WASM file Vite bundles with the extension. Import this once from the engine host; Node code
 * must not import it (the `?url` suffix is a Vite feature).
 */
import wasmUrl from '@contentauth/c2pa-wasm/c2pa.wasm?url';
import { setC2paWasmSource } from './wasm-runtime';

export function useBundledC2paWasm(): void {
  setC2paWasmSource(async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`C2PA WASM: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  });
}
