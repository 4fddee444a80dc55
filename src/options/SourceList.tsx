import type { SourceSettings } from '../shared/settings';
import { requestAccess, type OptionsState } from './use-options';
import type { Secrets, Settings } from '../shared/settings';

interface Props {
  state: OptionsState;
  onEdit: (source: SourceSettings) => void;
  onSave: (settings: Settings, secrets?: Secrets) => Promise<void>;
}

export function SourceList({ state, onEdit, onSave }: Props) {
  const { settings, secrets, missingAccess } = state;
  if (settings.sources.length === 0) return <p class="muted">No account yet. Add your MBI client id to start watching.</p>;
  const remove = (source: SourceSettings) => {
    const rest = Object.fromEntries(Object.entries(secrets).filter(([id]) => id !== source.id));
    void onSave({ ...settings, sources: settings.sources.filter((s) => s.id !== source.id) }, rest);
  };
  return (
    <ul class="sources">
      {settings.sources.map((source) => (
        <li key={source.id} class="source" data-source={source.id}>
          <div>
            <strong>{source.label}</strong> <span class="muted">client {source.clientId} · {source.appOrigin}</span>
            {secrets[source.id]?.exportApiKey && <span class="muted"> · Export API key set</span>}
            {!source.enabled && <span class="muted"> · disabled</span>}
          </div>
          {missingAccess.has(source.id) && (
            <p class="field-error" role="alert">
              Host access is missing for this account.{' '}
              <button type="button" onClick={() => void requestAccess(source)}>Grant access</button>
            </p>
          )}
          <div class="source-actions">
            <button type="button" class="secondary" onClick={() => onEdit(source)}>Edit</button>
            <button type="button" class="secondary" onClick={() => remove(source)}>Remove</button>
          </div>
        </li>
      ))}
    </ul>
  );
}
