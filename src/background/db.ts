// The IndexedDB store: last snapshot per feed, the transition log and the poll log. Domain functions only.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { DB_NAME } from '../shared/db-name';
import { parseFeedRecord } from '../core/feed-record';
import { integrationKey } from '../core/snooze';
import { feedKey, type FeedName, type FeedRecord, type PollLogEntry, type Transition } from '../core/types';

export { DB_NAME };
export const DB_VERSION = 3;
export const RETENTION_DAYS = 90;

export interface WatchSchema extends DBSchema {
  // Unknown until parsed: the store keeps whatever an older version or a damaged profile left there.
  feeds: { key: string; value: unknown; indexes: { 'by-account': string } };
  transitions: { key: number; value: TransitionBatch; indexes: { 'by-at': number; 'by-integration': string } };
  polls: { key: number; value: PollLogEntry; indexes: { 'by-at': number } };
}

export type WatchDb = IDBPDatabase<WatchSchema>;

/**
 * One check's changes of one account, as one row: a check that sees 500 changes writes one row, not 500.
 * `keys` (integrationKey of each) is a multi-entry index, so one integration's history is still one lookup.
 */
export interface TransitionBatch {
  accountId: string;
  at: number;
  keys: string[];
  items: Transition[];
}

const batchOf = (accountId: string, at: number, items: Transition[]): TransitionBatch => ({
  accountId,
  at,
  keys: [...new Set(items.map((t) => integrationKey(t.accountId, t.integrationId)))],
  items,
});

let opening: Promise<WatchDb> | undefined;

type StoreName = 'feeds' | 'transitions' | 'polls';
/** Schema version 1 called the account `sourceId`; its rows are untyped here. */
interface WatchV1 extends DBSchema {
  feeds: { key: string; value: Record<string, unknown>; indexes: { 'by-source': string } };
  transitions: { key: number; value: Record<string, unknown>; indexes: { 'by-integration': [string, string] } };
  polls: { key: number; value: Record<string, unknown> };
}

/** Version 1 → 2: every row's `sourceId` becomes `accountId`, and the indexes follow it. */
async function renameAccountField(tx: IDBPTransaction<WatchV1, StoreName[], 'versionchange'>): Promise<void> {
  const feeds = tx.objectStore('feeds');
  feeds.deleteIndex('by-source');
  const transitions = tx.objectStore('transitions');
  transitions.deleteIndex('by-integration');
  for (const store of [feeds, transitions, tx.objectStore('polls')]) {
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      const { sourceId, ...rest } = cursor.value;
      await cursor.update({ ...rest, accountId: sourceId });
    }
  }
  (feeds as unknown as IDBObjectStore).createIndex('by-account', 'accountId');
}

/** Version 2 → 3: each logged transition becomes a batch of one, indexed by its integration's key. */
async function batchTransitions(tx: IDBPTransaction<WatchV1, StoreName[], 'versionchange'>): Promise<void> {
  const transitions = tx.objectStore('transitions');
  if (transitions.indexNames.contains('by-integration')) transitions.deleteIndex('by-integration');
  for (let cursor = await transitions.openCursor(); cursor; cursor = await cursor.continue()) {
    const t = cursor.value as unknown as Transition;
    await cursor.update(batchOf(t.accountId, t.at, [t]) as unknown as Record<string, unknown>);
  }
  (transitions as unknown as IDBObjectStore).createIndex('by-integration', 'keys', { multiEntry: true });
}

/** Lifts a database of an earlier version, step by step, within the upgrade's transaction. */
async function upgradeFrom(oldVersion: number, tx: IDBPTransaction<WatchV1, StoreName[], 'versionchange'>) {
  if (oldVersion < 2) await renameAccountField(tx);
  if (oldVersion < 3) await batchTransitions(tx);
}

export function openWatchDb(): Promise<WatchDb> {
  opening ??= openDB<WatchSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // A new database gets the current schema; an old one is lifted step by step.
      if (oldVersion < 1) {
        db.createObjectStore('feeds', { keyPath: 'key' }).createIndex('by-account', 'accountId');
        const transitions = db.createObjectStore('transitions', { autoIncrement: true });
        transitions.createIndex('by-at', 'at');
        transitions.createIndex('by-integration', 'keys', { multiEntry: true });
        db.createObjectStore('polls', { autoIncrement: true }).createIndex('by-at', 'at');
      } else {
        void upgradeFrom(oldVersion, tx as unknown as IDBPTransaction<WatchV1, StoreName[], 'versionchange'>);
      }
    },
    blocking() {
      // A newer version wants to upgrade: let it, and reopen on next use.
      void opening?.then((db) => db.close());
      opening = undefined;
    },
  });
  return opening;
}

/** Keys of the records found unreadable: each is logged once in a worker's life, not on every read. */
const unreadable = new Set<string>();

function readable(raw: unknown): FeedRecord | null {
  const record = parseFeedRecord(raw);
  // Not the stored object itself: unreadable, or its data was dropped.
  if (record !== raw) {
    const key = String((raw as { key?: unknown } | null)?.key);
    if (!unreadable.has(key))
      console.warn(`MBI Integration Watch: the stored record "${key}" could not be read and counts as missing`);
    unreadable.add(key);
  }
  return record;
}

/** Every readable feed record; an unreadable one counts as missing, so the next poll rewrites it. */
export async function readFeeds(db: WatchDb): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  for (const raw of await db.getAll('feeds')) {
    const record = readable(raw);
    if (record) records.push(record);
  }
  return records;
}

export async function readFeed(db: WatchDb, accountId: string, feed: FeedName): Promise<FeedRecord | undefined> {
  const raw = await db.get('feeds', feedKey(accountId, feed));
  return raw === undefined ? undefined : (readable(raw) ?? undefined);
}

/** Writes one poll's outcome atomically: the feed record, its transitions and the poll log line. */
export async function recordPoll(
  db: WatchDb,
  record: FeedRecord,
  transitions: Transition[],
  poll: PollLogEntry,
): Promise<void> {
  const tx = db.transaction(['feeds', 'transitions', 'polls'], 'readwrite');
  const writes: Promise<unknown>[] = [tx.objectStore('feeds').put(record), tx.objectStore('polls').add(poll)];
  if (transitions.length > 0)
    writes.push(tx.objectStore('transitions').add(batchOf(record.accountId, poll.at, transitions)));
  await Promise.all([...writes, tx.done]);
}

/** The items of `batches` that belong to the integration, in the order they were logged. */
function itemsOf(batches: readonly TransitionBatch[], accountId: string, integrationId: string): Transition[] {
  return batches.flatMap((b) => b.items.filter((t) => t.accountId === accountId && t.integrationId === integrationId));
}

export async function transitionsOf(db: WatchDb, accountId: string, integrationId: string): Promise<Transition[]> {
  const batches = await db.getAllFromIndex('transitions', 'by-integration', integrationKey(accountId, integrationId));
  return itemsOf(batches, accountId, integrationId);
}

/**
 * The logged transitions of the given integrations ([accountId, integrationId] pairs), in one read
 * transaction: the cost follows the rows shown, not the size of the log.
 */
export async function transitionsOfMany(
  db: WatchDb,
  ids: readonly (readonly [string, string])[],
): Promise<Transition[]> {
  if (ids.length === 0) return [];
  const index = db.transaction('transitions').store.index('by-integration');
  const lists = await Promise.all(
    ids.map(([a, i]) => index.getAll(integrationKey(a, i)).then((b) => itemsOf(b, a, i))),
  );
  return lists.flat();
}

/** Drops the feeds of accounts that are no longer configured, by their index: no record is read. */
export async function keepAccounts(db: WatchDb, accountIds: ReadonlySet<string>): Promise<void> {
  const tx = db.transaction('feeds', 'readwrite');
  for (let cursor = await tx.store.index('by-account').openKeyCursor(); cursor; cursor = await cursor.continue())
    if (!accountIds.has(cursor.key)) await tx.store.delete(cursor.primaryKey);
  await tx.done;
}

/** Deletes log entries older than `before` (ms since epoch). */
export async function pruneLogs(db: WatchDb, before: number): Promise<number> {
  let removed = 0;
  for (const store of ['transitions', 'polls'] as const) {
    const tx = db.transaction(store, 'readwrite');
    let cursor = await tx.store.index('by-at').openCursor(IDBKeyRange.upperBound(before, true));
    while (cursor) {
      await cursor.delete();
      removed++;
      cursor = await cursor.continue();
    }
    await tx.done;
  }
  return removed;
}
