// IndexedDB growth: the real store functions (recordPoll, pruneLogs) and the real diff, driven in Node on
// fake-indexeddb with a simulated clock: one account of 1,000 integrations polled every 5 minutes, 5 % of
// them changing state once a day. Size = the structured-clone (V8 serializer) bytes of every stored row.
import { serialize } from 'node:v8';
import type { FeedRecord, Integration, Transition } from '../../src/shared/types';
import { generateConnections } from '../../test/simulator/data';

const DAY = 86_400_000;
const POLL_MINUTES = 5;
const INTEGRATIONS = 1_000;
const DAILY_CHANGE = 0.05;
const SOURCE_ID = 'bench-storage';
export const CHECKPOINT_DAYS = [30, 60, 90, 120, 150, 180] as const;

export interface StorageCheckpoint {
  day: number;
  bytes: number;
  jsonBytes: number;
  rows: { feeds: number; transitions: number; polls: number };
}

export interface StorageResult {
  integrations: number;
  pollsPerDay: number;
  retentionDays: number;
  checkpoints: StorageCheckpoint[];
  elapsedMs: number;
}

/** A small deterministic generator, so every run changes the same integrations. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function flipSome(integrations: Integration[], count: number, random: () => number): Integration[] {
  const next = [...integrations];
  for (let n = 0; n < count; n++) {
    const i = Math.floor(random() * next.length);
    const item = next[i];
    if (!item) continue;
    const broken = item.state !== 'ok';
    const changed: Integration = { ...item, state: broken ? 'ok' : 'needs-reauth', rawStatus: broken ? '1' : '2' };
    if (broken) delete changed.detail;
    else changed.detail = 'OAuth token expired or revoked';
    next[i] = changed;
  }
  return next;
}

/** Runs the simulated days until the last checkpoint, or until `deadline` (ms since epoch) has passed. */
export async function measureStorage(deadline: number, log: (line: string) => void = () => undefined): Promise<StorageResult> {
  const started = Date.now();
  // fake-indexeddb installs indexedDB and IDBKeyRange as globals before the store module first opens it.
  await import('./fake-idb');
  const { openWatchDb, pruneLogs, recordPoll, RETENTION_DAYS } = await import('../../src/shared/db');
  const { applySnapshot } = await import('../../src/background/diff');
  const { parseConnections } = await import('../../src/background/sources/mbi-connections');

  const db = await openWatchDb();
  const t0 = Date.UTC(2026, 0, 1);
  const parsed = parseConnections(generateConnections(194, INTEGRATIONS, 0.1, t0));
  if (!parsed.ok) throw new Error(parsed.error.message);
  let upstream = parsed.data.integrations;
  let stored: FeedRecord | undefined;
  const random = prng(194);
  const pollsPerDay = (24 * 60) / POLL_MINUTES;
  const checkpoints: StorageCheckpoint[] = [];
  const lastDay = CHECKPOINT_DAYS[CHECKPOINT_DAYS.length - 1] ?? 0;

  for (let day = 0; day < lastDay && Date.now() < deadline; day++) {
    upstream = flipSome(upstream, Math.round(INTEGRATIONS * DAILY_CHANGE), random);
    for (let p = 0; p < pollsPerDay; p++) {
      const now = t0 + day * DAY + p * POLL_MINUTES * 60_000;
      // The list changes once a day; on the other polls the diff would return the stored list unchanged
      // and no transitions, so it runs only when there is something to compare.
      let data = stored?.data?.feed === 'connections' ? stored.data : undefined;
      let transitions: Transition[] = [];
      if (p === 0 || !data) ({ data, transitions } = applySnapshot(SOURCE_ID, data, { feed: 'connections', integrations: upstream }, now));
      stored = { key: `${SOURCE_ID}:connections`, sourceId: SOURCE_ID, feed: 'connections', lastAttemptAt: now, lastSuccessAt: now, failures: 0, data };
      await recordPoll(db, stored, transitions, { sourceId: SOURCE_ID, feed: 'connections', at: now, outcome: 'ok', durationMs: 40 });
      const cycle: FeedRecord = {
        key: `${SOURCE_ID}:update-cycle`, sourceId: SOURCE_ID, feed: 'update-cycle', lastAttemptAt: now, lastSuccessAt: now, failures: 0,
        data: { feed: 'update-cycle', lastJob: { id: 13_554 + day, typeName: 'Full Update', statusId: 4, statusName: 'Completed Successfully', endedAt: now - 2 * 3_600_000, endedRaw: '2026-01-01 03:29:03 EST' } },
      };
      await recordPoll(db, cycle, [], { sourceId: SOURCE_ID, feed: 'update-cycle', at: now, outcome: 'ok', durationMs: 30 });
      // pollAll prunes after every poll; pruning once, after the day's last poll, leaves exactly the same
      // rows at the end of the day and keeps fake-indexeddb's per-call cursor cost out of the run.
      if (p === pollsPerDay - 1) await pruneLogs(db, now - RETENTION_DAYS * DAY);
    }
    if ((CHECKPOINT_DAYS as readonly number[]).includes(day + 1)) {
      const [feeds, transitions, polls] = await Promise.all([db.getAll('feeds'), db.getAll('transitions'), db.getAll('polls')]);
      // Feed rows are typed unknown in the schema (they are parsed when read); here only their size counts.
      const rows: readonly unknown[] = [...feeds, ...transitions, ...polls];
      const checkpoint = {
        day: day + 1,
        bytes: rows.reduce<number>((n, row) => n + serialize(row).length, 0),
        jsonBytes: rows.reduce<number>((n, row) => n + Buffer.byteLength(JSON.stringify(row)), 0),
        rows: { feeds: feeds.length, transitions: transitions.length, polls: polls.length },
      };
      checkpoints.push(checkpoint);
      log(`  day ${checkpoint.day}: ${(checkpoint.bytes / 1024 / 1024).toFixed(2)} MB in ${rows.length} rows`);
    }
  }
  db.close();
  return { integrations: INTEGRATIONS, pollsPerDay, retentionDays: RETENTION_DAYS, checkpoints, elapsedMs: Date.now() - started };
}
