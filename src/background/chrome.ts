/** Chrome service worker: routes requests to the engine in the offscreen document. */
import { send } from '../shared/messaging';
import { startRouter } from './router';
import { openWelcomeOnInstall } from './person';
import { ensureOffscreenDocument, offscreenExists } from './offscreen-lifecycle';

startRouter({
  async analyze(req) {
    await ensureOffscreenDocument();
    return send('engine', 'engine:analyze', req);
  },
  async status() {
    await ensureOffscreenDocument();
    return send('engine', 'engine:status', {});
  },
  async feedback(req) {
    await ensureOffscreenDocument();
    return send('engine', 'engine:feedback', req);
  },
  // An engine that is not running reads IndexedDB afresh when it starts: nothing to tell.
  async reload(req) {
    return (await offscreenExists()) ? send('engine', 'engine:reload', req) : { ok: true };
  },
});
openWelcomeOnInstall();
