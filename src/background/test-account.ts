// "Test connection" on the options page: the real adapters, once, for an account being edited.
import browser from '../shared/browser';
import { openWatchDb, readFeeds } from '../shared/db';
import { t, uiLocale } from '../shared/i18n';
import type { TestOutcome, TestResult } from '../shared/messages';
import { originPattern, accountOrigins, type AccountSettings } from '../shared/settings';
import type { FeedResult } from '../shared/types';
import { PROBLEM_STATES } from '../shared/view';
import { fetchConnections } from './sources/mbi-connections';
import { lastCycleCallOf, noteCycleCall } from './rate-rule';
import { fetchUpdateCycle, UPDATE_CYCLE_MIN_INTERVAL_MS } from './sources/mbi-update-cycle';

function outcome(result: FeedResult): TestOutcome {
  if (!result.ok) return { ok: false, kind: result.error.kind, message: result.error.message };
  if (result.data.feed === 'connections') {
    const { integrations } = result.data;
    return {
      ok: true,
      total: integrations.length,
      problems: integrations.filter((i) => PROBLEM_STATES.has(i.state)).length,
    };
  }
  return { ok: true, total: result.data.lastJob ? 1 : 0, problems: 0 };
}

/** Adobe's one-call-a-minute rule holds for tests too: the last call of this client counts, polls included. */
async function lastUpdateCall(account: AccountSettings): Promise<number> {
  const records = await readFeeds(await openWatchDb());
  const stored = records
    .filter((r) => r.feed === 'update-cycle' && r.accountId === account.id)
    .map((r) => r.lastAttemptAt);
  return Math.max(await lastCycleCallOf(account), ...stored);
}

export async function testAccount(
  account: AccountSettings,
  exportApiKey?: string,
  now = Date.now(),
): Promise<TestResult> {
  const granted = await browser.permissions.contains({ origins: accountOrigins(account).map(originPattern) });
  if (!granted) {
    const hosts = new Intl.ListFormat(uiLocale(), { type: 'conjunction' }).format(accountOrigins(account));
    const missing: TestOutcome = { ok: false, kind: 'permission-missing', message: t('test_no_host_access', hosts) };
    return { connections: missing };
  }
  const result: TestResult = { connections: outcome(await fetchConnections(account)) };
  if (exportApiKey) {
    const last = await lastUpdateCall(account);
    if (now - last < UPDATE_CYCLE_MIN_INTERVAL_MS) {
      const wait = Math.ceil((UPDATE_CYCLE_MIN_INTERVAL_MS - (now - last)) / 1000);
      result.updateCycle = { ok: 'skipped', message: t('test_update_status_wait', wait) };
    } else {
      await noteCycleCall(account, now);
      result.updateCycle = outcome(await fetchUpdateCycle(account, exportApiKey));
    }
  }
  return result;
}
