/// <reference types="vite/client" />
declare module 'virtual:model-cards' {
  const cards: import('./shared/model-card').ModelCard[];
  export default cards;
}
declare const __DFR_TARGET__: 'chrome' | 'firefox';
/** True in dist/*-e2e builds (src/engine/browser-engine.ts). */
declare const __DFR_E2E_BUILD__: boolean;
