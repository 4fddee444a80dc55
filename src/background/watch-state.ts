// What the steps after a poll all read — settings, stored feeds, snoozes, re-authorizations — read once
// and handed from step to step, so that none reads it again unless something changed it meanwhile.
import { openWatchDb, readFeeds, transitionsOfMany } from '../shared/db';
import { historiesOf, type History } from '../shared/history';
import type { Settings } from '../shared/settings';
import { loadSnoozes, type Snoozes } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import type { FeedRecord } from '../shared/types';
import type { WatchView } from '../shared/view';
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

/** The last 30 days of the given integrations, by integrationKey: the problem rows of a view, read per integration. */
export async function loadHistories(
  now: number,
  ids: readonly (readonly [string, string])[],
): Promise<Map<string, History>> {
  return historiesOf(await transitionsOfMany(await openWatchDb(), ids), now);
}

/** The integrations whose rows the popup can show: every problem, snoozed or not, of every account. */
export function problemIds(view: WatchView): [string, string][] {
  return view.accounts.flatMap((a) => [...a.problems, ...a.snoozed].map((i): [string, string] => [a.account.id, i.id]));
}

/** `state` when nothing was written since it was read (a snooze from the popup, another poll), else a fresh read. */
export async function currentState(state?: WatchState): Promise<WatchState> {
  return state?.writes === writes ? state : loadWatchState();
}
