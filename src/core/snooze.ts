// Snoozes: an integration left out of the badge for a while, or until its state changes. Kept in
// storage.local (per browser, like the alerts they silence).
import { emptyRecord, isRecord, recordFrom } from './keyed-record';
import type { Integration, IntegrationState } from './types';

export interface Snooze {
  /** Snoozed until this time (ms since epoch)… */
  until?: number;
  /** …or for as long as the integration stays in this state. */
  whileState?: IntegrationState;
}

export type Snoozes = Record<string, Snooze>;

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
    const v = isRecord(value) ? value : {};
    if (typeof v.until === 'number' && Number.isFinite(v.until)) out[key] = { until: v.until };
    else if (typeof v.whileState === 'string' && STATES.has(v.whileState as IntegrationState))
      out[key] = { whileState: v.whileState as IntegrationState };
  }
  return out;
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
