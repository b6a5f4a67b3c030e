/** Every visible string comes from _locales; a missing key shows the key, so gaps are visible in tests. */
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
