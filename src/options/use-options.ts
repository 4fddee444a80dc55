// The options page's one link to storage: loads settings and secrets, saves them, follows changes.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { originPattern, sourceOrigins, type Secrets, type Settings, type SourceSettings } from '../shared/settings';
import { loadSecrets, loadSettings, saveSecrets, saveSettings } from '../shared/storage';

export interface OptionsState {
  settings: Settings;
  secrets: Secrets;
  /** Source ids whose hosts the extension may not contact. */
  missingAccess: Set<string>;
}

async function missingAccessOf(sources: readonly SourceSettings[]): Promise<Set<string>> {
  const checks = await Promise.all(sources.map(async (s) => [s.id, await browser.permissions.contains({ origins: sourceOrigins(s).map(originPattern) })] as const));
  return new Set(checks.filter(([, granted]) => !granted).map(([id]) => id));
}

async function readOptions(): Promise<OptionsState> {
  const [settings, secrets] = await Promise.all([loadSettings(), loadSecrets()]);
  return { settings, secrets, missingAccess: await missingAccessOf(settings.sources) };
}

/** Must run first in a click handler: Chrome only shows the permission prompt during a user gesture. */
export function requestAccess(source: SourceSettings): Promise<boolean> {
  return browser.permissions.request({ origins: sourceOrigins(source).map(originPattern) });
}

export function useOptions() {
  const [state, setState] = useState<OptionsState | null>(null);
  const reload = useCallback(() => void readOptions().then(setState), []);

  useEffect(() => {
    reload();
    browser.permissions.onAdded.addListener(reload);
    browser.permissions.onRemoved.addListener(reload);
    return () => {
      browser.permissions.onAdded.removeListener(reload);
      browser.permissions.onRemoved.removeListener(reload);
    };
  }, [reload]);

  const save = useCallback(async (settings: Settings, secrets?: Secrets) => {
    await saveSettings(settings);
    if (secrets) await saveSecrets(secrets);
    reload();
  }, [reload]);

  return { state, save, reload };
}
