// Pure: an integration's logged transitions → how often it broke in the last 30 days and when it was last fixed.
import { integrationKey } from './snooze';
import type { Transition } from './types';
import { PROBLEM_STATES } from './view';

export const HISTORY_DAYS = 30;

export interface History {
  /** Changes from healthy, new or paused into a problem state within the window. */
  breaks: number;
  /** The latest change from a problem state to healthy within the window. */
  lastFixedAt?: number;
}

/** Where the window starts: transitions before it are not counted. */
export function historyStart(now: number): number {
  return now - HISTORY_DAYS * 86_400_000;
}

const isProblem = (state: Transition['from']) => (PROBLEM_STATES as ReadonlySet<string>).has(state);
// A change between two problem states (failing → needs re-authorization) is the same break going on.
const BREAKS_FROM: ReadonlySet<Transition['from']> = new Set(['ok', 'new', 'paused']);

/** The history of every integration with a transition in the window, by integrationKey, from one read of the log. */
export function historiesOf(transitions: readonly Transition[], now: number): Map<string, History> {
  const start = historyStart(now);
  const histories = new Map<string, History>();
  for (const { accountId, integrationId, from, to, at } of transitions) {
    // A logged line that cannot be read (damaged, or of another shape) counts for nothing.
    if (typeof at !== 'number' || !(at >= start) || typeof accountId !== 'string' || typeof integrationId !== 'string')
      continue;
    const key = integrationKey(accountId, integrationId);
    const history = histories.get(key) ?? { breaks: 0 };
    histories.set(key, history);
    if (BREAKS_FROM.has(from) && isProblem(to)) history.breaks++;
    else if (isProblem(from) && to === 'ok' && at > (history.lastFixedAt ?? 0)) history.lastFixedAt = at;
  }
  return histories;
}
