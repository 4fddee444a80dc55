import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { report, requestCycle } from '../../src/background/cycle';
import { openWatchDb, readFeeds, transitionsOf } from '../../src/background/db';
import {
  callsTo,
  CONNECTIONS,
  CYCLE,
  grantHostAccess,
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
const MINUTE = 60_000;

beforeEach(async () => {
  await watchMainStore();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('the check cycle', () => {
  it('stores the integrations and the last update after a successful check', async () => {
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: false }, { now: () => T0, random: Math.random });

    expect(await stored('connections')).toMatchObject({
      lastAttemptAt: T0,
      lastSuccessAt: T0,
      failures: 0,
      data: {
        feed: 'connections',
        integrations: [{ id: '5', name: 'vandelay', provider: 'MySQL', state: 'ok', since: T0 }],
      },
    });
    expect((await stored('connections'))?.error).toBeUndefined();
    expect(await stored('update-cycle')).toMatchObject({
      data: { feed: 'update-cycle', lastJob: { id: 13554, endedAt: Date.parse('2025-12-09T08:29:03Z') } },
    });
  });

  it('drops history older than the retention after a check, and keeps the rest', async () => {
    const db = await openWatchDb();
    const DAY = 86_400_000;
    const line = (at: number) => ({
      accountId: 'main',
      feed: 'connections',
      at,
      outcome: 'ok' as const,
      durationMs: 1,
    });
    const change = (at: number) => {
      const t = {
        accountId: 'main',
        integrationId: '5',
        name: 'vandelay',
        from: 'ok' as const,
        to: 'failing' as const,
        at,
      };
      return { accountId: 'main', at, keys: ['main/5'], items: [t] };
    };
    await db.add('polls', line(T0 - 91 * DAY));
    await db.add('polls', line(T0 - 89 * DAY));
    await db.add('transitions', change(T0 - 91 * DAY));
    await db.add('transitions', change(T0 - 89 * DAY));
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: false }, { now: () => T0, random: Math.random });

    // The default keeps 90 days: the line of 91 days ago goes, the one of 89 stays, with this check's own.
    expect((await db.getAll('polls')).map((p) => p.at).filter((at) => at < T0)).toEqual([T0 - 89 * DAY]);
    expect((await db.getAll('transitions')).map((t) => t.at)).toEqual([T0 - 89 * DAY]);
  });

  it('logs an integration that breaks between two checks', async () => {
    const broken = JSON.stringify([
      { id: 5, name: 'vandelay', type: 'mysql', properties: { status: '3', error: 'Access denied' } },
    ]);
    let body = SAMPLE;
    serve({ [CONNECTIONS]: () => body(), [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: false }, { now: () => T0, random: Math.random });
    body = json(broken);
    await requestCycle({ force: false }, { now: () => T0 + 5 * MINUTE, random: Math.random });

    expect(await transitionsOf(await openWatchDb(), 'main', '5')).toEqual([
      {
        accountId: 'main',
        integrationId: '5',
        name: 'vandelay',
        from: 'ok',
        to: 'failing',
        at: T0 + 5 * MINUTE,
        detail: 'Access denied',
      },
    ]);
  });

  it('keeps the last good list and records the error when a later check fails', async () => {
    let connections = SAMPLE;
    serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: false }, { now: () => T0, random: Math.random });
    connections = () =>
      new Response('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    await requestCycle({ force: false }, { now: () => T0 + 5 * MINUTE, random: Math.random });

    const record = await stored('connections');
    expect(record).toMatchObject({
      lastAttemptAt: T0 + 5 * MINUTE,
      lastSuccessAt: T0,
      failures: 1,
      error: { kind: 'server-error', httpStatus: 502 },
    });
    expect(record?.data).toMatchObject({ integrations: [{ name: 'vandelay', state: 'ok' }] });
  });

  it('records "permission-missing" without any request when host access is not granted', async () => {
    grantHostAccess();
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: true }, { now: () => T0, random: Math.random });

    expect((await stored('connections'))?.error?.kind).toBe('permission-missing');
    // Said once, on the first source: the update status has nothing of its own to add.
    expect(await stored('update-cycle')).toBeUndefined();
    expect(fetchSpy).toHaveBeenCalledTimes(0);
  });

  it('names the API host when only the app host was granted', async () => {
    grantHostAccess('https://dashboard.rjmetrics.com/*');
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: true }, { now: () => T0, random: Math.random });

    expect((await stored('connections'))?.error).toMatchObject({
      kind: 'permission-missing',
      message: expect.stringContaining('https://api.rjmetrics.com') as unknown,
    });
  });

  it('runs a check asked for while one is running once after it, never beside it', async () => {
    const slow = held(SAMPLE);
    let active = 0;
    let maxAtOnce = 0;
    const fetchSpy = serve({
      [CONNECTIONS]: async () => {
        maxAtOnce = Math.max(maxAtOnce, ++active);
        try {
          return await slow.answer();
        } finally {
          active--;
        }
      },
      [UPDATE_CYCLE]: CYCLE,
    });

    const first = requestCycle({ force: true }, { now: () => T0, random: Math.random });
    let secondDone = false;
    const second = requestCycle({ force: true }, { now: () => T0, random: Math.random }).then(() => {
      secondDone = true;
    });
    await vi.waitFor(() => expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1));
    // Give the second request time to reach the account; were it run beside the first, it would fetch meanwhile.
    await settle();
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1);
    expect(secondDone).toBe(false);
    slow.release();
    await Promise.all([first, second]);

    expect(maxAtOnce).toBe(1);
    // The second cycle checks the list again; the update status API, asked a moment ago, waits its minute.
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(2);
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(1);
  });

  it('polls only the accounts a request names', async () => {
    await fakeBrowser.storage.sync.set({
      settings: {
        version: 2,
        pollMinutes: 5,
        accounts: [
          { id: 'main', label: 'Main store', clientId: '194' },
          { id: 'other', label: 'Other store', clientId: '195' },
        ],
      },
    });
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: true, accountIds: ['main'] }, { now: () => T0, random: Math.random });

    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    expect((await readFeeds(await openWatchDb())).map((r) => r.accountId)).toEqual(['main', 'main']);
  });

  it('asks the update status API at most once a minute, even when checks are forced', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: true }, { now: () => T0, random: Math.random });
    await requestCycle({ force: true }, { now: () => T0 + 30_000, random: Math.random });
    await requestCycle({ force: true }, { now: () => T0 + 59_999, random: Math.random });
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(1);

    await requestCycle({ force: true }, { now: () => T0 + MINUTE, random: Math.random });
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(2);
  });

  it('does not call the update status API when no Export API key is saved', async () => {
    await fakeBrowser.storage.local.set({ secrets: {} });
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: true }, { now: () => T0, random: Math.random });
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(0);
    expect(await stored('update-cycle')).toBeUndefined();
  });

  it('waits out a rate limit even when a check is forced', async () => {
    // Retry-After is read against the clock, so the clock and the poll's `now` must agree.
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    let connections: Answer = () => new Response('', { status: 429, headers: { 'retry-after': '600' } });
    const fetchSpy = serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: true }, { now: () => T0, random: Math.random });
    connections = SAMPLE;
    await requestCycle({ force: true }, { now: () => T0 + 5 * MINUTE, random: Math.random });

    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1);
    expect(await stored('connections')).toMatchObject({ error: { kind: 'rate-limited' }, notBefore: T0 + 10 * MINUTE });
  });

  it('drops the stored state of an account that was removed', async () => {
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await requestCycle({ force: true }, { now: () => T0, random: Math.random });
    await fakeBrowser.storage.sync.set({ settings: { accounts: [] } });
    await requestCycle({ force: true }, { now: () => T0 + MINUTE, random: Math.random });
    expect(await readFeeds(await openWatchDb())).toEqual([]);
  });
});

describe('reporting a failed step', () => {
  it("logs a failure, but not Chrome's refusal of a worker it is stopping", () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    report('check')(new Error('No SW'));
    expect(log).not.toHaveBeenCalled();
    report('check')(new Error('Quota exceeded'));
    expect(log).toHaveBeenCalledWith('MBI Integration Watch: check failed', new Error('Quota exceeded'));
    log.mockRestore();
  });
});
