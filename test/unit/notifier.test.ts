import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { onNotificationButton, onNotificationClicked } from '../../src/background/notifier';
import { parseGroups, parseMemory } from '../../src/core/notify-policy';
import { SNOOZES } from '../../src/core/stored-items';
import { openWatchDb } from '../../src/background/db';
import { read } from '../../src/shared/stored';
import { feedKey, type Integration, type IntegrationState } from '../../src/core/types';
import { notifyFromStorage } from './fixtures';

const NOON = new Date(2026, 10, 27, 12, 0).getTime();
const SUMMARY = 'new-problem|s1|*';
/** A name as a notification writes it: isolated, so a right-to-left one cannot reorder the words around it. */
const isolated = (name: string) => `\u2068${name}\u2069`;

function integration(id: string, state: IntegrationState): Integration {
  return {
    id,
    name: `Integration ${id}`,
    type: 'stripe',
    provider: 'Stripe',
    kind: 'oauth',
    state,
    rawStatus: state,
    since: NOON,
  };
}

/** What a poll leaves in IndexedDB: the account's list, ids 1…count, the first `broken` needing re-authorization. */
async function polled(count: number, broken: number, state: IntegrationState = 'needs-reauth'): Promise<void> {
  const integrations = Array.from({ length: count }, (_, i) => integration(String(i + 1), i < broken ? state : 'ok'));
  await (
    await openWatchDb()
  ).put('feeds', {
    key: feedKey('s1', 'connections'),
    accountId: 's1',
    feed: 'connections',
    lastAttemptAt: NOON,
    lastSuccessAt: NOON,
    failures: 0,
    data: { feed: 'connections', integrations },
  });
}

function shown(): Record<string, { title?: string; message?: string }> {
  return fakeBrowser.notifications.getAllCreateOptions();
}

async function tabUrls(): Promise<(string | undefined)[]> {
  return (await fakeBrowser.tabs.query({})).map((tab) => tab.url).filter(Boolean);
}

beforeEach(async () => {
  await fakeBrowser.storage.sync.set({
    settings: { version: 2, accounts: [{ id: 's1', label: 'Vandelay Industries', clientId: '194' }] },
  });
  // The fake browser does not implement permissions: notifications are granted here.
  const permissions: { contains(request: unknown): Promise<boolean> } = fakeBrowser.permissions;
  vi.spyOn(permissions, 'contains').mockResolvedValue(true);
});

describe('notifyChanges', () => {
  it('shows one summary titled for the account when five integrations break in one poll', async () => {
    await polled(12, 0);
    await notifyFromStorage(NOON);
    await polled(12, 5);
    await notifyFromStorage(NOON);
    expect(shown()).toEqual({
      [SUMMARY]: expect.objectContaining({
        title: `5 integrations of ${isolated('Vandelay Industries')} need re-authorization`,
        message: `${['Integration 1', 'Integration 2', 'Integration 3'].map(isolated).join(', ')} and 2 more`,
      }) as unknown,
    });
  });

  it('says "need attention" when the integrations broke in different ways', async () => {
    await polled(12, 0);
    await notifyFromStorage(NOON);
    await polled(12, 4, 'failing');
    await notifyFromStorage(NOON);
    expect(shown()[SUMMARY]?.title).toBe(`4 integrations of ${isolated('Vandelay Industries')} need attention`);
  });

  it('writes nothing to storage when a poll changes nothing', async () => {
    await polled(12, 3);
    await notifyFromStorage(NOON);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await notifyFromStorage(NOON);
    expect(set).not.toHaveBeenCalled();
    await polled(12, 4);
    await notifyFromStorage(NOON);
    expect(set).toHaveBeenCalledTimes(1);
  });

  it.each([true, 5, 'x', [], { s1: 'broken' }, { s1: { '1': { state: 'needs-reauth' } } }])(
    'reads a stored memory of %j as no memory of the account: a silent new baseline',
    async (memory) => {
      await polled(12, 3);
      await fakeBrowser.storage.local.set({ notified: memory });
      await notifyFromStorage(NOON);
      expect(shown()).toEqual({});
      const { notified } = await fakeBrowser.storage.local.get('notified');
      expect(Object.keys((notified as Record<string, object>).s1 ?? {})).toEqual(['1', '2', '3']);
    },
  );

  it('reads the memory it wrote itself unchanged', () => {
    const memory = { s1: { '7': { state: 'failing', escalated: true } }, s2: {} };
    expect(parseMemory(memory)).toEqual(memory);
  });

  it('remembers only the integrations that are not ok', async () => {
    await polled(12, 2);
    await notifyFromStorage(NOON);
    const { notified } = await fakeBrowser.storage.local.get('notified');
    expect(notified).toEqual({
      s1: { '1': { state: 'needs-reauth', escalated: false }, '2': { state: 'needs-reauth', escalated: false } },
    });
  });
});

describe('the stored lists of summaries', () => {
  it('keeps lists of ids and drops anything else', () => {
    expect(parseGroups({ a: ['1', '2'], b: 'x', c: [1], d: null, e: [] })).toEqual({ a: ['1', '2'], e: [] });
    for (const raw of [true, 5, 'x', null, undefined, ['1']]) expect(parseGroups(raw)).toEqual({});
  });

  it('still snoozes and clears after the stored lists were garbled', async () => {
    await polled(12, 0);
    await notifyFromStorage(NOON);
    await fakeBrowser.storage.local.set({ 'notified-groups': 7 });
    await polled(12, 5);
    await notifyFromStorage(NOON);
    await onNotificationButton(SUMMARY, 1);
    expect(Object.keys(await read(SNOOZES))).toHaveLength(5);
    expect(shown()).toEqual({});
  });
});

describe('a summary notification', () => {
  beforeEach(async () => {
    await polled(12, 0);
    await notifyFromStorage(NOON);
    await polled(12, 5);
    await notifyFromStorage(NOON);
  });

  it.each([
    { action: 'a click', press: () => onNotificationClicked(SUMMARY) },
    { action: 'Re-authorize', press: () => onNotificationButton(SUMMARY, 0) },
  ])('opens the account’s Integrations page on $action', async ({ press }) => {
    await press();
    expect(await tabUrls()).toEqual(['https://dashboard.rjmetrics.com/v2/client/194/dashapp/manage-data/integrations']);
    expect(shown()).toEqual({});
  });

  it('snoozes every integration it stands for on "Snooze 1 day"', async () => {
    await onNotificationButton(SUMMARY, 1);
    expect(Object.keys(await read(SNOOZES)).sort()).toEqual(['s1/1', 's1/2', 's1/3', 's1/4', 's1/5']);
    expect(shown()).toEqual({});
    expect(await tabUrls()).toEqual([]);
  });
});
