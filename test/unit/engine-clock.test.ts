// @vitest-environment jsdom
// jsdom gives the engine a `navigator` with `onLine`, as the service worker has; Node 20 has none.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { requestCycle } from '../../src/background/cycle';
import { openWatchDb, transitionsOf } from '../../src/background/db';
import {
  callsTo,
  CONNECTIONS,
  CYCLE,
  held,
  json,
  SAMPLE,
  serve,
  settle,
  stored,
  UPDATE_CYCLE,
  watchMainStore,
  type Answer,
} from './fixtures';

const T0 = Date.parse('2026-01-15T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const INTERVAL = 5 * MINUTE;

const BROKEN = JSON.stringify([
  { id: 5, name: 'vandelay', type: 'mysql', properties: { status: '3', error: 'Access denied' } },
]);
const serverError: Answer = () =>
  new Response('<html><body>Service unavailable</body></html>', {
    status: 503,
    headers: { 'content-type': 'text/html' },
  });

let clock = T0;
const now = () => clock;
// The top of the jitter range, so that each backoff wait is exactly the doubled interval.
const random = () => 1;

/** One check cycle at `at` on the injected clock: an alarm (`force: false`) or "Check now" (`force: true`). */
async function pollAt(at: number, force = false): Promise<void> {
  clock = at;
  await requestCycle({ force }, { now, random });
}

/** `answer`, noting the clock each time it is asked. */
function logged(answer: Answer, times: number[]): Answer {
  return () => {
    times.push(clock);
    return answer();
  };
}

function gapsBetween(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] ?? t));
}

beforeEach(async () => {
  clock = T0;
  await watchMainStore(INTERVAL / MINUTE);
});

describe('backoff after server errors', () => {
  it('doubles the pause between attempts from one interval up to an hour while the alarm keeps firing', async () => {
    const attempts: number[] = [];
    serve({ [CONNECTIONS]: logged(serverError, attempts), [UPDATE_CYCLE]: CYCLE });
    const waits: (number | undefined)[] = [];
    for (let at = T0; at <= T0 + 200 * MINUTE; at += INTERVAL) {
      const before = attempts.length;
      await pollAt(at);
      const record = await stored('connections');
      if (attempts.length > before)
        waits.push(record?.notBefore === undefined ? undefined : (record.notBefore - at) / MINUTE);
    }

    expect(gapsBetween(attempts).map((gap) => gap / MINUTE)).toEqual([5, 10, 20, 40, 60, 60]);
    expect(waits).toEqual([undefined, 10, 20, 40, 60, 60, 60]);
    expect(await stored('connections')).toMatchObject({
      failures: 7,
      error: { kind: 'server-error', httpStatus: 503 },
    });
  });

  it('skips automatic polls until notBefore and polls from notBefore on', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: serverError, [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    await pollAt(T0 + INTERVAL);
    const notBefore = (await stored('connections'))?.notBefore;
    expect(notBefore).toBe(T0 + INTERVAL + 2 * INTERVAL);

    await pollAt((notBefore ?? 0) - 1);
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    await pollAt(notBefore ?? 0);
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
  });

  it('lets "Check now" skip the backoff wait', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: serverError, [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    await pollAt(T0 + INTERVAL);
    await pollAt(T0 + INTERVAL + MINUTE, true);

    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
    expect(await stored('connections')).toMatchObject({ failures: 3, lastAttemptAt: T0 + INTERVAL + MINUTE });
  });

  it('clears failures, error and notBefore after a success, and starts again from the regular interval', async () => {
    let connections = serverError;
    const fetchSpy = serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    for (const at of [0, 5, 15, 35]) await pollAt(T0 + at * MINUTE);
    expect(await stored('connections')).toMatchObject({ failures: 4, notBefore: T0 + 75 * MINUTE });

    connections = SAMPLE;
    await pollAt(T0 + 75 * MINUTE);
    const recovered = await stored('connections');
    expect(recovered).toMatchObject({ failures: 0, lastSuccessAt: T0 + 75 * MINUTE });
    expect(recovered?.notBefore).toBeUndefined();
    expect(recovered?.error).toBeUndefined();

    connections = serverError;
    await pollAt(T0 + 80 * MINUTE);
    await pollAt(T0 + 85 * MINUTE);
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(7);
    expect(await stored('connections')).toMatchObject({
      failures: 2,
      notBefore: T0 + 95 * MINUTE,
      lastSuccessAt: T0 + 75 * MINUTE,
    });
  });
});

describe('rate limit', () => {
  it('makes no request before Retry-After: 120 has passed, not even for "Check now"', async () => {
    let connections: Answer = () => new Response('', { status: 429, headers: { 'retry-after': '120' } });
    const fetchSpy = serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    expect(await stored('connections')).toMatchObject({
      error: { kind: 'rate-limited', retryAt: T0 + 120 * SECOND },
      notBefore: T0 + 120 * SECOND,
    });

    connections = SAMPLE;
    for (const [at, force] of [
      [10, false],
      [10, true],
      [60, false],
      [60, true],
      [119.999, true],
      [119.999, false],
    ] as const) {
      await pollAt(T0 + at * SECOND, force);
    }
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1);

    await pollAt(T0 + 120 * SECOND);
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    expect(await stored('connections')).toMatchObject({
      failures: 0,
      data: { integrations: [{ name: 'vandelay', state: 'ok' }] },
    });
  });
});

describe('the update status API', () => {
  it('is asked at most once a minute over an hour of polls every 10 s, forced or not, failing or not', async () => {
    const calls: number[] = [];
    let cycle: Answer = CYCLE;
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: logged(() => cycle(), calls) });
    for (let at = T0, i = 0; at <= T0 + HOUR; at += 10 * SECOND, i++) {
      const minute = (at - T0) / MINUTE;
      // A stretch of server errors, one of network failures and one rate limit: the rule holds on every path.
      if (minute >= 20 && minute < 30) cycle = serverError;
      else if (minute >= 40 && minute < 45) cycle = () => Promise.reject(new TypeError('network down'));
      else if (minute >= 50 && minute < 51) cycle = () => new Response('', { status: 429 });
      else cycle = CYCLE;
      await pollAt(at, i % 3 === 0);
    }

    expect(calls.length).toBeGreaterThan(30);
    expect(calls.length).toBeLessThanOrEqual(61);
    expect(Math.min(...gapsBetween(calls))).toBeGreaterThanOrEqual(60 * SECOND);
  });
});

describe('single flight', () => {
  /** Counts the requests to an endpoint that are in flight at the same time. */
  function concurrency(answer: Answer): { answer: Answer; max: () => number } {
    let active = 0;
    let max = 0;
    return {
      answer: async () => {
        max = Math.max(max, ++active);
        try {
          return await answer();
        } finally {
          active--;
        }
      },
      max: () => max,
    };
  }

  async function breakBetweenPolls(): Promise<{
    fetchSpy: ReturnType<typeof serve>;
    slow: ReturnType<typeof held>;
    maxAtOnce: () => number;
  }> {
    let connections = SAMPLE;
    const counted = concurrency(() => connections());
    const fetchSpy = serve({ [CONNECTIONS]: counted.answer, [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    const slow = held(json(BROKEN));
    connections = slow.answer;
    clock = T0 + INTERVAL;
    return { fetchSpy, slow, maxAtOnce: counted.max };
  }

  async function expectOneLoggedChange(): Promise<void> {
    const db = await openWatchDb();
    expect(await transitionsOf(db, 'main', '5')).toEqual([
      {
        accountId: 'main',
        integrationId: '5',
        name: 'vandelay',
        from: 'ok',
        to: 'failing',
        at: T0 + INTERVAL,
        detail: 'Access denied',
      },
    ]);
    expect(await db.count('transitions')).toBe(1);
  }

  it('runs an alarm that arrives during a "Check now" after it, never beside it, and fetches nothing the check just fetched', async () => {
    const { fetchSpy, slow, maxAtOnce } = await breakBetweenPolls();
    const checkNow = requestCycle({ force: true }, { now, random });
    const alarm = requestCycle({ force: false }, { now, random });
    await vi.waitFor(() => expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2));
    // Give the alarm's request time to reach the account; were it run beside the check, it would fetch meanwhile.
    await settle();
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    slow.release();
    await Promise.all([checkNow, alarm]);

    expect(maxAtOnce()).toBe(1);
    // The alarm's cycle runs after the check, and what the check fetched after the alarm asked counts as done.
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(2);
    await expectOneLoggedChange();
    expect(await (await openWatchDb()).count('polls')).toBe(4);
  });

  it('merges every request made during a running cycle into one more cycle, forced when any of them was', async () => {
    const { fetchSpy, slow, maxAtOnce } = await breakBetweenPolls();
    const first = requestCycle({ force: false }, { now, random });
    await vi.waitFor(() => expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2));
    const waiting = [
      requestCycle({ force: false, onlyOverdue: true }, { now, random }),
      requestCycle({ force: true }, { now, random }),
      requestCycle({ force: false }, { now, random }),
    ];
    await settle();
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    slow.release();
    await Promise.all([first, ...waiting]);

    expect(maxAtOnce()).toBe(1);
    // Three requests, one more cycle, forced by the one that was: the list is asked once more, not three times.
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(2);
    await expectOneLoggedChange();
  });

  it('makes the merged cycle skip a backoff wait when one of the requests was "Check now"', async () => {
    let connections: Answer = serverError;
    const fetchSpy = serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    const slow = held(serverError);
    connections = slow.answer;
    clock = T0 + INTERVAL;
    const first = requestCycle({ force: false }, { now, random });
    await vi.waitFor(() => expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2));
    // The failure being answered puts the next automatic poll 10 minutes off.
    const alarm = requestCycle({ force: false }, { now, random });
    const checkNow = requestCycle({ force: true }, { now, random });
    slow.release();
    await Promise.all([first, alarm, checkNow]);

    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
    expect(await stored('connections')).toMatchObject({ failures: 3 });
  });

  it('runs a "Check now" that arrives during an alarm poll after it, never beside it, and logs the change once', async () => {
    const { fetchSpy, slow, maxAtOnce } = await breakBetweenPolls();
    const alarm = requestCycle({ force: false }, { now, random });
    const checkNow = requestCycle({ force: true }, { now, random });
    await vi.waitFor(() => expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2));
    await settle();
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    slow.release();
    await Promise.all([alarm, checkNow]);

    expect(maxAtOnce()).toBe(1);
    // A person asked, so the list is checked once more after the alarm poll.
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
    // The update status API was asked by the alarm poll a moment ago; Adobe's one-a-minute rule holds.
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(2);
    await expectOneLoggedChange();
  });
});

describe('catching up', () => {
  it('polls at once on waking from a long sleep, after a backoff that has long expired', async () => {
    let connections = serverError;
    const fetchSpy = serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    for (const at of [0, 5, 15]) await pollAt(T0 + at * MINUTE);
    expect(await stored('connections')).toMatchObject({ failures: 3, notBefore: T0 + 35 * MINUTE });
    const asked = { connections: callsTo(fetchSpy, CONNECTIONS), cycle: callsTo(fetchSpy, UPDATE_CYCLE) };

    connections = SAMPLE;
    clock = T0 + 8 * HOUR;
    await requestCycle({ force: false, onlyOverdue: true }, { now, random });
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(asked.connections + 1);
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(asked.cycle + 1);
    expect(await stored('connections')).toMatchObject({ failures: 0, lastSuccessAt: T0 + 8 * HOUR });
  });

  it('skips a feed checked within the interval on waking, but the alarm poll still checks it', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    clock = T0 + INTERVAL - 1;
    await requestCycle({ force: false, onlyOverdue: true }, { now, random });
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1);

    await pollAt(T0 + INTERVAL - 1);
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    expect(await stored('connections')).toMatchObject({
      lastAttemptAt: T0 + INTERVAL - 1,
      lastSuccessAt: T0 + INTERVAL - 1,
    });
  });

  it('does not cut a backoff short on waking', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: serverError, [UPDATE_CYCLE]: CYCLE });
    for (const at of [0, 5, 15]) await pollAt(T0 + at * MINUTE);
    // The last attempt is older than the interval, but the backoff runs until T0 + 35 min.
    clock = T0 + 25 * MINUTE;
    await requestCycle({ force: false, onlyOverdue: true }, { now, random });
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
  });

  it('lets the alarm set the cadence: an automatic poll soon after a good one checks the list again', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    await pollAt(T0 + 30 * SECOND);

    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    // …but not the update status API, which keeps Adobe's one-call-a-minute rule.
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(1);
    expect(await stored('connections')).toMatchObject({
      lastAttemptAt: T0 + 30 * SECOND,
      lastSuccessAt: T0 + 30 * SECOND,
    });
  });
});

describe('offline', () => {
  it('makes no request while the browser is offline, records "offline" and keeps the last good data', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAt(T0);
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);

    await pollAt(T0 + INTERVAL);
    await pollAt(T0 + INTERVAL + MINUTE, true);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    const connections = await stored('connections');
    expect(connections).toMatchObject({
      error: { kind: 'offline' },
      lastAttemptAt: T0 + INTERVAL + MINUTE,
      lastSuccessAt: T0,
      data: { feed: 'connections', integrations: [{ id: '5', name: 'vandelay', state: 'ok' }] },
    });
    expect(await stored('update-cycle')).toMatchObject({
      lastSuccessAt: T0,
      data: { feed: 'update-cycle', lastJob: { id: 13554 } },
    });

    online.mockReturnValue(true);
    await pollAt(T0 + 2 * INTERVAL, true);
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    expect((await stored('connections'))?.error).toBeUndefined();
  });
});
