import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, notBeforeAfter } from '../../src/core/backoff';
import type { FeedError } from '../../src/core/types';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const MINUTE = 60_000;
const INTERVAL = 5 * MINUTE;
const lowest = () => 0;
const highest = () => 1;

describe('notBeforeAfter', () => {
  it.each([{ failures: 0 }, { failures: 1 }])(
    'keeps the regular schedule after $failures consecutive failure(s)',
    ({ failures }) => {
      expect(notBeforeAfter(failures, undefined, INTERVAL, NOW, highest)).toBeUndefined();
    },
  );

  it.each([
    { failures: 2, shortest: 5, longest: 10 },
    { failures: 3, shortest: 10, longest: 20 },
    { failures: 4, shortest: 20, longest: 40 },
    { failures: 5, shortest: 30, longest: 60 },
    { failures: 6, shortest: 30, longest: 60 },
    { failures: 50, shortest: 30, longest: 60 },
    { failures: 5000, shortest: 30, longest: 60 },
  ])('waits $shortest to $longest minutes after $failures failures', ({ failures, shortest, longest }) => {
    expect(notBeforeAfter(failures, undefined, INTERVAL, NOW, lowest)).toBe(NOW + shortest * MINUTE);
    expect(notBeforeAfter(failures, undefined, INTERVAL, NOW, highest)).toBe(NOW + longest * MINUTE);
  });

  it('never waits longer than an hour', () => {
    expect(MAX_BACKOFF_MS).toBe(60 * MINUTE);
    expect(notBeforeAfter(20, undefined, 60 * MINUTE, NOW, highest)).toBe(NOW + 60 * MINUTE);
  });

  const rateLimited = (retryAt: number): FeedError => ({
    kind: 'rate-limited',
    message: 'HTTP 429',
    httpStatus: 429,
    retryAt,
  });

  it.each([
    { what: 'after the first failure', failures: 1, retryAfter: 2 * MINUTE, random: highest, expected: 2 * MINUTE },
    {
      what: 'when it is longer than the backoff',
      failures: 2,
      retryAfter: 15 * MINUTE,
      random: lowest,
      expected: 15 * MINUTE,
    },
    { what: 'when the backoff is longer', failures: 2, retryAfter: MINUTE, random: highest, expected: 10 * MINUTE },
    { what: 'beyond the one-hour cap', failures: 20, retryAfter: 90 * MINUTE, random: highest, expected: 90 * MINUTE },
  ])('waits at least as long as Retry-After asks $what', ({ failures, retryAfter, random, expected }) => {
    expect(notBeforeAfter(failures, rateLimited(NOW + retryAfter), INTERVAL, NOW, random)).toBe(NOW + expected);
  });
});
