// Settings and secrets in extension storage. Preferences sync; secrets stay in storage.local.
import browser from 'webextension-polyfill';
import { parseSecrets, parseSettings, type Secrets, type Settings } from './settings';

const SETTINGS_KEY = 'settings';
const SECRETS_KEY = 'secrets';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  return parseSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.sync.set({ [SETTINGS_KEY]: parseSettings(settings) });
}

export async function loadSecrets(): Promise<Secrets> {
  const stored = await browser.storage.local.get(SECRETS_KEY);
  return parseSecrets(stored[SECRETS_KEY]);
}

export async function saveSecrets(secrets: Secrets): Promise<void> {
  await browser.storage.local.set({ [SECRETS_KEY]: parseSecrets(secrets) });
}

/** True when a storage change touches settings or secrets, which both decide what gets polled. */
export function isSettingsChange(changes: Record<string, unknown>, area: string): boolean {
  return (area === 'sync' && SETTINGS_KEY in changes) || (area === 'local' && SECRETS_KEY in changes);
}
