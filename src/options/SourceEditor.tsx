import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { MBI_API_ORIGIN, MBI_APP_ORIGIN, type Secrets, type Settings, type SourceSettings } from '../shared/settings';
import { formFromSource, validateSource, type SourceFieldErrors, type SourceForm } from '../shared/validate-source';
import { Field } from './Field';
import { TestButton } from './TestButton';
import { requestAccess } from './use-options';

interface Props {
  source: SourceSettings | undefined;
  settings: Settings;
  secrets: Secrets;
  onSave: (settings: Settings, secrets: Secrets) => Promise<void>;
  onCancel: () => void;
}

const EMPTY: SourceForm = { id: '', label: '', clientId: '', appHost: MBI_APP_ORIGIN, apiHost: MBI_API_ORIGIN, exportApiKey: '', enabled: true };

export function SourceEditor({ source, settings, secrets, onSave, onCancel }: Props) {
  const [form, setForm] = useState<SourceForm>(source ? formFromSource(source, secrets[source.id]?.exportApiKey) : EMPTY);
  const [errors, setErrors] = useState<SourceFieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const set = (field: keyof SourceForm) => (value: string) => setForm({ ...form, [field]: value });

  /** The form as a source for Test connection, or null (with the field errors shown) when invalid. */
  const validForTest = () => {
    const result = validateSource(form, settings.sources.filter((s) => s.id !== form.id));
    setErrors(result.ok ? {} : result.errors);
    return result.ok ? result.source : null;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const others = settings.sources.filter((s) => s.id !== form.id);
    const result = validateSource(form, others);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    // Asked first, while the click still counts as a user gesture.
    const granted = await requestAccess(result.source).catch(() => false);
    const sources = source ? settings.sources.map((s) => (s.id === source.id ? result.source : s)) : [...settings.sources, result.source];
    await onSave({ ...settings, sources }, { ...secrets, [result.source.id]: result.exportApiKey ? { exportApiKey: result.exportApiKey } : {} });
    if (!granted) setNotice(t('options_saved_no_access'));
  };

  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-label={source ? t('options_edit_account', source.label) : t('options_add_account')}>
      <Field id="label" label={t('options_name')} value={form.label} error={errors.label} onValue={set('label')} required maxLength={80} placeholder={t('options_name_placeholder')} />
      <Field id="clientId" label={t('options_client_id')} value={form.clientId} error={errors.clientId} onValue={set('clientId')} required inputMode="numeric" pattern="\d+"
        hint={t('options_client_id_hint')} />
      <Field id="appHost" label={t('options_app_host')} value={form.appHost} error={errors.appHost} onValue={set('appHost')} required />
      <Field id="apiHost" label={t('options_api_host')} value={form.apiHost} error={errors.apiHost} onValue={set('apiHost')} required />
      <Field id="exportApiKey" label={t('options_export_key')} value={form.exportApiKey} error={errors.exportApiKey} onValue={set('exportApiKey')} type="password" autoComplete="off"
        hint={t('options_export_key_hint')} />
      <div class="editor-actions">
        <button type="submit">{t('options_save_account')}</button>
        <button type="button" class="secondary" onClick={onCancel}>{t('options_cancel')}</button>
      </div>
      <TestButton source={validForTest} exportApiKey={form.exportApiKey.trim()} />
      {notice && <p role="status" class="field-error">{notice}</p>}
    </form>
  );
}
