/**
 * The background's job in both browsers: accept analysis requests from our content scripts,
 * add the person's settings, and hand them to the engine wherever it lives.
 */
import browser from '../shared/browser';
import { isOwnContentScript, isOwnExtensionPage, listen } from '../shared/messaging';
import type { AnalyzeResponse, EngineAnalyzeRequest, EngineStatus } from '../shared/protocol';
import { loadSettings, watchSettings } from '../shared/settings-store';
import type { Settings } from '../shared/settings';
import type { EngineFeedbackRequest, EngineReloadRequest } from '../shared/protocol';
import { recordFeedback, recordVerdict } from './person';

export interface EngineLink {
  analyze(req: EngineAnalyzeRequest): Promise<AnalyzeResponse>;
  status(): Promise<EngineStatus>;
  feedback(req: EngineFeedbackRequest): Promise<{ ok: boolean }>;
  reload(req: EngineReloadRequest): Promise<{ ok: boolean }>;
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
  void watchSettings((s) => (settings = Promise.resolve(s)), new AbortController().signal);

  listen(
    'background',
    {
      async 'media:analyze'(req, sender) {
        const s = await settings;
        try {
          const res = await withTimeout(
            engine.analyze({ ...req, sensitivity: s.sensitivity, minShortSide: s.minShortSide, pageUrl: sender.tab?.url, disabledModels: s.disabledModels, scanFaces: s.scanFaces }),
            ENGINE_TIMEOUT_MS,
            (): AnalyzeResponse => ({ ok: false, error: 'timeout' }),
          );
          // Flagged items go to the local history; the thumbnail never goes back to the page.
          return await recordVerdict(res, req, sender, s);
        } catch (e) {
          console.warn('[deepfake-radar] engine failed', e);
          return { ok: false, error: 'engine-unavailable' };
        }
      },
      'engine:status': () => engine.status(),
      'feedback:submit': (req, sender) => recordFeedback(req, sender, (r) => engine.feedback(r)),
      'engine:reload': (req) => engine.reload(req),
      async 'explainer:open'() {
        const lang = browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
        await browser.tabs.create({ url: browser.runtime.getURL(`explainer/${lang}.html`) });
        return { ok: true };
      },
    },
    { 'media:analyze': isOwnContentScript, 'engine:status': isOwnExtensionPage, 'engine:reload': isOwnExtensionPage, 'explainer:open': isOwnContentScript, 'feedback:submit': isOwnContentScript },
  );
}
