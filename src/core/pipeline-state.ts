// Pure: how the Fivetran, Airbyte and Stitch status tables combine their signals into one state, and
// how raw values and error texts are shown.
import { MAX_DETAIL, text } from './remote-text';
import type { IntegrationState } from './types';

/** Room for several raw fields ("setup_state=broken; sync_state=scheduled; tasks=reconnect"). */
export const MAX_RAW = 160;

// Which signal wins when several apply: a pause is a decision and is not counted; a fix the admin can make
// (re-authorize) comes before a failure; something unread comes before a healthy reading.
const RANK: Readonly<Record<IntegrationState, number>> = {
  paused: 0,
  'needs-reauth': 1,
  failing: 2,
  unknown: 3,
  ok: 4,
};

/** The one of two states that wins. */
export const worse = (a: IntegrationState, b: IntegrationState): IntegrationState => (RANK[b] < RANK[a] ? b : a);

/** The state that wins among `states`; unknown when there are none. */
export function decide(states: readonly IntegrationState[]): IntegrationState {
  return states.length === 0 ? 'unknown' : states.reduce(worse);
}

/** Text that says the failure is one of authentication [inference: no vendor names a flag for it]. */
const AUTH =
  /\b40[13]\b|unauthori[sz]ed|forbidden|authenticat|authori[sz]|oauth|credential|password|\btoken\b|api[ _]key|invalid[ _]grant|re-?auth/i;

export const mentionsAuth = (value: string | undefined): boolean => value !== undefined && AUTH.test(value);

/** A raw status capped to MAX_RAW; its parts are remote text already made inert, so only a long one needs text()'s cut. */
export const cappedRaw = (joined: string): string =>
  joined.length <= MAX_RAW && joined !== '' && joined.trim() === joined ? joined : (text(joined, MAX_RAW) ?? '(none)');

/** Parts of a raw status, joined and capped: "setup_state=broken; tasks=reconnect". */
export function rawOf(parts: readonly (string | undefined)[]): string {
  let joined = '';
  for (const part of parts) if (part !== undefined) joined = joined === '' ? part : `${joined}; ${part}`;
  return cappedRaw(joined);
}

/** Distinct texts, each but the last ended as a sentence ("Reconnect. Warning. …"), joined and capped, or undefined. */
export function detailOf(parts: readonly (string | undefined)[]): string | undefined {
  const texts = [...new Set(parts.map((p) => p?.trim()).filter((p): p is string => p !== undefined && p !== ''))];
  const ended = texts.map((p, i) => (i < texts.length - 1 && !/[.!?…:]$/.test(p) ? `${p}.` : p));
  return text(ended.join(' '), MAX_DETAIL);
}

/** A sync is overdue after twice its schedule, never under an hour: a sync's own run adds to the gap. */
export const STALE_FACTOR = 2;
export const STALE_FLOOR_MINUTES = 60;

/**
 * The stale rule: the last successful sync (`lastSuccess`, ms) is older than its schedule allows at `now`.
 * Undefined while it is not, or when either is unknown.
 */
export function overdue(lastSuccess: number | undefined, everyMinutes: number | undefined, now: number): boolean {
  if (lastSuccess === undefined || everyMinutes === undefined || !(everyMinutes > 0)) return false;
  return now - lastSuccess > Math.max(STALE_FACTOR * everyMinutes, STALE_FLOOR_MINUTES) * 60_000;
}

/** "No sync has succeeded since 2024-12-01T15:43Z; the schedule is every 60 minutes." */
export const overdueText = (what: string, since: string, everyMinutes: number): string =>
  `No ${what} has succeeded since ${since}; the schedule is every ${everyMinutes} minutes.`;
