// IndexedDB after 90 days: the real store functions (recordPoll, pruneLogs) and the real diff, driven in
// Node on fake-indexeddb with a simulated clock: one account of 1,000 integrations polled every 5 minutes,
// 5 % of them changing state once a day. Size = the structured-clone (V8 serializer) bytes of every row.
// Loaded through Vite (scripts/bench.ts), which defines `import.meta.env` as the build does.
import './fake-idb';
import { serialize } from 'node:v8';
import { applySnapshot } from '../../src/background/diff';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { openWatchDb, pruneLogs, recordPoll, RETENTION_DAYS } from '../../src/shared/db';
import type { ConnectionsData, FeedRecord, Integration, Transition } from '../../src/shared/types';
import { generateConnections } from '../../test/simulator/data';

const DAY = 86_400_000;
const POLLS_PER_DAY = 288;
const DAYS = 90;
const INTEGRATIONS = 1_000;
const ACCOUNT_ID = 'bench-storage';

export interface StorageResult {
  days: number;
  integrations: number;
  bytes: number;
  rows: number;
}

/** 5 % of the integrations change state: every 20th, from an offset that moves each day. */
function changeOneDay(integrations: readonly Integration[], day: number): Integration[] {
  return integrations.map((item, i) => {
    if ((i + day * 7) % 20 !== 0) return item;
    if (item.state === 'ok') return { ...item, state: 'needs-reauth', rawStatus: '2', detail: 'OAuth token expired or revoked' };
    const fixed: Integration = { ...item, state: 'ok', rawStatus: '1' };
    delete fixed.detail;
    return fixed;
  });
}

export async function measureStorage(): Promise<StorageResult> {
  const db = await openWatchDb();
  const t0 = Date.UTC(2026, 0, 1);
  const parsed = parseConnections(generateConnections(194, INTEGRATIONS, 0.1, t0));
  if (!parsed.ok) throw new Error(parsed.error.message);
  let upstream = parsed.data.integrations;
  let data: ConnectionsData | undefined;
  for (let day = 0; day < DAYS; day++) {
    upstream = changeOneDay(upstream, day);
    for (let p = 0; p < POLLS_PER_DAY; p++) {
      const now = t0 + day * DAY + p * 5 * 60_000;
      // The list changes once a day; on the other polls the diff would return the stored list unchanged.
      let transitions: Transition[] = [];
      if (p === 0) ({ data, transitions } = applySnapshot(ACCOUNT_ID, data, { feed: 'connections', integrations: upstream }, now));
      const stored: FeedRecord = { key: `${ACCOUNT_ID}:connections`, accountId: ACCOUNT_ID, feed: 'connections', lastAttemptAt: now, lastSuccessAt: now, failures: 0, data };
      await recordPoll(db, stored, transitions, { accountId: ACCOUNT_ID, feed: 'connections', at: now, outcome: 'ok', durationMs: 40 });
      const lastJob = { id: 13_554 + day, typeName: 'Full Update', statusId: 4, statusName: 'Completed Successfully', endedAt: now - 7_200_000, endedRaw: '2026-01-01 03:29:03 EST' };
      const cycle: FeedRecord = { key: `${ACCOUNT_ID}:update-cycle`, accountId: ACCOUNT_ID, feed: 'update-cycle', lastAttemptAt: now, lastSuccessAt: now, failures: 0, data: { feed: 'update-cycle', lastJob } };
      await recordPoll(db, cycle, [], { accountId: ACCOUNT_ID, feed: 'update-cycle', at: now, outcome: 'ok', durationMs: 30 });
      // pollAll prunes after every poll; pruning after the day's last poll leaves the same rows at day's end.
      if (p === POLLS_PER_DAY - 1) await pruneLogs(db, now - RETENTION_DAYS * DAY);
    }
  }
  // Feed rows are typed unknown in the schema (they are parsed when read); here only their size counts.
  const rows: readonly unknown[] = (await Promise.all([db.getAll('feeds'), db.getAll('transitions'), db.getAll('polls')])).flat();
  db.close();
  return { days: DAYS, integrations: INTEGRATIONS, bytes: rows.reduce<number>((n, row) => n + serialize(row).length, 0), rows: rows.length };
}
