/**
 * Content script entry: wires the scanner, the overlay and settings. No inference happens here
 * and no model runtime is imported; the engine does the heavy work in its own context.
 */
import { isOwnExtensionPage, listen, send } from '../shared/messaging';
import { isActiveOn, type Settings } from '../shared/settings';
import { watchSettings } from '../shared/settings-store';
import { BackgroundFinder } from './backgrounds';
import { ContentContext } from './context';
import { setHiddenLinks } from './link-preferences';
import { CoverView } from './overlay/cover-view';
import { ShareGuard } from './share-guard';
import { adapterFor, describePost } from './sites/index';
import { Scanner } from './scanner';

const ctx = new ContentContext();
let running: { scanner: Scanner; stop: AbortController; view: CoverView; backgrounds: BackgroundFinder } | undefined;
/** The latest settings (the share guard reads them at click time). */
let current: Settings;

function start(settings: Settings) {
  const stop = new AbortController();
  // A child context: turning the site off tears down everything, and so does an extension reload.
  const child = new ContentContext();
  ctx.signal.addEventListener('abort', () => child.abort(), { once: true, signal: stop.signal });
  stop.signal.addEventListener('abort', () => child.abort(), { once: true });
  const view = new CoverView(child, () => void send('background', 'explainer:open', {}).catch(() => undefined));
  view.setShowAll(settings.showAllBadges);
  view.setBadgePosition(settings.badgePosition);
  view.setAction(settings.flaggedAction);
  const scanner = new Scanner(child, settings, view, (req) => send('background', 'media:analyze', req));
  // Site adapters (src/content/sites): post context, platform labels and the share warning.
  const adapter = adapterFor(location.hostname, document);
  if (adapter) {
    scanner.postOf = (el) => describePost(adapter, el);
    scanner.site = { id: adapter.id, name: adapter.name };
    new ShareGuard(child, adapter, view, () => current);
  }
  scanner.start();
  const backgrounds = new BackgroundFinder(child, settings, scanner);
  backgrounds.start();
  running = { scanner, stop, view, backgrounds };
}

function apply(settings: Settings) {
  current = settings;
  setHiddenLinks(settings.hiddenLinks);
  const active = isActiveOn(settings, location.hostname);
  if (active && !running) start(settings);
  else if (!active && running) {
    running.stop.abort();
    running = undefined;
  } else running?.scanner.updateSettings(settings);
  running?.view.setAction(settings.flaggedAction);
  running?.backgrounds.updateSettings(settings);
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
