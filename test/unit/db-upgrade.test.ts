// The stored history must survive every schema upgrade. Each future schema version adds a writer for the
// version before it here (like `writeVersion1`, written with the raw IndexedDB API exactly as that version
// of db.ts created its stores) and must keep every test in this file green.
import { describe, expect, it } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  keepAccounts,
  openWatchDb,
  pruneLogs,
  readFeeds,
  recordPoll,
  transitionsOf,
  type TransitionBatch,
  type WatchDb,
} from '../../src/background/db';
import type { FeedRecord, PollLogEntry, Transition } from '../../src/core/types';

const T0 = Date.parse('2026-01-15T12:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

const FEEDS: FeedRecord[] = [
  {
    key: 'main:connections',
    accountId: 'main',
    feed: 'connections',
    lastAttemptAt: T0,
    lastSuccessAt: T0 - 5 * MINUTE,
    failures: 1,
    error: { kind: 'server-error', message: 'MBI answered HTTP 502.', httpStatus: 502 },
    data: {
      feed: 'connections',
      integrations: [
        {
          id: '5',
          name: 'vandelay',
          type: 'mysql',
          provider: 'MySQL',
          kind: 'database',
          state: 'ok',
          rawStatus: '1',
          since: T0 - DAY,
        },
        {
          id: '9',
          name: 'Support desk',
          type: 'zendesk',
          provider: 'Zendesk',
          kind: 'api-key',
          state: 'needs-reauth',
          rawStatus: '2',
          detail: 'Invalid API token',
          subdomain: 'acme',
          since: T0 - 2 * DAY,
        },
        {
          id: '12',
          name: 'Ads',
          type: 'tiktok_ads',
          provider: 'tiktok_ads',
          kind: 'unknown',
          state: 'unknown',
          rawStatus: '7',
          since: T0 - 3 * DAY,
        },
      ],
    },
  },
  {
    key: 'main:update-cycle',
    accountId: 'main',
    feed: 'update-cycle',
    lastAttemptAt: T0 - MINUTE,
    failures: 2,
    notBefore: T0 + 10 * MINUTE,
    error: {
      kind: 'rate-limited',
      message: 'MBI answered HTTP 429 (too many requests).',
      httpStatus: 429,
      retryAt: T0 + 2 * MINUTE,
    },
    lastSuccessAt: T0 - 30 * MINUTE,
    data: {
      feed: 'update-cycle',
      lastJob: {
        id: 13554,
        typeName: 'Full Update',
        statusId: 4,
        statusName: 'Completed Successfully',
        endedAt: Date.parse('2025-12-09T08:29:03Z'),
        endedRaw: '2025-12-09 03:29:03 EST',
      },
    },
  },
  {
    key: 'eu:connections',
    accountId: 'eu',
    feed: 'connections',
    lastAttemptAt: T0,
    failures: 4,
    notBefore: T0 + 40 * MINUTE,
    error: { kind: 'signed-out', message: 'MBI returned its sign-in page instead of data.' },
  },
  {
    key: 'eu:update-cycle',
    accountId: 'eu',
    feed: 'update-cycle',
    lastAttemptAt: T0,
    lastSuccessAt: T0,
    failures: 0,
    data: { feed: 'update-cycle', lastJob: null },
  },
];

const TRANSITIONS: Transition[] = [
  {
    accountId: 'main',
    integrationId: '9',
    name: 'Support desk',
    from: 'new',
    to: 'needs-reauth',
    at: T0 - 2 * DAY,
    detail: 'Invalid API token',
  },
  {
    accountId: 'main',
    integrationId: '5',
    name: 'vandelay',
    from: 'ok',
    to: 'failing',
    at: T0 - 100 * DAY,
    detail: 'Access denied',
  },
  { accountId: 'main', integrationId: '5', name: 'vandelay', from: 'failing', to: 'ok', at: T0 - DAY },
  { accountId: 'main', integrationId: '12', name: 'Ads', from: 'new', to: 'unknown', at: T0 - 3 * DAY },
  { accountId: 'eu', integrationId: '5', name: 'eu-orders', from: 'paused', to: 'removed', at: T0 - 4 * DAY },
];

const POLLS: PollLogEntry[] = [
  { accountId: 'main', feed: 'connections', at: T0 - 100 * DAY, outcome: 'ok', durationMs: 310 },
  { accountId: 'main', feed: 'connections', at: T0, outcome: 'server-error', durationMs: 1_204 },
  { accountId: 'main', feed: 'update-cycle', at: T0 - MINUTE, outcome: 'rate-limited', durationMs: 95 },
  { accountId: 'eu', feed: 'connections', at: T0, outcome: 'signed-out', durationMs: 42 },
];

function done(request: IDBRequest | IDBOpenDBRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    request.addEventListener('success', () => resolve());
    request.addEventListener('error', () => reject(request.error ?? new Error('IndexedDB request failed')));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

interface Rows {
  feeds: FeedRecord[];
  transitions: Transition[];
  polls: PollLogEntry[];
}

/** Version 1 called the account `sourceId`. */
const asVersion1 = <T extends { accountId: string }>({ accountId, ...rest }: T) => ({ ...rest, sourceId: accountId });

/** Schema version 1 as db.ts created it, filled with `rows` the way version 1 wrote them. */
async function writeVersion1(rows: Rows): Promise<void> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore('feeds', { keyPath: 'key' }).createIndex('by-source', 'sourceId');
    const transitions = db.createObjectStore('transitions', { autoIncrement: true });
    transitions.createIndex('by-at', 'at');
    transitions.createIndex('by-integration', ['sourceId', 'integrationId']);
    db.createObjectStore('polls', { autoIncrement: true }).createIndex('by-at', 'at');
  };
  await done(request);
  const db = request.result;
  const tx = db.transaction(['feeds', 'transitions', 'polls'], 'readwrite');
  for (const feed of rows.feeds) tx.objectStore('feeds').put(asVersion1(feed));
  for (const transition of rows.transitions) tx.objectStore('transitions').add(asVersion1(transition));
  for (const poll of rows.polls) tx.objectStore('polls').add(asVersion1(poll));
  await committed(tx);
  db.close();
}

/** Schema version 2 as db.ts created it: one row per transition. */
async function writeVersion2(rows: Rows): Promise<void> {
  const request = indexedDB.open(DB_NAME, 2);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore('feeds', { keyPath: 'key' }).createIndex('by-account', 'accountId');
    const transitions = db.createObjectStore('transitions', { autoIncrement: true });
    transitions.createIndex('by-at', 'at');
    transitions.createIndex('by-integration', ['accountId', 'integrationId']);
    db.createObjectStore('polls', { autoIncrement: true }).createIndex('by-at', 'at');
  };
  await done(request);
  const db = request.result;
  const tx = db.transaction(['feeds', 'transitions', 'polls'], 'readwrite');
  for (const feed of rows.feeds) tx.objectStore('feeds').put(feed);
  for (const transition of rows.transitions) tx.objectStore('transitions').add(transition);
  for (const poll of rows.polls) tx.objectStore('polls').add(poll);
  await committed(tx);
  db.close();
}

/** One writer per schema version up to the current one. */
/** Schema version 3 as db.ts creates it: one row per check's changes (here, each its own check). */
async function writeVersion3(rows: Rows): Promise<void> {
  const request = indexedDB.open(DB_NAME, 3);
  request.onupgradeneeded = () => {
    const db = request.result;
    db.createObjectStore('feeds', { keyPath: 'key' }).createIndex('by-account', 'accountId');
    const transitions = db.createObjectStore('transitions', { autoIncrement: true });
    transitions.createIndex('by-at', 'at');
    transitions.createIndex('by-integration', 'keys', { multiEntry: true });
    db.createObjectStore('polls', { autoIncrement: true }).createIndex('by-at', 'at');
  };
  await done(request);
  const db = request.result;
  const tx = db.transaction(['feeds', 'transitions', 'polls'], 'readwrite');
  for (const feed of rows.feeds) tx.objectStore('feeds').put(feed);
  for (const transition of rows.transitions) tx.objectStore('transitions').add(batch(transition));
  for (const poll of rows.polls) tx.objectStore('polls').add(poll);
  await committed(tx);
  db.close();
}

/** A transition logged alone, as version 3 keeps it. */
const batch = (t: Transition): TransitionBatch => ({
  accountId: t.accountId,
  at: t.at,
  keys: [`${t.accountId}/${t.integrationId}`],
  items: [t],
});

const WRITERS = [
  { version: 1, write: writeVersion1 },
  { version: 2, write: writeVersion2 },
  { version: 3, write: writeVersion3 },
];

const byKey = (a: FeedRecord, b: FeedRecord) => a.key.localeCompare(b.key);

it('has a writer for every schema version up to the current one', () => {
  expect(WRITERS.map((w) => w.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
});

describe.each(WRITERS)('opening a database written by schema version $version', ({ write }) => {
  it('reads every feed record back unchanged', async () => {
    await write({ feeds: FEEDS, transitions: TRANSITIONS, polls: POLLS });
    const db = await openWatchDb();

    expect((await readFeeds(db)).sort(byKey)).toEqual([...FEEDS].sort(byKey));
  });

  it('reads every transition back, per integration and in the order it was logged', async () => {
    await write({ feeds: FEEDS, transitions: TRANSITIONS, polls: POLLS });
    const db = await openWatchDb();

    expect(await transitionsOf(db, 'main', '5')).toEqual([TRANSITIONS[1], TRANSITIONS[2]]);
    expect(await transitionsOf(db, 'main', '9')).toEqual([TRANSITIONS[0]]);
    expect(await transitionsOf(db, 'main', '12')).toEqual([TRANSITIONS[3]]);
    expect(await transitionsOf(db, 'eu', '5')).toEqual([TRANSITIONS[4]]);
    expect(await db.count('transitions')).toBe(TRANSITIONS.length);
  });

  it('keeps the poll log and its time index', async () => {
    await write({ feeds: FEEDS, transitions: TRANSITIONS, polls: POLLS });
    const db = await openWatchDb();

    expect(await db.getAll('polls')).toEqual(POLLS);
    expect(await db.getAllFromIndex('polls', 'by-at', IDBKeyRange.lowerBound(T0))).toEqual([POLLS[1], POLLS[3]]);
  });

  it('appends new history after the old rows without overwriting any', async () => {
    await write({ feeds: FEEDS, transitions: TRANSITIONS, polls: POLLS });
    const db = await openWatchDb();
    const next: Transition = {
      accountId: 'main',
      integrationId: '5',
      name: 'vandelay',
      from: 'ok',
      to: 'needs-reauth',
      at: T0 + MINUTE,
    };
    const [first] = FEEDS;
    if (!first) throw new Error('fixture has no feeds');
    await recordPoll(db, { ...first, lastAttemptAt: T0 + MINUTE }, [next], {
      accountId: 'main',
      feed: 'connections',
      at: T0 + MINUTE,
      outcome: 'ok',
      durationMs: 200,
    });

    expect(await transitionsOf(db, 'main', '5')).toEqual([TRANSITIONS[1], TRANSITIONS[2], next]);
    expect(await db.count('transitions')).toBe(TRANSITIONS.length + 1);
    expect(await db.count('polls')).toBe(POLLS.length + 1);
    expect(await readFeeds(db)).toHaveLength(FEEDS.length);
  });
});

async function filledDb(): Promise<WatchDb> {
  const db = await openWatchDb();
  for (const feed of FEEDS) await db.put('feeds', feed);
  for (const transition of TRANSITIONS) await db.add('transitions', batch(transition));
  for (const poll of POLLS) await db.add('polls', poll);
  return db;
}

describe('pruneLogs', () => {
  it('removes only transitions and polls older than the cut-off, and counts them', async () => {
    const db = await filledDb();
    const before = T0 - 2 * DAY;

    expect(await pruneLogs(db, before)).toBe(4);
    expect((await db.getAll('transitions')).flatMap((b) => b.items)).toEqual(TRANSITIONS.filter((t) => t.at >= before));
    expect(await db.getAll('polls')).toEqual(POLLS.filter((p) => p.at >= before));
    expect((await readFeeds(db)).sort(byKey)).toEqual([...FEEDS].sort(byKey));
  });

  it('keeps a row logged exactly at the cut-off', async () => {
    const db = await filledDb();

    expect(await pruneLogs(db, T0)).toBe(7);
    expect(await db.getAll('transitions')).toEqual([]);
    expect(await db.getAll('polls')).toEqual([POLLS[1], POLLS[3]]);
  });

  it('removes nothing when every row is newer', async () => {
    const db = await filledDb();

    expect(await pruneLogs(db, T0 - 365 * DAY)).toBe(0);
    expect(await db.count('transitions')).toBe(TRANSITIONS.length);
    expect(await db.count('polls')).toBe(POLLS.length);
  });
});

describe('keepAccounts', () => {
  it('drops the feed records of removed accounts and keeps the others unchanged', async () => {
    const db = await filledDb();
    await keepAccounts(db, new Set(['main', 'another']));

    expect((await readFeeds(db)).sort(byKey)).toEqual(FEEDS.filter((f) => f.accountId === 'main').sort(byKey));
  });

  it('keeps every feed record when all accounts are still configured', async () => {
    const db = await filledDb();
    await keepAccounts(db, new Set(['main', 'eu']));

    expect((await readFeeds(db)).sort(byKey)).toEqual([...FEEDS].sort(byKey));
  });

  it('drops every feed record when no account is left', async () => {
    const db = await filledDb();
    await keepAccounts(db, new Set());

    expect(await readFeeds(db)).toEqual([]);
  });
});
