import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollAll } from '../../src/background/poll';
import { openWatchDb, readFeeds, transitionsOf } from '../../src/shared/db';
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

describe('pollAll', () => {
  it('stores the integrations and the last update after a successful check', async () => {
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: false, now: () => T0 });

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

  it('logs an integration that breaks between two checks', async () => {
    const broken = JSON.stringify([
      { id: 5, name: 'vandelay', type: 'mysql', properties: { status: '3', error: 'Access denied' } },
    ]);
    let body = SAMPLE;
    serve({ [CONNECTIONS]: () => body(), [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: false, now: () => T0 });
    body = json(broken);
    await pollAll({ force: false, now: () => T0 + 5 * MINUTE });

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
    await pollAll({ force: false, now: () => T0 });
    connections = () =>
      new Response('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    await pollAll({ force: false, now: () => T0 + 5 * MINUTE });

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
    await pollAll({ force: true, now: () => T0 });

    expect((await stored('connections'))?.error?.kind).toBe('permission-missing');
    expect(fetchSpy).toHaveBeenCalledTimes(0);
  });

  it('names the API host when only the app host was granted', async () => {
    grantHostAccess('https://dashboard.rjmetrics.com/*');
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: true, now: () => T0 });

    expect((await stored('connections'))?.error).toMatchObject({
      kind: 'permission-missing',
      message: expect.stringContaining('https://api.rjmetrics.com') as unknown,
    });
  });

  it('joins a check that is already running instead of starting a second one', async () => {
    const slow = held(SAMPLE);
    const fetchSpy = serve({ [CONNECTIONS]: slow.answer, [UPDATE_CYCLE]: CYCLE });

    const first = pollAll({ force: true, now: () => T0 });
    const second = pollAll({ force: true, now: () => T0 });
    await vi.waitFor(() => expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1));
    // Give the second call time to reach the account; were it not joined, it would fetch again meanwhile.
    await settle();
    slow.release();
    await Promise.all([first, second]);

    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1);
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(1);
  });

  it('asks the update status API at most once a minute, even when checks are forced', async () => {
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: true, now: () => T0 });
    await pollAll({ force: true, now: () => T0 + 30_000 });
    await pollAll({ force: true, now: () => T0 + 59_999 });
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(3);
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(1);

    await pollAll({ force: true, now: () => T0 + MINUTE });
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(2);
  });

  it('does not call the update status API when no Export API key is saved', async () => {
    await fakeBrowser.storage.local.set({ secrets: {} });
    const fetchSpy = serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: true, now: () => T0 });
    expect(callsTo(fetchSpy, UPDATE_CYCLE)).toBe(0);
    expect(await stored('update-cycle')).toBeUndefined();
  });

  it('waits out a rate limit even when a check is forced', async () => {
    // Retry-After is read against the clock, so the clock and the poll's `now` must agree.
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    let connections: Answer = () => new Response('', { status: 429, headers: { 'retry-after': '600' } });
    const fetchSpy = serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: true, now: () => T0 });
    connections = SAMPLE;
    await pollAll({ force: true, now: () => T0 + 5 * MINUTE });

    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1);
    expect(await stored('connections')).toMatchObject({ error: { kind: 'rate-limited' }, notBefore: T0 + 10 * MINUTE });
  });

  it('drops the stored state of an account that was removed', async () => {
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: true, now: () => T0 });
    await fakeBrowser.storage.sync.set({ settings: { accounts: [] } });
    await pollAll({ force: true, now: () => T0 + MINUTE });
    expect(await readFeeds(await openWatchDb())).toEqual([]);
  });
});
