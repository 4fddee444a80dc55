import { t } from '../shared/i18n';
import type { Secrets, Settings } from '../shared/settings';

interface Props {
  settings: Settings;
  secrets: Secrets;
  onSave: (settings: Settings, secrets?: Secrets) => Promise<void>;
}

/** Where Export API keys are kept: on this computer, or only until the browser closes. */
export function PrivacySettings({ settings, secrets, onSave }: Props) {
  return (
    <section class="editor" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('options_keys_heading')}</h2>
      <label class="toggle">
        <input type="checkbox" checked={settings.secretsInSession}
          onChange={(e) => void onSave({ ...settings, secretsInSession: e.currentTarget.checked }, secrets)} />
        {t('options_keys_session')}
      </label>
      <p class="muted">{t('options_keys_note')}</p>
    </section>
  );
}
