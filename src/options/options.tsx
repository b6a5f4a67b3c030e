/** The options page: settings, history and feedback, models, and the welcome / privacy page. */
import { useEffect, useState } from 'preact/hooks';
import { HistoryPanel } from './history-panel';
import { t } from './i18n';
import { ModelsPanel } from './models-panel';
import { SettingsPanel } from './settings-panel';
import { WelcomePanel } from './welcome-panel';

const TABS = ['settings', 'history', 'models', 'welcome'] as const;
type Tab = (typeof TABS)[number];

const fromHash = (): Tab => TABS.find((id) => `#${id}` === location.hash) ?? 'settings';

export function Options() {
  const [tab, setTab] = useState<Tab>(fromHash);
  useEffect(() => {
    const onHash = () => setTab(fromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    document.title = `${t(`optionsTab_${tab}`)} – ${t('extName')}`;
  }, [tab]);

  const select = (next: Tab, focus = false) => {
    history.replaceState(null, '', `#${next}`);
    setTab(next);
    if (focus) document.getElementById(`tab-${next}`)?.focus();
  };
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the panel.
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: -1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(TABS.at(to % TABS.length)!, true);
  };

  const panels = { settings: <SettingsPanel />, history: <HistoryPanel />, models: <ModelsPanel />, welcome: <WelcomePanel onStart={() => select('settings', true)} /> };

  return (
    <div class="page">
      <header class="top">
        <img src="/icons/icon-48.png" alt="" width={32} height={32} />
        <h1>{t('extName')}</h1>
        <p class="tagline">{t('optionsTagline')}</p>
      </header>
      <nav role="tablist" aria-label={t('optionsTabsLabel')} onKeyDown={onKey}>
        {TABS.map((id) => (
          <button key={id} id={`tab-${id}`} type="button" role="tab" aria-selected={tab === id} aria-controls={`panel-${id}`} tabIndex={tab === id ? 0 : -1} onClick={() => select(id)}>
            {t(`optionsTab_${id}`)}
          </button>
        ))}
      </nav>
      <main>
        {/* Every tab's panel exists, for its aria-controls; only the chosen one is filled. */}
        {TABS.map((id) => (
          <div key={id} id={`panel-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} tabIndex={0} hidden={id !== tab}>
            {id === tab && panels[id]}
          </div>
        ))}
      </main>
      <footer>{t('popupPrivacy')}</footer>
    </div>
  );
}
