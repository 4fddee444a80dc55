// Pure: when the next automatic poll of a feed may run after an outcome.
import type { FeedError } from './types';

export const MAX_BACKOFF_MS = 60 * 60_000;

/**
 * After `failures` consecutive failures the wait doubles from one poll interval up to an hour, with
 * jitter in [50 %, 100 %] so that many browsers do not retry in step; Retry-After is a floor.
 */
export function notBeforeAfter(
  failures: number,
  error: FeedError | undefined,
  intervalMs: number,
  now: number,
  random: () => number,
): number | undefined {
  const retryAt = error?.retryAt;
  if (failures <= 1 && retryAt === undefined) return undefined;
  const base = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, failures - 1));
  const backoff = failures <= 1 ? 0 : Math.round(base * (0.5 + random() / 2));
  return Math.max(now + backoff, retryAt ?? 0);
}
