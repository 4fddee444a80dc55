// The options page's one link to storage and the worker: loads, saves, follows changes, runs tests.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import type { Managed } from '../shared/managed';
import { MSG, type Command, type TestResult } from '../shared/messages';
import { originPattern, sourceOrigins, type Secrets, type Settings, type SourceSettings } from '../shared/settings';
import { loadManaged, loadSecrets, loadSettings, saveSecrets, saveSettings } from '../shared/storage';

export interface OptionsState {
  settings: Settings;
  secrets: Secrets;
  managed: Managed;
  /** Source ids whose hosts the extension may not contact. */
  missingAccess: Set<string>;
  notificationsGranted: boolean;
}

async function missingAccessOf(sources: readonly SourceSettings[]): Promise<Set<string>> {
  const checks = await Promise.all(sources.map(async (s) => [s.id, await browser.permissions.contains({ origins: sourceOrigins(s).map(originPattern) })] as const));
  return new Set(checks.filter(([, granted]) => !granted).map(([id]) => id));
}

async function readOptions(): Promise<OptionsState> {
  const [settings, managed] = await Promise.all([loadSettings(), loadManaged()]);
  const [secrets, missingAccess, notificationsGranted] = await Promise.all([
    loadSecrets(settings),
    missingAccessOf(settings.sources),
    browser.permissions.contains({ permissions: ['notifications'] }),
  ]);
  return { settings, secrets, managed, missingAccess, notificationsGranted };
}

/** Must run first in a click handler: Chrome only shows the permission prompt during a user gesture. */
export function requestAccess(source: SourceSettings): Promise<boolean> {
  return browser.permissions.request({ origins: sourceOrigins(source).map(originPattern) });
}

export function requestNotifications(): Promise<boolean> {
  return browser.permissions.request({ permissions: ['notifications'] });
}

export async function runTest(source: SourceSettings, exportApiKey: string): Promise<TestResult> {
  const command: Command = exportApiKey ? { type: MSG.testSource, source, exportApiKey } : { type: MSG.testSource, source };
  return browser.runtime.sendMessage<Command, TestResult>(command);
}

export function useOptions() {
  const [state, setState] = useState<OptionsState | null>(null);
  const reload = useCallback(() => void readOptions().then(setState), []);

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

  /** Saves settings (and secrets, in the area the settings choose); secrets first, so a poll sees both. */
  const save = useCallback(async (settings: Settings, secrets?: Secrets) => {
    if (secrets) await saveSecrets(secrets, settings);
    await saveSettings(settings);
    reload();
  }, [reload]);

  return { state, save };
}
