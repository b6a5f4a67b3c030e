/** Strings of the options page: every one from _locales (en, fr). */
import { uiLanguage } from '../shared/i18n';

export { t, uiLanguage } from '../shared/i18n';

export const formatDate = (at: number) => new Date(at).toLocaleString(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' });

/** Saves text as a local file (nothing is uploaded: the browser writes it to disk). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
