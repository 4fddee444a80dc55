import { useState } from 'preact/hooks';
import { exportBackup, parseBackup } from '../shared/backup';
import { plural, t } from '../shared/i18n';
import type { Secrets, Settings } from '../shared/settings';

interface Props {
  settings: Settings;
  secrets: Secrets;
  onSave: (settings: Settings, secrets?: Secrets) => Promise<void>;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

export function BackupSettings({ settings, secrets, onSave }: Props) {
  const [withKeys, setWithKeys] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const result = parseBackup(await file.text());
    if (!result.ok) {
      setMessage({ ok: false, text: t('options_import_failed', result.error) });
      return;
    }
    const managed = settings.sources.filter((s) => s.managed);
    // Keys of accounts that are not in the file go; those the file brings (if any) replace the old ones.
    const kept = Object.fromEntries(Object.entries(result.secrets ?? secrets).filter(([id]) => result.settings.sources.some((s) => s.id === id)));
    await onSave({ ...result.settings, sources: [...managed, ...result.settings.sources] }, kept);
    setMessage({ ok: true, text: plural(result.secrets ? 'options_imported_keys' : 'options_imported', result.settings.sources.length) });
  };

  return (
    <section class="editor" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('options_backup_heading')}</h2>
      <label class="toggle">
        <input type="checkbox" checked={withKeys} onChange={(e) => setWithKeys(e.currentTarget.checked)} />
        {t('options_backup_with_keys')}
      </label>
      <div class="editor-actions">
        <button type="button" class="secondary" onClick={() => download('mbi-integration-watch-settings.json', exportBackup(settings, secrets, withKeys))}>
          {t('options_export')}
        </button>
        <label class="file-button">
          {t('options_import')}
          <input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
        </label>
      </div>
      {message && <p role={message.ok ? 'status' : 'alert'} class={message.ok ? 'muted' : 'field-error'}>{message.text}</p>}
    </section>
  );
}
