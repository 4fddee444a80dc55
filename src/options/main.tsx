import { render } from 'preact';
import { t } from '../core/i18n';
import { App } from './App';
import './options.css';

document.documentElement.lang = t('app_lang');
document.title = t('options_page_title');
render(<App />, document.getElementById('app')!);
