import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/core/parse-command';
import { buildPopupModel, entriesOf } from '../../src/core/popup-build';
import {
  GROUP_FROM,
  isGroup,
  isPopupModel,
  parseRows,
  type PopupEntry,
  type PopupGroup,
  type PopupModel,
  type PopupRow,
} from '../../src/core/popup-model';
import { parseSettings } from '../../src/core/settings';
import { readingOf, type StatusEvent } from '../../src/core/status';
import { MBI_PRODUCT } from '../../src/core/status-pages';
import type { FeedRecord, Integration } from '../../src/core/types';
import type { Verifications } from '../../src/core/verification';
import { deriveView } from '../../src/core/view';
import { connectionsRecord } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12);
const HOUR = 3_600_000;
const settings = parseSettings({ escalationHours: 24, accounts: [{ id: 's', label: 'Main', clientId: '194' }] });

function integration(id: string, extra: Partial<Integration> = {}): Integration {
  return {
    id,
    name: `Name ${id}`,
    type: 'facebook_ads',
    provider: 'Facebook Ads',
    kind: 'oauth',
    state: 'needs-reauth',
    rawStatus: '2',
    since: NOW - HOUR,
    ...extra,
  };
}

/** The entries as rows: the tests that use this build problems unlike enough to stay single rows. */
function rowsOf(entries: readonly PopupEntry[] | undefined): PopupRow[] {
  const all = entries ?? [];
  expect(all.filter(isGroup)).toEqual([]);
  return all.filter((e): e is PopupRow => !isGroup(e));
}

/** The entry as a group. */
function groupOf(entry: PopupEntry | undefined): PopupGroup {
  if (entry === undefined || !isGroup(entry)) throw new Error(`not a group: ${JSON.stringify(entry)}`);
  return entry;
}

/** Integrations 1…count, most recently broken first, each with its own error: none alike. */
function unlike(count: number): Integration[] {
  return Array.from({ length: count }, (_, n) =>
    integration(String(n + 1), { since: NOW - (n + 1) * HOUR, detail: `Error ${n + 1}` }),
  );
}

function model(
  integrations: Integration[],
  extra: {
    verifications?: Parameters<typeof buildPopupModel>[2];
    snoozes?: Parameters<typeof buildPopupModel>[3];
    paused?: boolean;
  } = {},
) {
  const s = { ...settings, paused: extra.paused ?? false };
  const records: FeedRecord[] = [connectionsRecord(integrations, NOW)];
  const view = deriveView(s, records, NOW, extra.snoozes ?? {});
  return buildPopupModel(view, s, extra.verifications ?? {}, extra.snoozes ?? {}, NOW).model;
}

/** '1', '2', … 'n'. */
const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

describe('the popup model', () => {
  it('carries each problem with its words, action, hint and likely cause', () => {
    const [row] = rowsOf(model([integration('1'), integration('2', { state: 'ok' })]).accounts[0]?.entries);
    expect(row).toMatchObject({
      id: '1',
      stateLabel: 'Needs re-authorization',
      actionLabel: 'Re-authorize',
      supportFirst: false,
      escalated: false,
    });
    expect(row?.hint).toContain('Authorize');
    expect(row?.cause?.text).toBe('Likely cause: the authorization token expired.');
    expect(row?.cause?.evidence).toBe('Facebook tokens last about 60 days.');
  });

  const stillFailing: Verifications = {
    's/1': {
      accountId: 's',
      integrationId: '1',
      name: 'x',
      startedAt: NOW - 2 * HOUR,
      tabIds: [],
      result: 'still-failing',
    },
  };

  it.each<{ what: string; item: Integration; verifications: Verifications }>([
    {
      what: 'broken for longer than the escalation threshold',
      item: integration('1', { since: NOW - 30 * HOUR }),
      verifications: {},
    },
    { what: 'still failing after a re-authorization', item: integration('1'), verifications: stillFailing },
  ])('puts the support case first when $what', ({ item, verifications }) => {
    expect(rowsOf(model([item], { verifications }).accounts[0]?.entries)[0]?.supportFirst).toBe(true);
  });

  it('lists snoozed problems apart, with their wake-up time, and fixed ones below', () => {
    const m = model([integration('1'), integration('2')], {
      snoozes: { 's/2': { until: NOW + HOUR } },
      verifications: {
        's/3': {
          accountId: 's',
          integrationId: '3',
          name: 'Fixed one',
          startedAt: NOW - HOUR,
          tabIds: [],
          result: 'fixed',
          checkedAt: NOW,
        },
      },
    });
    expect(m.problemCount).toBe(1);
    expect(m.accounts[0]?.snoozed.map((r) => [r.id, r.wakeAt])).toEqual([['2', NOW + HOUR]]);
    expect(m.fixed).toEqual([{ key: 's/3', name: 'Fixed one', checkedAt: NOW }]);
  });

  it('carries the first 10 entries of a single account, and every entry in the full list, in the same order', () => {
    const records: FeedRecord[] = [connectionsRecord(unlike(13), NOW)];
    const { model: m, rows } = buildPopupModel(deriveView(settings, records, NOW, {}), settings, {}, {}, NOW);
    expect(m.accounts[0]?.problemCount).toBe(13);
    expect(m.accounts[0]?.entryCount).toBe(13);
    expect(rowsOf(m.accounts[0]?.entries).map((r) => r.id)).toEqual(ids(10));
    expect(rowsOf(rows.s).map((r) => r.id)).toEqual(ids(13));
    // The model's entries are the full list's first ones, not copies built apart.
    expect(rows.s?.slice(0, 10)).toEqual(m.accounts[0]?.entries);
  });

  it('carries three entries per account when there are several, and every account in the full list', () => {
    const two = parseSettings({
      accounts: [
        { id: 'a', label: 'A', clientId: '1' },
        { id: 'b', label: 'B', clientId: '2' },
      ],
    });
    const feed = (accountId: string, count: number): FeedRecord => ({
      key: `${accountId}:connections`,
      accountId,
      feed: 'connections',
      lastAttemptAt: NOW,
      lastSuccessAt: NOW,
      failures: 0,
      data: { feed: 'connections', integrations: unlike(count) },
    });
    const { model: m, rows } = buildPopupModel(
      deriveView(two, [feed('a', 7), feed('b', 3)], NOW, {}),
      two,
      {},
      {},
      NOW,
    );
    expect(m.accounts.map((a) => [a.entries.length, a.entryCount, a.problemCount])).toEqual([
      [3, 7, 7],
      [3, 3, 3],
    ]);
    expect(Object.keys(rows)).toEqual(['a', 'b']);
    expect(rowsOf(rows.a).map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(rowsOf(rows.b).map((r) => r.id)).toEqual(['1', '2', '3']);
  });

  it(`folds ${GROUP_FROM} or more problems alike in provider, state and error into one group at the place of the latest`, () => {
    const alike = (id: string, hours: number) =>
      integration(id, {
        provider: 'MySQL',
        kind: 'database',
        state: 'failing',
        detail: 'Access denied',
        since: NOW - hours * HOUR,
      });
    const records: FeedRecord[] = [
      connectionsRecord(
        [
          integration('fb', { since: NOW - HOUR }),
          alike('m1', 2),
          alike('m2', 3),
          alike('m3', 4),
          integration('fb2', { since: NOW - 5 * HOUR, detail: 'Other' }),
        ],
        NOW,
      ),
    ];
    const { model: m, rows } = buildPopupModel(deriveView(settings, records, NOW, {}), settings, {}, {}, NOW);
    const account = m.accounts[0];
    expect(account?.problemCount).toBe(5);
    expect(account?.entryCount).toBe(3);
    expect(account?.entries.map((e) => (isGroup(e) ? `group of ${e.count}` : e.id))).toEqual([
      'fb',
      'group of 3',
      'fb2',
    ]);

    const group = groupOf(account?.entries[1]);
    expect(group).toMatchObject({
      group: true,
      provider: 'MySQL',
      kind: 'database',
      state: 'failing',
      stateLabel: 'Failing',
      detail: 'Access denied',
      count: 3,
      since: NOW - 2 * HOUR,
    });
    // The model carries the group without its rows; the full list has them, latest first.
    expect(group.rows).toBeUndefined();
    const full = groupOf(rows.s?.[1]);
    expect(full.key).toBe(group.key);
    expect(full.rows?.map((r) => r.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it(`keeps fewer than ${GROUP_FROM} alike problems, and problems alike but in their error, as rows`, () => {
    const mysql = (id: string, detail: string, hours: number) =>
      integration(id, { provider: 'MySQL', kind: 'database', state: 'failing', detail, since: NOW - hours * HOUR });
    const entries = model([
      mysql('1', 'Access denied', 1),
      mysql('2', 'Access denied', 2),
      mysql('3', 'Unknown host', 3),
      mysql('4', 'Timed out', 4),
    ]).accounts[0]?.entries;
    expect(rowsOf(entries).map((r) => r.id)).toEqual(['1', '2', '3', '4']);
  });

  it('counts a group as one entry of the first ones', () => {
    const many = Array.from({ length: 12 }, (_, n) =>
      integration(`a${n + 1}`, { state: 'failing', detail: 'Access denied', since: NOW - (n + 1) * HOUR }),
    );
    const account = model([...many, ...unlike(10).map((i) => ({ ...i, since: NOW - 100 * HOUR - Number(i.id) }))])
      .accounts[0];
    expect(account?.problemCount).toBe(22);
    expect(account?.entryCount).toBe(11);
    expect(account?.entries).toHaveLength(10);
    expect(groupOf(account?.entries[0]).count).toBe(12);
  });

  it('keeps a group stable while its members stay alike, and the same entries for the same rows', () => {
    const row = (id: string, since: number): PopupRow => ({
      accountId: 's',
      id,
      name: id,
      provider: 'MySQL',
      kind: 'database',
      state: 'failing',
      stateLabel: 'Failing',
      detail: 'Access denied',
      since,
      actionLabel: 'Re-authorize',
      hint: '',
      escalated: false,
      supportFirst: false,
    });
    const before = groupOf(entriesOf([row('1', 3), row('2', 2), row('3', 1)])[0]);
    const after = groupOf(entriesOf([row('4', 4), row('1', 3), row('2', 2), row('3', 1)])[0]);
    expect(after.key).toBe(before.key);
    expect(after.count).toBe(4);
    expect(entriesOf([])).toEqual([]);
  });

  it('tells a stored model of this shape from one of an earlier version or from garbage', () => {
    const current = model([integration('1')]);
    expect(isPopupModel(current)).toBe(true);
    // An earlier version's model: problems and no entries.
    expect(
      isPopupModel({
        ...current,
        accounts: current.accounts.map(({ entries, entryCount: _count, ...rest }) => ({ ...rest, problems: entries })),
      }),
    ).toBe(false);
    expect(
      isPopupModel({ ...current, accounts: current.accounts.map(({ problemCount: _count, ...rest }) => rest) }),
    ).toBe(false);
    for (const garbage of [null, undefined, 'model', 42, [], {}, { ...current, accounts: 'x' }])
      expect(isPopupModel(garbage)).toBe(false);
  });

  it('reads the stored full list as lists of entries by account, and anything else as none', () => {
    const { rows } = buildPopupModel(
      deriveView(settings, [connectionsRecord(unlike(2), NOW)], NOW, {}),
      settings,
      {},
      {},
      NOW,
    );
    expect(parseRows(JSON.parse(JSON.stringify(rows)))).toEqual(rows);
    expect(parseRows({ a: [], b: 'x', c: null, d: {} })).toEqual({ a: [] });
    for (const garbage of [null, undefined, 'rows', 42, [[]]]) expect(parseRows(garbage)).toEqual({});
  });

  it('shows a paused extension above every account', () => {
    expect(model([integration('1')], { paused: true }).globalIssue).toMatchObject({
      kind: 'paused',
      title: 'Checks paused',
      action: 'resume',
    });
  });
});

describe('parseCommand', () => {
  it.each([
    { raw: { type: 'reauthorize', accountId: 's', integrationId: '1' }, ok: true },
    { raw: { type: 'support-case', accountId: 's', integrationId: '1' }, ok: true },
    { raw: { type: 'open-page', page: 'adobe-status' }, ok: true },
    { raw: { type: 'open-page', page: 'javascript:alert(1)' }, ok: false },
    { raw: { type: 'snooze', accountId: 's', integrationId: '1', snooze: { until: NOW } }, ok: true },
    { raw: { type: 'snooze', accountId: 's', integrationId: '1', snooze: null }, ok: true },
    { raw: { type: 'snooze', accountId: 's', integrationId: '1', snooze: { whileState: 'broken' } }, ok: false },
    { raw: { type: 'reauthorize', accountId: 's' }, ok: false },
    { raw: { type: 'resume' }, ok: true },
    { raw: { type: 'open-incident', accountId: 's', integrationId: '1' }, ok: true },
    { raw: { type: 'open-incident', accountId: 's' }, ok: false },
    { raw: { type: 'open-incident', accountId: 's', integrationId: 'x'.repeat(201) }, ok: false },
    { raw: { type: 'decline-status' }, ok: true },
    // Gone: the popup reads the full list from storage.
    { raw: { type: 'more-rows' }, ok: false },
    { raw: { type: 'nothing' }, ok: false },
  ])('$raw → accepted: $ok', ({ raw, ok }) => {
    expect(parseCommand(raw) !== null).toBe(ok);
  });
});

describe('the popup model with status pages read', () => {
  const POD: StatusEvent = {
    kind: 'incident',
    id: '900',
    title: 'Pod 23 latency',
    level: 'degraded',
    since: NOW - 2 * HOUR,
    url: 'https://status.zendesk.com',
  };
  const UPGRADE: StatusEvent = { kind: 'maintenance', id: 'm1', title: 'Database upgrade', level: 'maintenance' };
  const MBI: StatusEvent = {
    kind: 'incident',
    id: '71234/9001',
    title: 'Data synchronization delays',
    level: 'outage',
    product: MBI_PRODUCT,
  };
  /** Within 30 days of Zendesk's fixed deadline (2027-04-30): a healthy Zendesk integration is due soon. */
  const BEFORE_ZENDESK_DEADLINE = Date.UTC(2027, 3, 10, 12);

  const zendesk = (id: string, extra: Partial<Integration> = {}) =>
    integration(id, { type: 'zendesk', provider: 'Zendesk', kind: 'api-key', ...extra });

  function withStatus(
    integrations: Integration[],
    pages: Record<string, StatusEvent[]>,
    extra: { now?: number; access?: PopupModel['statusAccess'] } = {},
  ) {
    const now = extra.now ?? NOW;
    const view = deriveView(settings, [connectionsRecord(integrations, now)], now);
    const readings = new Map(Object.entries(pages).map(([t, events]) => [t, readingOf(events)]));
    const status = extra.access ? { readings, access: extra.access } : { readings };
    return buildPopupModel(view, settings, {}, {}, now, new Map(), status);
  }

  it('shows the provider’s incident on a broken row, and puts no support case first while it holds', () => {
    const overdue = zendesk('1', { since: NOW - 48 * HOUR, detail: 'Connection timed out' });
    const [plain] = rowsOf(withStatus([overdue], {}).model.accounts[0]?.entries);
    expect(plain).toMatchObject({ escalated: true, supportFirst: true, cause: { kind: 'provider' } });
    const { model } = withStatus([overdue], { zendesk: [POD] });
    const [row] = rowsOf(model.accounts[0]?.entries);
    expect(row?.outage).toEqual({
      source: 'Zendesk',
      kind: 'incident',
      title: 'Pod 23 latency',
      since: NOW - 2 * HOUR,
      holds: true,
      link: true,
    });
    expect(row).toMatchObject({ escalated: true, supportFirst: false });
    // The incident takes the cause line's place.
    expect(row?.cause).toBeUndefined();
    expect(isPopupModel(JSON.parse(JSON.stringify(model)))).toBe(true);
  });

  it('shows a maintenance on a broken row without holding it, and keeps its cause line', () => {
    const [row] = rowsOf(
      withStatus([zendesk('1', { detail: 'Connection timed out' })], { zendesk: [UPGRADE] }).model.accounts[0]?.entries,
    );
    expect(row?.outage).toEqual({ source: 'Zendesk', kind: 'maintenance', title: 'Database upgrade' });
    expect(row?.cause).toMatchObject({ kind: 'provider', text: 'Likely cause: a problem at the provider.' });
  });

  it('names MBI’s own incident as the internal cause when several integrations broke together', () => {
    const together = unlike(3).map((i) => ({ ...i, since: NOW - HOUR }));
    const rows = rowsOf(withStatus(together, { adobe: [MBI] }).model.accounts[0]?.entries);
    expect(rows.map((r) => r.outage)).toEqual(
      Array(3).fill({
        source: 'Adobe',
        kind: 'incident',
        title: 'Data synchronization delays',
        mbi: true,
        holds: true,
        internal: true,
      }),
    );
    expect(rows.map((r) => r.supportFirst)).toEqual([false, false, false]);
  });

  it('shows MBI’s own incident on a single broken row without calling it the cause', () => {
    const [row] = rowsOf(withStatus(unlike(1), { adobe: [MBI] }).model.accounts[0]?.entries);
    expect(row?.outage).toMatchObject({ source: 'Adobe', mbi: true, holds: true });
    expect(row?.outage?.internal).toBeUndefined();
  });

  it('carries one provider’s incident on the group of its alike rows', () => {
    const alike = ids(GROUP_FROM).map((id) => zendesk(id, { detail: 'Invalid token' }));
    const [entry] = withStatus(alike, { zendesk: [POD] }).model.accounts[0]?.entries ?? [];
    expect(groupOf(entry).outage).toMatchObject({ source: 'Zendesk', title: 'Pod 23 latency', holds: true });
  });

  it('warns on a due-soon row that its provider reports an incident, but not for a maintenance', () => {
    const healthy = zendesk('1', { state: 'ok', since: undefined });
    const incident = withStatus([healthy], { zendesk: [POD] }, { now: BEFORE_ZENDESK_DEADLINE }).model;
    expect(incident.comingUp).toMatchObject([{ id: '1', dueSoon: true }]);
    expect(incident.comingUp[0]?.outage).toEqual({
      source: 'Zendesk',
      kind: 'incident',
      title: 'Pod 23 latency',
      since: NOW - 2 * HOUR,
      holds: true,
      link: true,
    });
    const upkeep = withStatus([healthy], { zendesk: [UPGRADE] }, { now: BEFORE_ZENDESK_DEADLINE }).model;
    expect(upkeep.comingUp[0]?.outage).toBeUndefined();
  });

  it('passes on which status hosts the popup may ask access to, and none when none is missing', () => {
    const access = {
      sources: ['Zendesk'],
      hosts: ['status.zendesk.com'],
      origins: ['https://status.zendesk.com/*'],
    };
    expect(withStatus([zendesk('1')], {}, { access }).model.statusAccess).toEqual(access);
    expect(withStatus([zendesk('1')], {}).model.statusAccess).toBeUndefined();
  });
});
