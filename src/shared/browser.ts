/** The one import of the WebExtension polyfill: every context gets `browser` from here. */
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime } from 'webextension-polyfill';
