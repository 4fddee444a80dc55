// Snoozes: an integration left out of the badge for a while, or until its state changes. Kept in
// storage.local (per browser, like the alerts they silence).
import browser from './browser';
import { emptyRecord, recordFrom } from './keyed-record';
import type { FeedRecord, Integration, IntegrationState } from './types';

export interface Snooze {
  /** Snoozed until this time (ms since epoch)… */
  until?: number;
  /** …or for as long as the integration stays in this state. */
  whileState?: IntegrationState;
}

export type Snoozes = Record<string, Snooze>;

const SNOOZES_KEY = 'snoozes';
const STATES = new Set<IntegrationState>(['ok', 'needs-reauth', 'failing', 'paused', 'unknown']);

export function integrationKey(accountId: string, integrationId: string): string {
  return `${accountId}/${integrationId}`;
}

export function isSnoozed(snooze: Snooze | undefined, integration: Pick<Integration, 'state'>, now: number): boolean {
  if (!snooze) return false;
  if (snooze.until !== undefined) return snooze.until > now;
  return snooze.whileState === integration.state;
}

export function parseSnoozes(raw: unknown): Snoozes {
  const out = emptyRecord<Snooze>();
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    if (typeof v.until === 'number' && Number.isFinite(v.until)) out[key] = { until: v.until };
    else if (typeof v.whileState === 'string' && STATES.has(v.whileState as IntegrationState))
      out[key] = { whileState: v.whileState as IntegrationState };
  }
  return out;
}

export async function loadSnoozes(): Promise<Snoozes> {
  return parseSnoozes((await browser.storage.local.get(SNOOZES_KEY))[SNOOZES_KEY]);
}

/** Snoozes one integration, or wakes it (`null`). */
export async function setSnooze(key: string, snooze: Snooze | null): Promise<void> {
  if (snooze) return snoozeAll([key], snooze);
  const snoozes = await loadSnoozes();
  delete snoozes[key];
  await browser.storage.local.set({ [SNOOZES_KEY]: snoozes });
}

/** Snoozes several integrations alike in one write, so the badge is redrawn once rather than per integration. */
export async function snoozeAll(keys: readonly string[], snooze: Snooze): Promise<void> {
  if (keys.length === 0) return;
  const snoozes = await loadSnoozes();
  for (const key of keys) snoozes[key] = snooze;
  await browser.storage.local.set({ [SNOOZES_KEY]: snoozes });
}

/** Drops snoozes that have run out or whose state has changed, so storage does not grow. */
export function liveSnoozes(
  snoozes: Snoozes,
  current: ReadonlyMap<string, Pick<Integration, 'state'>>,
  now: number,
): Snoozes {
  return recordFrom(
    Object.entries(snoozes).filter(([key, s]) => {
      const integration = current.get(key);
      return integration !== undefined && isSnoozed(s, integration, now);
    }),
  );
}

/**
 * After a check: drops the snoozes that ran out, whose state changed, or whose integration is gone, and
 * returns those left. `snoozes`: as the caller already read them; read here when not given.
 */
export async function pruneSnoozes(records: readonly FeedRecord[], now: number, snoozes?: Snoozes): Promise<Snoozes> {
  const all = snoozes ?? (await loadSnoozes());
  if (Object.keys(all).length === 0) return all;
  const current = new Map(
    records.flatMap((r) =>
      r.data?.feed === 'connections'
        ? r.data.integrations.map((i) => [integrationKey(r.accountId, i.id), i] as const)
        : [],
    ),
  );
  if (Object.keys(liveSnoozes(all, current, now)).length === Object.keys(all).length) return all;
  // Read again just before writing: a snooze set since `snoozes` was read must outlive the clean-up.
  const live = liveSnoozes(await loadSnoozes(), current, now);
  await browser.storage.local.set({ [SNOOZES_KEY]: live });
  return live;
}

export function isSnoozeChange(changes: Record<string, unknown>, area: string): boolean {
  return area === 'local' && SNOOZES_KEY in changes;
}
