/** Chrome offscreen document: hosts the engine (DOM, WASM threads) for the service worker. */
import browser from '../shared/browser';
import { isOwnExtensionPage, listen } from '../shared/messaging';
import { createBrowserEngine } from '../engine/browser-engine';

const engine = createBrowserEngine({ assetUrl: (p) => browser.runtime.getURL(p) });
listen('engine', engine, Object.fromEntries(Object.keys(engine).map((name) => [name, isOwnExtensionPage])));
