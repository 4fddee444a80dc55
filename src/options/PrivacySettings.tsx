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
      <h2 id="privacy-heading">Keys</h2>
      <label class="toggle">
        <input type="checkbox" checked={settings.secretsInSession}
          onChange={(e) => void onSave({ ...settings, secretsInSession: e.currentTarget.checked }, secrets)} />
        Keep Export API keys only until the browser closes
      </label>
      <p class="muted">Keys are never synced to other computers. With this on, you enter them again after each browser start.</p>
    </section>
  );
}
