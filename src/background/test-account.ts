// "Test connection" on the options page: the real adapters, once, for an account being edited.
import browser from '../shared/browser';
import { openWatchDb, readFeeds } from './db';
import { t, uiLocale } from '../core/i18n';
import type { TestOutcome, TestResult } from '../core/messages';
import { originPattern, accountOrigins, type AccountSettings } from '../core/settings';
import { isListData, type FeedResult } from '../core/types';
import { PROBLEM_STATES } from '../core/view';
import { noteCall, waitBefore } from './rate-rule';
import { bindKey } from '../core/key-binding';
import { mbiConnections } from './sources/mbi-connections';
import { mbiUpdateCycle } from './sources/mbi-update-cycle';
import { sourcesFor } from './sources';

function outcome(result: FeedResult): TestOutcome {
  if (!result.ok) return { ok: false, kind: result.error.kind, message: result.error.message };
  if (isListData(result.data)) {
    const { integrations } = result.data;
    return {
      ok: true,
      total: integrations.length,
      problems: integrations.filter((i) => PROBLEM_STATES.has(i.state)).length,
    };
  }
  return { ok: true, total: 'lastJob' in result.data && result.data.lastJob ? 1 : 0, problems: 0 };
}

export async function testAccount(
  account: AccountSettings,
  exportApiKey?: string,
  now = Date.now(),
  secret?: string,
): Promise<TestResult> {
  const granted = await browser.permissions.contains({ origins: accountOrigins(account).map(originPattern) });
  if (!granted) {
    const hosts = new Intl.ListFormat(uiLocale(), { type: 'conjunction' }).format(accountOrigins(account));
    const missing: TestOutcome = { ok: false, kind: 'permission-missing', message: t('test_no_host_access', hosts) };
    return { connections: missing };
  }
  if (account.pipeline) {
    // Fivetran, Airbyte, Stitch: one source each, and it needs the credential being tested.
    const [source] = sourcesFor(account);
    const key = exportApiKey ? bindKey(exportApiKey, account, secret) : undefined;
    const missing: TestOutcome = { ok: false, kind: 'key-rejected', message: t('test_no_pipeline_key') };
    return { connections: source && key ? outcome(await source.fetch(account, key, {})) : missing };
  }
  const result: TestResult = { connections: outcome(await mbiConnections.fetch(account, undefined, {})) };
  if (exportApiKey) {
    // Adobe's one-call-a-minute rule holds for tests too: the last call of this account counts, polls included.
    const records = (await readFeeds(await openWatchDb())).filter((r) => r.accountId === account.id);
    const wait = await waitBefore(mbiUpdateCycle, account, [account], records, now);
    if (wait > 0) {
      result.updateCycle = { ok: 'skipped', message: t('test_update_status_wait', Math.ceil(wait / 1000)) };
    } else {
      await noteCall(mbiUpdateCycle, account, now);
      result.updateCycle = outcome(await mbiUpdateCycle.fetch(account, bindKey(exportApiKey, account), {}));
    }
  }
  return result;
}
