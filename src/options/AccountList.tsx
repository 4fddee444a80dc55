import { useState } from 'preact/hooks';
import { t, uiLocale } from '../core/i18n';
import { inertText } from '../core/inert-text';
import { keyFor, storedKeyFor, type DroppedKey } from '../core/key-binding';
import {
  PIPELINE_NAMES,
  PIPELINES,
  pipelineOf,
  type Secrets,
  type Settings,
  type AccountSettings,
} from '../core/settings';
import { dismissDroppedKey } from './save-settings';
import { DiagnosticButton } from './DiagnosticButton';
import { SaveNote, saveWithNote, type Note } from './SaveNote';
import { TestButton } from './TestButton';
import { reasonOf, requestAccess, type OptionsState } from './use-options';

interface Props {
  state: OptionsState;
  onEdit: (account: AccountSettings) => void;
  onSave: (settings: Settings, secrets?: Secrets) => Promise<void>;
}

function droppedText(dropped: DroppedKey): string {
  const label = inertText(dropped.label);
  return dropped.fromOrigin !== dropped.toOrigin
    ? t('options_key_dropped_host', label, dropped.fromOrigin, dropped.toOrigin)
    : t('options_key_dropped_client', label, dropped.fromClient, dropped.toClient);
}

/** Accounts by pipeline, MBI first, each group by name; empty groups left out. */
function byPipeline(accounts: readonly AccountSettings[]) {
  const byName = (a: AccountSettings, b: AccountSettings) => a.label.localeCompare(b.label, uiLocale());
  return PIPELINES.map((pipeline) => ({
    pipeline,
    accounts: accounts.filter((s) => pipelineOf(s) === pipeline).sort(byName),
  })).filter((group) => group.accounts.length > 0);
}

/** MBI's client and hosts; for the other pipelines, the pipeline and its API host ("Fivetran · api.fivetran.com"). */
function whereText(account: AccountSettings): string {
  if (!account.pipeline) return t('options_account_hosts', account.clientId, account.appOrigin, account.apiOrigin);
  return `${PIPELINE_NAMES[account.pipeline]} · ${new URL(account.apiOrigin).host}`;
}

export function AccountList({ state, onEdit, onSave }: Props) {
  const { settings, secrets, missingAccess, dropped, newer } = state;
  /** The answer to the last action on an account, shown under that account. */
  const [note, setNote] = useState<{ id: string; note: Note } | null>(null);
  if (settings.accounts.length === 0) return <p class="muted">{t('options_no_account')}</p>;

  const noteFor = (id: string) => (next: Note) => setNote(next && { id, note: next });
  const replace = (account: AccountSettings) =>
    saveWithNote(
      () => onSave({ ...settings, accounts: settings.accounts.map((s) => (s.id === account.id ? account : s)) }),
      noteFor(account.id),
      null,
    );
  const remove = (account: AccountSettings) => {
    const rest = Object.fromEntries(Object.entries(secrets).filter(([id]) => id !== account.id));
    return saveWithNote(
      () => onSave({ ...settings, accounts: settings.accounts.filter((s) => s.id !== account.id) }, rest),
      noteFor(account.id),
      null,
    );
  };
  const request = (account: AccountSettings, action: () => Promise<unknown>) => {
    action().catch((error: unknown) =>
      noteFor(account.id)({ ok: false, text: t('options_request_failed', reasonOf(error)) }),
    );
  };

  const item = (account: AccountSettings) => (
    <li key={account.id} class="account" data-account={account.id}>
      <div>
        <strong>{account.label}</strong> <span class="muted">{whereText(account)}</span>
        {keyFor(secrets, account) && (
          <span class="muted"> · {t(account.pipeline ? 'options_credentials_set' : 'options_key_set')}</span>
        )}
        {account.managed && <span class="locked"> · {t('options_managed_account')}</span>}
      </div>
      {dropped[account.id] && (
        <p class="field-error" role="alert">
          {droppedText(dropped[account.id]!)}{' '}
          <button type="button" class="secondary" onClick={() => request(account, () => dismissDroppedKey(account.id))}>
            {t('options_dismiss')}
          </button>
        </p>
      )}
      {missingAccess.has(account.id) && (
        <p class="field-error" role="alert">
          {t('options_access_missing')}{' '}
          <button type="button" onClick={() => request(account, () => requestAccess(account))}>
            {t('options_grant_access')}
          </button>
        </p>
      )}
      <div class="account-actions">
        <label class="toggle">
          <input
            type="checkbox"
            checked={account.enabled}
            disabled={account.managed || newer}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              void replace({ ...account, enabled });
            }}
          />
          {t('options_watch_account')}
        </label>
        {!account.managed && (
          <button
            type="button"
            class="secondary"
            disabled={newer}
            onClick={() => onEdit(account)}
            aria-label={t('options_edit_account', account.label)}
          >
            {t('options_edit')}
          </button>
        )}
        {!account.managed && (
          <button
            type="button"
            class="secondary"
            disabled={newer}
            onClick={() => void remove(account)}
            aria-label={t('options_remove_account', account.label)}
          >
            {t('options_remove')}
          </button>
        )}
      </div>
      {note?.id === account.id && <SaveNote note={note.note} />}
      <TestButton
        target={() => {
          const stored = storedKeyFor(secrets, account);
          return { account, exportApiKey: stored?.exportApiKey ?? '', secret: stored?.secret ?? '' };
        }}
      />
      <DiagnosticButton accountId={account.id} />
    </li>
  );

  // replace and remove go through saveWithNote, which shows a failure and never rejects.
  return (
    <div class="account-groups">
      {byPipeline(settings.accounts).map(({ pipeline, accounts }) => (
        <section key={pipeline} class="account-group" data-pipeline={pipeline} aria-labelledby={`${pipeline}-accounts`}>
          <h3 id={`${pipeline}-accounts`}>{PIPELINE_NAMES[pipeline]}</h3>
          <ul class="accounts">{accounts.map(item)}</ul>
        </section>
      ))}
    </div>
  );
}
