/** A missing key shows the key, so gaps show in tests. */
import browser from './browser';

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
