/** Chrome offscreen document: hosts the engine (DOM, WASM threads) for the service worker. */
import browser from '../shared/browser';
import { isOwnExtensionPage, listen } from '../shared/messaging';
import { createBrowserEngine } from '../engine/browser-engine';

const engine = createBrowserEngine({ assetUrl: (p) => browser.runtime.getURL(p) });

listen(
  'engine',
  {
    'engine:analyze': (req) => engine.analyze(req),
    'engine:status': async () => engine.status(),
    'engine:feedback': (req) => engine.feedback(req),
    'engine:reload': (req) => engine.reload(req),
  },
  { 'engine:analyze': isOwnExtensionPage, 'engine:status': isOwnExtensionPage, 'engine:feedback': isOwnExtensionPage, 'engine:reload': isOwnExtensionPage },
);
