// Opening pages: every URL passes safeUrl() before a tab is opened.
import browser from '../shared/browser';
import type { Settings } from '../core/settings';
import { safeUrl } from '../core/url-safety';

export function configuredOrigins(settings: Settings): string[] {
  return settings.accounts.map((s) => s.appOrigin);
}

/**
 * Opens the URLs in order, each in a new tab, the last one in front; opens none if any is not allowed.
 * Returns the ids of the tabs opened, or null when refused.
 */
export async function openPages(urls: readonly string[], settings: Settings): Promise<number[] | null> {
  const safe = urls.map((u) => safeUrl(u, configuredOrigins(settings))).filter((u): u is string => u !== null);
  if (safe.length !== urls.length || safe.length === 0) return null;
  const ids: number[] = [];
  for (const [i, url] of safe.entries()) {
    const tab = await browser.tabs.create({ url, active: i === safe.length - 1 });
    if (tab.id !== undefined) ids.push(tab.id);
  }
  return ids;
}
