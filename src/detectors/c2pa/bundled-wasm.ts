/**
 * For extension pages: load the C2PA WASM that Vite bundles with the extension. This is also the
 * default outside Node, so calling it is optional; it exists to make the choice explicit.
 */
import { bundledDefaultSource, setC2paWasmSource } from './wasm-runtime';

export function useBundledC2paWasm(): void {
  setC2paWasmSource(bundledDefaultSource);
}
