import { describe, expect, it } from 'vitest';
import { applySnapshot } from '../../src/core/diff';
import type { ListData, Integration, IntegrationState } from '../../src/core/types';

const T0 = Date.parse('2026-01-15T12:00:00Z');
const T1 = T0 + 5 * 60_000;

function item(id: string, state: IntegrationState, extra: Partial<Integration> = {}): Integration {
  return {
    id,
    name: `integration ${id}`,
    type: 'stripe',
    provider: 'Stripe',
    kind: 'oauth',
    state,
    rawStatus: state,
    ...extra,
  };
}

function snapshot(...integrations: Integration[]): ListData {
  return { feed: 'connections', integrations };
}

describe('applySnapshot', () => {
  it('records only the integrations already in trouble on the first check', () => {
    const { data, transitions } = applySnapshot(
      'main',
      undefined,
      snapshot(item('1', 'ok'), item('2', 'needs-reauth', { detail: 'token expired' })),
      T0,
    );
    expect(transitions).toEqual([
      {
        accountId: 'main',
        integrationId: '2',
        name: 'integration 2',
        from: 'new',
        to: 'needs-reauth',
        at: T0,
        detail: 'token expired',
      },
    ]);
    expect(data.integrations.map((i) => i.since)).toEqual([T0, T0]);
  });

  it('keeps "since" and records nothing when the state is unchanged', () => {
    const { data, transitions } = applySnapshot(
      'main',
      snapshot(item('1', 'failing', { since: T0 })),
      snapshot(item('1', 'failing')),
      T1,
    );
    expect(transitions).toEqual([]);
    expect(data.integrations[0]?.since).toBe(T0);
  });

  it('records a change of state and restarts "since"', () => {
    const { data, transitions } = applySnapshot(
      'main',
      snapshot(item('1', 'ok', { since: T0 })),
      snapshot(item('1', 'needs-reauth', { detail: 'revoked' })),
      T1,
    );
    expect(transitions).toEqual([
      {
        accountId: 'main',
        integrationId: '1',
        name: 'integration 1',
        from: 'ok',
        to: 'needs-reauth',
        at: T1,
        detail: 'revoked',
      },
    ]);
    expect(data.integrations[0]?.since).toBe(T1);
  });

  it('records a recovery without a detail', () => {
    const { transitions } = applySnapshot(
      'main',
      snapshot(item('1', 'failing', { since: T0 })),
      snapshot(item('1', 'ok')),
      T1,
    );
    expect(transitions).toEqual([
      { accountId: 'main', integrationId: '1', name: 'integration 1', from: 'failing', to: 'ok', at: T1 },
    ]);
  });

  it('records a healthy integration added after the first check as new', () => {
    const { transitions } = applySnapshot(
      'main',
      snapshot(item('1', 'ok', { since: T0 })),
      snapshot(item('1', 'ok'), item('2', 'ok')),
      T1,
    );
    expect(transitions).toEqual([
      { accountId: 'main', integrationId: '2', name: 'integration 2', from: 'new', to: 'ok', at: T1 },
    ]);
  });

  it('records an integration that disappeared as removed', () => {
    const { data, transitions } = applySnapshot(
      'main',
      snapshot(item('1', 'ok', { since: T0 }), item('2', 'failing', { since: T0 })),
      snapshot(item('1', 'ok')),
      T1,
    );
    expect(transitions).toEqual([
      { accountId: 'main', integrationId: '2', name: 'integration 2', from: 'failing', to: 'removed', at: T1 },
    ]);
    expect(data.integrations.map((i) => i.id)).toEqual(['1']);
  });

  it('starts "since" now for an unchanged integration stored without one', () => {
    const { data } = applySnapshot('main', snapshot(item('1', 'ok')), snapshot(item('1', 'ok')), T1);
    expect(data.integrations[0]?.since).toBe(T1);
  });
});
