// States that say what is true: one bad element does not blind an account, an integration MBI stops listing
// is "removed" (not "Fixed"), and an account with no integrations says so instead of "all healthy".
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { buildPopupModel } from '../../src/core/popup-build';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { parseSettings } from '../../src/core/settings';
import type { FeedRecord, Integration } from '../../src/core/types';
import { judge, type Verifications } from '../../src/core/verification';
import { deriveView } from '../../src/core/view';
import { connectionsRecord } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12);
const MINUTE = 60_000;
const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });

function connection(id: unknown, status = '1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: `Connection ${String(id)}`, display_name: null, type: 'stripe', properties: { status }, ...extra };
}

function stored(integrations: Integration[], anomalies?: string[]): FeedRecord {
  return connectionsRecord(integrations, NOW, 's', anomalies ? { anomalies } : {});
}

function parsed(body: unknown) {
  const result = parseConnections(body);
  if (!result.ok) throw new Error(`expected a list, got ${result.error.kind}: ${result.error.message}`);
  return result.data;
}

describe('one bad element does not blind the account', () => {
  const body = [
    connection(1101, '2'),
    connection(1104),
    connection(1104, '2'),
    connection(1105, '3'),
    { id: 1106, name: 'No properties', type: 'stripe' },
    'garbage',
  ];

  it('watches the first of a repeated id and every well-formed element', () => {
    expect(parsed(body).integrations.map((i) => [i.id, i.state])).toEqual([
      ['1101', 'needs-reauth'],
      ['1104', 'ok'],
      ['1105', 'failing'],
      ['1106', 'unknown'],
      ['#6', 'unknown'],
    ]);
  });

  it('counts an element it cannot read as unknown, by its id where it has one, else by its position', () => {
    const [noProperties, garbage] = parsed(body).integrations.slice(3);
    expect(noProperties).toMatchObject({
      id: '1106',
      name: 'Connection #5 (could not be read)',
      state: 'unknown',
      rawStatus: '(unreadable)',
    });
    expect(garbage).toMatchObject({
      id: '#6',
      name: 'Connection #6 (could not be read)',
      state: 'unknown',
      rawStatus: '(unreadable)',
    });
  });

  it('reports what was off, in short sentences', () => {
    expect(parsed(body).anomalies).toEqual([
      'Two connections share the id "1104"; the first is watched.',
      'Connection #5 lacks an id, name, type or properties; it counts as unknown.',
      'Connection #6 lacks an id, name, type or properties; it counts as unknown.',
    ]);
  });

  it('keeps five anomalies word for word and counts the rest', () => {
    const anomalies = parsed([connection(1), ...Array.from({ length: 8 }, () => connection(1))]).anomalies ?? [];
    expect(anomalies).toHaveLength(6);
    expect(anomalies[5]).toBe('…and 3 more.');
  });

  it('still calls a body that is not a list, or a list of which nothing can be read, a changed format', () => {
    for (const body of [{ connections: [] }, ['garbage', {}]])
      expect(parseConnections(body)).toMatchObject({ ok: false, error: { kind: 'format-changed' } });
  });

  it('counts the real problems and the unreadable elements on the badge, and carries the anomalies to the popup', () => {
    const data = parsed(body);
    const view = deriveView(settings, [stored(data.integrations, data.anomalies)], NOW);
    expect(badgeFor(view).text).toBe('4');
    const { model } = buildPopupModel(view, settings, {}, {}, NOW);
    expect(model.accounts[0]?.entries.map((e) => e.stateLabel)).toContain('Unknown status "(unreadable)"');
    expect(model.accounts[0]?.anomalies).toEqual(data.anomalies);
  });
});

describe('an integration MBI no longer lists', () => {
  const reauthorized: Verifications = {
    's/1102': { accountId: 's', integrationId: '1102', name: 'Latex Ads', startedAt: NOW - 2 * MINUTE, tabIds: [] },
  };
  const healthy: Integration = {
    id: '1103',
    name: 'Web',
    type: 'stripe',
    provider: 'Stripe',
    kind: 'oauth',
    state: 'ok',
    rawStatus: '1',
  };

  it('is judged "removed", not "fixed"', () => {
    expect(judge(reauthorized, [stored([healthy])], NOW)['s/1102']?.result).toBe('removed');
  });

  it('is listed in the popup as removed, not as fixed', () => {
    const verifications = judge(reauthorized, [stored([healthy])], NOW);
    const { model } = buildPopupModel(deriveView(settings, [stored([healthy])], NOW), settings, verifications, {}, NOW);
    expect(model.fixed).toEqual([{ key: 's/1102', name: 'Latex Ads', checkedAt: NOW, removed: true }]);
  });
});

describe('an account whose list is empty', () => {
  it('says MBI lists no integrations for it, and leaves the badge empty', () => {
    const view = deriveView(settings, [stored([])], NOW);
    expect(badgeFor(view).text).toBe('');
    expect(buildPopupModel(view, settings, {}, {}, NOW).model.accounts[0]).toMatchObject({ total: 0, listsNone: true });
  });

  it('is not called empty before its first check has answered', () => {
    const view = deriveView(settings, [], NOW);
    expect(buildPopupModel(view, settings, {}, {}, NOW).model.accounts[0]?.listsNone).toBeUndefined();
  });
});
