export { t, uiLanguage } from '../shared/i18n';
