/** Firefox background page: has a DOM, so it hosts the engine itself. */
import browser from '../shared/browser';
import { createBrowserEngine } from '../engine/browser-engine';
import type { EngineHandlers } from '../shared/protocol';
import { startRouter } from './router';
import { openWelcomeOnInstall } from './person';

// First, before the engine's setup: runtime.onInstalled is only heard by listeners added at once.
openWelcomeOnInstall();
const engine: EngineHandlers = createBrowserEngine({ assetUrl: (p) => browser.runtime.getURL(p) });
startRouter((name, payload) => engine[name](payload));
