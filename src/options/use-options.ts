// The options page's one link to storage and the worker: loads, saves, follows changes, runs tests.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../core/i18n';
import type { DroppedKeys } from '../core/key-binding';
import type { Managed } from '../core/managed';
import { MSG, type Command, type TestResult } from '../core/messages';
import { originPattern, accountOrigins, type Secrets, type Settings, type AccountSettings } from '../core/settings';
import { loadManaged, loadSecrets, loadSettings } from '../shared/storage';
import { send } from '../shared/send';
import type { PollLogEntry } from '../core/types';
import { recentPolls } from './poll-log';
import { keysOnDisk, loadDroppedKeys, saveSettingsAndKeys, storedSettingsAreNewer } from './save-settings';

export interface OptionsState {
  settings: Settings;
  secrets: Secrets;
  managed: Managed;
  /** Account ids whose hosts the extension may not contact. */
  missingAccess: Set<string>;
  notificationsGranted: boolean;
  /** Settings written by a newer version: shown, never saved from here. */
  newer: boolean;
  /** A key is still on disk (storage.local), e.g. while keys move to storage.session. */
  keysOnDisk: boolean;
  /** Keys removed because their account changed API host or client id. */
  dropped: DroppedKeys;
  /** The last checks from the poll log, most recent first, or why the log could not be read. */
  recentChecks: PollLogEntry[] | { unreadable: string };
}

/** How many checks the Recent checks panel lists. */
const RECENT_CHECKS = 20;

/** What a failed save or request says after "Not saved:" (Chrome's own message, e.g. a storage quota). */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function notSaved(error: unknown): string {
  return t('options_not_saved', reasonOf(error));
}

async function missingAccessOf(accounts: readonly AccountSettings[]): Promise<Set<string>> {
  const checks = await Promise.all(
    accounts.map(
      async (s) =>
        [s.id, await browser.permissions.contains({ origins: accountOrigins(s).map(originPattern) })] as const,
    ),
  );
  return new Set(checks.filter(([, granted]) => !granted).map(([id]) => id));
}

/** A failure to read the poll log leaves the settings usable. */
async function readRecentChecks(): Promise<OptionsState['recentChecks']> {
  try {
    return await recentPolls(RECENT_CHECKS);
  } catch (error) {
    return { unreadable: reasonOf(error) };
  }
}

async function readOptions(): Promise<OptionsState> {
  const [settings, managed] = await Promise.all([loadSettings(), loadManaged()]);
  const [secrets, missingAccess, notificationsGranted, newer, onDisk, dropped, recentChecks] = await Promise.all([
    loadSecrets(settings),
    missingAccessOf(settings.accounts),
    browser.permissions.contains({ permissions: ['notifications'] }),
    storedSettingsAreNewer(),
    keysOnDisk(),
    loadDroppedKeys(),
    readRecentChecks(),
  ]);
  return {
    settings,
    secrets,
    managed,
    missingAccess,
    notificationsGranted,
    newer,
    keysOnDisk: onDisk,
    dropped,
    recentChecks,
  };
}

/** Must run first in a click handler: Chrome only shows the permission prompt during a user gesture. */
export function requestAccess(account: AccountSettings): Promise<boolean> {
  return browser.permissions.request({ origins: accountOrigins(account).map(originPattern) });
}

export function requestNotifications(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['notifications'] });
}

/** Runs Test connection in the worker with the credential to try ('' for none; `secret` is its second half). */
export async function runTest(account: AccountSettings, exportApiKey: string, secret = ''): Promise<TestResult> {
  const command: Command = { type: MSG.testAccount, account };
  if (exportApiKey) command.exportApiKey = exportApiKey;
  if (exportApiKey && secret) command.secret = secret;
  const sent = await send(command);
  if (!sent.sent) throw new Error(sent.reason);
  if (!sent.answer) throw new Error('No answer from the extension.');
  return sent.answer;
}

export function useOptions() {
  const [state, setState] = useState<OptionsState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const reload = useCallback(() => {
    readOptions().then(
      (next) => {
        setState(next);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(t('options_load_failed', reasonOf(error))),
    );
  }, []);

  useEffect(() => {
    reload();
    browser.permissions.onAdded.addListener(reload);
    browser.permissions.onRemoved.addListener(reload);
    browser.storage.onChanged.addListener(reload);
    return () => {
      browser.permissions.onAdded.removeListener(reload);
      browser.permissions.onRemoved.removeListener(reload);
      browser.storage.onChanged.removeListener(reload);
    };
  }, [reload]);

  /** Saves settings (and keys, in the area the settings choose) all or nothing; a failure is thrown to the form. */
  const save = useCallback(
    async (settings: Settings, secrets?: Secrets) => {
      await saveSettingsAndKeys(settings, secrets);
      reload();
    },
    [reload],
  );

  return { state, save, loadError };
}
