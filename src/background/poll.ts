// The poll engine: one poll at a time per source, each feed fetched, classified, diffed and stored.
import browser from '../shared/browser';
import { keyFor } from '../shared/key-binding';
import { keepSources, openWatchDb, pruneLogs, readFeeds, recordPoll, type WatchDb } from '../shared/db';
import { originPattern, sourceOrigins, type Secrets, type Settings, type SourceSettings } from '../shared/settings';
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

async function hasHostAccess(source: SourceSettings): Promise<boolean> {
  return browser.permissions.contains({ origins: sourceOrigins(source).map(originPattern) });
}

function isDue(record: FeedRecord | undefined, options: PollOptions, now: number, intervalMs: number): boolean {
  if (options.onlyOverdue && record !== undefined && now - record.lastAttemptAt < intervalMs) return false;
  if (record?.notBefore === undefined || record.notBefore <= now) return true;
  return options.force && record.error?.kind !== 'rate-limited';
}

function nextRecord(
  key: { sourceId: string; feed: FeedName },
  previous: FeedRecord | undefined,
  result: FeedResult,
  settings: Settings,
  now: number,
  random: () => number,
): FeedRecord {
  const base = { key: feedKey(key.sourceId, key.feed), sourceId: key.sourceId, feed: key.feed, lastAttemptAt: now };
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
  sourceId: string,
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
    const applied = applySnapshot(sourceId, before, result.data, now);
    outcome = { ok: true, data: applied.data };
    transitions = applied.transitions;
  }
  const record = nextRecord({ sourceId, feed }, previous, outcome, settings, now, options.random);
  await recordPoll(db, record, transitions, {
    sourceId,
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

/** Adobe's one-call-a-minute rule is per client: sources sharing a client share the last call. */
async function lastCycleCall(source: SourceSettings, settings: Settings, all: readonly FeedRecord[]): Promise<number> {
  const sameClient = new Set(settings.sources.filter((s) => clientKey(s) === clientKey(source)).map((s) => s.id));
  const stored = all.filter((r) => r.feed === 'update-cycle' && sameClient.has(r.sourceId)).map((r) => r.lastAttemptAt);
  return Math.max(await lastCycleCallOf(source), ...stored);
}

async function pollSource(
  db: WatchDb,
  source: SourceSettings,
  settings: Settings,
  secrets: Secrets,
  options: PollOptions,
): Promise<void> {
  const opts = { now: options.now ?? Date.now, random: options.random ?? Math.random };
  const all = await readFeeds(db);
  const records = new Map(all.filter((r) => r.sourceId === source.id).map((r) => [r.feed, r]));
  const started = opts.now();
  const blocked: FeedError | undefined = (await hasHostAccess(source))
    ? offlineError()
    : { kind: 'permission-missing', message: `No host access to ${sourceOrigins(source).join(' and ')}.` };

  const connections = records.get('connections');
  if (blocked || isDue(connections, options, started, settings.pollMinutes * 60_000)) {
    const result = blocked ? { ok: false as const, error: blocked } : await fetchConnections(source, { now: opts.now });
    await store(db, source.id, 'connections', connections, result, settings, started, opts);
  }

  // Only a key entered for this API host and client: settings may have changed since it was stored.
  const apiKey = keyFor(secrets, source);
  const cycle = records.get('update-cycle');
  const lastCall = await lastCycleCall(source, settings, all);
  if (
    apiKey &&
    !blocked &&
    isDue(cycle, options, started, settings.pollMinutes * 60_000) &&
    opts.now() - lastCall >= UPDATE_CYCLE_MIN_INTERVAL_MS
  ) {
    const cycleStarted = opts.now();
    await noteCycleCall(source, cycleStarted);
    await store(
      db,
      source.id,
      'update-cycle',
      cycle,
      await fetchUpdateCycle(source, apiKey, { now: opts.now }),
      settings,
      cycleStarted,
      opts,
    );
  }
}

/**
 * Polls one source. A call while a poll of the source runs joins it when that poll is as thorough;
 * otherwise (a Check now during a catch-up) it runs right after it. Never two fetches at once.
 */
function pollOnce(
  db: WatchDb,
  source: SourceSettings,
  settings: Settings,
  secrets: Secrets,
  options: PollOptions,
): Promise<void> {
  const running = inFlight.get(source.id);
  if (running && running.strength >= strength(options)) return running.poll;
  const start = () => pollSource(db, source, settings, secrets, options);
  const poll = (running ? running.poll.catch(() => undefined).then(start) : start()).finally(() => {
    if (inFlight.get(source.id)?.poll === poll) inFlight.delete(source.id);
  });
  inFlight.set(source.id, { poll, strength: strength(options) });
  return poll;
}

export function isPolling(): boolean {
  return inFlight.size > 0;
}

/** Polls every enabled source (or one), unless paused; drops records of removed sources. */
export async function pollAll(options: PollOptions, onlySourceId?: string): Promise<void> {
  const [settings, db] = await Promise.all([loadSettings(), openWatchDb()]);
  const secrets = await loadSecrets(settings);
  await keepSources(db, new Set(settings.sources.map((s) => s.id)));
  if (settings.paused) return;
  const sources = settings.sources.filter((s) => s.enabled && (onlySourceId === undefined || s.id === onlySourceId));
  // Sources of the same client run one after another (they share Adobe's rate rule); others in parallel.
  const byClient = new Map<string, SourceSettings[]>();
  for (const source of sources) byClient.set(clientKey(source), [...(byClient.get(clientKey(source)) ?? []), source]);
  await Promise.all(
    [...byClient.values()].map(async (group) => {
      for (const source of group) await pollOnce(db, source, settings, secrets, options);
    }),
  );
  // Retention: an index range delete, cheap when there is nothing to remove.
  await pruneLogs(db, (options.now ?? Date.now)() - settings.retentionDays * 86_400_000);
}
