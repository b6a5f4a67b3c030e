/** Pieces the options panels share. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../shared/settings';
import { saveSettings, watchSettings } from '../shared/settings-store';
import { t } from './i18n';

/** Saves one change after another: two quick changes must not read the same old settings. */
let saving: Promise<unknown> = Promise.resolve();

/** The stored settings, kept current, and a save that shows its result at once. */
export function useSettings(): [Settings | undefined, (patch: Partial<Settings>) => Promise<void>] {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    const stop = new AbortController();
    void watchSettings(setSettings, stop.signal);
    return () => stop.abort();
  }, []);
  const save = (patch: Partial<Settings>) => {
    const next = saving.then(() => saveSettings(patch));
    saving = next.catch(() => undefined);
    return next.then(setSettings);
  };
  return [settings, save];
}

export function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${props.id}-h`} class="card-section">
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** A label with its hint (and error) on the left, the control on the right. */
export function Row(props: { id: string; label: ComponentChildren; hint: string; error?: string; children: ComponentChildren }) {
  return (
    <div class="row">
      <div class="row-text">
        <label for={props.id}>{props.label}</label>
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
        {props.error && (
          <p class="error" id={`${props.id}-err`} role="alert">
            {props.error}
          </p>
        )}
      </div>
      {props.children}
    </div>
  );
}

export const Status = (props: { text: string }) => (
  <p class="status" role="status" aria-live="polite">
    {props.text}
  </p>
);

export const Loading = () => <p class="hint">{t('popupLoading')}</p>;
