/**
 * Every setting with a sentence that says what it does. Settings another part of the extension
 * adds later still appear (a generic switch for booleans), so none is ever hidden from the person.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { choicesOf, DEFAULT_SETTINGS, normalizeSiteRule, parseSettings, rangeOf, type Settings } from '../shared/settings';
import { saveSettings, watchSettings } from '../shared/settings-store';
import { t } from './i18n';

/** Settings drawn by a specific control below; any other boolean gets a generic switch. */
const HANDLED = new Set([
  'version',
  'enabled',
  'disabledSites',
  'sensitivity',
  'showAllBadges',
  'minShortSide',
  'scanImages',
  'scanVideos',
  'scanFaces',
  'historyMaxItems',
  'historyMaxDays',
  'disabledModels',
  'flaggedAction',
  'warnBeforeSharing',
  'hiddenLinks',
  'badgePosition',
]);
/** Context-link providers of the card (src/content/context-links.ts), with their label keys. */
const LINK_PROVIDERS = [
  ['google-lens', 'linkGoogleLens'],
  ['bing', 'linkBing'],
  ['tineye', 'linkTinEye'],
  ['yandex', 'linkYandex'],
  ['fact-check', 'linkFactCheck'],
  ['platform-policy', 'optLinkPlatformPolicy'],
] as const;

function LinkProviders(props: { hidden: string[]; onChange(hidden: string[]): void }) {
  return (
    <fieldset class="providers">
      <legend>{t('optLinksLegend')}</legend>
      <p class="hint">{t('optLinksHint')}</p>
      {LINK_PROVIDERS.map(([id, key]) => (
        <label key={id} class="check">
          <input
            type="checkbox"
            data-provider={id}
            checked={!props.hidden.includes(id)}
            onChange={(e) => props.onChange(e.currentTarget.checked ? props.hidden.filter((x) => x !== id) : [...props.hidden, id])}
          />
          {t(key)}
        </label>
      ))}
    </fieldset>
  );
}

function Switch(props: { id: string; label: string; hint: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <div class="row">
      <div class="row-text">
        <label for={props.id}>{props.label}</label>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      </div>
      <input id={props.id} class="switch" type="checkbox" role="switch" checked={props.checked} aria-describedby={`${props.id}-hint`} onChange={(e) => props.onChange(e.currentTarget.checked)} />
    </div>
  );
}

function Choice<T extends string>(props: { name: string; legend: string; hint: (v: T) => string; values: readonly T[]; label: (v: T) => string; value: T; onChange(v: T): void }) {
  return (
    <fieldset class="choice">
      <legend>{props.legend}</legend>
      <div class="seg">
        {props.values.map((v) => (
          <label key={v}>
            <input type="radio" name={props.name} value={v} checked={props.value === v} onChange={() => props.onChange(v)} />
            <span>{props.label(v)}</span>
          </label>
        ))}
      </div>
      <p class="hint" aria-live="polite">
        {props.hint(props.value)}
      </p>
    </fieldset>
  );
}

function NumberRow(props: { id: string; label: string; hint: string; value: number; min: number; max: number; unit?: string; onChange(v: number): void }) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const n = Number(text);
  const invalid = !(Number.isInteger(n) && n >= props.min && n <= props.max);
  return (
    <div class="row">
      <div class="row-text">
        <label for={props.id}>{props.label}</label>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
        {invalid && (
          <p class="error" id={`${props.id}-err`} role="alert">
            {t('optInvalidNumber', String(props.min), String(props.max))}
          </p>
        )}
      </div>
      <span class="num">
        <input
          id={props.id}
          type="number"
          min={props.min}
          max={props.max}
          step={1}
          value={text}
          aria-invalid={invalid}
          aria-describedby={`${props.id}-hint${invalid ? ` ${props.id}-err` : ''}`}
          onInput={(e) => setText(e.currentTarget.value)}
          onChange={(e) => {
            const v = Number(e.currentTarget.value);
            if (Number.isInteger(v) && v >= props.min && v <= props.max) props.onChange(v);
          }}
        />
        {props.unit && <span class="unit">{props.unit}</span>}
      </span>
    </div>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${props.id}-h`} class="card-section">
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function SiteRules(props: { sites: string[]; onChange(sites: string[]): void }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const add = (e: Event) => {
    e.preventDefault();
    const host = normalizeSiteRule(draft);
    const next = parseSettings({ ...DEFAULT_SETTINGS, disabledSites: [...props.sites, host] }).disabledSites;
    if (!host || !next.includes(host)) return setError(t('optSiteInvalid'));
    if (props.sites.includes(host)) return setError(t('optSiteDuplicate', host));
    setError('');
    setDraft('');
    props.onChange(next);
  };
  return (
    <div>
      <p class="hint">{t('optSitesHint')}</p>
      {props.sites.length === 0 ? (
        <p class="empty">{t('optSitesEmpty')}</p>
      ) : (
        <ul class="sites" aria-label={t('optSitesListLabel')}>
          {props.sites.map((h) => (
            <li key={h}>
              <span>{h}</span>
              <button type="button" class="small" aria-label={t('optSiteRemoveAria', h)} onClick={() => props.onChange(props.sites.filter((x) => x !== h))}>
                {t('optRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="add-site" onSubmit={add}>
        <label for="site-add">{t('optSiteAddLabel')}</label>
        <input
          id="site-add"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="news.example.com"
          value={draft}
          aria-invalid={!!error}
          aria-describedby={error ? 'site-err' : undefined}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit">{t('optSiteAdd')}</button>
      </form>
      {error && (
        <p class="error" id="site-err" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Saves one change after another: two quick changes must not read the same old settings. */
let saving: Promise<unknown> = Promise.resolve();
export function saveInOrder(patch: Partial<Settings>): Promise<Settings> {
  const next = saving.then(() => saveSettings(patch));
  saving = next.catch(() => undefined);
  return next;
}

export function SettingsPanel() {
  const [s, setS] = useState<Settings | undefined>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const stop = new AbortController();
    void watchSettings(setS, stop.signal);
    return () => stop.abort();
  }, []);
  if (!s) return <p class="hint">{t('popupLoading')}</p>;
  const update = (patch: Partial<Settings>) =>
    void saveInOrder(patch).then((next) => {
      setS(next);
      setSaved(true);
    });
  const extra = s as Settings & Record<string, unknown>;
  const others = Object.keys(s).filter((k) => !HANDLED.has(k) && typeof extra[k] === 'boolean');

  return (
    <div class="settings">
      <p class="status" role="status" aria-live="polite">
        {saved ? t('optSaved') : ''}
      </p>
      <Section id="general" title={t('optGeneral')}>
        <Switch id="opt-enabled" label={t('optEnabled')} hint={t('optEnabledHint')} checked={s.enabled} onChange={(v) => update({ enabled: v })} />
      </Section>

      <Section id="scan" title={t('optWhatToScan')}>
        <Switch id="opt-images" label={t('optScanImages')} hint={t('optScanImagesHint')} checked={s.scanImages} onChange={(v) => update({ scanImages: v })} />
        <Switch id="opt-videos" label={t('optScanVideos')} hint={t('optScanVideosHint')} checked={s.scanVideos} onChange={(v) => update({ scanVideos: v })} />
        <Switch id="opt-faces" label={t('optScanFaces')} hint={t('optScanFacesHint')} checked={s.scanFaces} onChange={(v) => update({ scanFaces: v })} />
        <NumberRow id="opt-minsize" label={t('optMinSize')} hint={t('optMinSizeHint')} value={s.minShortSide} {...rangeOf('minShortSide')} unit="px" onChange={(v) => update({ minShortSide: v })} />
      </Section>

      <Section id="sens" title={t('popupSensitivity')}>
        <Choice
          name="sensitivity"
          legend={t('optSensitivityLegend')}
          values={choicesOf('sensitivity')}
          value={s.sensitivity}
          label={(v) => t(`sensitivity_${v}`)}
          hint={(v) => t(`sensitivityHint_${v}`)}
          onChange={(v) => update({ sensitivity: v })}
        />
      </Section>

      <Section id="show" title={t('optOnFlagged')}>
        <Choice
          name="flaggedAction"
          legend={t('optActionLegend')}
          values={choicesOf('flaggedAction')}
          value={s.flaggedAction}
          label={(v) => t(`optAction_${v}`)}
          hint={(v) => t(`optActionHint_${v}`)}
          onChange={(v) => update({ flaggedAction: v })}
        />
        <Switch id="opt-share" label={t('optShareWarning')} hint={t('optShareWarningHint')} checked={s.warnBeforeSharing} onChange={(v) => update({ warnBeforeSharing: v })} />
        <Choice
          name="badgePosition"
          legend={t('optBadgePosition')}
          values={choicesOf('badgePosition')}
          value={s.badgePosition}
          label={(v) => t(`optBadgePosition_${v.replace('-', '_')}`)}
          hint={() => ''}
          onChange={(v) => update({ badgePosition: v })}
        />
        <Switch id="opt-showall" label={t('popupShowAll')} hint={t('optShowAllHint')} checked={s.showAllBadges} onChange={(v) => update({ showAllBadges: v })} />
        {others.map((k) => (
          <Switch key={k} id={`opt-${k}`} label={t(`opt_${k}`)} hint={t(`optHint_${k}`)} checked={!!extra[k]} onChange={(v) => update({ [k]: v } as Partial<Settings>)} />
        ))}
      </Section>

      <Section id="links" title={t('optLinks')}>
        <LinkProviders hidden={s.hiddenLinks} onChange={(hidden) => update({ hiddenLinks: hidden })} />
      </Section>

      <Section id="sites" title={t('optSites')}>
        <SiteRules sites={s.disabledSites} onChange={(sites) => update({ disabledSites: sites })} />
      </Section>

      <Section id="retention" title={t('optRetention')}>
        <NumberRow
          id="opt-hist-items"
          label={t('optHistoryItems')}
          hint={t('optHistoryItemsHint')}
          value={s.historyMaxItems}
          {...rangeOf('historyMaxItems')}
          onChange={(v) => update({ historyMaxItems: v })}
        />
        <NumberRow
          id="opt-hist-days"
          label={t('optHistoryDays')}
          hint={t('optHistoryDaysHint')}
          value={s.historyMaxDays}
          {...rangeOf('historyMaxDays')}
          unit={t('optDays')}
          onChange={(v) => update({ historyMaxDays: v })}
        />
      </Section>
    </div>
  );
}
