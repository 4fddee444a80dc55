// The poll engine: one poll at a time per account, each feed fetched, classified, diffed and stored.
import browser from '../shared/browser';
import { keyFor } from '../shared/key-binding';
import { keepAccounts, openWatchDb, pruneLogs, readFeeds, recordPoll, type WatchDb } from '../shared/db';
import { originPattern, accountOrigins, type Secrets, type Settings, type AccountSettings } from '../shared/settings';
import { loadSecrets, loadSettings } from '../shared/storage';
import { feedKey, type FeedError, type FeedName, type FeedRecord, type FeedResult } from '../shared/types';
import { notBeforeAfter } from './backoff';
import { clientKey, lastCycleCallOf, noteCycleCall } from './rate-rule';
import { applySnapshot } from './diff';
import { fetchConnections } from './sources/mbi-connections';
import { fetchUpdateCycle, UPDATE_CYCLE_MIN_INTERVAL_MS } from './sources/mbi-update-cycle';
import { noteWrite } from './watch-state';

export interface PollOptions {
  /** A person asked: skip the backoff wait (never Retry-After or Adobe's one-per-minute rule). */
  force: boolean;
  /** Catch-up on wake: poll only feeds whose last attempt is older than the interval. */
  onlyOverdue?: boolean;
  now?: () => number;
  random?: () => number;
}

const inFlight = new Map<string, { poll: Promise<void>; strength: number }>();

/** A running poll serves any request it is at least as thorough as. */
function strength(options: PollOptions): number {
  if (options.force) return 2;
  return options.onlyOverdue ? 0 : 1;
}

async function hasHostAccess(account: AccountSettings): Promise<boolean> {
  return browser.permissions.contains({ origins: accountOrigins(account).map(originPattern) });
}

function isDue(record: FeedRecord | undefined, options: PollOptions, now: number, intervalMs: number): boolean {
  if (options.onlyOverdue && record !== undefined && now - record.lastAttemptAt < intervalMs) return false;
  if (record?.notBefore === undefined || record.notBefore <= now) return true;
  return options.force && record.error?.kind !== 'rate-limited';
}

function nextRecord(
  key: { accountId: string; feed: FeedName },
  previous: FeedRecord | undefined,
  result: FeedResult,
  settings: Settings,
  now: number,
  random: () => number,
): FeedRecord {
  const base = { key: feedKey(key.accountId, key.feed), accountId: key.accountId, feed: key.feed, lastAttemptAt: now };
  if (result.ok) return { ...base, lastSuccessAt: now, failures: 0, data: result.data };
  // Offline and missing access were not attempts at MBI: they must not push the next poll back.
  const attempted = result.error.kind !== 'offline' && result.error.kind !== 'permission-missing';
  const failures = (previous?.failures ?? 0) + (attempted ? 1 : 0);
  const record: FeedRecord = { ...base, failures, error: result.error };
  if (previous?.lastSuccessAt !== undefined) record.lastSuccessAt = previous.lastSuccessAt;
  if (previous?.data !== undefined) record.data = previous.data;
  if (!attempted) return record;
  const notBefore = notBeforeAfter(failures, result.error, settings.pollMinutes * 60_000, now, random);
  if (notBefore !== undefined) record.notBefore = notBefore;
  return record;
}

async function store(
  db: WatchDb,
  accountId: string,
  feed: FeedName,
  previous: FeedRecord | undefined,
  result: FeedResult,
  settings: Settings,
  started: number,
  options: Required<Pick<PollOptions, 'now' | 'random'>>,
): Promise<void> {
  const now = options.now();
  let outcome = result;
  let transitions: Parameters<typeof recordPoll>[2] = [];
  if (result.ok && result.data.feed === 'connections') {
    const before = previous?.data?.feed === 'connections' ? previous.data : undefined;
    const applied = applySnapshot(accountId, before, result.data, now);
    outcome = { ok: true, data: applied.data };
    transitions = applied.transitions;
  }
  const record = nextRecord({ accountId, feed }, previous, outcome, settings, now, options.random);
  await recordPoll(db, record, transitions, {
    accountId,
    feed,
    at: now,
    outcome: result.ok ? 'ok' : result.error.kind,
    durationMs: now - started,
  });
  noteWrite();
}

function offlineError(): FeedError | undefined {
  return typeof navigator !== 'undefined' && navigator.onLine === false
    ? { kind: 'offline', message: 'The browser is offline.' }
    : undefined;
}

/** Adobe's one-call-a-minute rule is per client: accounts sharing a client share the last call. */
async function lastCycleCall(
  account: AccountSettings,
  settings: Settings,
  all: readonly FeedRecord[],
): Promise<number> {
  const sameClient = new Set(settings.accounts.filter((s) => clientKey(s) === clientKey(account)).map((s) => s.id));
  const stored = all
    .filter((r) => r.feed === 'update-cycle' && sameClient.has(r.accountId))
    .map((r) => r.lastAttemptAt);
  return Math.max(await lastCycleCallOf(account), ...stored);
}

async function pollAccount(
  db: WatchDb,
  account: AccountSettings,
  settings: Settings,
  secrets: Secrets,
  options: PollOptions,
): Promise<void> {
  const opts = { now: options.now ?? Date.now, random: options.random ?? Math.random };
  const all = await readFeeds(db);
  const records = new Map(all.filter((r) => r.accountId === account.id).map((r) => [r.feed, r]));
  const started = opts.now();
  const blocked: FeedError | undefined = (await hasHostAccess(account))
    ? offlineError()
    : { kind: 'permission-missing', message: `No host access to ${accountOrigins(account).join(' and ')}.` };

  const connections = records.get('connections');
  if (blocked || isDue(connections, options, started, settings.pollMinutes * 60_000)) {
    const result = blocked
      ? { ok: false as const, error: blocked }
      : await fetchConnections(account, { now: opts.now });
    await store(db, account.id, 'connections', connections, result, settings, started, opts);
  }

  // Only a key entered for this API host and client: settings may have changed since it was stored.
  const apiKey = keyFor(secrets, account);
  const cycle = records.get('update-cycle');
  const lastCall = await lastCycleCall(account, settings, all);
  if (
    apiKey &&
    !blocked &&
    isDue(cycle, options, started, settings.pollMinutes * 60_000) &&
    opts.now() - lastCall >= UPDATE_CYCLE_MIN_INTERVAL_MS
  ) {
    const cycleStarted = opts.now();
    await noteCycleCall(account, cycleStarted);
    await store(
      db,
      account.id,
      'update-cycle',
      cycle,
      await fetchUpdateCycle(account, apiKey, { now: opts.now }),
      settings,
      cycleStarted,
      opts,
    );
  }
}

/**
 * Polls one account. A call while a poll of the account runs joins it when that poll is as thorough;
 * otherwise (a Check now during a catch-up) it runs right after it. Never two fetches at once.
 */
function pollOnce(
  db: WatchDb,
  account: AccountSettings,
  settings: Settings,
  secrets: Secrets,
  options: PollOptions,
): Promise<void> {
  const running = inFlight.get(account.id);
  if (running && running.strength >= strength(options)) return running.poll;
  const start = () => pollAccount(db, account, settings, secrets, options);
  const poll = (running ? running.poll.catch(() => undefined).then(start) : start()).finally(() => {
    if (inFlight.get(account.id)?.poll === poll) inFlight.delete(account.id);
  });
  inFlight.set(account.id, { poll, strength: strength(options) });
  return poll;
}

export function isPolling(): boolean {
  return inFlight.size > 0;
}

/** Polls every enabled account (or one), unless paused; drops records of removed accounts. */
export async function pollAll(options: PollOptions, onlyAccountId?: string): Promise<void> {
  const [settings, db] = await Promise.all([loadSettings(), openWatchDb()]);
  const secrets = await loadSecrets(settings);
  await keepAccounts(db, new Set(settings.accounts.map((s) => s.id)));
  if (settings.paused) return;
  const accounts = settings.accounts.filter(
    (s) => s.enabled && (onlyAccountId === undefined || s.id === onlyAccountId),
  );
  // Accounts of the same client run one after another (they share Adobe's rate rule); others in parallel.
  const byClient = new Map<string, AccountSettings[]>();
  for (const account of accounts)
    byClient.set(clientKey(account), [...(byClient.get(clientKey(account)) ?? []), account]);
  await Promise.all(
    [...byClient.values()].map(async (group) => {
      for (const account of group) await pollOnce(db, account, settings, secrets, options);
    }),
  );
  // Retention: an index range delete, cheap when there is nothing to remove.
  await pruneLogs(db, (options.now ?? Date.now)() - settings.retentionDays * 86_400_000);
}
