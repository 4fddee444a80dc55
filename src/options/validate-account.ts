// Pure: the options form's text fields → an account, or the message for each field that is wrong.
import { t, type MessageKey } from '../core/i18n';
import {
  MBI_API_ORIGIN,
  MBI_APP_ORIGIN,
  parseApiBase,
  parseClientId,
  parseOrigin,
  PIPELINE_DEFAULTS,
  pipelineOf,
  type AccountSettings,
  type OtherPipeline,
  type Pipeline,
  type StoredKey,
} from '../core/settings';

export interface AccountForm {
  id: string;
  label: string;
  pipeline: Pipeline;
  clientId: string;
  appHost: string;
  /** MBI's API host. */
  apiHost: string;
  /** The other pipelines' API base URL. */
  apiBase: string;
  /** MBI's Export API key, Fivetran's API key, Airbyte's client id. */
  exportApiKey: string;
  /** Fivetran's API secret, Airbyte's client secret. */
  secret: string;
  /** Airbyte's or Stitch's access token. */
  token: string;
  enabled: boolean;
}

export type AccountFieldErrors = Partial<Record<keyof AccountForm, string>>;

/** A valid account with the credential typed for it: `exportApiKey` and `secret` as StoredKey holds them. */
export type AccountValidation =
  | { ok: true; account: AccountSettings; exportApiKey: string; secret: string }
  | { ok: false; errors: AccountFieldErrors };

type Credential = Pick<StoredKey, 'exportApiKey' | 'secret'>;

/** A new account's form for `pipeline`, with its public hosts filled in. */
export function emptyForm(pipeline: Pipeline): AccountForm {
  const hosts =
    pipeline === 'mbi'
      ? { appHost: MBI_APP_ORIGIN, apiHost: MBI_API_ORIGIN, apiBase: '' }
      : { appHost: PIPELINE_DEFAULTS[pipeline].appOrigin, apiHost: '', apiBase: PIPELINE_DEFAULTS[pipeline].apiBase };
  return {
    id: '',
    label: '',
    pipeline,
    clientId: '',
    ...hosts,
    exportApiKey: '',
    secret: '',
    token: '',
    enabled: true,
  };
}

/** Airbyte's stored pair is a client id and secret, or a token alone; Stitch keeps only a token. */
function credentialFields(
  pipeline: Pipeline,
  stored: Credential,
): Pick<AccountForm, 'exportApiKey' | 'secret' | 'token'> {
  const { exportApiKey, secret = '' } = stored;
  if (pipeline === 'stitch' || (pipeline === 'airbyte' && secret === ''))
    return { exportApiKey: '', secret: '', token: exportApiKey };
  return { exportApiKey, secret, token: '' };
}

export function formFromAccount(account: AccountSettings, stored: Credential = { exportApiKey: '' }): AccountForm {
  const pipeline = pipelineOf(account);
  return {
    id: account.id,
    label: account.label,
    pipeline,
    clientId: account.clientId,
    appHost: account.appOrigin,
    apiHost: account.apiOrigin,
    apiBase: account.apiBase ?? '',
    ...credentialFields(pipeline, stored),
    enabled: account.enabled,
  };
}

function validateLabel(form: AccountForm, others: readonly AccountSettings[], errors: AccountFieldErrors): string {
  const label = form.label.trim();
  if (label === '') errors.label = t('validate_name_empty');
  else if (label.length > 80) errors.label = t('validate_name_long');
  if (label !== '' && others.some((o) => o.label.toLowerCase() === label.toLowerCase()))
    errors.label = t('validate_name_taken');
  return label;
}

/** Checks one form against the other configured accounts (`others`) so that duplicates are refused. */
export function validateAccount(form: AccountForm, others: readonly AccountSettings[]): AccountValidation {
  return form.pipeline === 'mbi' ? validateMbi(form, others) : validatePipeline(form, form.pipeline, others);
}

function validateMbi(form: AccountForm, others: readonly AccountSettings[]): AccountValidation {
  const errors: AccountFieldErrors = {};
  const label = validateLabel(form, others, errors);
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
  if (!clientId.ok || !app.ok || !api.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const id = form.id || `mbi-${clientId.value}-${Date.now().toString(36)}`;
  return {
    ok: true,
    exportApiKey: key,
    secret: '',
    account: { id, label, clientId: clientId.value, appOrigin: app.value, apiOrigin: api.value, enabled: form.enabled },
  };
}

/** Visible ASCII without spaces: what every vendor's keys, secrets and tokens are made of. */
const CREDENTIAL = /^[\x21-\x7e]*$/;

type CredentialField = 'exportApiKey' | 'secret' | 'token';

/** The credential fields each pipeline's form shows, with their labels: what is shown is what is checked. */
export const CREDENTIAL_FIELDS: Readonly<Record<OtherPipeline, readonly (readonly [CredentialField, MessageKey])[]>> = {
  fivetran: [
    ['exportApiKey', 'options_fivetran_key'],
    ['secret', 'options_fivetran_secret'],
  ],
  airbyte: [
    ['exportApiKey', 'options_airbyte_client_id'],
    ['secret', 'options_airbyte_client_secret'],
    ['token', 'options_access_token'],
  ],
  stitch: [['token', 'options_access_token']],
};

/**
 * The pipeline's credential from the form: Fivetran a key and secret; Airbyte a client id and secret, or a
 * token; Stitch a token. A new account needs one; an edited one may be left without.
 */
function credentialOf(form: AccountForm, pipeline: OtherPipeline, errors: AccountFieldErrors): Required<Credential> {
  const typed = { exportApiKey: form.exportApiKey.trim(), secret: form.secret.trim(), token: form.token.trim() };
  for (const [field] of CREDENTIAL_FIELDS[pipeline])
    if (!CREDENTIAL.test(typed[field])) errors[field] = t('validate_credential_chars');
  const isNew = form.id === '';
  const { exportApiKey: key, secret, token } = typed;
  if (pipeline === 'fivetran') {
    if (key === '' && secret === '' && isNew) {
      errors.exportApiKey ??= t('validate_credential_required');
      errors.secret ??= t('validate_credential_required');
    } else if (key === '' && secret !== '') errors.exportApiKey ??= t('validate_fivetran_key_missing');
    else if (key !== '' && secret === '') errors.secret ??= t('validate_fivetran_secret_missing');
    return { exportApiKey: key, secret };
  }
  if (pipeline === 'airbyte') {
    if (key !== '' && token !== '') errors.token ??= t('validate_airbyte_both');
    else if (key !== '' && secret === '') errors.secret ??= t('validate_airbyte_secret_missing');
    else if (key === '' && secret !== '') errors.exportApiKey ??= t('validate_airbyte_client_missing');
    else if (key === '' && token === '' && isNew) errors.token ??= t('validate_airbyte_token_required');
    return key !== '' ? { exportApiKey: key, secret } : { exportApiKey: token, secret: '' };
  }
  if (token === '' && isNew) errors.token ??= t('validate_credential_required');
  return { exportApiKey: token, secret: '' };
}

function validatePipeline(
  form: AccountForm,
  pipeline: OtherPipeline,
  others: readonly AccountSettings[],
): AccountValidation {
  const errors: AccountFieldErrors = {};
  const label = validateLabel(form, others, errors);
  const base = parseApiBase(form.apiBase);
  if (!base.ok) errors.apiBase = base.error;
  const app = parseOrigin(form.appHost);
  if (!app.ok) errors.appHost = app.error;
  const credential = credentialOf(form, pipeline, errors);
  if (!base.ok || !app.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const id = form.id || `${pipeline}-${Date.now().toString(36)}`;
  return {
    ok: true,
    ...credential,
    account: {
      id,
      label,
      pipeline,
      clientId: '',
      appOrigin: app.value,
      apiOrigin: base.value.origin,
      apiBase: base.value.base,
      enabled: form.enabled,
    },
  };
}
