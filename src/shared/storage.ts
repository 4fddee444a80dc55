// Settings and secrets in extension storage. Preferences sync; secrets stay on this computer
// (storage.local, or storage.session when the admin prefers them gone when the browser closes).
import { DROPPED_KEYS, SECRETS, SETTINGS } from '../core/stored-items';
import browser from './browser';
import { read, readRaw, remove, touches, write } from './stored';
import { t } from '../core/i18n';
import { bindLegacyKeys, nextDropped, parseDroppedKeys, reconcileKeys } from '../core/key-binding';
import { applyManaged, ownPart, parseManaged, type Managed } from '../core/managed';
import { migrate } from '../core/migrations';
import { isNewerSettings, parseSecrets, parseSettings, type Secrets, type Settings } from '../core/settings';

/** Refusal to overwrite settings that a newer version of the extension wrote. */
export class NewerSettingsError extends Error {
  constructor() {
    super(t('options_settings_newer'));
    this.name = 'NewerSettingsError';
  }
}

export async function loadManaged(): Promise<Managed> {
  // Absent outside managed browsers and in some contexts: no policy then.
  const raw = await browser.storage.managed?.get().catch(() => ({}));
  return parseManaged(raw);
}

/** What can be read of the stored settings; those of a newer version are read as far as this one can. */
export async function loadOwnSettings(): Promise<Settings> {
  return read(SETTINGS);
}

export async function loadSettings(): Promise<Settings> {
  const [own, managed] = await Promise.all([loadOwnSettings(), loadManaged()]);
  return applyManaged(own, managed);
}

/**
 * Writes the admin's own settings: fields locked by policy keep the admin's own stored value. Settings of
 * a newer version are never overwritten (that would trim what this version cannot read).
 */
export async function saveSettings(settings: Settings): Promise<void> {
  const [stored, managed] = await Promise.all([readRaw(SETTINGS), loadManaged()]);
  if (isNewerSettings(stored)) throw new NewerSettingsError();
  const own = parseSettings(migrate(stored));
  const kept = Object.fromEntries(
    Object.keys(managed.fields).map((field) => [field, own[field as keyof typeof managed.fields]]),
  );
  await write(SETTINGS, parseSettings({ ...ownPart(settings), ...kept }));
}

/** Runs on install and update: migrates and normalizes stored settings, writing only on a change. */
export async function migrateStoredSettings(): Promise<boolean> {
  const stored = await readRaw(SETTINGS);
  if (stored === undefined || isNewerSettings(stored)) return false;
  const next = parseSettings(migrate(stored));
  if (sameJson(next, stored)) return false;
  await write(SETTINGS, next);
  return true;
}

/** Equal as JSON, whatever the order of object keys (Chrome may hand them back sorted). */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const secretsArea = (inSession: boolean) => (inSession ? 'session' : 'local');

export async function loadSecrets(settings?: Pick<Settings, 'secretsInSession'>): Promise<Secrets> {
  const inSession = (settings ?? (await loadOwnSettings())).secretsInSession;
  return read(SECRETS, secretsArea(inSession));
}

export async function saveSecrets(secrets: Secrets, settings?: Pick<Settings, 'secretsInSession'>): Promise<void> {
  const inSession = (settings ?? (await loadOwnSettings())).secretsInSession;
  await write(SECRETS, parseSecrets(secrets), secretsArea(inSession));
  // A key lives in one place only.
  await remove(SECRETS, secretsArea(!inSession));
}

export interface Stored {
  settings: unknown;
  local: unknown;
  session: unknown;
  dropped: unknown;
}

/** Settings, keys in both areas and the notices of dropped keys, as stored. */
export async function readStored(): Promise<Stored> {
  const [settings, local, session, dropped] = await Promise.all([
    readRaw(SETTINGS),
    readRaw(SECRETS, 'local'),
    readRaw(SECRETS, 'session'),
    readRaw(DROPPED_KEYS),
  ]);
  return { settings, local, session, dropped };
}

/**
 * The worker's answer to every settings change (an edit, an import, a sync from another computer, a
 * policy) and to start-up: keys go to the area secretsInSession names, and a key whose account is gone
 * or names another API host or client id is removed, with a notice for the admin. Writes only changes,
 * so its own writes end the round.
 */
export async function reconcileStoredKeys(): Promise<void> {
  const [stored, settings] = await Promise.all([readStored(), loadSettings()]);
  const [here, there] = settings.secretsInSession ? [stored.session, stored.local] : [stored.local, stored.session];
  const held = { ...parseSecrets(there), ...parseSecrets(here) };
  // Newer settings may hold accounts this version cannot read: keys are moved, not judged (keyFor still guards each use).
  const newer = isNewerSettings(stored.settings);
  const { kept, dropped } = newer ? { kept: held, dropped: {} } : reconcileKeys(held, settings.accounts);
  if (!sameJson(kept, here ?? {}) || there !== undefined) await saveSecrets(kept, settings);
  if (newer) return;
  const notices = nextDropped(parseDroppedKeys(stored.dropped), kept, dropped, settings.accounts);
  if (!sameJson(notices, stored.dropped ?? {})) await write(DROPPED_KEYS, notices);
}

/** On install and update, before settings are migrated: binds keys stored before keys were bound. */
export async function bindLegacyStoredKeys(): Promise<void> {
  const [stored, settings] = await Promise.all([readStored(), loadSettings()]);
  for (const [area, raw] of [
    ['local', stored.local],
    ['session', stored.session],
  ] as const) {
    const bound = bindLegacyKeys(raw, settings.accounts);
    if (raw !== undefined && !sameJson(bound, raw)) await write(SECRETS, bound, area);
  }
}

/** True when a storage change touches settings or secrets, which both decide what gets polled. */
export function isSettingsChange(changes: Record<string, unknown>, area: string): boolean {
  return (
    touches(SETTINGS, changes, area) || touches(SECRETS, changes, area, ['local', 'session']) || area === 'managed'
  );
}
