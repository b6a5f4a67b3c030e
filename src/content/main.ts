/** Content script entry: wires the scanner, the overlay, the features and settings. No inference or model runtime here. */
import { isOwnExtensionPage, listen, send } from '../shared/messaging';
import { isActiveOn, type Settings } from '../shared/settings';
import { watchSettings } from '../shared/settings-store';
import { BackgroundFinder } from './backgrounds';
import { ContentContext } from './context';
import { setHiddenLinks } from './context-links';
import { runFeatures } from './features';
import { OverlayView } from './overlay/overlay-view';
import { adapterFor, describePost } from './sites/index';
import { Scanner } from './scanner';

const ctx = new ContentContext();
let running: { scanner: Scanner; page: ContentContext; view: OverlayView; backgrounds: BackgroundFinder; features: (settings: Settings) => void } | undefined;

function start(settings: Settings) {
  // A child context: turning the site off tears down everything, and so does an extension reload.
  const child = new ContentContext(ctx.signal);
  const view = new OverlayView(child, () => void send('background', 'explainer:open', {}).catch(() => undefined));
  const scanner = new Scanner(child, settings, view, (req) => send('background', 'media:analyze', req));
  const adapter = adapterFor(location.hostname, document);
  if (adapter) {
    scanner.postOf = (el) => describePost(adapter, el);
    scanner.site = { id: adapter.id, name: adapter.name };
  }
  scanner.start();
  const backgrounds = new BackgroundFinder(child, settings, scanner);
  backgrounds.start();
  running = { scanner, page: child, view, backgrounds, features: runFeatures({ ctx: child, view, adapter }) };
}

function apply(settings: Settings) {
  setHiddenLinks(settings.hiddenLinks);
  const active = isActiveOn(settings, location.hostname);
  if (active && !running) start(settings);
  else if (!active && running) {
    running.page.abort();
    running = undefined;
  } else {
    running?.scanner.updateSettings(settings);
    running?.backgrounds.updateSettings(settings);
  }
  running?.view.apply(settings);
  running?.features(settings);
}

async function main() {
  await watchSettings(apply, ctx.signal);
  const unlisten = listen(
    'content',
    {
      async 'tab:stats'() {
        return running?.scanner.stats() ?? { scanned: 0, pending: 0, flagged: 0, notApplicable: 0, byBand: {}, active: false, hostname: location.hostname };
      },
    },
    { 'tab:stats': isOwnExtensionPage },
  );
  ctx.signal.addEventListener('abort', unlisten, { once: true });
}

void main();
