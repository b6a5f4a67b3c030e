import { render } from 'preact';
import { Options } from './options';
import { uiLanguage } from './i18n';
import './options.css';

document.documentElement.lang = uiLanguage();
render(<Options />, document.getElementById('app')!);
