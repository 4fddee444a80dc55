// The poll step of the check cycle: each due source of each account fetched, merged and stored; the
// records as they now stand are handed back, so nothing reads again what was just written.
import browser from '../shared/browser';
import { keepAccounts, recordPoll, type WatchDb } from './db';
import { originPattern, accountOrigins, type AccountSettings, type Secrets, type Settings } from '../core/settings';
import { feedKey, type FeedError, type FeedRecord, type FeedResult, type Transition } from '../core/types';
import { notBeforeAfter } from '../core/backoff';
import { noteCall, ruleGroup, waitBefore } from './rate-rule';
import { SOURCES, sourcesFor } from './sources';
import type { Source } from './sources/source';

/** What a cycle was asked to do; requests that arrive during a cycle are merged into the next one. */
export interface CycleRequest {
  /** A person asked: skip the backoff wait (never Retry-After or a source's spacing rule). */
  force: boolean;
  /** Catch-up on wake, or a change that needs no fetch: poll only what is older than the interval. */
  onlyOverdue?: boolean;
  /** Only these accounts; all when unset. */
  accountIds?: readonly string[];
  /** When it was asked for, if it had to wait: what was checked since then counts as done for an automatic check. */
  at?: number;
}

export interface Clock {
  now: () => number;
  random: () => number;
}

export interface PollInput {
  settings: Settings;
  secrets: Secrets;
  records: readonly FeedRecord[];
}

function isDue(record: FeedRecord | undefined, request: CycleRequest, now: number, intervalMs: number): boolean {
  if (!request.force && request.at !== undefined && record !== undefined && record.lastAttemptAt >= request.at)
    return false;
  if (request.onlyOverdue && record !== undefined && now - record.lastAttemptAt < intervalMs) return false;
  if (record?.notBefore === undefined || record.notBefore <= now) return true;
  return request.force && record.error?.kind !== 'rate-limited';
}

function nextRecord(
  base: Pick<FeedRecord, 'key' | 'accountId' | 'feed'>,
  previous: FeedRecord | undefined,
  result: FeedResult,
  settings: Settings,
  now: number,
  random: () => number,
): FeedRecord {
  const stamp = { ...base, lastAttemptAt: now };
  if (result.ok) return { ...stamp, lastSuccessAt: now, failures: 0, data: result.data };
  // Offline and missing access were not attempts at the host: they must not push the next poll back.
  const attempted = result.error.kind !== 'offline' && result.error.kind !== 'permission-missing';
  const failures = (previous?.failures ?? 0) + (attempted ? 1 : 0);
  const record: FeedRecord = { ...stamp, failures, error: result.error };
  if (previous?.lastSuccessAt !== undefined) record.lastSuccessAt = previous.lastSuccessAt;
  if (previous?.data !== undefined) record.data = previous.data;
  if (!attempted) return record;
  const notBefore = notBeforeAfter(failures, result.error, settings.pollMinutes * 60_000, now, random);
  if (notBefore !== undefined) record.notBefore = notBefore;
  return record;
}

/** Stores one source's outcome with its transitions and log line, in one transaction; returns the record. */
async function store(
  db: WatchDb,
  source: Source,
  account: AccountSettings,
  previous: FeedRecord | undefined,
  result: FeedResult,
  settings: Settings,
  started: number,
  clock: Clock,
): Promise<FeedRecord> {
  const now = clock.now();
  let outcome = result;
  let transitions: Transition[] = [];
  if (result.ok && source.merge) {
    const merged = source.merge(account.id, previous?.data, result.data, now);
    outcome = { ok: true, data: merged.data };
    transitions = merged.transitions;
  }
  const base = { key: feedKey(account.id, source.feed), accountId: account.id, feed: source.feed };
  const record = nextRecord(base, previous, outcome, settings, now, clock.random);
  await recordPoll(db, record, transitions, {
    accountId: account.id,
    feed: source.feed,
    at: now,
    outcome: result.ok ? 'ok' : result.error.kind,
    durationMs: now - started,
  });
  return record;
}

async function blockedBy(account: AccountSettings): Promise<FeedError | undefined> {
  if (!(await browser.permissions.contains({ origins: accountOrigins(account).map(originPattern) })))
    return { kind: 'permission-missing', message: `No host access to ${accountOrigins(account).join(' and ')}.` };
  if (typeof navigator !== 'undefined' && navigator.onLine === false)
    return { kind: 'offline', message: 'The browser is offline.' };
  return undefined;
}

/** Polls the due sources of one account; `records` (by key) is updated as each is stored. */
async function pollAccount(
  db: WatchDb,
  account: AccountSettings,
  input: PollInput,
  records: Map<string, FeedRecord>,
  request: CycleRequest,
  clock: Clock,
): Promise<void> {
  const { settings, secrets } = input;
  const interval = settings.pollMinutes * 60_000;
  const blocked = await blockedBy(account);
  const sources = sourcesFor(account);
  for (const source of sources) {
    const credential = source.credential(account, secrets);
    if (credential === null) continue;
    const key = feedKey(account.id, source.feed);
    const previous = records.get(key);
    const started = clock.now();
    if (blocked) {
      // Said once, on the first source: the others would only repeat it.
      if (source === sources[0])
        records.set(
          key,
          await store(db, source, account, previous, { ok: false, error: blocked }, settings, started, clock),
        );
      continue;
    }
    if (!isDue(previous, request, started, interval)) continue;
    if ((await waitBefore(source, account, settings.accounts, [...records.values()], started)) > 0) continue;
    await noteCall(source, account, started);
    const result = await source.fetch(account, credential, { now: clock.now });
    records.set(key, await store(db, source, account, previous, result, settings, started, clock));
  }
}

/**
 * Polls the due sources of every enabled account (or those asked for), unless paused; drops the records
 * of removed accounts. Returns every record as it now stands.
 */
export async function pollDue(
  db: WatchDb,
  input: PollInput,
  request: CycleRequest,
  clock: Clock = { now: Date.now, random: Math.random },
): Promise<FeedRecord[]> {
  const { settings } = input;
  const ids = new Set(settings.accounts.map((a) => a.id));
  await keepAccounts(db, ids);
  // Only records of configured accounts and of sources of their pipeline.
  const pipelines = new Map(settings.accounts.map((a) => [a.id, sourcesFor(a)]));
  const known = (r: FeedRecord) => pipelines.get(r.accountId)?.some((s) => s.feed === r.feed) === true;
  const records = new Map(input.records.filter(known).map((r) => [r.key, r]));
  if (!settings.paused) {
    const accounts = settings.accounts.filter((a) => a.enabled && (request.accountIds?.includes(a.id) ?? true));
    // Accounts under one spacing rule run one after another (they share its last call); others in parallel.
    const groups = new Map<string, AccountSettings[]>();
    for (const account of accounts) {
      const group = ruleGroup(SOURCES, account);
      groups.set(group, [...(groups.get(group) ?? []), account]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        for (const account of group) await pollAccount(db, account, input, records, request, clock);
      }),
    );
  }
  return [...records.values()];
}
