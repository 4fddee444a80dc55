// The IndexedDB store: last snapshot per feed, the transition log and the poll log. Domain functions only.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DB_NAME } from './db-name';
import { parseFeedRecord } from './feed-record';
import { feedKey, type FeedName, type FeedRecord, type PollLogEntry, type Transition } from './types';

export { DB_NAME };
export const DB_VERSION = 1;
export const RETENTION_DAYS = 90;

export interface WatchSchema extends DBSchema {
  // Unknown until parsed: the store keeps whatever an older version or a damaged profile left there.
  feeds: { key: string; value: unknown; indexes: { 'by-source': string } };
  transitions: { key: number; value: Transition; indexes: { 'by-at': number; 'by-integration': [string, string] } };
  polls: { key: number; value: PollLogEntry; indexes: { 'by-at': number } };
}

export type WatchDb = IDBPDatabase<WatchSchema>;

let opening: Promise<WatchDb> | undefined;

export function openWatchDb(): Promise<WatchDb> {
  opening ??= openDB<WatchSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each step upgrades from the version before it, so any old database reaches the current one.
      if (oldVersion < 1) {
        db.createObjectStore('feeds', { keyPath: 'key' }).createIndex('by-source', 'sourceId');
        const transitions = db.createObjectStore('transitions', { autoIncrement: true });
        transitions.createIndex('by-at', 'at');
        transitions.createIndex('by-integration', ['sourceId', 'integrationId']);
        db.createObjectStore('polls', { autoIncrement: true }).createIndex('by-at', 'at');
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

export async function readFeed(db: WatchDb, sourceId: string, feed: FeedName): Promise<FeedRecord | undefined> {
  const raw = await db.get('feeds', feedKey(sourceId, feed));
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

export async function transitionsOf(db: WatchDb, sourceId: string, integrationId: string): Promise<Transition[]> {
  return db.getAllFromIndex('transitions', 'by-integration', [sourceId, integrationId]);
}

/**
 * The logged transitions of the given integrations ([sourceId, integrationId] pairs), in one read
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

/** Drops the feeds of sources that are no longer configured. */
export async function keepSources(db: WatchDb, sourceIds: ReadonlySet<string>): Promise<void> {
  const tx = db.transaction('feeds', 'readwrite');
  for await (const cursor of tx.store) {
    const { sourceId } = cursor.value as { sourceId?: unknown };
    if (typeof sourceId !== 'string' || !sourceIds.has(sourceId)) await cursor.delete();
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
