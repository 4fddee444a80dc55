// The poll log's last checks, read by the options page itself (same origin as the worker). Plain
// IndexedDB rather than db.ts: sharing db.ts and idb with the page would split them out of the worker's
// bundle into a shared chunk, which alone costs the worker about 0.3 KB of its size budget.
import { DB_NAME } from '../shared/db-name';
import { ISSUES } from '../core/issues';
import type { PollLogEntry } from '../core/types';

function isPollLogEntry(value: unknown): value is PollLogEntry {
  const p = value as Partial<PollLogEntry> | null;
  return (
    typeof p?.accountId === 'string' &&
    typeof p.at === 'number' &&
    typeof p.durationMs === 'number' &&
    (p.outcome === 'ok' || (typeof p.outcome === 'string' && Object.hasOwn(ISSUES, p.outcome)))
  );
}

/** The last `count` checks, most recent first; a line an older version wrote in another shape is passed over. */
export function recentPolls(count: number): Promise<PollLogEntry[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME);
    let missing = false;
    // No database yet: creating it here would keep the worker's own upgrade from making its stores.
    open.onupgradeneeded = () => {
      missing = true;
      open.transaction?.abort();
    };
    open.onerror = () => (missing ? resolve([]) : reject(open.error ?? new Error(`${DB_NAME} could not be opened`)));
    open.onsuccess = () => {
      const db = open.result;
      const polls: PollLogEntry[] = [];
      const request = db.transaction('polls').objectStore('polls').index('by-at').openCursor(null, 'prev');
      request.onsuccess = () => {
        const cursor = request.result;
        if (cursor && isPollLogEntry(cursor.value)) polls.push(cursor.value);
        if (cursor && polls.length < count) return cursor.continue();
        db.close();
        resolve(polls);
      };
      request.onerror = () => {
        db.close();
        reject(request.error ?? new Error('The poll log could not be read'));
      };
    };
  });
}
