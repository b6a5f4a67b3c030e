/** The background in both browsers: our content scripts' requests, plus the person's settings, to the engine wherever it lives. */
import browser from '../shared/browser';
import { isOwnContentScript, isOwnExtensionPage, listen, type Handlers } from '../shared/messaging';
import type { AnalyzeResponse, EngineMessage, RequestOf, ResponseOf } from '../shared/protocol';
import { forgetEntries, listPage } from '../shared/history-store';
import type { FeedbackEntry, HistoryEntry } from '../shared/person-db';
import { BAND_TEXT } from '../shared/band-text';
import { t } from '../shared/i18n';
import { loadSettings, watchSettings } from '../shared/settings-store';
import type { Settings } from '../shared/settings';
import { TimeoutError, withTimeout } from '../engine/backend-select';
import { recordFeedback, recordVerdict } from './person';

/** Chrome: the offscreen document; Firefox: this page. */
export type EngineLink = <K extends EngineMessage>(name: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;

/** Messages of the extension's own pages (popup, options) that the engine answers. */
const FORWARDED = ['engine:status', 'engine:memory', 'models:list', 'models:add', 'models:remove'] as const;

/** An engine request that takes longer than this is answered with a timeout, never left hanging. */
const ENGINE_TIMEOUT_MS = 60_000;

/** The History search, over the whole list: page and media addresses, the band (also as the page words it), the signals. */
const matching = (needle: string) => (e: HistoryEntry | FeedbackEntry) =>
  [e.pageUrl, e.mediaUrl, 'postUrl' in e ? e.postUrl : undefined, e.band, t(BAND_TEXT[e.band].label), ...e.signals].some((f) => f?.toLowerCase().includes(needle));

export function startRouter(engine: EngineLink): void {
  let settings: Promise<Settings> = loadSettings();
  void watchSettings((s) => (settings = Promise.resolve(s)), new AbortController().signal);

  listen(
    'background',
    {
      async 'media:analyze'(req, sender) {
        const s = await settings;
        try {
          const ask = engine('engine:analyze', {
            ...req,
            sensitivity: s.sensitivity,
            minShortSide: s.minShortSide,
            pageUrl: sender.tab?.url,
            disabledModels: s.disabledModels,
            scanFaces: s.scanFaces,
          });
          const res = await withTimeout(ask, ENGINE_TIMEOUT_MS, 'engine').catch((e): AnalyzeResponse => {
            if (e instanceof TimeoutError) return { ok: false, error: 'timeout' };
            throw e;
          });
          // Flagged items go to the local history; the thumbnail never goes back to the page.
          return await recordVerdict(res, req, sender, s);
        } catch (e) {
          console.warn('[deepfake-radar] engine failed', e);
          return { ok: false, error: 'engine-unavailable' };
        }
      },
      async 'media:closer-look'(req) {
        const s = await settings;
        // Seconds are allowed here, not a hang: the same bound as an analysis.
        return withTimeout(engine('engine:closer-look', { ...req, sensitivity: s.sensitivity, minShortSide: s.minShortSide, disabledModels: s.disabledModels }), ENGINE_TIMEOUT_MS, 'engine').catch(
          (e) => {
            console.warn('[deepfake-radar] closer look failed', e);
            return { ok: false as const, error: e instanceof TimeoutError ? 'timeout' : 'engine-unavailable' };
          },
        );
      },
      'feedback:submit': (req, sender) => recordFeedback(req, sender, (r) => engine('engine:feedback', r)),
      // The options page reads and empties the person's lists here: one writer for them.
      'person:lists': ({ list, limit, before, query }) => listPage(list, limit, before, query ? matching(query.toLowerCase()) : undefined),
      async 'person:forget'({ list, id }) {
        await forgetEntries(list, id);
        return { ok: true };
      },
      // The extension's own pages ask the engine through here, as they asked.
      ...(Object.fromEntries(FORWARDED.map((name) => [name, (req: never) => engine(name, req)])) as Handlers),
      async 'explainer:open'() {
        const lang = browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
        await browser.tabs.create({ url: browser.runtime.getURL(`explainer/${lang}.html`) });
        return { ok: true };
      },
    },
    {
      'media:analyze': isOwnContentScript,
      'media:closer-look': isOwnContentScript,
      'explainer:open': isOwnContentScript,
      'feedback:submit': isOwnContentScript,
      ...Object.fromEntries([...FORWARDED, 'person:lists', 'person:forget'].map((n) => [n, isOwnExtensionPage])),
    },
  );
}
