// Snoozes as the worker changes them: set from the popup or a notification, pruned after each check.
import { SNOOZES } from '../core/stored-items';
import { integrationKey, liveSnoozes, type Snooze, type Snoozes } from '../core/snooze';
import { integrationsOf, type FeedRecord } from '../core/types';
import { read, write } from '../shared/stored';
import { noteOwnWrite } from './own-writes';

/** Snoozes several integrations alike in one write (null wakes them), so the badge is redrawn once. */
export async function setSnoozes(keys: readonly string[], snooze: Snooze | null): Promise<void> {
  if (keys.length === 0) return;
  const snoozes = await read(SNOOZES);
  for (const key of keys) {
    if (snooze) snoozes[key] = snooze;
    else delete snoozes[key];
  }
  await write(SNOOZES, snoozes);
}

/**
 * After a check: drops the snoozes that ran out, whose state changed, or whose integration is gone, and
 * returns those left. `snoozes`: as the cycle read them.
 */
export async function pruneSnoozes(records: readonly FeedRecord[], now: number, snoozes: Snoozes): Promise<Snoozes> {
  if (Object.keys(snoozes).length === 0) return snoozes;
  const current = new Map(
    records.flatMap((r) => (integrationsOf(r) ?? []).map((i) => [integrationKey(r.accountId, i.id), i] as const)),
  );
  if (Object.keys(liveSnoozes(snoozes, current, now)).length === Object.keys(snoozes).length) return snoozes;
  // Read again just before writing: a snooze set while the check ran must outlive the clean-up.
  const live = liveSnoozes(await read(SNOOZES), current, now);
  noteOwnWrite(SNOOZES.key, live);
  await write(SNOOZES, live);
  return live;
}
