/** Chrome service worker: routes requests to the engine in the offscreen document. */
import { send } from '../shared/messaging';
import { startRouter } from './router';
import { openWelcomeOnInstall } from './person';
import { ensureOffscreenDocument } from './offscreen-lifecycle';

startRouter(async (name, payload) => {
  await ensureOffscreenDocument();
  return send('engine', name, payload);
});
openWelcomeOnInstall();
