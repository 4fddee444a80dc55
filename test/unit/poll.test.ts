import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { pollAll } from '../../src/background/poll';
import { openWatchDb, readFeeds, transitionsOf } from '../../src/shared/db';
import type { FeedRecord } from '../../src/shared/types';
import { fixtureText } from './fixtures';

const T0 = Date.parse('2026-01-15T12:00:00Z');
const MINUTE = 60_000;
const CONNECTIONS = 'https://api.rjmetrics.com/v1/v2/clients/194/connections/input-connections?include_deleted=false';
const UPDATE_CYCLE = 'https://api.rjmetrics.com/0.1/client/194/fullupdatestatus';

type Answer = () => Response | Promise<Response>;

const json = (text: string): Answer => () => new Response(text, { headers: { 'content-type': 'application/json' } });
const SAMPLE = json(fixtureText('connections-2018-sample.json'));
const CYCLE = json(fixtureText('update-cycle-sample.json'));

function urlOf(input: string | URL | Request): string {
  if (input instanceof Request) return input.url;
  return input instanceof URL ? input.href : input;
}

/** Routes fetch by URL; anything unrouted is a network failure, as it would be for an unknown host. */
function serve(routes: Record<string, Answer>): MockInstance<typeof fetch> {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = urlOf(input);
    const answer = routes[url];
    return answer ? Promise.resolve(answer()) : Promise.reject(new TypeError(`fetch failed: ${url}`));
  });
}

function callsTo(spy: MockInstance<typeof fetch>, url: string): number {
  return spy.mock.calls.filter(([input]) => urlOf(input) === url).length;
}

// The fake browser does not implement permissions; this answers `contains` from a set of granted patterns.
const permissions: { contains(request: { origins?: string[] }): Promise<boolean> } = fakeBrowser.permissions;

function grantHostAccess(...patterns: string[]): void {
  const granted = new Set(patterns);
  vi.spyOn(permissions, 'contains').mockImplementation(({ origins = [] }) => Promise.resolve(origins.every((o) => granted.has(o))));
}

async function stored(feed: FeedRecord['feed']): Promise<FeedRecord | undefined> {
  return (await readFeeds(await openWatchDb())).find((r) => r.sourceId === 'main' && r.feed === feed);
}

beforeEach(async () => {
  await fakeBrowser.storage.sync.set({ settings: { pollMinutes: 5, sources: [{ id: 'main', label: 'Main store', clientId: '194' }] } });
  await fakeBrowser.storage.local.set({ secrets: { main: { exportApiKey: 'export-key' } } });
  grantHostAccess('https://dashboard.rjmetrics.com/*', 'https://api.rjmetrics.com/*');
});

afterEach(() => {
  vi.useRealTimers();
});

describe('pollAll', () => {
  it('stores the integrations and the last update after a successful check', async () => {
    serve({ [CONNECTIONS]: SAMPLE, [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: false, now: () => T0 });

    expect(await stored('connections')).toMatchObject({
      lastAttemptAt: T0, lastSuccessAt: T0, failures: 0,
      data: { feed: 'connections', integrations: [{ id: '5', name: 'vandelay', provider: 'MySQL', state: 'ok', since: T0 }] },
    });
    expect((await stored('connections'))?.error).toBeUndefined();
    expect(await stored('update-cycle')).toMatchObject({ data: { feed: 'update-cycle', lastJob: { id: 13554, endedAt: Date.parse('2025-12-09T08:29:03Z') } } });
  });

  it('logs an integration that breaks between two checks', async () => {
    const broken = JSON.stringify([{ id: 5, name: 'vandelay', type: 'mysql', properties: { status: '3', error: 'Access denied' } }]);
    let body = SAMPLE;
    serve({ [CONNECTIONS]: () => body(), [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: false, now: () => T0 });
    body = json(broken);
    await pollAll({ force: false, now: () => T0 + 5 * MINUTE });

    expect(await transitionsOf(await openWatchDb(), 'main', '5')).toEqual([
      { sourceId: 'main', integrationId: '5', name: 'vandelay', from: 'ok', to: 'failing', at: T0 + 5 * MINUTE, detail: 'Access denied' },
    ]);
  });

  it('keeps the last good list and records the error when a later check fails', async () => {
    let connections = SAMPLE;
    serve({ [CONNECTIONS]: () => connections(), [UPDATE_CYCLE]: CYCLE });
    await pollAll({ force: false, now: () => T0 });
    connections = () => new Response('<html><body>Bad gateway</body></html>', { status: 502, headers: { 'content-type': 'text/html' } });
    await pollAll({ force: false, now: () => T0 + 5 * MINUTE });

    const record = await stored('connections');
    expect(record).toMatchObject({ lastAttemptAt: T0 + 5 * MINUTE, lastSuccessAt: T0, failures: 1, error: { kind: 'server-error', httpStatus: 502 } });
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

    expect((await stored('connections'))?.error).toMatchObject({ kind: 'permission-missing', message: expect.stringContaining('https://api.rjmetrics.com') as unknown });
  });

  it('joins a check that is already running instead of starting a second one', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const fetchSpy = serve({ [CONNECTIONS]: async () => { await held; return SAMPLE(); }, [UPDATE_CYCLE]: CYCLE });

    const first = pollAll({ force: true, now: () => T0 });
    const second = pollAll({ force: true, now: () => T0 });
    await vi.waitFor(() => expect(callsTo(fetchSpy, CONNECTIONS)).toBe(1));
    // Give the second call time to reach the source; were it not joined, it would fetch again meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
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
    await fakeBrowser.storage.sync.set({ settings: { sources: [] } });
    await pollAll({ force: true, now: () => T0 + MINUTE });
    expect(await readFeeds(await openWatchDb())).toEqual([]);
  });
});
