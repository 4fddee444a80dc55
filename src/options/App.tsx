import { useState } from 'preact/hooks';
import { t } from '../core/i18n';
import type { AccountSettings } from '../core/settings';
import { BackupSettings } from './BackupSettings';
import { NotificationSettings } from './NotificationSettings';
import { DeadlineSettings } from './DeadlineSettings';
import { StatusSettings } from './StatusSettings';
import { PollingSettings } from './PollingSettings';
import { PrivacySettings } from './PrivacySettings';
import { RecentChecks } from './RecentChecks';
import { AccountEditor } from './AccountEditor';
import { AccountList } from './AccountList';
import { useOptions } from './use-options';

export function App() {
  const { state, save, loadError } = useOptions();
  /** The account being edited: an account, 'new', or nothing. */
  const [editing, setEditing] = useState<AccountSettings | 'new' | null>(null);
  if (!state)
    return (
      <main class="options" aria-busy={loadError === null}>
        {loadError && (
          <p role="alert" class="field-error">
            {loadError}
          </p>
        )}
      </main>
    );
  const { settings, secrets, newer } = state;
  return (
    <main class="options">
      <h1>{t('app_name')}</h1>
      {newer && (
        <p role="alert" class="banner">
          {t('options_settings_newer')}
        </p>
      )}
      {loadError && (
        <p role="alert" class="field-error">
          {loadError}
        </p>
      )}
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{t('options_accounts_heading')}</h2>
        <AccountList state={state} onEdit={setEditing} onSave={save} />
        {editing === null ? (
          <button type="button" disabled={newer} onClick={() => setEditing('new')}>
            {t('options_add_account')}
          </button>
        ) : (
          <AccountEditor
            key={editing === 'new' ? 'new' : editing.id}
            account={editing === 'new' ? undefined : editing}
            settings={settings}
            secrets={secrets}
            onSave={async (next, nextSecrets) => {
              await save(next, nextSecrets);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
            readOnly={newer}
          />
        )}
      </section>
      <PollingSettings settings={settings} managed={state.managed} onSave={(next) => save(next)} readOnly={newer} />
      <NotificationSettings state={state} onSave={(next) => save(next)} readOnly={newer} />
      <DeadlineSettings settings={settings} onSave={(next) => save(next)} readOnly={newer} />
      <StatusSettings settings={settings} onSave={(next) => save(next)} readOnly={newer} />
      <PrivacySettings
        settings={settings}
        keysOnDisk={state.keysOnDisk}
        onSave={(next) => save(next)}
        readOnly={newer}
      />
      <BackupSettings settings={settings} secrets={secrets} onSave={save} readOnly={newer} />
      <RecentChecks checks={state.recentChecks} accounts={settings.accounts} now={Date.now()} />
    </main>
  );
}
