import { render } from 'preact';
import { t } from '../shared/i18n';
import { App } from './App';
import { readModel } from './use-watch';
import './popup.css';

// The stored model is read before anything else, and the first render waits for it: the popup's first
// frame shows the list, not an empty page followed by a second render.
const stored = readModel();
document.documentElement.lang = t('app_lang');
document.title = t('app_name');
void stored.then((model) => render(<App stored={model} />, document.getElementById('app')!));
