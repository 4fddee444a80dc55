// After Re-authorize: open the pages, remember the attempt, check again when the tab closes and a
// minute later, and record "fixed" or "still failing".
import { VERIFICATIONS } from '../core/stored-items';
import browser from '../shared/browser';
import { openWatchDb, readFeeds } from './db';
import { VERIFY_ALARM } from '../core/messages';
import { openPages } from './open-pages';
import { integrationKey } from '../core/snooze';
import { loadSettings } from '../shared/storage';
import { findIntegration, type FeedRecord } from '../core/types';
import { sourceFor } from './sources';
import { FOLLOW_MS, judge, RECHECK_MS, type Verifications } from '../core/verification';
import { read, write } from '../shared/stored';
import { noteOwnWrite } from './own-writes';

const loadVerifications = () => read(VERIFICATIONS);
const saveVerifications = (verifications: Verifications) => write(VERIFICATIONS, verifications);

export async function startReauthorization(
  accountId: string,
  integrationId: string,
  now = Date.now(),
): Promise<boolean> {
  const [settings, db] = await Promise.all([loadSettings(), openWatchDb()]);
  const account = settings.accounts.find((s) => s.id === accountId);
  const found = findIntegration(await readFeeds(db), accountId, integrationId);
  const pages = found && account && sourceFor(found.record.feed)?.reauthorize?.(account, found.integration);
  if (!found || !pages) return false;
  const { integration } = found;
  const tabIds = await openPages(pages, settings);
  if (!tabIds) return false;
  const verifications = await loadVerifications();
  verifications[integrationKey(accountId, integrationId)] = {
    accountId,
    integrationId,
    name: integration.name,
    startedAt: now,
    tabIds,
  };
  await saveVerifications(verifications);
  await browser.alarms.create(VERIFY_ALARM, { delayInMinutes: RECHECK_MS / 60_000 });
  return true;
}

/** Accounts with a re-authorization still being followed. */
export async function accountsToRecheck(now = Date.now()): Promise<string[]> {
  const pending = Object.values(await loadVerifications()).filter(
    (v) => v.result !== 'fixed' && v.result !== 'removed' && now - v.startedAt < FOLLOW_MS,
  );
  return [...new Set(pending.map((v) => v.accountId))];
}

/** A closed tab ends its part of a re-authorization; returns the accounts whose attempt it finished. */
export async function onTabClosed(tabId: number): Promise<string[]> {
  const verifications = await loadVerifications();
  const hit = Object.values(verifications).filter((v) => v.tabIds.includes(tabId));
  if (hit.length === 0) return [];
  for (const v of hit) v.tabIds = v.tabIds.filter((id) => id !== tabId);
  await saveVerifications(verifications);
  return [...new Set(hit.filter((v) => v.tabIds.length === 0).map((v) => v.accountId))];
}

/** After every poll: judges the re-authorizations that are due, and returns them all as now stored. */
export async function updateVerifications(
  verifications: Verifications,
  records: readonly FeedRecord[],
  now = Date.now(),
): Promise<Verifications> {
  if (Object.keys(verifications).length === 0) return verifications;
  const judged = judge(verifications, records, now);
  if (JSON.stringify(judged) === JSON.stringify(verifications)) return verifications;
  // Judged again from a fresh read: a re-authorization started while the check ran must not be lost.
  const latest = judge(await loadVerifications(), records, now);
  noteOwnWrite(VERIFICATIONS.key, latest);
  await saveVerifications(latest);
  return latest;
}
