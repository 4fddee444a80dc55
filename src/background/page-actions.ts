// What the popup's buttons ask of the worker besides checks: support cases, pages, snoozes, resume.
import { REAUTHORIZED, STATUS_RECORDS, VERIFICATIONS } from '../core/stored-items';
import { outageFor } from '../core/outage';
import { readingsOf } from '../core/status';
import { statusLines } from '../core/support-summary';
import { openWatchDb, readFeeds, transitionsOfMany } from './db';
import { historiesOf } from '../core/history';
import { ADOBE_STATUS_URL, integrationsPageUrl, signInUrl, SUPPORT_URL } from '../core/links';
import type { PageName, SnoozeRequest, SupportAnswer } from '../core/messages';
import { openPages } from './open-pages';
import { vendorPageOf } from '../core/status-pages';
import { sourcesFor } from './sources';
import { integrationKey } from '../core/snooze';
import { setSnoozes } from './snoozes';
import { read } from '../shared/stored';
import { loadOwnSettings, loadSettings, saveSettings } from '../shared/storage';
import { supportSummary, type SummaryInput } from '../core/support-summary';
import { predictFor } from '../core/view';
import { findIntegration } from '../core/types';

/** Opens Adobe support and answers with the case summary; the popup puts it on the clipboard. */
export async function openSupportCase(
  accountId: string,
  integrationId: string,
  now = Date.now(),
): Promise<SupportAnswer> {
  const [settings, db, verifications, reauthorized, status] = await Promise.all([
    loadSettings(),
    openWatchDb(),
    read(VERIFICATIONS),
    read(REAUTHORIZED),
    read(STATUS_RECORDS),
  ]);
  const histories = historiesOf(await transitionsOfMany(db, [[accountId, integrationId]]), now);
  const account = settings.accounts.find((s) => s.id === accountId);
  const integration = findIntegration(await readFeeds(db), accountId, integrationId)?.integration;
  if (!account || !integration) return { ok: false };
  const key = integrationKey(accountId, integrationId);
  const tried = verifications[key]?.startedAt;
  const history = histories.get(key) ?? { breaks: 0 };
  const input: SummaryInput = { account, integration, history, now };
  if (tried !== undefined) input.reauthorizedAt = tried;
  const deadline = predictFor(settings, account, integration, reauthorized[key]);
  if (deadline) input.deadline = deadline;
  input.status = statusLines(integration, account, status);
  const summary = supportSummary(input);
  // The vendor's own support for a Fivetran, Airbyte or Stitch connection; Adobe's for MBI.
  const support = sourcesFor(account)[0]?.supportUrl ?? SUPPORT_URL;
  const opened = await openPages([support], settings);
  return { ok: opened !== null, summary };
}

/** Opens the status page of the outage that a broken integration's row reports. */
export async function openIncident(accountId: string, integrationId: string): Promise<boolean> {
  const [settings, db, status] = await Promise.all([loadSettings(), openWatchDb(), read(STATUS_RECORDS)]);
  const account = settings.accounts.find((s) => s.id === accountId);
  const integration = findIntegration(await readFeeds(db), accountId, integrationId)?.integration;
  const url = account && integration && outageFor(integration, account, readingsOf(status, Date.now()))?.event.url;
  return url !== undefined && (await openPages([url], settings)) !== null;
}

export async function openPage(page: PageName, accountId?: string): Promise<boolean> {
  const settings = await loadSettings();
  const account = settings.accounts.find((s) => s.id === accountId);
  // The status page of the account's pipeline: Adobe's for MBI, the vendor's where it speaks for the account.
  const statusUrl = account?.pipeline ? vendorPageOf(account)?.human : ADOBE_STATUS_URL;
  const url =
    page === 'adobe-status'
      ? statusUrl
      : account && (page === 'sign-in' ? signInUrl(account) : integrationsPageUrl(account));
  return url !== undefined && (await openPages([url], settings)) !== null;
}

export async function snooze(accountId: string, integrationId: string, request: SnoozeRequest | null): Promise<void> {
  await setSnoozes([integrationKey(accountId, integrationId)], request);
}

/**
 * From the admin's own settings: the merged ones lack the own accounts that a policy account replaces,
 * and saving those would delete them. A pause set by policy stays (saveSettings keeps locked fields).
 */
export async function resume(): Promise<void> {
  await saveSettings({ ...(await loadOwnSettings()), paused: false });
}
