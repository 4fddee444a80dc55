// Pure: settings to and from an export file. A file that is not ours, or not valid, changes nothing.
import { plural, t } from '../core/i18n';
import { bindLegacyKeys, keyFor, reconcileKeys } from '../core/key-binding';
import { parseSettings, type Secrets, type Settings, type AccountSettings } from '../core/settings';

export const BACKUP_FORMAT = 'mbi-integration-watch/settings';

/** Larger files are refused before they are read: a settings file is a few kilobytes. */
export const MAX_BACKUP_BYTES = 1024 * 1024;

export function exportBackup(settings: Settings, secrets: Secrets, includeSecrets: boolean): string {
  const own = { ...settings, accounts: settings.accounts.filter((s) => !s.managed) };
  const file: Record<string, unknown> = { format: BACKUP_FORMAT, version: settings.version, settings: own };
  // Only keys that fit their account, each with the API host and client id it is for.
  if (includeSecrets) file.secrets = reconcileKeys(secrets, own.accounts).kept;
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type BackupResult = { ok: true; settings: Settings; secrets?: Secrets } | { ok: false; error: string };

export function parseBackup(text: string): BackupResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: t('backup_not_json') };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, error: t('backup_not_ours') };
  }
  const file = raw as { version?: unknown; settings?: unknown; secrets?: unknown };
  if (typeof file.version !== 'number') return { ok: false, error: t('backup_no_version') };
  if (file.version > parseSettings({}).version) {
    return { ok: false, error: t('backup_newer', String(file.version)) };
  }
  if (typeof file.settings !== 'object' || file.settings === null) return { ok: false, error: t('backup_no_settings') };
  const rawAccounts = (file.settings as { accounts?: unknown }).accounts;
  const settings = parseSettings(file.settings);
  if (Array.isArray(rawAccounts) && rawAccounts.length !== settings.accounts.length) {
    return { ok: false, error: plural('backup_invalid_accounts', rawAccounts.length - settings.accounts.length) };
  }
  // Keys of a file written before keys were bound belong to the file's own accounts.
  return file.secrets === undefined
    ? { ok: true, settings }
    : { ok: true, settings, secrets: bindLegacyKeys(file.secrets, settings.accounts) };
}

/** One field of an account that an import changes. */
export interface ImportChange {
  label: string;
  field: 'appOrigin' | 'apiOrigin' | 'clientId';
  from: string;
  to: string;
  /** The account's Export API key no longer fits it and will be removed. */
  dropsKey: boolean;
}

/** What an import changes in the accounts it shares an id with; shown for confirmation before saving. */
export function importChanges(
  current: readonly AccountSettings[],
  incoming: readonly AccountSettings[],
  secrets: Secrets,
  fileSecrets?: Secrets,
): ImportChange[] {
  const fields = ['appOrigin', 'apiOrigin', 'clientId'] as const;
  return incoming.flatMap((next) => {
    const before = current.find((s) => s.id === next.id && !s.managed);
    if (!before) return [];
    const dropsKey = keyFor(secrets, before) !== undefined && keyFor(fileSecrets ?? secrets, next) === undefined;
    return fields
      .filter((field) => before[field] !== next[field])
      .map((field) => ({ label: next.label, field, from: before[field], to: next[field], dropsKey }));
  });
}
