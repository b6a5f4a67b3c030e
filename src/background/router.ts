/**
 * The background's job in both browsers: accept analysis requests from our content scripts,
 * add the person's settings, and hand them to the engine wherever it lives.
 */
import browser from '../shared/browser';
import { isOwnContentScript, isOwnExtensionPage, listen } from '../shared/messaging';
import type { AnalyzeResponse, EngineAnalyzeRequest, EngineStatus } from '../shared/protocol';
import { loadSettings, watchSettings } from '../shared/settings-store';
import type { Settings } from '../shared/settings';

export interface EngineLink {
  analyze(req: EngineAnalyzeRequest): Promise<AnalyzeResponse>;
  status(): Promise<EngineStatus>;
}

/** An engine request that takes longer than this is answered with a timeout, never left hanging. */
const ENGINE_TIMEOUT_MS = 60_000;

function withTimeout<T>(p: Promise<T>, ms: number, fallback: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(fallback()), ms);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export function startRouter(engine: EngineLink): void {
  let settings: Promise<Settings> = loadSettings();
  watchSettings((s) => (settings = Promise.resolve(s)), new AbortController().signal);

  listen(
    'background',
    {
      async 'media:analyze'(req) {
        const s = await settings;
        try {
          return await withTimeout(
            engine.analyze({ ...req, sensitivity: s.sensitivity, minShortSide: s.minShortSide }),
            ENGINE_TIMEOUT_MS,
            (): AnalyzeResponse => ({ ok: false, error: 'timeout' }),
          );
        } catch (e) {
          console.warn('[deepfake-radar] engine failed', e);
          return { ok: false, error: 'engine-unavailable' };
        }
      },
      'engine:status': () => engine.status(),
      async 'explainer:open'() {
        const lang = browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
        await browser.tabs.create({ url: browser.runtime.getURL(`explainer/${lang}.html`) });
        return { ok: true };
      },
    },
    { 'media:analyze': isOwnContentScript, 'engine:status': isOwnExtensionPage, 'explainer:open': isOwnContentScript },
  );
}
