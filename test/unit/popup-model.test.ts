import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/background/parse-command';
import { buildPopupModel } from '../../src/background/popup-model';
import { isPopupModel } from '../../src/shared/popup-model';
import { parseSettings } from '../../src/shared/settings';
import type { FeedRecord, Integration } from '../../src/shared/types';
import type { Verifications } from '../../src/shared/verification';
import { deriveView } from '../../src/shared/view';
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

describe('the popup model', () => {
  it('carries each problem with its words, action, hint and likely cause', () => {
    const [row] = model([integration('1'), integration('2', { state: 'ok' })]).accounts[0]!.problems;
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
    expect(model([item], { verifications }).accounts[0]?.problems[0]?.supportFirst).toBe(true);
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

  it('carries the first rows of an account and keeps the rest apart, in the same order', () => {
    const many = Array.from({ length: 13 }, (_, n) => integration(String(n + 1), { since: NOW - (n + 1) * HOUR }));
    const records: FeedRecord[] = [connectionsRecord(many, NOW)];
    const { model: m, more } = buildPopupModel(deriveView(settings, records, NOW, {}), settings, {}, {}, NOW);
    expect(m.accounts[0]?.problemCount).toBe(13);
    expect(m.accounts[0]?.problems.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(more.s?.map((r) => r.id)).toEqual(['11', '12', '13']);
  });

  it('carries three rows per account when there are several, and nothing apart for an account within them', () => {
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
      data: { feed: 'connections', integrations: Array.from({ length: count }, (_, n) => integration(String(n + 1))) },
    });
    const { model: m, more } = buildPopupModel(
      deriveView(two, [feed('a', 7), feed('b', 3)], NOW, {}),
      two,
      {},
      {},
      NOW,
    );
    expect(m.accounts.map((a) => [a.problems.length, a.problemCount])).toEqual([
      [3, 7],
      [3, 3],
    ]);
    expect(Object.keys(more)).toEqual(['a']);
    expect(more.a?.map((r) => r.id)).toEqual(['4', '5', '6', '7']);
  });

  it('tells a stored model of this shape from one of an earlier version or from garbage', () => {
    const current = { ...model([integration('1')]), moreVersion: 'abc' };
    expect(isPopupModel(current)).toBe(true);
    expect(isPopupModel({ ...current, moreVersion: undefined })).toBe(false);
    expect(
      isPopupModel({ ...current, accounts: current.accounts.map(({ problemCount: _count, ...rest }) => rest) }),
    ).toBe(false);
    for (const garbage of [null, undefined, 'model', 42, [], {}, { ...current, accounts: 'x' }])
      expect(isPopupModel(garbage)).toBe(false);
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
    { raw: { type: 'more-rows' }, ok: true },
    { raw: { type: 'nothing' }, ok: false },
  ])('$raw → accepted: $ok', ({ raw, ok }) => {
    expect(parseCommand(raw) !== null).toBe(ok);
  });
});
