import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { bindKey, storedKeyFor } from '../core/key-binding';
import { PIPELINE_NAMES, PIPELINES, type Secrets, type Settings, type AccountSettings } from '../core/settings';
import {
  emptyForm,
  formFromAccount,
  validateAccount,
  type AccountFieldErrors,
  type AccountForm,
} from './validate-account';
import { Field } from './Field';
import { PipelineFields } from './PipelineFields';
import { SaveNote, saveWithNote, type Note } from './SaveNote';
import { TestButton } from './TestButton';
import { requestAccess } from './use-options';

interface Props {
  account: AccountSettings | undefined;
  settings: Settings;
  secrets: Secrets;
  onSave: (settings: Settings, secrets: Secrets) => Promise<void>;
  onCancel: () => void;
  readOnly: boolean;
}

type Credential = { exportApiKey: string; secret: string };

export function AccountEditor({ account, settings, secrets, onSave, onCancel, readOnly }: Props) {
  /** The credential the form starts with: it belongs to the account's hosts as they were, not to what is typed. */
  const stored = account ? storedKeyFor(secrets, account) : undefined;
  const storedKey = stored?.exportApiKey ?? '';
  const storedSecret = stored?.secret ?? '';
  const [form, setForm] = useState<AccountForm>(account ? formFromAccount(account, stored) : emptyForm('mbi'));
  const [errors, setErrors] = useState<AccountFieldErrors>({});
  const [note, setNote] = useState<Note>(null);
  const pipelineSelect = useRef<HTMLSelectElement>(null);
  // "Add account" is gone once the form opens: its focus moves to the first choice (before any next key press).
  useLayoutEffect(() => {
    if (!account) pipelineSelect.current?.focus();
  }, [account]);
  const set = (field: keyof AccountForm) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  /** A new account's pipeline: its own fields with their defaults; the name stays. */
  const pick = (value: string) => {
    const pipeline = PIPELINES.find((p) => p === value) ?? 'mbi';
    setForm((f) => ({ ...emptyForm(pipeline), label: f.label }));
    setErrors({});
  };

  const isStored = (typed: Credential) => typed.exportApiKey === storedKey && typed.secret === storedSecret;
  /** A typed credential is for the form's hosts; the stored one only while the form keeps its API host and client. */
  const credentialOf = (typed: Credential, next: AccountSettings): Credential => {
    if (!isStored(typed)) return { exportApiKey: typed.exportApiKey, secret: typed.secret };
    const kept = storedKeyFor(secrets, next);
    return { exportApiKey: kept?.exportApiKey ?? '', secret: kept?.secret ?? '' };
  };

  /** The form as an account for Test connection, or null (with the field errors shown) when invalid. */
  const validForTest = () => {
    const result = validateAccount(
      form,
      settings.accounts.filter((s) => s.id !== form.id),
    );
    setErrors(result.ok ? {} : result.errors);
    return result.ok ? { account: result.account, ...credentialOf(result, result.account) } : null;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const others = settings.accounts.filter((s) => s.id !== form.id);
    const result = validateAccount(form, others);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    // Asked first, while the click still counts as a user gesture.
    const granted = await requestAccess(result.account).catch(() => false);
    // An edit keeps what other sections set on the account (status-page and deadline settings).
    const accounts = account
      ? settings.accounts.map((s) => (s.id === account.id ? { ...s, ...result.account } : s))
      : [...settings.accounts, result.account];
    const { [result.account.id]: old, ...otherKeys } = secrets;
    // The credential the form started with stays bound to the old hosts, so the save drops it if they changed.
    const key =
      result.exportApiKey === ''
        ? undefined
        : isStored(result)
          ? old
          : bindKey(result.exportApiKey, result.account, result.secret);
    await saveWithNote(
      () => onSave({ ...settings, accounts }, key ? { ...otherKeys, [result.account.id]: key } : otherKeys),
      setNote,
      granted ? null : t('options_saved_no_access'),
    );
  };

  const { pipeline } = form;
  const title = account
    ? t('options_edit_account', account.label)
    : pipeline === 'mbi'
      ? t('options_add_account')
      : t('options_add_pipeline_account', PIPELINE_NAMES[pipeline]);

  // submit ends in saveWithNote, which shows a failure and never rejects; the permission request is caught.
  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <div class="field">
        <label for="pipeline">{t('options_pipeline')}</label>
        <select
          ref={pipelineSelect}
          id="pipeline"
          name="pipeline"
          value={pipeline}
          disabled={account !== undefined}
          aria-describedby={account ? 'pipeline-hint' : undefined}
          onChange={(e) => pick(e.currentTarget.value)}
        >
          {PIPELINES.map((p) => (
            <option key={p} value={p}>
              {PIPELINE_NAMES[p]}
            </option>
          ))}
        </select>
        {account && (
          <p class="muted hint" id="pipeline-hint">
            {t('options_pipeline_fixed')}
          </p>
        )}
      </div>
      <Field
        id="label"
        label={t('options_name')}
        value={form.label}
        error={errors.label}
        onValue={set('label')}
        required
        maxLength={80}
        placeholder={t('options_name_placeholder')}
      />
      {pipeline === 'mbi' ? (
        <>
          <Field
            id="clientId"
            label={t('options_client_id')}
            value={form.clientId}
            error={errors.clientId}
            onValue={set('clientId')}
            required
            inputMode="numeric"
            pattern="\d+"
            hint={t('options_client_id_hint')}
          />
          <Field
            id="appHost"
            label={t('options_app_host')}
            value={form.appHost}
            error={errors.appHost}
            onValue={set('appHost')}
            required
          />
          <Field
            id="apiHost"
            label={t('options_api_host')}
            value={form.apiHost}
            error={errors.apiHost}
            onValue={set('apiHost')}
            required
          />
          <Field
            id="exportApiKey"
            label={t('options_export_key')}
            value={form.exportApiKey}
            error={errors.exportApiKey}
            onValue={set('exportApiKey')}
            type="password"
            autoComplete="off"
            hint={t('options_export_key_hint')}
          />
        </>
      ) : (
        <PipelineFields pipeline={pipeline} form={form} errors={errors} set={set} />
      )}
      <div class="editor-actions">
        <button type="submit" disabled={readOnly}>
          {t('options_save_account')}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('options_cancel')}
        </button>
      </div>
      <TestButton target={validForTest} />
      <SaveNote note={note} />
    </form>
  );
}
