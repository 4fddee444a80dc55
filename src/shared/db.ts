// The IndexedDB store: last snapshot per feed, the transition log and the poll log. Domain functions only.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { DB_NAME } from './db-name';
import { parseFeedRecord } from '../core/feed-record';
import { feedKey, type FeedName, type FeedRecord, type PollLogEntry, type Transition } from '../core/types';

export { DB_NAME };
export const DB_VERSION = 2;
export const RETENTION_DAYS = 90;

export interface WatchSchema extends DBSchema {
  // Unknown until parsed: the store keeps whatever an older version or a damaged profile left there.
  feeds: { key: string; value: unknown; indexes: { 'by-account': string } };
  transitions: { key: number; value: Transition; indexes: { 'by-at': number; 'by-integration': [string, string] } };
  polls: { key: number; value: PollLogEntry; indexes: { 'by-at': number } };
}

export type WatchDb = IDBPDatabase<WatchSchema>;

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
  (transitions as unknown as IDBObjectStore).createIndex('by-integration', ['accountId', 'integrationId']);
}

export function openWatchDb(): Promise<WatchDb> {
  opening ??= openDB<WatchSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // A new database gets the current schema; an old one is lifted step by step.
      if (oldVersion < 1) {
        db.createObjectStore('feeds', { keyPath: 'key' }).createIndex('by-account', 'accountId');
        const transitions = db.createObjectStore('transitions', { autoIncrement: true });
        transitions.createIndex('by-at', 'at');
        transitions.createIndex('by-integration', ['accountId', 'integrationId']);
        db.createObjectStore('polls', { autoIncrement: true }).createIndex('by-at', 'at');
      } else if (oldVersion < 2) {
        void renameAccountField(tx as unknown as IDBPTransaction<WatchV1, StoreName[], 'versionchange'>);
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
  const writes: Promise<unknown>[] = [tx.objectStore('feeds').put(record)];
  const log = tx.objectStore('transitions');
  for (const t of transitions) writes.push(log.add(t));
  writes.push(tx.objectStore('polls').add(poll));
  await Promise.all([...writes, tx.done]);
}

export async function transitionsOf(db: WatchDb, accountId: string, integrationId: string): Promise<Transition[]> {
  return db.getAllFromIndex('transitions', 'by-integration', [accountId, integrationId]);
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
  const lists = await Promise.all(ids.map((id) => index.getAll(IDBKeyRange.only([...id]))));
  return lists.flat();
}

/** Drops the feeds of accounts that are no longer configured. */
export async function keepAccounts(db: WatchDb, accountIds: ReadonlySet<string>): Promise<void> {
  const tx = db.transaction('feeds', 'readwrite');
  for await (const cursor of tx.store) {
    const { accountId } = cursor.value as { accountId?: unknown };
    if (typeof accountId !== 'string' || !accountIds.has(accountId)) await cursor.delete();
  }
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
