import { render } from 'preact';
import { t } from '../core/i18n';
import { App } from './App';
import { readAccountLabels, readModel } from './use-watch';
import './popup.css';

// The stored model is read before anything else, and the first render waits for that one read (never for
// the worker): the first frame shows the list. With no model yet (just installed), the account names
// are read too, so the first frame says what the popup waits for instead of staying blank.
const stored = readModel().then(async (model) => ({ model, accounts: model ? [] : await readAccountLabels() }));
document.documentElement.lang = t('app_lang');
document.title = t('app_name');
// Both reads resolve in every case (undefined and [] when storage cannot be read).
void stored.then(({ model, accounts }) =>
  render(<App stored={model} accounts={accounts} />, document.getElementById('app')!),
);
