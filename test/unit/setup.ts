// Every test starts with an empty in-memory browser and an empty IndexedDB.
import 'fake-indexeddb/auto';
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, vi } from 'vitest';
import { DB_NAME } from '../../src/shared/db';

vi.mock('webextension-polyfill', async () => ({ default: (await import('@webext-core/fake-browser')).fakeBrowser }));

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // An open connection is closed by db.ts's `blocking` handler, which also drops its cached promise.
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  await deleteDatabase(DB_NAME);
});
