// Pure: the options form's text fields → an account, or the message for each field that is wrong.
import { t } from '../core/i18n';
import { parseClientId, parseOrigin, type AccountSettings } from '../core/settings';

export interface AccountForm {
  id: string;
  label: string;
  clientId: string;
  appHost: string;
  apiHost: string;
  exportApiKey: string;
  enabled: boolean;
}

export type AccountFieldErrors = Partial<Record<keyof AccountForm, string>>;

export type AccountValidation =
  { ok: true; account: AccountSettings; exportApiKey: string } | { ok: false; errors: AccountFieldErrors };

export function formFromAccount(account: AccountSettings, exportApiKey = ''): AccountForm {
  return {
    id: account.id,
    label: account.label,
    clientId: account.clientId,
    appHost: account.appOrigin,
    apiHost: account.apiOrigin,
    exportApiKey,
    enabled: account.enabled,
  };
}

/** Checks one form against the other configured accounts (`others`) so that duplicates are refused. */
export function validateAccount(form: AccountForm, others: readonly AccountSettings[]): AccountValidation {
  const errors: AccountFieldErrors = {};
  const label = form.label.trim();
  if (label === '') errors.label = t('validate_name_empty');
  else if (label.length > 80) errors.label = t('validate_name_long');
  const clientId = parseClientId(form.clientId);
  if (!clientId.ok) errors.clientId = clientId.error;
  const app = parseOrigin(form.appHost);
  if (!app.ok) errors.appHost = app.error;
  const api = parseOrigin(form.apiHost);
  if (!api.ok) errors.apiHost = api.error;
  const key = form.exportApiKey.trim();
  if (/\s/.test(key)) errors.exportApiKey = t('validate_key_spaces');
  if (clientId.ok && app.ok && others.some((o) => o.clientId === clientId.value && o.appOrigin === app.value)) {
    errors.clientId = t('validate_account_watched');
  }
  if (label !== '' && others.some((o) => o.label.toLowerCase() === label.toLowerCase()))
    errors.label = t('validate_name_taken');
  if (!clientId.ok || !app.ok || !api.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const id = form.id || `mbi-${clientId.value}-${Date.now().toString(36)}`;
  return {
    ok: true,
    exportApiKey: key,
    account: { id, label, clientId: clientId.value, appOrigin: app.value, apiOrigin: api.value, enabled: form.enabled },
  };
}
