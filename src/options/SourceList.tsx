import { t } from '../shared/i18n';
import type { Secrets, Settings, SourceSettings } from '../shared/settings';
import { DiagnosticButton } from './DiagnosticButton';
import { TestButton } from './TestButton';
import { requestAccess, type OptionsState } from './use-options';

interface Props {
  state: OptionsState;
  onEdit: (source: SourceSettings) => void;
  onSave: (settings: Settings, secrets?: Secrets) => Promise<void>;
}

export function SourceList({ state, onEdit, onSave }: Props) {
  const { settings, secrets, missingAccess } = state;
  if (settings.sources.length === 0) return <p class="muted">{t('options_no_account')}</p>;

  const replace = (source: SourceSettings) => onSave({ ...settings, sources: settings.sources.map((s) => (s.id === source.id ? source : s)) });
  const remove = (source: SourceSettings) => {
    const rest = Object.fromEntries(Object.entries(secrets).filter(([id]) => id !== source.id));
    void onSave({ ...settings, sources: settings.sources.filter((s) => s.id !== source.id) }, rest);
  };

  return (
    <ul class="sources">
      {settings.sources.map((source) => (
        <li key={source.id} class="source" data-source={source.id}>
          <div>
            <strong>{source.label}</strong> <span class="muted">{t('options_account_summary', source.clientId, source.appOrigin)}</span>
            {secrets[source.id]?.exportApiKey && <span class="muted"> · {t('options_key_set')}</span>}
            {source.managed && <span class="locked"> · {t('options_managed_account')}</span>}
          </div>
          {missingAccess.has(source.id) && (
            <p class="field-error" role="alert">
              {t('options_access_missing')}{' '}
              <button type="button" onClick={() => void requestAccess(source)}>{t('options_grant_access')}</button>
            </p>
          )}
          <div class="source-actions">
            <label class="toggle">
              <input type="checkbox" checked={source.enabled} disabled={source.managed}
                onChange={(e) => void replace({ ...source, enabled: e.currentTarget.checked })} />
              {t('options_watch_account')}
            </label>
            {!source.managed && <button type="button" class="secondary" onClick={() => onEdit(source)} aria-label={t('options_edit_account', source.label)}>{t('options_edit')}</button>}
            {!source.managed && <button type="button" class="secondary" onClick={() => remove(source)} aria-label={t('options_remove_account', source.label)}>{t('options_remove')}</button>}
          </div>
          <TestButton source={() => source} exportApiKey={secrets[source.id]?.exportApiKey ?? ''} />
          <DiagnosticButton sourceId={source.id} />
        </li>
      ))}
    </ul>
  );
}
