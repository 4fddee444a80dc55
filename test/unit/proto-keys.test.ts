// Integration ids from MBI that are also names of every object's inherited members: each is an integration
// like any other in what is notified, snoozed and verified, after a trip through storage as well.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pruneSnoozes, setSnoozes } from '../../src/background/snoozes';
import { openWatchDb } from '../../src/background/db';
import { read, write } from '../../src/shared/stored';
import { parseSettings } from '../../src/core/settings';
import { integrationKey } from '../../src/core/snooze';
import { notifyFromStorage } from './fixtures';
import { SNOOZES, VERIFICATIONS } from '../../src/core/stored-items';
import { feedKey, type FeedRecord, type Integration, type IntegrationState } from '../../src/core/types';
import { judge } from '../../src/core/verification';
import { deriveView } from '../../src/core/view';

const NOON = new Date(2026, 10, 27, 12, 0).getTime();
const IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((id) => ({ id }));

function integration(id: string, state: IntegrationState): Integration {
  return {
    id,
    name: `Shop ${id}`,
    type: 'stripe',
    provider: 'Stripe',
    kind: 'oauth',
    state,
    rawStatus: state,
    since: NOON,
  };
}

/** What a poll leaves: the account's list, the integration `id` in `state` beside a healthy one. */
function record(id: string, state: IntegrationState): FeedRecord {
  return {
    key: feedKey('s1', 'connections'),
    accountId: 's1',
    feed: 'connections',
    lastAttemptAt: NOON,
    lastSuccessAt: NOON,
    failures: 0,
    data: { feed: 'connections', integrations: [integration('1', 'ok'), integration(id, state)] },
  };
}

async function polled(id: string, state: IntegrationState): Promise<void> {
  await (await openWatchDb()).put('feeds', record(id, state));
}

/** The titles of the notifications shown since the last call, which clears them as a person would. */
async function titlesShown(): Promise<string[]> {
  const shown = fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title?: string }>;
  for (const id of Object.keys(shown)) await fakeBrowser.notifications.clear(id);
  return Object.values(shown).map((options) => options.title ?? '');
}

beforeEach(async () => {
  await fakeBrowser.storage.sync.set({
    settings: { version: 2, accounts: [{ id: 's1', label: 'Main', clientId: '194' }] },
  });
  const permissions: { contains(request: unknown): Promise<boolean> } = fakeBrowser.permissions;
  vi.spyOn(permissions, 'contains').mockResolvedValue(true);
});

describe.each(IDS)('an integration with the id "$id"', ({ id }) => {
  it('is announced once when it breaks, not again on the next poll, and once when it recovers', async () => {
    await polled(id, 'ok');
    await notifyFromStorage(NOON);
    await polled(id, 'failing');
    await notifyFromStorage(NOON);
    expect(await titlesShown()).toEqual([`\u2068Shop ${id}\u2069: Failing`]);
    await notifyFromStorage(NOON + 60_000);
    expect(await titlesShown()).toEqual([]);
    await polled(id, 'ok');
    await notifyFromStorage(NOON + 120_000);
    expect(await titlesShown()).toEqual([`\u2068Shop ${id}\u2069 is working again`]);
    await notifyFromStorage(NOON + 180_000);
    expect(await titlesShown()).toEqual([]);
  });

  it('is snoozed while its state lasts, and the snooze is dropped once the state changes', async () => {
    const settings = parseSettings({ accounts: [{ id: 's1', label: 'Main', clientId: '194' }] });
    await setSnoozes([integrationKey('s1', id)], { whileState: 'failing' });
    const snoozed = deriveView(settings, [record(id, 'failing')], NOON, await read(SNOOZES)).accounts[0];
    expect(snoozed?.snoozed.map((i) => i.id)).toEqual([id]);
    expect(snoozed?.problems).toEqual([]);
    expect(Object.keys(await pruneSnoozes([record(id, 'failing')], NOON, await read(SNOOZES)))).toEqual([
      integrationKey('s1', id),
    ]);
    expect(Object.keys(await read(SNOOZES))).toEqual([integrationKey('s1', id)]);
    expect(await pruneSnoozes([record(id, 'needs-reauth')], NOON, await read(SNOOZES))).toEqual({});
    expect(Object.keys(await read(SNOOZES))).toEqual([]);
    expect(
      deriveView(settings, [record(id, 'needs-reauth')], NOON, await read(SNOOZES)).accounts[0]?.problems.map(
        (i) => i.id,
      ),
    ).toEqual([id]);
  });

  it.each([
    { state: 'ok' as const, result: 'fixed' },
    { state: 'failing' as const, result: 'still-failing' },
  ])('is judged $result after a re-authorization when the next check finds it $state', async ({ state, result }) => {
    const key = integrationKey('s1', id);
    await write(VERIFICATIONS, {
      [key]: { accountId: 's1', integrationId: id, name: `Shop ${id}`, startedAt: NOON - 120_000, tabIds: [] },
    });
    const judged = judge(await read(VERIFICATIONS), [record(id, state)], NOON);
    expect(Object.entries(judged).map(([k, v]) => [k, v.result])).toEqual([[key, result]]);
  });
});
