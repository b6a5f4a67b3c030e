/** The toolbar popup: switches that take effect at once, and what was found on this tab. */
import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { send, sendToTab } from '../shared/messaging';
import type { EngineStatus, TabStats } from '../shared/protocol';
import type { BackendChoice } from '../shared/backend-choice';
import { choicesOf, DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { saveSettings, watchSettings } from '../shared/settings-store';
import { t } from '../shared/i18n';
import { parseSiteCheck, siteCheckLine } from '../shared/site-check';

/** The tab this popup describes: the active tab, or `?tab=ID` when opened as a page (tests). */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function useTabStats(): TabStats | undefined | null {
  const [stats, setStats] = useState<TabStats | undefined | null>(undefined);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const id = await targetTabId();
      const s = id === undefined ? null : await sendToTab(id, 'tab:stats', {}).catch(() => null);
      if (!stopped) setStats(s);
    };
    void poll();
    const timer = setInterval(poll, 1000);
    return () => ((stopped = true), clearInterval(timer));
  }, []);
  return stats;
}

/** The site adapter's self-check (issue 13), with a hint when few posts are understood (the site may have changed). */
function SiteCheckLine({ value }: { value: unknown }) {
  const check = parseSiteCheck(value);
  if (!check) return null;
  const line = siteCheckLine(check);
  return (
    <p class={line.weak ? 'hint warn' : 'hint'} data-testid="site-check" data-site={check.site} data-media={check.media} data-with-post={check.withPost} data-weak={String(line.weak)}>
      {t(line.key, ...line.args)}
      {line.weak && ` ${t('popupSiteCheckWeak', check.siteName)}`}
    </p>
  );
}

/** Where the models run and, on WASM, why not on the GPU (issue 8). */
function BackendLine({ choice }: { choice: BackendChoice }) {
  const reason = choice.ep === 'wasm' ? ` ${t(`backendReason_${choice.reason.replace(/-/g, '_')}`)}` : '';
  return (
    <p class="hint" data-testid="backend" data-ep={choice.ep} data-reason={choice.reason}>
      {t(`popupBackend_${choice.ep}`)}
      {reason}
    </p>
  );
}

export function Popup() {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [engine, setEngine] = useState<EngineStatus | null>(null);
  const stats = useTabStats();

  useEffect(() => {
    const stop = new AbortController();
    void watchSettings(setSettings, stop.signal);
    void send('background', 'engine:status', {}).then(setEngine, () => setEngine(null));
    return () => stop.abort();
  }, []);

  const update = (patch: Partial<Settings>) => void saveSettings(patch).then(setSettings);
  const host = stats?.hostname ?? '';
  const siteOff = !!host && settings.disabledSites.includes(host);
  const toggleSite = () => update({ disabledSites: siteOff ? settings.disabledSites.filter((h) => h !== host) : [...settings.disabledSites, host] });
  const flag = (id: string, label: string, checked: boolean, onChange: (on: boolean) => void) => (
    <div class="row">
      <label for={id}>{label}</label>
      <input id={id} class="switch" type="checkbox" role="switch" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
    </div>
  );
  // Keyed `${setting}_${choice}` and `${setting}Hint_${choice}` in _locales.
  const choice = (key: 'sensitivity' | 'flaggedAction', labelledBy: string, hintTestId?: string) => (
    <>
      <div class="seg" role="radiogroup" aria-labelledby={labelledBy}>
        {choicesOf(key).map((v) => (
          <label key={v}>
            <input type="radio" name={key} value={v} checked={settings[key] === v} onChange={() => update({ [key]: v })} />
            <span>{t(`${key}_${v}`)}</span>
          </label>
        ))}
      </div>
      <p class="hint" data-testid={hintTestId}>
        {t(`${key}Hint_${settings[key]}`)}
      </p>
    </>
  );
  const stat = (id: string, count: number, label: string) => (
    <div class="stat">
      <b data-stat={id}>{count}</b>
      <span>{label}</span>
    </div>
  );
  const realModels = engine?.models.filter((m) => !m.fixture) ?? [];
  const fixtureModels = engine?.models.filter((m) => m.fixture) ?? [];

  return (
    <main>
      <header>
        <img src="/icons/icon-48.png" alt="" />
        <h1>{t('extName')}</h1>
        <input id="enabled" class="switch" type="checkbox" role="switch" checked={settings.enabled} aria-label={t('popupEnabled')} onChange={(e) => update({ enabled: e.currentTarget.checked })} />
      </header>

      <section aria-labelledby="tab-h">
        <h2 id="tab-h">{t('popupThisTab')}</h2>
        {stats === undefined ? (
          <p class="hint">{t('popupLoading')}</p>
        ) : stats === null ? (
          <p class="hint">{t('popupNoAccess')}</p>
        ) : (
          <>
            <div class="stats" data-testid="stats">
              {stat('scanned', stats.scanned, t('statScanned'))}
              {stat('flagged', stats.flagged, t('statFlagged'))}
              {stat('not-applicable', stats.notApplicable, t('statNotApplicable'))}
            </div>
            {stats.pending > 0 && <p class="hint">{t('statPending', String(stats.pending))}</p>}
            {stats.siteCheck && <SiteCheckLine value={stats.siteCheck} />}
            {host && flag('site', t('popupSiteOff', host), siteOff, toggleSite)}
          </>
        )}
      </section>

      <section aria-labelledby="sens-h">
        <h2 id="sens-h">{t('popupSensitivity')}</h2>
        {choice('sensitivity', 'sens-h')}
        {flag('showall', t('popupShowAll'), settings.showAllBadges, (on) => update({ showAllBadges: on }))}
        <h2 id="action-h">{t('popupFlaggedAction')}</h2>
        {choice('flaggedAction', 'action-h', 'action-hint')}
        {flag('warnshare', t('popupWarnSharing'), settings.warnBeforeSharing, (on) => update({ warnBeforeSharing: on }))}
      </section>

      <section class="models" aria-labelledby="models-h">
        <h2 id="models-h">{t('popupChecks')}</h2>
        <ul>
          {engine?.detectors.map((d) => (
            <li key={d}>{t(`detector_${d.split('@')[0]!.replace(/[^a-z0-9]/gi, '_')}`)}</li>
          ))}
          {realModels.map((m) => (
            <li key={m.id}>{t('popupModel', m.name, m.version)}</li>
          ))}
          {fixtureModels.map((m) => (
            <li key={m.id}>
              {m.name} <span class="fixture">{t('fixtureTag')}</span>
            </li>
          ))}
        </ul>
        {engine && realModels.length === 0 && <p class="hint">{t('popupNoPixelModel')}</p>}
        {engine?.backendChoice && <BackendLine choice={engine.backendChoice} />}
        {engine === null && <p class="hint">{t('popupEngineDown')}</p>}
      </section>

      <nav class="more" aria-label={t('popupMoreLabel')}>
        <button type="button" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupOpenOptions')}
        </button>
      </nav>
      <footer>{t('popupPrivacy')}</footer>
    </main>
  );
}
