/** The C2PA WASM file Vite copies into the build; loaded dynamically, in extension pages only. */
import wasmUrl from '@contentauth/c2pa-wasm/c2pa.wasm?url';

export const bundledC2paWasmUrl: string = wasmUrl;
