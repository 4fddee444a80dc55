// The options page's writes: settings and keys saved all or nothing, and the notices of dropped keys.
import browser from '../shared/browser';
import { nextDropped, parseDroppedKeys, reconcileKeys, type DroppedKeys } from '../shared/key-binding';
import { SETTINGS_KEY } from '../shared/messages';
import { isNewerSettings, parseSecrets, type Secrets, type Settings } from '../shared/settings';
import {
  DROPPED_KEY,
  loadSettings,
  NewerSettingsError,
  readStored,
  saveSecrets,
  saveSettings,
  sameJson,
  SECRETS_KEY,
  type Stored,
} from '../shared/storage';

export async function storedSettingsAreNewer(): Promise<boolean> {
  return isNewerSettings((await browser.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

/** True while any key is kept on disk (storage.local). */
export async function keysOnDisk(): Promise<boolean> {
  return Object.keys(parseSecrets((await browser.storage.local.get(SECRETS_KEY))[SECRETS_KEY])).length > 0;
}

export async function loadDroppedKeys(): Promise<DroppedKeys> {
  return parseDroppedKeys((await browser.storage.local.get(DROPPED_KEY))[DROPPED_KEY]);
}

export async function dismissDroppedKey(accountId: string): Promise<void> {
  const notices = await loadDroppedKeys();
  delete notices[accountId];
  await browser.storage.local.set({ [DROPPED_KEY]: notices });
}

function put(area: typeof browser.storage.local, key: string, value: unknown): Promise<void> {
  return value === undefined ? area.remove(key) : area.set({ [key]: value });
}

async function restore(stored: Stored): Promise<void> {
  await Promise.all([
    put(browser.storage.sync, SETTINGS_KEY, stored.settings),
    put(browser.storage.local, SECRETS_KEY, stored.local),
    put(browser.storage.session, SECRETS_KEY, stored.session),
    put(browser.storage.local, DROPPED_KEY, stored.dropped),
  ]);
}

/**
 * Saves settings and keys; a key that does not fit its account in the new settings is dropped, with a
 * notice. Each state between the writes is one the worker's reconcile leaves alone (first the keys that
 * fit both old and new settings, then the settings, then every key), and a failed write puts back all
 * that was there: nothing is left half saved.
 */
export async function saveSettingsAndKeys(settings: Settings, keys?: Secrets): Promise<void> {
  const [stored, current] = await Promise.all([readStored(), loadSettings()]);
  if (isNewerSettings(stored.settings)) throw new NewerSettingsError();
  const held = parseSecrets(current.secretsInSession ? stored.session : stored.local);
  const { kept, dropped } = reconcileKeys(keys ?? held, settings.accounts);
  const interim = reconcileKeys(kept, current.accounts).kept;
  try {
    if (!sameJson(interim, held)) await saveSecrets(interim, current);
    await saveSettings(settings);
    await saveSecrets(kept, settings);
    const notices = nextDropped(parseDroppedKeys(stored.dropped), kept, dropped, settings.accounts);
    if (!sameJson(notices, stored.dropped ?? {})) await browser.storage.local.set({ [DROPPED_KEY]: notices });
  } catch (error) {
    // The write that failed is what the admin needs to hear about, not a failed restore.
    await restore(stored).catch(() => undefined);
    throw error;
  }
}
