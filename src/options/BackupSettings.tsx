import { useState } from 'preact/hooks';
import { exportBackup, parseBackup } from '../shared/backup';
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
      setMessage({ ok: false, text: `Nothing was changed. ${result.error}` });
      return;
    }
    const managed = settings.sources.filter((s) => s.managed);
    await onSave({ ...result.settings, sources: [...managed, ...result.settings.sources] }, result.secrets ?? secrets);
    setMessage({ ok: true, text: `Imported ${result.settings.sources.length} account(s)${result.secrets ? ' with their keys' : ''}.` });
  };

  return (
    <section class="editor" aria-labelledby="backup-heading">
      <h2 id="backup-heading">Import and export</h2>
      <label class="toggle">
        <input type="checkbox" checked={withKeys} onChange={(e) => setWithKeys(e.currentTarget.checked)} />
        Include Export API keys in the file
      </label>
      <div class="editor-actions">
        <button type="button" class="secondary" onClick={() => download('mbi-integration-watch-settings.json', exportBackup(settings, secrets, withKeys))}>
          Export settings
        </button>
        <label class="file-button">
          Import settings…
          <input type="file" accept="application/json,.json" onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
        </label>
      </div>
      {message && <p role={message.ok ? 'status' : 'alert'} class={message.ok ? 'muted' : 'field-error'}>{message.text}</p>}
    </section>
  );
}
