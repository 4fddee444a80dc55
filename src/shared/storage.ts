// Settings and secrets in extension storage. Preferences sync; secrets stay on this computer
// (storage.local, or storage.session when the admin prefers them gone when the browser closes).
import browser from './browser';
import { applyManaged, ownPart, parseManaged, type Managed } from './managed';
import { migrate } from './migrations';
import { parseSecrets, parseSettings, type Secrets, type Settings } from './settings';

const SETTINGS_KEY = 'settings';
const SECRETS_KEY = 'secrets';

export async function loadManaged(): Promise<Managed> {
  // Absent outside managed browsers and in some contexts: no policy then.
  const raw = await browser.storage.managed?.get().catch(() => ({}));
  return parseManaged(raw);
}

export async function loadOwnSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  return parseSettings(migrate(stored[SETTINGS_KEY]));
}

export async function loadSettings(): Promise<Settings> {
  const [own, managed] = await Promise.all([loadOwnSettings(), loadManaged()]);
  return applyManaged(own, managed);
}

/** Writes the admin's own settings: fields locked by policy keep the admin's own stored value. */
export async function saveSettings(settings: Settings): Promise<void> {
  const [own, managed] = await Promise.all([loadOwnSettings(), loadManaged()]);
  const kept = Object.fromEntries(Object.keys(managed.fields).map((field) => [field, own[field as keyof typeof managed.fields]]));
  await browser.storage.sync.set({ [SETTINGS_KEY]: parseSettings({ ...ownPart(settings), ...kept }) });
}

/** Runs on install and update: migrates and normalizes stored settings, writing only on a change. */
export async function migrateStoredSettings(): Promise<boolean> {
  const stored = (await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (stored === undefined) return false;
  const next = parseSettings(migrate(stored));
  if (sameJson(next, stored)) return false;
  await browser.storage.sync.set({ [SETTINGS_KEY]: next });
  return true;
}

/** Equal as JSON, whatever the order of object keys (Chrome may hand them back sorted). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical)
      : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
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

/** True when a storage change touches settings or secrets, which both decide what gets polled. */
export function isSettingsChange(changes: Record<string, unknown>, area: string): boolean {
  return (area === 'sync' && SETTINGS_KEY in changes) || ((area === 'local' || area === 'session') && SECRETS_KEY in changes) || area === 'managed';
}
