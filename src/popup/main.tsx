import { render } from 'preact';
import { t } from '../shared/i18n';
import { App } from './App';
import './popup.css';

document.documentElement.lang = t('app_lang');
document.title = t('app_name');
render(<App />, document.getElementById('app')!);
