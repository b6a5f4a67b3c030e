/** Features the settings switch on; all a feature sets up hangs off its signal, aborted when it is turned off or a value it reads changes (then it restarts). */
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
