// The options page's writes: settings and keys saved all or nothing, and the notices of dropped keys.
import { DROPPED_KEYS, SECRETS, SETTINGS } from '../core/stored-items';
import { nextDropped, parseDroppedKeys, reconcileKeys, type DroppedKeys } from '../core/key-binding';
import { isNewerSettings, parseSecrets, type Secrets, type Settings } from '../core/settings';
import { read, readRaw, restoreRaw, write } from '../shared/stored';
import {
  loadSettings,
  NewerSettingsError,
  readStored,
  saveSecrets,
  saveSettings,
  sameJson,
  type Stored,
} from '../shared/storage';

export async function storedSettingsAreNewer(): Promise<boolean> {
  return isNewerSettings(await readRaw(SETTINGS));
}

/** True while any key is kept on disk (storage.local). */
export async function keysOnDisk(): Promise<boolean> {
  return Object.keys(await read(SECRETS, 'local')).length > 0;
}

export async function loadDroppedKeys(): Promise<DroppedKeys> {
  return read(DROPPED_KEYS);
}

export async function dismissDroppedKey(accountId: string): Promise<void> {
  const notices = await loadDroppedKeys();
  delete notices[accountId];
  await write(DROPPED_KEYS, notices);
}

async function restore(stored: Stored): Promise<void> {
  await Promise.all([
    restoreRaw(SETTINGS, stored.settings),
    restoreRaw(SECRETS, stored.local, 'local'),
    restoreRaw(SECRETS, stored.session, 'session'),
    restoreRaw(DROPPED_KEYS, stored.dropped),
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
    if (!sameJson(notices, stored.dropped ?? {})) await write(DROPPED_KEYS, notices);
  } catch (error) {
    // The write that failed is what the admin needs to hear about, not a failed restore.
    await restore(stored).catch(() => undefined);
    throw error;
  }
}
