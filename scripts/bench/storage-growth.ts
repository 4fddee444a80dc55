// IndexedDB after 90 days: the real store functions and diff in Node on fake-indexeddb, on a simulated clock:
// 1,000 integrations polled every 5 minutes (both feeds), 5 % changing state once a day. Size = the
// structured-clone bytes of every row. Loaded through Vite, which defines `import.meta.env` as the build does.
import 'fake-indexeddb/auto'; // its globals, before the store module opens IndexedDB
import { serialize } from 'node:v8';
import { applySnapshot } from '../../src/core/diff';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { openWatchDb, pruneLogs, recordPoll, RETENTION_DAYS, type WatchDb } from '../../src/background/db';
import type { ListData, FeedData, FeedName, Integration, Transition } from '../../src/core/types';
import { generateConnections } from '../../test/simulator/data';

const DAY = 86_400_000;
const POLLS_PER_DAY = 288;
const DAYS = 90;
const INTEGRATIONS = 1_000;
const ACCOUNT = 'bench-storage';

/** One successful poll of a feed as the worker writes it: the feed record, its transitions, the log line. */
function record(db: WatchDb, feed: FeedName, data: FeedData | undefined, transitions: Transition[], at: number) {
  const stored = { key: `${ACCOUNT}:${feed}`, accountId: ACCOUNT, feed, lastAttemptAt: at, lastSuccessAt: at, data };
  const log = { accountId: ACCOUNT, feed, at, outcome: 'ok' as const, durationMs: 40 };
  return recordPoll(db, { ...stored, failures: 0 }, transitions, log);
}

export type StorageResult = { days: number; integrations: number; bytes: number; rows: number };

export async function measureStorage(): Promise<StorageResult> {
  const db = await openWatchDb();
  const t0 = Date.UTC(2026, 0, 1);
  const parsed = parseConnections(generateConnections(194, INTEGRATIONS, 0.1, t0));
  if (!parsed.ok) throw new Error(parsed.error.message);
  let upstream = parsed.data.integrations;
  let data: ListData | undefined;
  for (let day = 0; day < DAYS; day++) {
    // 5 % change state: every 20th, from an offset that moves each day.
    upstream = upstream.map((item, i) => {
      if ((i + day * 7) % 20 !== 0) return item;
      if (item.state === 'ok')
        return { ...item, state: 'needs-reauth', rawStatus: '2', detail: 'OAuth token expired or revoked' };
      const fixed: Integration = { ...item, state: 'ok', rawStatus: '1' };
      delete fixed.detail;
      return fixed;
    });
    for (let p = 0; p < POLLS_PER_DAY; p++) {
      const now = t0 + day * DAY + p * 5 * 60_000;
      // The list changes once a day; on the other polls the diff returns the stored list unchanged.
      let transitions: Transition[] = [];
      if (p === 0)
        ({ data, transitions } = applySnapshot(ACCOUNT, data, { feed: 'connections', integrations: upstream }, now));
      await record(db, 'connections', data, transitions, now);
      const lastJob = { id: 13_554 + day, typeName: 'Full Update', statusId: 4, statusName: 'Completed Successfully' };
      const ended = { endedAt: now - 7_200_000, endedRaw: '2026-01-01 03:29:03 EST' };
      await record(db, 'update-cycle', { feed: 'update-cycle', lastJob: { ...lastJob, ...ended } }, [], now);
      // The worker prunes after every poll; pruning after the day's last leaves the same rows at day's end.
      if (p === POLLS_PER_DAY - 1) await pruneLogs(db, now - RETENTION_DAYS * DAY);
    }
  }
  // Feed rows are typed unknown in the schema (they are parsed when read); here only their size counts.
  const stores = await Promise.all([db.getAll('feeds'), db.getAll('transitions'), db.getAll('polls')]);
  const rows: unknown[] = stores.flat();
  db.close();
  const bytes = rows.reduce<number>((n, row) => n + serialize(row).length, 0);
  return { days: DAYS, integrations: INTEGRATIONS, bytes, rows: rows.length };
}
