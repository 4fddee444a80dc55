// A stored feed record that is damaged or of an older shape counts as missing: nothing that reads the
// store throws, the next poll rewrites it, and it is logged once.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parseFeedRecord } from '../../src/core/feed-record';
import { openWatchDb } from '../../src/background/db';
import { feedKey, type FeedRecord } from '../../src/core/types';
import { callsTo, CONNECTIONS, CYCLE, json, serve, stored, UPDATE_CYCLE, watchMainStore } from './fixtures';

// Hours after the update-cycle fixture's last job ended, so the account is not stale.
const NOW = Date.parse('2025-12-09T12:00:00Z');
const KEY = feedKey('main', 'connections');
const BROKEN = json(
  JSON.stringify([{ id: 5, name: 'vandelay', type: 'mysql', properties: { status: '3', error: 'Access denied' } }]),
);

const GOOD: FeedRecord = {
  key: KEY,
  accountId: 'main',
  feed: 'connections',
  lastAttemptAt: NOW,
  lastSuccessAt: NOW,
  failures: 0,
  data: {
    feed: 'connections',
    integrations: [
      {
        id: '5',
        name: 'vandelay',
        type: 'mysql',
        provider: 'MySQL',
        kind: 'database',
        state: 'failing',
        rawStatus: '3',
        since: NOW,
      },
    ],
  },
};

/** What an older version or a damaged profile may leave: the store takes any object with a key. */
async function storeRaw(record: object): Promise<void> {
  const db = await openWatchDb();
  await db.put('feeds', record);
}

/** The clock of a check cycle at `at`. */
const clockAt = (at: number) => ({ now: () => at, random: Math.random });

/** A fresh copy of the worker's modules, as a restarted worker loads them. */
async function freshWorker() {
  vi.resetModules();
  const [cycle, followUp, pageActions, diagnostic] = await Promise.all([
    import('../../src/background/cycle'),
    import('../../src/background/follow-up'),
    import('../../src/background/page-actions'),
    import('../../src/background/diagnostic'),
  ]);
  return { ...cycle, ...followUp, ...pageActions, ...diagnostic };
}

describe('parseFeedRecord', () => {
  const envelope: FeedRecord = {
    key: KEY,
    accountId: 'main',
    feed: 'connections',
    lastAttemptAt: NOW,
    lastSuccessAt: NOW,
    failures: 0,
  };

  it.each([
    { what: 'a sound record', raw: GOOD, expected: GOOD },
    { what: 'a record without data', raw: envelope, expected: envelope },
    {
      what: 'integrations that are not a list',
      raw: { ...GOOD, data: { feed: 'connections', integrations: 'none' } },
      expected: envelope,
    },
    {
      what: 'an integration with a numeric id',
      raw: { ...GOOD, data: { feed: 'connections', integrations: [{ ...GOOD.data, id: 5 }] } },
      expected: envelope,
    },
    {
      what: 'an integration in an unknown state',
      raw: {
        ...GOOD,
        data: {
          feed: 'connections',
          integrations: [
            { id: '5', name: 'x', type: 'mysql', provider: 'MySQL', kind: 'database', state: 'broken', rawStatus: '3' },
          ],
        },
      },
      expected: envelope,
    },
    {
      what: 'data of the other feed',
      raw: { ...GOOD, data: { feed: 'update-cycle', lastJob: null } },
      expected: envelope,
    },
    {
      what: 'an update job without its end',
      raw: {
        ...GOOD,
        key: feedKey('main', 'update-cycle'),
        feed: 'update-cycle',
        data: { feed: 'update-cycle', lastJob: { id: 1 } },
      },
      expected: { ...envelope, key: feedKey('main', 'update-cycle'), feed: 'update-cycle' },
    },
    {
      what: 'an error of an unknown kind',
      raw: { ...GOOD, error: { kind: 'exploded', message: 'x' } },
      expected: null,
    },
    { what: 'a key that is not its account and feed', raw: { ...GOOD, key: 'other:connections' }, expected: null },
    { what: 'an unknown feed', raw: { ...GOOD, feed: 'orders' }, expected: null },
    { what: 'failures that are not a number', raw: { ...GOOD, failures: '2' }, expected: null },
    { what: 'a string', raw: 'main:connections', expected: null },
    { what: 'null', raw: null, expected: null },
  ])('reads $what', ({ raw, expected }) => {
    expect(parseFeedRecord(raw)).toEqual(expected);
  });

  it('returns a sound record itself, not a copy', () => {
    expect(parseFeedRecord(GOOD)).toBe(GOOD);
  });
});

describe('a damaged stored record', () => {
  let warn: MockInstance<typeof console.warn>;

  beforeEach(async () => {
    await watchMainStore();
    // The fake browser implements neither: notifications are granted, and the worker has a version.
    const permissions: { contains(request: unknown): Promise<boolean> } = fakeBrowser.permissions;
    vi.spyOn(permissions, 'contains').mockResolvedValue(true);
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'MBI Integration Watch',
      version: '1.0.0',
    });
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    {
      what: 'integrations that are not a list',
      record: { ...GOOD, data: { feed: 'connections', integrations: { 5: 'failing' } } },
    },
    {
      what: 'an older shape: no failure count, the list named otherwise',
      record: {
        key: KEY,
        accountId: 'main',
        feed: 'connections',
        lastAttemptAt: NOW,
        data: { feed: 'connections', connections: [{ id: 5 }] },
      },
    },
  ])('with $what breaks no badge refresh, notification, re-authorization, support case or poll', async ({ record }) => {
    await storeRaw(record);
    const worker = await freshWorker();
    // A cycle that polls no account: the badge and the notifications read the damaged record as it is.
    await worker.requestCycle({ force: false, accountIds: [] }, clockAt(NOW));
    expect(await worker.startReauthorization('main', '5', NOW)).toBe(false);
    expect(await worker.openSupportCase('main', '5', NOW)).toEqual({ ok: false });
    expect(await worker.diagnosticOf('main')).toBeNull();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    serve({ [CONNECTIONS]: BROKEN, [UPDATE_CYCLE]: CYCLE });
    await worker.requestCycle({ force: false }, clockAt(NOW + 60_000));
    expect((await stored('connections'))?.data).toMatchObject({
      feed: 'connections',
      integrations: [{ id: '5', state: 'failing' }],
    });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
  });

  it('is logged once however often it is read, and without its values', async () => {
    await storeRaw({ ...GOOD, data: { feed: 'connections', integrations: 'secret-looking text' } });
    const worker = await freshWorker();
    await worker.requestCycle({ force: false, accountIds: [] }, clockAt(NOW));
    await worker.requestCycle({ force: false, accountIds: [] }, clockAt(NOW + 1));
    await worker.openSupportCase('main', '5', NOW);
    const lines = warn.mock.calls.map((args) => args.join(' '));
    expect(lines.filter((line) => line.includes(KEY))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('secret-looking text');
  });

  it('keeps the Retry-After a damaged record still carries: a scheduled poll waits for it', async () => {
    await storeRaw({
      ...GOOD,
      error: { kind: 'rate-limited', message: '429' },
      failures: 1,
      notBefore: NOW + 600_000,
      data: { feed: 'connections', integrations: null },
    });
    const fetchSpy = serve({ [CONNECTIONS]: BROKEN, [UPDATE_CYCLE]: CYCLE });
    const worker = await freshWorker();
    await worker.requestCycle({ force: false }, clockAt(NOW + 60_000));
    expect(callsTo(fetchSpy, CONNECTIONS)).toBe(0);
    // The same cycle draws the badge: it says why nothing was asked.
    expect(await fakeBrowser.action.getTitle({})).toContain('Rate limited');
  });
});
