// What the popup's buttons ask of the worker besides checks: support cases, pages, snoozes, resume.
import { openWatchDb, readFeed } from '../shared/db';
import { ADOBE_STATUS_URL, integrationsPageUrl, signInUrl, SUPPORT_URL } from '../shared/links';
import type { PageName, SnoozeRequest, SupportAnswer } from '../shared/messages';
import { openPages } from '../shared/open-pages';
import { integrationKey, setSnooze } from '../shared/snooze';
import { loadOwnSettings, loadSettings, saveSettings } from '../shared/storage';
import { supportSummary } from '../shared/support-summary';
import { loadVerifications } from '../shared/verification';
import { loadHistories } from './watch-state';

/** Opens Adobe support and answers with the case summary; the popup puts it on the clipboard. */
export async function openSupportCase(
  accountId: string,
  integrationId: string,
  now = Date.now(),
): Promise<SupportAnswer> {
  const [settings, db, verifications, histories] = await Promise.all([
    loadSettings(),
    openWatchDb(),
    loadVerifications(),
    loadHistories(now, [[accountId, integrationId]]),
  ]);
  const account = settings.accounts.find((s) => s.id === accountId);
  const record = await readFeed(db, accountId, 'connections');
  const integration =
    record?.data?.feed === 'connections' ? record.data.integrations.find((i) => i.id === integrationId) : undefined;
  if (!account || !integration) return { ok: false };
  const key = integrationKey(accountId, integrationId);
  const tried = verifications[key]?.startedAt;
  const history = histories.get(key) ?? { breaks: 0 };
  const summary = supportSummary(
    tried === undefined
      ? { account, integration, history, now }
      : { account, integration, history, now, reauthorizedAt: tried },
  );
  const opened = await openPages([SUPPORT_URL], settings);
  return { ok: opened !== null, summary };
}

export async function openPage(page: PageName, accountId?: string): Promise<boolean> {
  const settings = await loadSettings();
  const account = settings.accounts.find((s) => s.id === accountId);
  const url =
    page === 'adobe-status'
      ? ADOBE_STATUS_URL
      : account && (page === 'sign-in' ? signInUrl(account) : integrationsPageUrl(account));
  return url !== undefined && (await openPages([url], settings)) !== null;
}

export async function snooze(accountId: string, integrationId: string, request: SnoozeRequest | null): Promise<void> {
  await setSnooze(integrationKey(accountId, integrationId), request);
}

/**
 * From the admin's own settings: the merged ones lack the own accounts that a policy account replaces,
 * and saving those would delete them. A pause set by policy stays (saveSettings keeps locked fields).
 */
export async function resume(): Promise<void> {
  await saveSettings({ ...(await loadOwnSettings()), paused: false });
}
