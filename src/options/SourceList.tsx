import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import { inertText } from '../shared/inert-text';
import { keyFor, type DroppedKey } from '../shared/key-binding';
import type { Secrets, Settings, SourceSettings } from '../shared/settings';
import { dismissDroppedKey } from './save-settings';
import { DiagnosticButton } from './DiagnosticButton';
import { SaveNote, saveWithNote, type Note } from './SaveNote';
import { TestButton } from './TestButton';
import { reasonOf, requestAccess, type OptionsState } from './use-options';

interface Props {
  state: OptionsState;
  onEdit: (source: SourceSettings) => void;
  onSave: (settings: Settings, secrets?: Secrets) => Promise<void>;
}

function droppedText(dropped: DroppedKey): string {
  const label = inertText(dropped.label);
  return dropped.fromOrigin !== dropped.toOrigin
    ? t('options_key_dropped_host', label, dropped.fromOrigin, dropped.toOrigin)
    : t('options_key_dropped_client', label, dropped.fromClient, dropped.toClient);
}

export function SourceList({ state, onEdit, onSave }: Props) {
  const { settings, secrets, missingAccess, dropped, newer } = state;
  /** The answer to the last action on an account, shown under that account. */
  const [note, setNote] = useState<{ id: string; note: Note } | null>(null);
  if (settings.sources.length === 0) return <p class="muted">{t('options_no_account')}</p>;

  const noteFor = (id: string) => (next: Note) => setNote(next && { id, note: next });
  const replace = (source: SourceSettings) =>
    saveWithNote(
      () => onSave({ ...settings, sources: settings.sources.map((s) => (s.id === source.id ? source : s)) }),
      noteFor(source.id),
      null,
    );
  const remove = (source: SourceSettings) => {
    const rest = Object.fromEntries(Object.entries(secrets).filter(([id]) => id !== source.id));
    return saveWithNote(
      () => onSave({ ...settings, sources: settings.sources.filter((s) => s.id !== source.id) }, rest),
      noteFor(source.id),
      null,
    );
  };
  const request = (source: SourceSettings, action: () => Promise<unknown>) => {
    action().catch((error: unknown) =>
      noteFor(source.id)({ ok: false, text: t('options_request_failed', reasonOf(error)) }),
    );
  };

  // replace and remove go through saveWithNote, which shows a failure and never rejects.
  return (
    <ul class="sources">
      {settings.sources.map((source) => (
        <li key={source.id} class="source" data-source={source.id}>
          <div>
            <strong>{source.label}</strong>{' '}
            <span class="muted">{t('options_account_hosts', source.clientId, source.appOrigin, source.apiOrigin)}</span>
            {keyFor(secrets, source) && <span class="muted"> · {t('options_key_set')}</span>}
            {source.managed && <span class="locked"> · {t('options_managed_account')}</span>}
          </div>
          {dropped[source.id] && (
            <p class="field-error" role="alert">
              {droppedText(dropped[source.id]!)}{' '}
              <button
                type="button"
                class="secondary"
                onClick={() => request(source, () => dismissDroppedKey(source.id))}
              >
                {t('options_dismiss')}
              </button>
            </p>
          )}
          {missingAccess.has(source.id) && (
            <p class="field-error" role="alert">
              {t('options_access_missing')}{' '}
              <button type="button" onClick={() => request(source, () => requestAccess(source))}>
                {t('options_grant_access')}
              </button>
            </p>
          )}
          <div class="source-actions">
            <label class="toggle">
              <input
                type="checkbox"
                checked={source.enabled}
                disabled={source.managed || newer}
                onChange={(e) => {
                  const enabled = e.currentTarget.checked;
                  void replace({ ...source, enabled });
                }}
              />
              {t('options_watch_account')}
            </label>
            {!source.managed && (
              <button
                type="button"
                class="secondary"
                disabled={newer}
                onClick={() => onEdit(source)}
                aria-label={t('options_edit_account', source.label)}
              >
                {t('options_edit')}
              </button>
            )}
            {!source.managed && (
              <button
                type="button"
                class="secondary"
                disabled={newer}
                onClick={() => void remove(source)}
                aria-label={t('options_remove_account', source.label)}
              >
                {t('options_remove')}
              </button>
            )}
          </div>
          {note?.id === source.id && <SaveNote note={note.note} />}
          <TestButton target={() => ({ source, exportApiKey: keyFor(secrets, source) ?? '' })} />
          <DiagnosticButton sourceId={source.id} />
        </li>
      ))}
    </ul>
  );
}
