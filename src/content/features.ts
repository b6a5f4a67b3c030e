/**
 * Content features the settings switch on. Everything a feature sets up hangs off its AbortSignal,
 * which aborts when the settings turn it off or change a value it reads (it then restarts), when the
 * site is switched off, or when the extension is reloaded.
 */
import type { Settings } from '../shared/settings';
import { ContentContext } from './context';
import { covers } from './overlay/covers';
import type { OverlayView } from './overlay/overlay-view';
import { shareGuard } from './share-guard';
import type { SiteAdapter } from './sites/site-adapter';

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

const FEATURES: readonly Feature[] = [covers, shareGuard];

/** The function to call with every settings value. */
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
