import { useState } from 'preact/hooks';
import { t } from '../shared/i18n';
import type { SourceSettings } from '../shared/settings';
import { BackupSettings } from './BackupSettings';
import { NotificationSettings } from './NotificationSettings';
import { PollingSettings } from './PollingSettings';
import { PrivacySettings } from './PrivacySettings';
import { SourceEditor } from './SourceEditor';
import { SourceList } from './SourceList';
import { useOptions } from './use-options';

export function App() {
  const { state, save } = useOptions();
  /** The source being edited: a source, 'new', or nothing. */
  const [editing, setEditing] = useState<SourceSettings | 'new' | null>(null);
  if (!state) return <main class="options" aria-busy="true" />;
  const { settings, secrets } = state;
  return (
    <main class="options">
      <h1>{t('app_name')}</h1>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{t('options_accounts_heading')}</h2>
        <SourceList state={state} onEdit={setEditing} onSave={save} />
        {editing === null ? (
          <button type="button" onClick={() => setEditing('new')}>{t('options_add_account')}</button>
        ) : (
          <SourceEditor
            key={editing === 'new' ? 'new' : editing.id}
            source={editing === 'new' ? undefined : editing}
            settings={settings}
            secrets={secrets}
            onSave={async (next, nextSecrets) => {
              await save(next, nextSecrets);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </section>
      <PollingSettings settings={settings} managed={state.managed} onSave={(next) => save(next)} />
      <NotificationSettings state={state} onSave={(next) => save(next)} />
      <PrivacySettings settings={settings} secrets={secrets} onSave={save} />
      <BackupSettings settings={settings} secrets={secrets} onSave={save} />
    </main>
  );
}
