/** Chrome service worker: routes requests to the engine in the offscreen document. */
import { send } from '../shared/messaging';
import { startRouter } from './router';
import { openWelcomeOnInstall } from './person';
import { ensureOffscreenDocument } from './offscreen-lifecycle';

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
});
openWelcomeOnInstall();
