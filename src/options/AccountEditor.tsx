import { useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { bindKey, keyFor } from '../core/key-binding';
import { MBI_API_ORIGIN, MBI_APP_ORIGIN, type Secrets, type Settings, type AccountSettings } from '../core/settings';
import { formFromAccount, validateAccount, type AccountFieldErrors, type AccountForm } from './validate-account';
import { Field } from './Field';
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

const EMPTY: AccountForm = {
  id: '',
  label: '',
  clientId: '',
  appHost: MBI_APP_ORIGIN,
  apiHost: MBI_API_ORIGIN,
  exportApiKey: '',
  enabled: true,
};

export function AccountEditor({ account, settings, secrets, onSave, onCancel, readOnly }: Props) {
  /** The key the form starts with: it belongs to the account's hosts as they were, not to what is typed. */
  const storedKey = account ? (keyFor(secrets, account) ?? '') : '';
  const [form, setForm] = useState<AccountForm>(account ? formFromAccount(account, storedKey) : EMPTY);
  const [errors, setErrors] = useState<AccountFieldErrors>({});
  const [note, setNote] = useState<Note>(null);
  const set = (field: keyof AccountForm) => (value: string) => setForm({ ...form, [field]: value });

  /** A typed key is for the form's hosts; the stored one only while the form keeps its API host and client. */
  const keyOf = (typed: string, next: AccountSettings): string =>
    typed !== storedKey ? typed : (keyFor(secrets, next) ?? '');

  /** The form as an account for Test connection, or null (with the field errors shown) when invalid. */
  const validForTest = () => {
    const result = validateAccount(
      form,
      settings.accounts.filter((s) => s.id !== form.id),
    );
    setErrors(result.ok ? {} : result.errors);
    return result.ok ? { account: result.account, exportApiKey: keyOf(result.exportApiKey, result.account) } : null;
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
    const accounts = account
      ? settings.accounts.map((s) => (s.id === account.id ? result.account : s))
      : [...settings.accounts, result.account];
    const { [result.account.id]: old, ...otherKeys } = secrets;
    // The key the form started with stays bound to the old hosts, so the save drops it if they changed.
    const key =
      result.exportApiKey === ''
        ? undefined
        : result.exportApiKey === storedKey
          ? old
          : bindKey(result.exportApiKey, result.account);
    await saveWithNote(
      () => onSave({ ...settings, accounts }, key ? { ...otherKeys, [result.account.id]: key } : otherKeys),
      setNote,
      granted ? null : t('options_saved_no_access'),
    );
  };

  // submit ends in saveWithNote, which shows a failure and never rejects; the permission request is caught.
  return (
    <form
      class="editor"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={account ? t('options_edit_account', account.label) : t('options_add_account')}
    >
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
