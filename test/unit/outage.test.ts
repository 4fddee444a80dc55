// What the status pages say, joined to broken integrations: which outage explains which, which pages a check
// needs, and when an outage that held an integration is over.
import { describe, expect, it } from 'vitest';
import { neededTargets, outageFor, planReleased, parseHeld, type Readings } from '../../src/core/outage';
import { parseSettings, type AccountSettings } from '../../src/core/settings';
import { integrationKey } from '../../src/core/snooze';
import {
  FAILURES_UNKNOWN,
  readingOf,
  readingsOf,
  unknownReading,
  type StatusEvent,
  type StatusRecords,
} from '../../src/core/status';
import { MBI_PRODUCT } from '../../src/core/status-pages';
import type { Integration, IntegrationState } from '../../src/core/types';
import { deriveView, type WatchView } from '../../src/core/view';
import { connectionsRecord } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12);
const HOUR = 3_600_000;
/** Within 30 days of Zendesk's fixed deadline (2027-04-30): a healthy Zendesk integration is due soon. */
const BEFORE_ZENDESK_DEADLINE = Date.UTC(2027, 3, 10, 12);

const settings = parseSettings({
  accounts: [{ id: 's', label: 'Main', clientId: '194', salesforceInstance: 'NA45', awsRegion: 'us-east-1' }],
});
const account: AccountSettings = settings.accounts[0]!;
const bare = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });

function zendesk(id = '1', extra: Partial<Integration> = {}): Integration {
  return {
    id,
    name: `Support ${id}`,
    type: 'zendesk',
    provider: 'Zendesk',
    kind: 'api-key',
    state: 'needs-reauth',
    rawStatus: '2',
    since: NOW - HOUR,
    ...extra,
  };
}

const of = (type: string, provider: string, extra: Partial<Integration> = {}) =>
  zendesk('9', { type, provider, name: provider, ...extra });

const incident = (title: string, extra: Partial<StatusEvent> = {}): StatusEvent => ({
  kind: 'incident',
  id: title,
  title,
  level: 'degraded',
  ...extra,
});

const maintenance = (title: string): StatusEvent => ({ kind: 'maintenance', id: title, title, level: 'maintenance' });

/** Readings by target, each page's events as given; pages not named were not read. */
function readings(pages: Record<string, StatusEvent[] | 'unknown'>): Readings {
  return new Map(
    Object.entries(pages).map(([t, events]) => [
      t,
      events === 'unknown' ? unknownReading('unreadable') : readingOf(events),
    ]),
  );
}

function viewOf(integrations: Integration[], now = NOW, snoozes = {}, s = settings): WatchView {
  return deriveView(s, [connectionsRecord(integrations, now)], now, snoozes);
}

const POD = incident('Pod 23 latency', { since: NOW - 2 * HOUR, url: 'https://status.zendesk.com' });

describe('outageFor', () => {
  it.each<{ state: IntegrationState; joined: boolean }>([
    { state: 'needs-reauth', joined: true },
    { state: 'failing', joined: true },
    { state: 'ok', joined: false },
    { state: 'paused', joined: false },
    { state: 'unknown', joined: false },
  ])('joins an incident to a $state integration: $joined', ({ state, joined }) => {
    const outage = outageFor(zendesk('1', { state }), account, readings({ zendesk: [POD] }));
    expect(outage !== undefined).toBe(joined);
  });

  it('says the provider’s incident holds the integration: re-authorizing will not help yet', () => {
    expect(outageFor(zendesk(), account, readings({ zendesk: [POD] }))).toEqual({
      source: 'Zendesk',
      event: POD,
      mbi: false,
      holds: true,
    });
  });

  it('shows a maintenance but does not hold the integration for it', () => {
    expect(outageFor(zendesk(), account, readings({ zendesk: [maintenance('Upgrade')] }))).toMatchObject({
      source: 'Zendesk',
      event: { kind: 'maintenance', title: 'Upgrade' },
      holds: false,
    });
  });

  it('holds a degraded watched component like an incident', () => {
    const component: StatusEvent = { kind: 'component', id: 'c', title: 'Support', level: 'degraded' };
    expect(outageFor(zendesk(), account, readings({ zendesk: [component] }))?.holds).toBe(true);
  });

  it.each([
    { what: 'a provider without a status page', integration: of('facebook_ads', 'Facebook Ads') },
    { what: 'a provider whose page reports nothing', integration: zendesk() },
    { what: 'a provider with only a maintenance', integration: zendesk(), zendeskEvents: [maintenance('Upgrade')] },
  ])('holds $what for MBI’s own incident on Adobe’s page', ({ integration, zendeskEvents = [] }) => {
    const mbi = incident('Data synchronization delays', { product: MBI_PRODUCT, level: 'outage' });
    expect(outageFor(integration, account, readings({ zendesk: zendeskEvents, adobe: [mbi] }))).toEqual({
      source: 'Adobe',
      event: mbi,
      mbi: true,
      holds: true,
    });
  });

  it('prefers the provider’s own incident to MBI’s', () => {
    const mbi = incident('Data synchronization delays', { product: MBI_PRODUCT });
    expect(outageFor(zendesk(), account, readings({ zendesk: [POD], adobe: [mbi] }))?.event).toEqual(POD);
  });

  it('shows the provider’s maintenance when MBI reports nothing', () => {
    const outage = outageFor(zendesk(), account, readings({ zendesk: [maintenance('Upgrade')], adobe: [] }));
    expect(outage).toMatchObject({ source: 'Zendesk', mbi: false, holds: false });
  });

  it.each([
    { what: 'Adobe Analytics', integration: of('adobe_analytics', 'Adobe Analytics'), joined: true },
    { what: 'Zendesk', integration: zendesk(), joined: false },
    { what: 'Facebook Ads', integration: of('facebook_ads', 'Facebook Ads'), joined: false },
  ])('joins an Adobe Analytics incident to $what: $joined', ({ integration, joined }) => {
    const analytics = incident('Reporting delays', { product: 'Adobe Analytics' });
    const outage = outageFor(integration, account, readings({ adobe: [analytics] }));
    expect(outage === undefined ? undefined : { source: outage.source, mbi: outage.mbi }).toEqual(
      joined ? { source: 'Adobe', mbi: false } : undefined,
    );
  });

  it('joins nothing to an Adobe Analytics integration for an incident on another Adobe product', () => {
    const other = incident('Campaign delays', { product: 'Adobe Campaign' });
    expect(outageFor(of('adobe_analytics', 'Adobe Analytics'), account, readings({ adobe: [other] }))).toBeUndefined();
  });

  it.each([
    { failures: 0, joined: true },
    { failures: FAILURES_UNKNOWN - 1, joined: true },
    { failures: FAILURES_UNKNOWN, joined: false },
    { failures: FAILURES_UNKNOWN + 4, joined: false },
  ])('after $failures failed reads in a row, the last reading stands: $joined', ({ failures, joined }) => {
    const records: StatusRecords = {
      zendesk: { target: 'zendesk', checkedAt: NOW, failures, reading: readingOf([POD]) },
    };
    const current = readingsOf(records, NOW);
    expect(current.get('zendesk')?.level).toBe(joined ? 'degraded' : 'unknown');
    expect(outageFor(zendesk(), account, current)?.event.title).toBe(joined ? 'Pod 23 latency' : undefined);
  });

  it('joins nothing to an integration whose page target is not set (Salesforce without an instance)', () => {
    const salesforce = of('salesforce', 'Salesforce');
    const na45 = readings({ 'salesforce:NA45': [incident('Service Disruption on NA45')] });
    expect(outageFor(salesforce, account, na45)?.source).toBe('Salesforce');
    expect(outageFor(salesforce, bare.accounts[0]!, na45)).toBeUndefined();
  });
});

describe('neededTargets', () => {
  const targets = (view: WatchView) => [...neededTargets(view).keys()].sort();

  it('needs no page while every integration is healthy', () => {
    expect(targets(viewOf([zendesk('1', { state: 'ok' }), of('salesforce', 'Salesforce', { state: 'ok' })]))).toEqual(
      [],
    );
  });

  it('needs a broken integration’s provider page and Adobe’s', () => {
    expect(targets(viewOf([zendesk(), zendesk('2')]))).toEqual(['adobe', 'zendesk']);
  });

  it('needs nothing for a snoozed broken integration', () => {
    expect(targets(viewOf([zendesk()], NOW, { 's/1': { until: NOW + HOUR } }))).toEqual([]);
  });

  it('needs only the provider’s page for a healthy integration due soon', () => {
    const view = viewOf([zendesk('1', { state: 'ok' })], BEFORE_ZENDESK_DEADLINE);
    expect(view.accounts[0]?.comingUp.map((c) => c.dueSoon)).toEqual([true]);
    expect(targets(view)).toEqual(['zendesk']);
  });

  it('needs Salesforce’s page for the account’s instance, and none without one', () => {
    const salesforce = of('salesforce', 'Salesforce');
    const withInstance = neededTargets(viewOf([salesforce]));
    expect([...withInstance.keys()].sort()).toEqual(['adobe', 'salesforce:NA45']);
    expect(withInstance.get('salesforce:NA45')?.urls).toEqual([
      'https://api.status.salesforce.com/v1/instances/NA45/status',
    ]);
    expect(targets(viewOf([salesforce], NOW, {}, bare))).toEqual(['adobe']);
  });

  it('needs AWS’s page for the account’s region, watching RDS there', () => {
    const needed = neededTargets(viewOf([of('amazon_rds', 'Amazon RDS')]));
    expect(needed.get('aws:us-east-1')?.watch).toEqual([{ id: 'rds-us-east-1' }]);
  });

  it('narrows Zendesk’s page to the integration’s subdomain', () => {
    const needed = neededTargets(viewOf([zendesk('1', { subdomain: 'Vandelay' }), zendesk('2')]));
    expect([...needed.keys()].sort()).toEqual(['adobe', 'zendesk', 'zendesk:vandelay']);
    expect(needed.get('zendesk:vandelay')?.urls).toEqual([
      'https://status.zendesk.com/api/ssp/services.json?subdomain=vandelay',
      'https://status.zendesk.com/api/ssp/incidents.json?subdomain=vandelay',
    ]);
  });

  it('does not narrow to a subdomain that could not be one', () => {
    const needed = neededTargets(viewOf([zendesk('1', { subdomain: 'a/b?x=1' })]));
    expect([...needed.keys()].sort()).toEqual(['adobe', 'zendesk']);
  });
});

describe('planReleased', () => {
  const KEY = integrationKey('s', '1');
  const HELD = readings({ zendesk: [POD], adobe: [] });
  const RESOLVED = readings({ zendesk: [], adobe: [] });

  it('remembers what holds a broken integration, and releases it once when the incident resolves', () => {
    const view = viewOf([zendesk()]);
    const first = planReleased({}, view, HELD, false);
    expect(first).toEqual({ released: [], memory: { [KEY]: { source: 'Zendesk', title: 'Pod 23 latency' } } });
    const second = planReleased(first.memory, view, RESOLVED, false);
    expect(second.released).toEqual([
      { accountId: 's', integration: zendesk(), by: { source: 'Zendesk', title: 'Pod 23 latency' } },
    ]);
    expect(second.memory).toEqual({});
    expect(planReleased(second.memory, view, RESOLVED, false).released).toEqual([]);
  });

  it.each([
    { what: 'the provider’s page', now: readings({ zendesk: 'unknown', adobe: [] }) },
    { what: 'Adobe’s page', now: readings({ zendesk: [], adobe: 'unknown' }) },
  ])('keeps it remembered, not released, while $what cannot be read', ({ now }) => {
    const view = viewOf([zendesk()]);
    const { memory } = planReleased({}, view, HELD, false);
    const unread = planReleased(memory, view, now, false);
    expect(unread).toEqual({ released: [], memory });
    expect(planReleased(unread.memory, view, RESOLVED, false).released).toHaveLength(1);
  });

  it('keeps it remembered during quiet hours and releases it once they end', () => {
    const view = viewOf([zendesk()]);
    const { memory } = planReleased({}, view, HELD, false);
    const quiet = planReleased(memory, view, RESOLVED, true);
    expect(quiet).toEqual({ released: [], memory });
    expect(planReleased(quiet.memory, view, RESOLVED, false).released.map((r) => r.integration.id)).toEqual(['1']);
  });

  it('forgets it without a word when the integration recovered', () => {
    const { memory } = planReleased({}, viewOf([zendesk()]), HELD, false);
    expect(planReleased(memory, viewOf([zendesk('1', { state: 'ok' })]), RESOLVED, false)).toEqual({
      released: [],
      memory: {},
    });
  });

  it('keeps holding while the incident lasts, with its latest title', () => {
    const view = viewOf([zendesk()]);
    const { memory } = planReleased({}, view, HELD, false);
    const renamed = readings({ zendesk: [{ ...POD, title: 'Pod 23 latency and errors' }], adobe: [] });
    expect(planReleased(memory, view, renamed, false)).toEqual({
      released: [],
      memory: { [KEY]: { source: 'Zendesk', title: 'Pod 23 latency and errors' } },
    });
  });

  it('does not hold, nor later release, an integration for a maintenance', () => {
    const view = viewOf([zendesk()]);
    const { memory } = planReleased({}, view, readings({ zendesk: [maintenance('Upgrade')], adobe: [] }), false);
    expect(memory).toEqual({});
    expect(planReleased(memory, view, RESOLVED, false).released).toEqual([]);
  });
});

describe('parseHeld', () => {
  it('keeps entries with a source and a title, and drops anything else', () => {
    expect(
      parseHeld({
        's/1': { source: 'Zendesk', title: 'Pod 23 latency' },
        's/2': { source: 'Zendesk' },
        's/3': 'Zendesk',
      }),
    ).toEqual({ 's/1': { source: 'Zendesk', title: 'Pod 23 latency' } });
    for (const raw of [null, 5, 'x', []]) expect(parseHeld(raw)).toEqual({});
  });
});
