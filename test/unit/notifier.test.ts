import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notifyChanges, onNotificationButton, onNotificationClicked } from '../../src/background/notifier';
import { parseGroups, parseMemory } from '../../src/core/notify-policy';
import { SNOOZES } from '../../src/core/stored-items';
import { openWatchDb, readFeeds } from '../../src/background/db';
import { readingOf, type StatusEvent } from '../../src/core/status';
import { MBI_PRODUCT } from '../../src/core/status-pages';
import { deriveView } from '../../src/core/view';
import { loadSettings } from '../../src/shared/storage';
import { read } from '../../src/shared/stored';
import { feedKey, type Integration, type IntegrationState } from '../../src/core/types';
import { notifyFromStorage } from './fixtures';

const NOON = new Date(2026, 10, 27, 12, 0).getTime();
const SUMMARY = 'new-problem|s1|*';
const HOUR = 3_600_000;
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

describe('notifyChanges with status pages read', () => {
  const POD: StatusEvent = { kind: 'incident', id: '900', title: 'Pod 23 latency', level: 'degraded' };
  const UPGRADE: StatusEvent = { kind: 'maintenance', id: 'm1', title: 'Database upgrade', level: 'maintenance' };
  const MBI: StatusEvent = { kind: 'incident', id: 'a/9001', title: 'Delays', level: 'outage', product: MBI_PRODUCT };

  function zendesk(id: string, state: IntegrationState): Integration {
    return { ...integration(id, state), name: `Support tickets ${id}`, type: 'zendesk', provider: 'Zendesk' };
  }

  async function polledWith(integrations: Integration[]): Promise<void> {
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

  /** Notifies as the check cycle does, with what the status pages said (by target). */
  async function notifyWith(pages: Record<string, StatusEvent[]>, now = NOON): Promise<void> {
    const [settings, records, snoozes] = await Promise.all([
      loadSettings(),
      openWatchDb().then(readFeeds),
      read(SNOOZES),
    ]);
    const readings = new Map(Object.entries(pages).map(([target, events]) => [target, readingOf(events)]));
    await notifyChanges(
      { settings, records, snoozes, status: { readings } },
      now,
      [],
      deriveView(settings, records, now, snoozes),
    );
  }

  async function clearAll(): Promise<void> {
    await Promise.all(Object.keys(shown()).map((id) => fakeBrowser.notifications.clear(id)));
  }

  it('says once that Zendesk’s incident is resolved while the integration it held is still broken', async () => {
    await polledWith([zendesk('42', 'ok')]);
    await notifyWith({});
    await polledWith([zendesk('42', 'needs-reauth')]);
    await notifyWith({ zendesk: [POD], adobe: [] });
    // Held: re-authorizing will not help yet, so no "needs re-authorization" note.
    expect(shown()).toEqual({});
    await notifyWith({ zendesk: [], adobe: [] });
    expect(shown()).toEqual({
      'outage-over|s1|42': expect.objectContaining({
        title: `${isolated('Zendesk')}'s incident is resolved; ${isolated('Support tickets 42')} is still broken`,
        message: `Re-authorize now.\n${isolated('Zendesk')} · ${isolated('Vandelay Industries')}`,
      }) as unknown,
    });
    await clearAll();
    await notifyWith({ zendesk: [], adobe: [] });
    expect(shown()).toEqual({});
  });

  it('says nothing when the integration recovered before the incident ended', async () => {
    await polledWith([zendesk('42', 'ok')]);
    await notifyWith({});
    await polledWith([zendesk('42', 'failing')]);
    await notifyWith({ zendesk: [POD], adobe: [] });
    await polledWith([zendesk('42', 'ok')]);
    await notifyWith({ zendesk: [POD], adobe: [] });
    await clearAll();
    await notifyWith({ zendesk: [], adobe: [] });
    expect(shown()).toEqual({});
  });

  it('announces a break during a maintenance as usual, and nothing when the maintenance ends', async () => {
    await polledWith([zendesk('42', 'ok')]);
    await notifyWith({});
    await polledWith([zendesk('42', 'needs-reauth')]);
    await notifyWith({ zendesk: [UPGRADE], adobe: [] });
    expect(Object.keys(shown())).toEqual(['new-problem|s1|42']);
    await clearAll();
    await notifyWith({ zendesk: [], adobe: [] });
    expect(shown()).toEqual({});
  });

  it('waits for the end of quiet hours to say it', async () => {
    await fakeBrowser.storage.sync.set({
      settings: {
        version: 2,
        accounts: [{ id: 's1', label: 'Vandelay Industries', clientId: '194' }],
        notifications: { quietStart: 11 * 60, quietEnd: 13 * 60 },
      },
    });
    await polledWith([zendesk('42', 'ok')]);
    await notifyWith({}, NOON - 2 * HOUR);
    await polledWith([zendesk('42', 'needs-reauth')]);
    await notifyWith({ zendesk: [POD], adobe: [] }, NOON - 2 * HOUR);
    await notifyWith({ zendesk: [], adobe: [] }, NOON);
    expect(shown()).toEqual({});
    await notifyWith({ zendesk: [], adobe: [] }, NOON + 2 * HOUR);
    expect(Object.keys(shown())).toEqual(['outage-over|s1|42']);
  });

  it('sums up more than three integrations released by one source', async () => {
    const ids = ['1', '2', '3', '4', '5'];
    await polledWith(ids.map((id) => zendesk(id, 'ok')));
    await notifyWith({});
    await polledWith(ids.map((id) => zendesk(id, 'needs-reauth')));
    await notifyWith({ zendesk: [POD], adobe: [] });
    await notifyWith({ zendesk: [], adobe: [] });
    expect(shown()).toEqual({
      'outage-over|s1|*': expect.objectContaining({
        title: `${isolated('Zendesk')}'s incident is resolved; 5 integrations of ${isolated('Vandelay Industries')} are still broken`,
      }) as unknown,
    });
  });

  it('names Adobe when MBI’s own incident held an integration with no status page of its own', async () => {
    await polledWith([integration('7', 'ok')]);
    await notifyWith({});
    await polledWith([integration('7', 'failing')]);
    await notifyWith({ adobe: [MBI] });
    expect(shown()).toEqual({});
    await notifyWith({ adobe: [] });
    expect(shown()['outage-over|s1|7']?.title).toBe(
      `${isolated('Adobe')}'s incident is resolved; ${isolated('Integration 7')} is still broken`,
    );
  });
});
