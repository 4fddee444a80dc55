// What the steps after a poll all read — settings, stored feeds, snoozes, re-authorizations — read once
// and handed from step to step, so that none reads it again unless something changed it meanwhile.
import { openWatchDb, readFeeds } from '../shared/db';
import type { Settings } from '../shared/settings';
import { loadSnoozes, type Snoozes } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import type { FeedRecord } from '../shared/types';
import { loadVerifications, type Verifications } from '../shared/verification';

export interface WatchState {
  settings: Settings;
  records: FeedRecord[];
  snoozes: Snoozes;
  verifications: Verifications;
  /** The count of writes (see noteWrite) when this copy was read. */
  writes: number;
}

/** Writes to any of the above since the worker started, by this worker or another page. */
let writes = 0;

/** Something wrote to the watched state: every copy read before now is stale. */
export function noteWrite(): void {
  writes++;
}

export async function loadWatchState(): Promise<WatchState> {
  const at = writes;
  const [settings, records, snoozes, verifications] = await Promise.all([
    loadSettings(),
    openWatchDb().then(readFeeds),
    loadSnoozes(),
    loadVerifications(),
  ]);
  return { settings, records, snoozes, verifications, writes: at };
}

/** `state` when nothing was written since it was read (a snooze from the popup, another poll), else a fresh read. */
export async function currentState(state?: WatchState): Promise<WatchState> {
  return state?.writes === writes ? state : loadWatchState();
}
