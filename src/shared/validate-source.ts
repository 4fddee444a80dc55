// Pure: the options form's text fields → a source, or the message for each field that is wrong.
import { t } from './i18n';
import { parseClientId, parseOrigin, type SourceSettings } from './settings';

export interface SourceForm {
  id: string;
  label: string;
  clientId: string;
  appHost: string;
  apiHost: string;
  exportApiKey: string;
  enabled: boolean;
}

export type SourceFieldErrors = Partial<Record<keyof SourceForm, string>>;

export type SourceValidation =
  { ok: true; source: SourceSettings; exportApiKey: string } | { ok: false; errors: SourceFieldErrors };

export function formFromSource(source: SourceSettings, exportApiKey = ''): SourceForm {
  return {
    id: source.id,
    label: source.label,
    clientId: source.clientId,
    appHost: source.appOrigin,
    apiHost: source.apiOrigin,
    exportApiKey,
    enabled: source.enabled,
  };
}

/** Checks one form against the other configured sources (`others`) so that duplicates are refused. */
export function validateSource(form: SourceForm, others: readonly SourceSettings[]): SourceValidation {
  const errors: SourceFieldErrors = {};
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
    source: { id, label, clientId: clientId.value, appOrigin: app.value, apiOrigin: api.value, enabled: form.enabled },
  };
}
