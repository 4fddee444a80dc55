// What the status pages say, joined to broken integrations: which outage explains which, which pages a check
// needs, and when an outage that held an integration is over.
import { describe, expect, it } from 'vitest';
import { neededTargets, outageFor, planReleased, parseHeld, type Readings } from '../../src/core/outage';
import { buildPopupModel } from '../../src/core/popup-build';
import type { PopupRow } from '../../src/core/popup-model';
import { parseSettings, type AccountSettings } from '../../src/core/settings';
import { integrationKey } from '../../src/core/snooze';
import {
  FAILURES_UNKNOWN,
  readingOf,
  readingsOf,
  unknownReading,
  targetFor,
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

describe('the pipelines’ own pages', () => {
  const pipelines = parseSettings({
    escalationHours: 24,
    accounts: [
      { id: 'f', label: 'Loads', pipeline: 'fivetran' },
      { id: 'a', label: 'Syncs', pipeline: 'airbyte' },
      { id: 't', label: 'Extracts', pipeline: 'stitch' },
    ],
  });
  const [fivetranAccount, airbyteAccount, stitchAccount] = pipelines.accounts as [
    AccountSettings,
    AccountSettings,
    AccountSettings,
  ];

  /** A connection as each pipeline's adapter lists it: its type names the pipeline and the source. */
  const connection = (id: string, type: string, provider: string, extra: Partial<Integration> = {}): Integration =>
    zendesk(id, { type, provider, name: provider, kind: 'oauth', state: 'failing', rawStatus: 'broken', ...extra });
  const googleAds = (id = 'c1', extra: Partial<Integration> = {}) =>
    connection(id, 'fivetran:google_ads', 'Google Ads', { group: 'g1', ...extra });
  const airbyte = (id = 'a1') => connection(id, 'airbyte', 'Airbyte', { group: 'w1' });
  const shopify = (id = 's1') => connection(id, 'stitch:platform.shopify', 'Shopify', { group: '116078' });

  /** What Fivetran's and Airbyte's pages report: the rollup's description, and an incident on Airbyte Cloud. */
  const FIVETRAN = incident('Major System Outage', {
    id: 'critical',
    level: 'outage',
    url: 'https://status.fivetran.com',
  });
  const AIRBYTE = incident('Delayed syncs', {
    since: NOW - 2 * HOUR,
    url: 'https://status.airbyte.com/incidents/x',
    level: 'outage',
  });
  const MBI = incident('Data synchronization delays', { product: MBI_PRODUCT, level: 'outage' });

  /** The rows of each account's problems, as the popup shows them. */
  function rowsOf(integrations: Record<string, Integration[]>, pages: Record<string, StatusEvent[]>): PopupRow[] {
    const records = Object.entries(integrations).map(([id, list]) => connectionsRecord(list, NOW, id));
    const view = deriveView(pipelines, records, NOW);
    const { model } = buildPopupModel(view, pipelines, {}, {}, NOW, new Map(), { readings: readings(pages) });
    return model.accounts.flatMap((a) => a.entries.flatMap((e) => ('group' in e ? [] : [e])));
  }

  it.each([
    { pipeline: 'Fivetran', account: fivetranAccount, integration: googleAds(), page: 'fivetran', event: FIVETRAN },
    { pipeline: 'Airbyte', account: airbyteAccount, integration: airbyte(), page: 'airbyte', event: AIRBYTE },
  ])('joins $pipeline’s incident to a failing $pipeline connection: re-authorizing will not help yet', (c) => {
    expect(targetFor(c.integration, c.account)?.urls).toEqual([
      c.page === 'fivetran'
        ? 'https://status.fivetran.com/api/v2/status.json'
        : 'https://status.airbyte.com/api/v2/summary.json',
    ]);
    expect(outageFor(c.integration, c.account, readings({ [c.page]: [c.event] }))).toEqual({
      source: c.pipeline,
      event: c.event,
      mbi: false,
      holds: true,
    });
  });

  it('shows a minor incident of a whole pipeline on the row without holding its advice back', () => {
    const minor = incident('Delayed syncs for one connector', { url: 'https://status.airbyte.com/incidents/y' });
    expect(minor.level).not.toBe('outage');
    expect(outageFor(airbyte(), airbyteAccount, readings({ airbyte: [minor] }))).toMatchObject({ holds: false });
  });

  it('joins nothing of Airbyte Cloud to a self-managed Airbyte', () => {
    const [own] = parseSettings({
      accounts: [{ id: 'o', label: 'Own', pipeline: 'airbyte', apiBase: 'https://airbyte.example.com/api/public/v1' }],
    }).accounts;
    expect(targetFor(airbyte(), own!)).toBeUndefined();
    expect(outageFor(airbyte(), own!, readings({ airbyte: [AIRBYTE] }))).toBeUndefined();
    // Nor does its row offer Airbyte Cloud's page to check; a row of Airbyte Cloud does.
    const rowOf = (account: AccountSettings) => {
      const view = deriveView(
        { ...pipelines, accounts: [account] },
        [connectionsRecord([airbyte()], NOW, account.id)],
        NOW,
      );
      const { model } = buildPopupModel(view, { ...pipelines, accounts: [account] }, {}, {}, NOW, new Map(), {
        readings: readings({}),
      });
      return model.accounts.flatMap((a) => a.entries.flatMap((e) => ('group' in e ? [] : [e])))[0];
    };
    expect(rowOf(own!)?.statusPage).toBeUndefined();
    expect(rowOf(airbyteAccount)?.statusPage).toBe('Airbyte');
  });

  it('shows Fivetran’s incident on the row in Fivetran’s name and steps the advice back', () => {
    const overdue = googleAds('c1', { since: NOW - 48 * HOUR, detail: 'Connection timed out' });
    const [plain] = rowsOf({ f: [overdue] }, {});
    expect(plain).toMatchObject({ escalated: true, supportFirst: true, cause: { kind: 'provider' } });
    const [held] = rowsOf({ f: [overdue] }, { fivetran: [FIVETRAN] });
    expect(held?.outage).toEqual({
      source: 'Fivetran',
      kind: 'incident',
      title: 'Major System Outage',
      holds: true,
      link: true,
    });
    expect(held).toMatchObject({ escalated: true, supportFirst: false });
    expect(held?.cause).toBeUndefined();
  });

  it('shows Airbyte’s incident on the row in Airbyte’s name and steps the advice back', () => {
    const [held] = rowsOf({ a: [{ ...airbyte(), since: NOW - 48 * HOUR }] }, { airbyte: [AIRBYTE] });
    expect(held?.outage).toMatchObject({ source: 'Airbyte', kind: 'incident', title: 'Delayed syncs', holds: true });
    expect(held?.supportFirst).toBe(false);
  });

  it('never calls a pipeline’s incident an internal MBI problem, however many connections broke together', () => {
    // Of three sources, so that they are three rows, not one group.
    const together = ['google_ads', 'facebook_ads', 'salesforce'].map((service, i) =>
      connection(`c${i}`, `fivetran:${service}`, service, { since: NOW - HOUR }),
    );
    const rows = rowsOf({ f: together }, { fivetran: [FIVETRAN], adobe: [MBI] });
    expect(rows.map((r) => r.outage)).toEqual(Array(3).fill(expect.objectContaining({ source: 'Fivetran' })));
    expect(rows.map((r) => [r.outage?.mbi, r.outage?.internal])).toEqual(Array(3).fill([undefined, undefined]));
    // MBI's own incident alone explains nothing in a Fivetran account.
    expect(rowsOf({ f: together }, { fivetran: [], adobe: [MBI] }).map((r) => r.outage)).toEqual(
      Array(3).fill(undefined),
    );
  });

  it.each([
    { what: 'a Fivetran connection', account: fivetranAccount, integration: googleAds() },
    { what: 'an Airbyte connection', account: airbyteAccount, integration: airbyte() },
    { what: 'a Stitch source', account: stitchAccount, integration: shopify() },
  ])('joins MBI’s own incident (Adobe’s page) to nothing for $what', ({ account: a, integration }) => {
    expect(outageFor(integration, a, readings({ adobe: [MBI] }))).toBeUndefined();
  });

  it('gives a Stitch source no page: none is confirmed', () => {
    expect(targetFor(shopify(), stitchAccount)).toBeUndefined();
    expect(outageFor(shopify(), stitchAccount, readings({ fivetran: [FIVETRAN], airbyte: [AIRBYTE] }))).toBeUndefined();
  });

  it('joins the pipeline’s page, not the source’s, whatever the connector reads', () => {
    // A Fivetran connector of Zendesk's: Zendesk's incident is not Fivetran's.
    const zendeskConnector = connection('c9', 'fivetran:zendesk', 'Zendesk', { subdomain: 'vandelay' });
    expect(targetFor(zendeskConnector, fivetranAccount)?.target).toBe('fivetran');
    expect(outageFor(zendeskConnector, fivetranAccount, readings({ zendesk: [POD] }))).toBeUndefined();
    // And an MBI integration of a type a pipeline page's key spells is still an MBI one.
    expect(targetFor(of('fivetran', 'Fivetran'), account)).toBeUndefined();
  });

  it('needs each pipeline’s page for its broken connections, and never Adobe’s', () => {
    const records = [
      connectionsRecord([googleAds(), googleAds('c2')], NOW, 'f'),
      connectionsRecord([airbyte()], NOW, 'a'),
      connectionsRecord([shopify()], NOW, 't'),
    ];
    expect([...neededTargets(deriveView(pipelines, records, NOW)).keys()].sort()).toEqual(['airbyte', 'fivetran']);
  });

  it('releases a Fivetran connection once Fivetran resolves, whatever Adobe’s page says', () => {
    const view = deriveView(pipelines, [connectionsRecord([googleAds()], NOW, 'f')], NOW);
    const { memory } = planReleased({}, view, readings({ fivetran: [FIVETRAN] }), false);
    expect(memory).toEqual({ [integrationKey('f', 'c1')]: { source: 'Fivetran', title: 'Major System Outage' } });
    const resolved = planReleased(memory, view, readings({ fivetran: [], adobe: 'unknown' }), false);
    expect(resolved.released.map((r) => [r.accountId, r.by.source])).toEqual([['f', 'Fivetran']]);
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
