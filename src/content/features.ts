/**
 * Content features: small modules that the settings switch on, each started with the page and an
 * AbortSignal. Everything a feature sets up (listeners, DOM in our layer) hangs off that signal,
 * which aborts when the settings turn it off or change a value it reads (it then starts again
 * with the new one), when the site is switched off, or when the extension is reloaded.
 * Badges are the overlay itself (overlay/overlay-view.ts); the card's feedback row is part of
 * the card (overlay/feedback.ts) and goes with it.
 */
import type { Settings } from '../shared/settings';
import { ContentContext } from './context';
import { covers } from './overlay/covers';
import type { OverlayView } from './overlay/overlay-view';
import { shareGuard } from './share-guard';
import type { SiteAdapter } from './sites/site-adapter';

/** What a feature works with: the page's context, our overlay, and the site's adapter if any. */
export interface Page {
  ctx: ContentContext;
  view: OverlayView;
  adapter?: SiteAdapter;
}

export interface Feature {
  /** The settings it reads: a change restarts it. */
  reads: readonly (keyof Settings)[];
  enabled(settings: Settings, page: Page): boolean;
  start(page: Page, settings: Settings, signal: AbortSignal): void;
}

/** Every feature, in one place. */
const FEATURES: readonly Feature[] = [covers, shareGuard];

/** Returns the function to call with every settings value: it starts, restarts and stops the features. */
export function runFeatures(page: Page): (settings: Settings) => void {
  const running = new Map<Feature, ContentContext>();
  let last: Settings | undefined;
  return (settings) => {
    for (const f of FEATURES) {
      const on = f.enabled(settings, page) && !page.ctx.signal.aborted;
      if (running.has(f) && (!on || f.reads.some((k) => last?.[k] !== settings[k]))) {
        running.get(f)!.abort();
        running.delete(f);
      }
      if (!on || running.has(f)) continue;
      const stop = new ContentContext(page.ctx.signal);
      running.set(f, stop);
      f.start(page, settings, stop.signal);
    }
    last = settings;
  };
}
