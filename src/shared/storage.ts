// Settings and secrets in extension storage. Preferences sync; secrets stay on this computer
// (storage.local, or storage.session when the admin prefers them gone when the browser closes).
import browser from './browser';
import { SETTINGS_KEY } from './messages';
import { t } from './i18n';
import { bindLegacyKeys, nextDropped, parseDroppedKeys, reconcileKeys } from './key-binding';
import { applyManaged, ownPart, parseManaged, type Managed } from './managed';
import { migrate } from './migrations';
import { isNewerSettings, parseSecrets, parseSettings, type Secrets, type Settings } from './settings';

export const SECRETS_KEY = 'secrets';
/** Notices of keys removed because their account changed host or client (storage.local). */
export const DROPPED_KEY = 'droppedKeys';

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
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  return parseSettings(migrate(stored[SETTINGS_KEY]));
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
  const [stored, managed] = await Promise.all([browser.storage.sync.get(SETTINGS_KEY), loadManaged()]);
  if (isNewerSettings(stored[SETTINGS_KEY])) throw new NewerSettingsError();
  const own = parseSettings(migrate(stored[SETTINGS_KEY]));
  const kept = Object.fromEntries(
    Object.keys(managed.fields).map((field) => [field, own[field as keyof typeof managed.fields]]),
  );
  await browser.storage.sync.set({ [SETTINGS_KEY]: parseSettings({ ...ownPart(settings), ...kept }) });
}

/** Runs on install and update: migrates and normalizes stored settings, writing only on a change. */
export async function migrateStoredSettings(): Promise<boolean> {
  const stored = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (stored === undefined || isNewerSettings(stored)) return false;
  const next = parseSettings(migrate(stored));
  if (sameJson(next, stored)) return false;
  await browser.storage.sync.set({ [SETTINGS_KEY]: next });
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

function secretsArea(inSession: boolean) {
  return inSession ? browser.storage.session : browser.storage.local;
}

export async function loadSecrets(settings?: Pick<Settings, 'secretsInSession'>): Promise<Secrets> {
  const inSession = (settings ?? (await loadOwnSettings())).secretsInSession;
  const stored = await secretsArea(inSession).get(SECRETS_KEY);
  return parseSecrets(stored[SECRETS_KEY]);
}

export async function saveSecrets(secrets: Secrets, settings?: Pick<Settings, 'secretsInSession'>): Promise<void> {
  const inSession = (settings ?? (await loadOwnSettings())).secretsInSession;
  await secretsArea(inSession).set({ [SECRETS_KEY]: parseSecrets(secrets) });
  // A key lives in one place only.
  await secretsArea(!inSession).remove(SECRETS_KEY);
}

export interface Stored {
  settings: unknown;
  local: unknown;
  session: unknown;
  dropped: unknown;
}

/** Settings, keys in both areas and the notices of dropped keys, as stored. */
export async function readStored(): Promise<Stored> {
  const [sync, local, session] = await Promise.all([
    browser.storage.sync.get(SETTINGS_KEY),
    browser.storage.local.get([SECRETS_KEY, DROPPED_KEY]),
    browser.storage.session.get(SECRETS_KEY),
  ]);
  return {
    settings: sync[SETTINGS_KEY],
    local: local[SECRETS_KEY],
    session: session[SECRETS_KEY],
    dropped: local[DROPPED_KEY],
  };
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
  if (!sameJson(notices, stored.dropped ?? {})) await browser.storage.local.set({ [DROPPED_KEY]: notices });
}

/** On install and update, before settings are migrated: binds keys stored before keys were bound. */
export async function bindLegacyStoredKeys(): Promise<void> {
  const [stored, settings] = await Promise.all([readStored(), loadSettings()]);
  for (const [area, raw] of [
    [browser.storage.local, stored.local],
    [browser.storage.session, stored.session],
  ] as const) {
    const bound = bindLegacyKeys(raw, settings.accounts);
    if (raw !== undefined && !sameJson(bound, raw)) await area.set({ [SECRETS_KEY]: bound });
  }
}

/** True when a storage change touches settings or secrets, which both decide what gets polled. */
export function isSettingsChange(changes: Record<string, unknown>, area: string): boolean {
  return (
    (area === 'sync' && SETTINGS_KEY in changes) ||
    ((area === 'local' || area === 'session') && SECRETS_KEY in changes) ||
    area === 'managed'
  );
}
