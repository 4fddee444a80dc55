// Pure: settings to and from an export file. A file that is not ours, or not valid, changes nothing.
import { plural, t } from './i18n';
import { parseSecrets, parseSettings, type Secrets, type Settings } from './settings';

export const BACKUP_FORMAT = 'mbi-integration-watch/settings';

export function exportBackup(settings: Settings, secrets: Secrets, includeSecrets: boolean): string {
  const own = { ...settings, sources: settings.sources.filter((s) => !s.managed) };
  const file: Record<string, unknown> = { format: BACKUP_FORMAT, version: settings.version, settings: own };
  if (includeSecrets) file.secrets = Object.fromEntries(Object.entries(secrets).filter(([id]) => own.sources.some((s) => s.id === id)));
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
  if (typeof file.version !== 'number') return { ok: false, error: 'The file has no settings version.' };
  if (file.version > parseSettings({}).version) {
    return { ok: false, error: t('backup_newer', String(file.version)) };
  }
  if (typeof file.settings !== 'object' || file.settings === null) return { ok: false, error: t('backup_no_settings') };
  const rawSources = (file.settings as { sources?: unknown }).sources;
  const settings = parseSettings(file.settings);
  if (Array.isArray(rawSources) && rawSources.length !== settings.sources.length) {
    return { ok: false, error: plural('backup_invalid_accounts', rawSources.length - settings.sources.length) };
  }
  return file.secrets === undefined ? { ok: true, settings } : { ok: true, settings, secrets: parseSecrets(file.secrets) };
}
