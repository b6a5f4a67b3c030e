/// <reference types="vite/client" />
declare module 'virtual:model-cards' {
  const cards: import('./shared/model-card').ModelCard[];
  export default cards;
}
declare const __DFR_TARGET__: 'chrome' | 'firefox';
