// A source's spacing rule (Adobe: at least 60 s between Update Cycle Status calls per client). The time of
// each call is kept per source and group in storage.session, so polls, "Test connection" and a restarted
// worker all see the same last call; the stored records' last attempts count too.
import { RATE_CALLS } from '../core/stored-items';
import { read, write } from '../shared/stored';
import type { AccountSettings } from '../core/settings';
import type { FeedRecord } from '../core/types';
import type { Source } from './sources/source';

function groupKey(source: Source, account: AccountSettings): string | undefined {
  return source.rate && `${source.feed}|${source.rate.group(account)}`;
}

const calls = () => read(RATE_CALLS);

/** How long until the rule allows a call for this account (0: now), counting every account of its group. */
export async function waitBefore(
  source: Source,
  account: AccountSettings,
  accounts: readonly AccountSettings[],
  records: readonly FeedRecord[],
  now: number,
): Promise<number> {
  const group = groupKey(source, account);
  if (!source.rate || group === undefined) return 0;
  const same = new Set(accounts.filter((a) => groupKey(source, a) === group).map((a) => a.id));
  const stored = records.filter((r) => r.feed === source.feed && same.has(r.accountId)).map((r) => r.lastAttemptAt);
  const last = Math.max((await calls())[group] ?? -Infinity, ...stored);
  return Math.max(0, last + source.rate.minIntervalMs - now);
}

/** Noted before the request goes out, so that nothing else calls for the same group meanwhile. */
export async function noteCall(source: Source, account: AccountSettings, at: number): Promise<void> {
  const group = groupKey(source, account);
  if (group !== undefined) await write(RATE_CALLS, { ...(await calls()), [group]: at });
}

/** Accounts whose calls share a rule of some source: they are polled one after another. */
export function ruleGroup(sources: readonly Source[], account: AccountSettings): string {
  return sources.map((s) => groupKey(s, account) ?? '').join(' ');
}
