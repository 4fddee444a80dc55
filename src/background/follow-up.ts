// After Re-authorize: open the pages, remember the attempt, check again when the tab closes and a
// minute later, and record "fixed" or "still failing".
import browser from '../shared/browser';
import { openWatchDb, readFeed } from '../shared/db';
import { reauthPages } from '../shared/links';
import { VERIFY_ALARM } from '../shared/messages';
import { openPages } from '../shared/open-pages';
import { integrationKey } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import type { FeedRecord } from '../shared/types';
import {
  FOLLOW_MS,
  judge,
  loadVerifications,
  RECHECK_MS,
  saveVerifications,
  type Verifications,
} from '../shared/verification';

export async function startReauthorization(
  accountId: string,
  integrationId: string,
  now = Date.now(),
): Promise<boolean> {
  const [settings, db] = await Promise.all([loadSettings(), openWatchDb()]);
  const account = settings.accounts.find((s) => s.id === accountId);
  const record = await readFeed(db, accountId, 'connections');
  const integration =
    record?.data?.feed === 'connections' ? record.data.integrations.find((i) => i.id === integrationId) : undefined;
  if (!account || !integration) return false;
  const tabIds = await openPages(reauthPages(account, integration), settings);
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
  await saveVerifications(judged);
  return judged;
}
