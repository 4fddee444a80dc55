import { useState } from 'preact/hooks';
import { exportBackup, importChanges, MAX_BACKUP_BYTES, parseBackup, type ImportChange } from './backup';
import { plural, t, type MessageKey } from '../core/i18n';
import { inertText } from '../core/inert-text';
import type { Secrets, Settings } from '../core/settings';
import { SaveNote, saveWithNote, type Note } from './SaveNote';

interface Props {
  settings: Settings;
  secrets: Secrets;
  onSave: (settings: Settings, secrets?: Secrets) => Promise<void>;
  readOnly: boolean;
}

/** An import read and checked, waiting for the admin to confirm the changes it makes to existing accounts. */
interface Pending {
  settings: Settings;
  secrets: Secrets;
  withKeys: boolean;
  count: number;
  changes: ImportChange[];
}

const FIELD_NAMES: Record<ImportChange['field'], MessageKey> = {
  appOrigin: 'options_app_host',
  apiOrigin: 'options_api_host',
  clientId: 'options_client_id',
};

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

function changeText(change: ImportChange): string {
  const line = t(
    'options_import_change',
    inertText(change.label),
    t(FIELD_NAMES[change.field]),
    change.from,
    change.to,
  );
  return change.dropsKey ? `${line} (${t('options_import_change_key')})` : line;
}

export function BackupSettings({ settings, secrets, onSave, readOnly }: Props) {
  const [withKeys, setWithKeys] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [pending, setPending] = useState<Pending | null>(null);

  const save = (next: Pending) => {
    setPending(null);
    return saveWithNote(
      () => onSave(next.settings, next.secrets),
      setNote,
      plural(next.withKeys ? 'options_imported_keys' : 'options_imported', next.count),
    );
  };

  const importFile = async (file: File | undefined) => {
    setPending(null);
    if (!file) return;
    if (file.size > MAX_BACKUP_BYTES)
      return setNote({ ok: false, text: t('options_import_failed', t('backup_too_large')) });
    const result = parseBackup(await file.text());
    if (!result.ok) return setNote({ ok: false, text: t('options_import_failed', result.error) });
    const managed = settings.accounts.filter((s) => s.managed);
    // The file's keys (if any) replace those held here; a key that no longer fits its account is dropped on save.
    const next: Pending = {
      settings: { ...result.settings, accounts: [...managed, ...result.settings.accounts] },
      secrets: result.secrets ?? secrets,
      withKeys: result.secrets !== undefined,
      count: result.settings.accounts.length,
      changes: importChanges(settings.accounts, result.settings.accounts, secrets, result.secrets),
    };
    setNote(null);
    if (next.changes.length > 0) setPending(next);
    else await save(next);
  };
  const chooseFile = (file: File | undefined) => {
    importFile(file).catch((error: unknown) =>
      setNote({ ok: false, text: t('options_import_failed', error instanceof Error ? error.message : String(error)) }),
    );
  };

  // save goes through saveWithNote, which shows a failure and never rejects.
  return (
    <section class="editor" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('options_backup_heading')}</h2>
      <label class="toggle">
        <input type="checkbox" checked={withKeys} onChange={(e) => setWithKeys(e.currentTarget.checked)} />
        {t('options_backup_with_keys')}
      </label>
      <div class="editor-actions">
        <button
          type="button"
          class="secondary"
          onClick={() => download('mbi-integration-watch-settings.json', exportBackup(settings, secrets, withKeys))}
        >
          {t('options_export')}
        </button>
        <label class="file-button">
          {t('options_import')}
          <input
            type="file"
            accept="application/json,.json"
            disabled={readOnly}
            onChange={(e) => {
              const input = e.currentTarget;
              chooseFile(input.files?.[0]);
              // The same file may be chosen again after a refusal or a cancel.
              input.value = '';
            }}
          />
        </label>
      </div>
      {pending && (
        <div role="alert" class="import-review">
          <p>{t('options_import_review')}</p>
          <ul>
            {pending.changes.map((c, i) => (
              <li key={i}>{changeText(c)}</li>
            ))}
          </ul>
          <div class="editor-actions">
            <button type="button" disabled={readOnly} onClick={() => void save(pending)}>
              {t('options_import_confirm')}
            </button>
            <button type="button" class="secondary" onClick={() => setPending(null)}>
              {t('options_cancel')}
            </button>
          </div>
        </div>
      )}
      <SaveNote note={note} />
    </section>
  );
}
