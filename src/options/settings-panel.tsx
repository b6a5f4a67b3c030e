/** Every setting with a sentence that says what it does; a boolean added later still gets a generic switch. */
import { useEffect, useState } from 'preact/hooks';
import { choicesOf, DEFAULT_SETTINGS, normalizeSiteRule, parseSettings, rangeOf, type Settings } from '../shared/settings';
import { t } from './i18n';
import { Loading, Row, Section, Status, useSettings } from './panel-parts';

/** Booleans with their own switch below. */
const DRAWN_FLAGS = new Set<Flag>(['enabled', 'scanImages', 'scanVideos', 'scanFaces', 'warnBeforeSharing', 'showAllBadges']);
/** Context-link providers of the card (src/content/context-links.ts), with their label keys. */
const LINK_PROVIDERS = [
  ['google-lens', 'linkGoogleLens'],
  ['bing', 'linkBing'],
  ['tineye', 'linkTinEye'],
  ['yandex', 'linkYandex'],
  ['fact-check', 'linkFactCheck'],
  ['platform-policy', 'optLinkPlatformPolicy'],
] as const;

function NumberRow(props: { id: string; label: string; hint: string; value: number; min: number; max: number; unit?: string; onChange(v: number): void }) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const valid = (v: number) => Number.isInteger(v) && v >= props.min && v <= props.max;
  const invalid = !valid(Number(text));
  return (
    <Row id={props.id} label={props.label} hint={props.hint} error={invalid ? t('optInvalidNumber', String(props.min), String(props.max)) : undefined}>
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
          onChange={(e) => valid(Number(e.currentTarget.value)) && props.onChange(Number(e.currentTarget.value))}
        />
        {props.unit && <span class="unit">{props.unit}</span>}
      </span>
    </Row>
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

type Flag = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

export function SettingsPanel() {
  const [s, save] = useSettings();
  const [saved, setSaved] = useState(false);
  if (!s) return <Loading />;
  const update = (patch: Partial<Settings>) => void save(patch).then(() => setSaved(true));
  const flag = (key: Flag, id: string, label: string, hint: string) => (
    <Row key={key} id={id} label={label} hint={hint}>
      <input id={id} class="switch" type="checkbox" role="switch" checked={s[key]} aria-describedby={`${id}-hint`} onChange={(e) => update({ [key]: e.currentTarget.checked })} />
    </Row>
  );
  const numberRow = (key: 'minShortSide' | 'historyMaxItems' | 'historyMaxDays', id: string, label: string, hint: string, unit?: string) => (
    <NumberRow id={id} label={label} hint={hint} value={s[key]} {...rangeOf(key)} unit={unit} onChange={(v) => update({ [key]: v })} />
  );
  // Label and hint keys end with the value (`top-right` as `top_right`).
  const choice = (key: 'sensitivity' | 'flaggedAction' | 'badgePosition', legend: string, labelKey: string, hintKey?: string) => (
    <fieldset class="choice">
      <legend>{legend}</legend>
      <div class="seg">
        {choicesOf(key).map((v) => (
          <label key={v}>
            <input type="radio" name={key} value={v} checked={s[key] === v} onChange={() => update({ [key]: v })} />
            <span>{t(labelKey + v.replace('-', '_'))}</span>
          </label>
        ))}
      </div>
      <p class="hint" aria-live="polite">
        {hintKey && t(hintKey + s[key])}
      </p>
    </fieldset>
  );
  const others = Object.keys(s).filter((k) => !DRAWN_FLAGS.has(k as Flag) && typeof s[k as keyof Settings] === 'boolean') as Flag[];

  return (
    <div class="settings">
      <Status text={saved ? t('optSaved') : ''} />
      <Section id="general" title={t('optGeneral')}>
        {flag('enabled', 'opt-enabled', t('optEnabled'), t('optEnabledHint'))}
      </Section>

      <Section id="scan" title={t('optWhatToScan')}>
        {flag('scanImages', 'opt-images', t('optScanImages'), t('optScanImagesHint'))}
        {flag('scanVideos', 'opt-videos', t('optScanVideos'), t('optScanVideosHint'))}
        {flag('scanFaces', 'opt-faces', t('optScanFaces'), t('optScanFacesHint'))}
        {numberRow('minShortSide', 'opt-minsize', t('optMinSize'), t('optMinSizeHint'), 'px')}
      </Section>

      <Section id="sens" title={t('popupSensitivity')}>
        {choice('sensitivity', t('optSensitivityLegend'), 'sensitivity_', 'sensitivityHint_')}
      </Section>

      <Section id="show" title={t('optOnFlagged')}>
        {choice('flaggedAction', t('optActionLegend'), 'optAction_', 'optActionHint_')}
        {flag('warnBeforeSharing', 'opt-share', t('optShareWarning'), t('optShareWarningHint'))}
        {choice('badgePosition', t('optBadgePosition'), 'optBadgePosition_')}
        {flag('showAllBadges', 'opt-showall', t('popupShowAll'), t('optShowAllHint'))}
        {others.map((k) => flag(k, `opt-${k}`, t(`opt_${k}`), t(`optHint_${k}`)))}
      </Section>

      <Section id="links" title={t('optLinks')}>
        <fieldset class="providers">
          <legend>{t('optLinksLegend')}</legend>
          <p class="hint">{t('optLinksHint')}</p>
          {LINK_PROVIDERS.map(([id, key]) => (
            <label key={id} class="check">
              <input
                type="checkbox"
                data-provider={id}
                checked={!s.hiddenLinks.includes(id)}
                onChange={(e) => update({ hiddenLinks: e.currentTarget.checked ? s.hiddenLinks.filter((x) => x !== id) : [...s.hiddenLinks, id] })}
              />
              {t(key)}
            </label>
          ))}
        </fieldset>
      </Section>

      <Section id="sites" title={t('optSites')}>
        <SiteRules sites={s.disabledSites} onChange={(sites) => update({ disabledSites: sites })} />
      </Section>

      <Section id="retention" title={t('optRetention')}>
        {numberRow('historyMaxItems', 'opt-hist-items', t('optHistoryItems'), t('optHistoryItemsHint'))}
        {numberRow('historyMaxDays', 'opt-hist-days', t('optHistoryDays'), t('optHistoryDaysHint'), t('optDays'))}
      </Section>
    </div>
  );
}
