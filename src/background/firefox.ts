/** Firefox background page: has a DOM, so it hosts the engine itself. */
import browser from '../shared/browser';
import { createBrowserEngine } from '../engine/browser-engine';
import { startRouter } from './router';
import { openWelcomeOnInstall } from './person';

// First, before the engine's setup: runtime.onInstalled is only heard by listeners added at once.
openWelcomeOnInstall();
const engine = createBrowserEngine({ assetUrl: (p) => browser.runtime.getURL(p) });
startRouter({ analyze: (req) => engine.analyze(req), status: async () => engine.status(), feedback: (req) => engine.feedback(req), reload: (req) => engine.reload(req) });
