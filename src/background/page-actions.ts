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
  sourceId: string,
  integrationId: string,
  now = Date.now(),
): Promise<SupportAnswer> {
  const [settings, db, verifications, histories] = await Promise.all([
    loadSettings(),
    openWatchDb(),
    loadVerifications(),
    loadHistories(now, [[sourceId, integrationId]]),
  ]);
  const source = settings.sources.find((s) => s.id === sourceId);
  const record = await readFeed(db, sourceId, 'connections');
  const integration =
    record?.data?.feed === 'connections' ? record.data.integrations.find((i) => i.id === integrationId) : undefined;
  if (!source || !integration) return { ok: false };
  const key = integrationKey(sourceId, integrationId);
  const tried = verifications[key]?.startedAt;
  const history = histories.get(key) ?? { breaks: 0 };
  const summary = supportSummary(
    tried === undefined
      ? { source, integration, history, now }
      : { source, integration, history, now, reauthorizedAt: tried },
  );
  const opened = await openPages([SUPPORT_URL], settings);
  return { ok: opened !== null, summary };
}

export async function openPage(page: PageName, sourceId?: string): Promise<boolean> {
  const settings = await loadSettings();
  const source = settings.sources.find((s) => s.id === sourceId);
  const url =
    page === 'adobe-status'
      ? ADOBE_STATUS_URL
      : source && (page === 'sign-in' ? signInUrl(source) : integrationsPageUrl(source));
  return url !== undefined && (await openPages([url], settings)) !== null;
}

export async function snooze(sourceId: string, integrationId: string, request: SnoozeRequest | null): Promise<void> {
  await setSnooze(integrationKey(sourceId, integrationId), request);
}

/**
 * From the admin's own settings: the merged ones lack the own accounts that a policy account replaces,
 * and saving those would delete them. A pause set by policy stays (saveSettings keeps locked fields).
 */
export async function resume(): Promise<void> {
  await saveSettings({ ...(await loadOwnSettings()), paused: false });
}
