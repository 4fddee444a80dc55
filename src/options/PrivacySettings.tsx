import { useState } from 'preact/hooks';
import { t } from '../core/i18n';
import type { Settings } from '../core/settings';
import { SaveNote, saveWithNote, type Note } from './SaveNote';

interface Props {
  settings: Settings;
  /** A key is still in storage.local: the option does not read as on until every key has left the disk. */
  keysOnDisk: boolean;
  onSave: (settings: Settings) => Promise<void>;
  readOnly: boolean;
}

/** Where Export API keys are kept: on this computer, or only until the browser closes. */
export function PrivacySettings({ settings, keysOnDisk, onSave, readOnly }: Props) {
  const [note, setNote] = useState<Note>(null);
  return (
    <section class="editor" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('options_keys_heading')}</h2>
      <label class="toggle">
        {/* saveWithNote shows a failure itself and never rejects; the keys move with the saved setting. */}
        <input
          type="checkbox"
          checked={settings.secretsInSession && !keysOnDisk}
          disabled={readOnly}
          onChange={(e) => {
            const secretsInSession = e.currentTarget.checked;
            void saveWithNote(() => onSave({ ...settings, secretsInSession }), setNote, null);
          }}
        />
        {t('options_keys_session')}
      </label>
      <p class="muted">{t('options_keys_note')}</p>
      <SaveNote note={note} />
    </section>
  );
}
