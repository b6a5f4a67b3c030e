/** Strings of the options page: every one from _locales (en, fr). */
import browser from '../shared/browser';

export function t(key: string, ...subs: string[]): string {
  try {
    return browser.i18n.getMessage(key, subs) || key;
  } catch {
    return key;
  }
}

export function uiLanguage(): 'en' | 'fr' {
  try {
    return browser.i18n.getUILanguage().toLowerCase().startsWith('fr') ? 'fr' : 'en';
  } catch {
    return 'en';
  }
}

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
