// What the steps after a poll all read — settings, stored feeds, snoozes, re-authorizations — read once
// and handed from step to step, so each step sees the same state and none reads it again.
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
}

export async function loadWatchState(): Promise<WatchState> {
  const [settings, records, snoozes, verifications] = await Promise.all([
    loadSettings(),
    openWatchDb().then(readFeeds),
    loadSnoozes(),
    loadVerifications(),
  ]);
  return { settings, records, snoozes, verifications };
}
