/**
 * The URL of the C2PA WASM file that Vite copies into the extension build. Only loaded in
 * extension pages (dynamically, see wasm-runtime.ts): the `?url` suffix is a Vite feature.
 */
import wasmUrl from '@contentauth/c2pa-wasm/c2pa.wasm?url';

export const bundledC2paWasmUrl: string = wasmUrl;
