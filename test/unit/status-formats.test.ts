// Each status format's parser replays the verbatim samples in fixtures/status (and scenarios built from them,
// never by editing them), and reads anything else as 'unreadable' or a reading of the closed set, never throwing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../src/background/status/formats';
import { decodeBody } from '../../src/background/status/formats/parser';
import { isRecord } from '../../src/core/keyed-record';
import { targetOf, type PageTarget, type StatusLevel, type StatusReading } from '../../src/core/status';
import { STATUS_PAGES, type StatusFormat, type StatusPage } from '../../src/core/status-pages';
import { fixture, fixtureText } from './fixtures';

const NOW = Date.parse('2026-11-27T12:00:00Z');

type Json = Record<string, unknown>;

function target(page: StatusPage, account: { salesforceInstance?: string; awsRegion?: string } = {}): PageTarget {
  const t = targetOf(page, account);
  if (!t) throw new Error(`no target for ${page.key}`);
  return t;
}

/** Zendesk's page is read from two URLs, its services and then its incidents: `body` is the last. */
function read(body: unknown, t: PageTarget): StatusReading | 'unreadable' {
  return PARSERS[t.page.format](t.page.format === 'zendesk' ? [ZENDESK_SERVICES, body] : [body], t, NOW);
}

/** The reading, failing the test when the body was not readable at all. */
function readingOf(body: unknown, t: PageTarget): StatusReading {
  const reading = read(body, t);
  if (reading === 'unreadable') throw new Error('unreadable');
  return reading;
}

const titles = (r: StatusReading) => r.events.map((e) => e.title);

// ---------------------------------------------------------------------------------------------------------
// Atlassian Statuspage

const GITHUB = fixture('status/statuspage-github-summary.json') as {
  page: Json;
  components: Json[];
  incidents: Json[];
  scheduled_maintenances: Json[];
};
const [PACKAGES] = GITHUB.components;
const [INCIDENT] = GITHUB.incidents;
/** A second component of GitHub's page that no incident touches. */
const PAGES = { ...PACKAGES, id: 'pg0000000001', name: 'Pages', status: 'operational' };

/** GitHub's page as a table entry would have it: a real page of the table with GitHub's id, name and host. */
function github(watch: StatusPage['watch'], over: Partial<StatusPage> = {}): PageTarget {
  return target({
    ...STATUS_PAGES.mixpanel,
    key: 'github',
    name: 'GitHub',
    human: 'https://www.githubstatus.com',
    pageId: 'kctbh9vrtdwd',
    pageName: 'GitHub',
    watch,
    ...over,
  });
}

const PACKAGES_WATCHED = github([{ id: 'st3j38cctv9l' }]);

describe('the Statuspage parser', () => {
  it('reads GitHub’s incident on a watched component as degraded, the incident first with its start and link', () => {
    const reading = readingOf(GITHUB, PACKAGES_WATCHED);
    expect(reading.level).toBe('degraded');
    expect(reading.events[0]).toEqual({
      kind: 'incident',
      id: 'ljwdk6qml8z8',
      title: 'Incident with Packages and Pages',
      level: 'degraded',
      since: Date.parse('2022-11-25T14:39:09.542Z'),
      url: 'https://www.githubstatus.com/incidents/ljwdk6qml8z8',
    });
    // The component's partial outage is there too, after the incident.
    expect(reading.events[1]).toMatchObject({ kind: 'component', title: 'Packages', level: 'degraded' });
  });

  it('watches a component by group and name as well as by id', () => {
    expect(readingOf(GITHUB, github([{ group: null, name: 'Packages' }])).level).toBe('degraded');
    expect(readingOf(GITHUB, github([{ group: 'Git', name: 'Packages' }]))).toMatchObject({
      level: 'unknown',
      reason: 'component-missing',
    });
  });

  it('reads a watched component that is on the page but untouched as operational', () => {
    const body = { ...GITHUB, components: [PACKAGES, PAGES] };
    expect(readingOf(body, github([{ id: 'pg0000000001' }]))).toEqual({ level: 'operational', events: [] });
  });

  it('reads a page without a watched component as unknown: the allow-list no longer fits', () => {
    expect(readingOf(GITHUB, github([{ id: 'gone00000000' }]))).toEqual({
      level: 'unknown',
      events: [],
      reason: 'component-missing',
    });
  });

  it.each([
    { what: 'another page id', over: { pageId: 'aaaaaaaaaaaa' } },
    { what: 'another page name', over: { pageName: 'GitHub Enterprise' } },
  ])('reads a page that calls itself otherwise ($what) as unknown: page-changed', ({ over }) => {
    expect(readingOf(GITHUB, github([{ id: 'st3j38cctv9l' }], over))).toEqual({
      level: 'unknown',
      events: [],
      reason: 'page-changed',
    });
  });

  it.each([
    { file: 'statuspage-discord-status.json', pageId: 'srhpyqt94yxb', pageName: 'Discord' },
    { file: 'statuspage-hubspot-status.json', pageId: '8b9w1wwq3g7d', pageName: 'HubSpot' },
  ])('reads $pageName’s status.json (no components, no incidents)', ({ file, pageId, pageName }) => {
    const body = fixture(`status/${file}`);
    expect(readingOf(body, github([], { pageId, pageName }))).toEqual({ level: 'operational', events: [] });
    expect(readingOf(body, github([{ id: 'st3j38cctv9l' }], { pageId, pageName }))).toMatchObject({
      level: 'unknown',
      reason: 'component-missing',
    });
  });

  it.each([
    { what: 'an informational incident (impact none)', change: { impact: 'none' } },
    { what: 'a resolved incident', change: { status: 'resolved' } },
    { what: 'a postmortem', change: { status: 'postmortem' } },
  ])('leaves out $what', ({ change }) => {
    const body = {
      ...GITHUB,
      components: [{ ...PACKAGES, status: 'operational' }],
      incidents: [{ ...INCIDENT, ...change }],
    };
    expect(readingOf(body, PACKAGES_WATCHED)).toEqual({ level: 'operational', events: [] });
  });

  it('reads a critical incident as an outage and a major outage of the component likewise', () => {
    const body = {
      ...GITHUB,
      components: [{ ...PACKAGES, status: 'major_outage' }],
      incidents: [{ ...INCIDENT, impact: 'critical' }],
    };
    const reading = readingOf(body, PACKAGES_WATCHED);
    expect(reading.level).toBe('outage');
    expect(reading.events.map((e) => [e.kind, e.level])).toEqual([
      ['incident', 'outage'],
      ['component', 'outage'],
    ]);
  });

  it('leaves out an incident that touches only components not watched', () => {
    const body = { ...GITHUB, components: [PACKAGES, PAGES] };
    expect(readingOf(body, github([{ id: 'pg0000000001' }])).events).toEqual([]);
  });

  it('reads a component under maintenance as maintenance', () => {
    const body = { ...GITHUB, components: [{ ...PACKAGES, status: 'under_maintenance' }], incidents: [] };
    expect(readingOf(body, PACKAGES_WATCHED)).toEqual({
      level: 'maintenance',
      events: [
        {
          kind: 'maintenance',
          id: 'st3j38cctv9l',
          title: 'Packages',
          level: 'maintenance',
          url: PACKAGES_WATCHED.human,
        },
      ],
    });
  });

  it.each(['in_progress', 'verifying'])(
    'reads a scheduled maintenance %s on a watched component as maintenance',
    (status) => {
      const body = {
        ...GITHUB,
        components: [{ ...PACKAGES, status: 'operational' }],
        incidents: [],
        scheduled_maintenances: [
          {
            id: 'mnt000000001',
            name: 'Packages database upgrade',
            status,
            scheduled_for: '2022-11-26T02:00:00.000Z',
            started_at: '2022-11-26T02:01:00.000Z',
            components: [{ id: 'st3j38cctv9l', name: 'Packages' }],
          },
        ],
      };
      expect(readingOf(body, PACKAGES_WATCHED)).toEqual({
        level: 'maintenance',
        events: [
          {
            kind: 'maintenance',
            id: 'mnt000000001',
            title: 'Packages database upgrade',
            level: 'maintenance',
            since: Date.parse('2022-11-26T02:01:00.000Z'),
            url: 'https://www.githubstatus.com/incidents/mnt000000001',
          },
        ],
      });
    },
  );

  it('leaves out a maintenance that is only scheduled', () => {
    const body = {
      ...GITHUB,
      components: [{ ...PACKAGES, status: 'operational' }],
      incidents: [],
      scheduled_maintenances: [
        { id: 'm1', name: 'Later', status: 'scheduled', components: [{ id: 'st3j38cctv9l', name: 'Packages' }] },
      ],
    };
    expect(readingOf(body, PACKAGES_WATCHED).level).toBe('operational');
  });

  it('reads a component status it does not know as unknown rather than operational', () => {
    const body = { ...GITHUB, components: [{ ...PACKAGES, status: 'on_fire' }], incidents: [] };
    expect(readingOf(body, PACKAGES_WATCHED)).toEqual({ level: 'unknown', events: [], reason: 'unreadable' });
  });

  it('links to the page itself when an incident id is not a plain one', () => {
    const body = { ...GITHUB, incidents: [{ ...INCIDENT, id: '../../evil' }] };
    expect(readingOf(body, PACKAGES_WATCHED).events[0]?.url).toBe('https://www.githubstatus.com');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Google Ads status dashboard

const GOOGLE = fixture('status/google-incidents.json') as Json[];
const [LIVE] = GOOGLE;
const GOOGLE_TARGET = target(STATUS_PAGES.google);
const BIGQUERY = target({ ...STATUS_PAGES.google, watch: [{ group: null, name: 'BigQuery' }] });

describe('the Google dashboard parser', () => {
  it('reads the open BigQuery incident as an outage where BigQuery is watched, linked on the dashboard', () => {
    expect(readingOf(GOOGLE, BIGQUERY)).toEqual({
      level: 'outage',
      events: [
        {
          kind: 'incident',
          id: 'live1',
          title: 'Elevated BigQuery errors',
          level: 'outage',
          product: 'BigQuery',
          since: Date.parse('2026-09-03T09:00:00+00:00'),
          url: 'https://ads.google.com/status/publisher/incidents/live1',
        },
      ],
    });
  });

  it('reads it as operational for Google Ads, which it does not name', () => {
    expect(readingOf(GOOGLE, GOOGLE_TARGET)).toEqual({ level: 'operational', events: [] });
  });

  it.each([
    { end: '', open: true },
    { end: null, open: true },
    { end: undefined, open: true },
    { end: '2026-09-03T11:00:00+00:00', open: false },
  ])('end $end → open: $open', ({ end, open }) => {
    const incident: Json = { ...LIVE, end };
    if (end === undefined) delete incident.end;
    expect(readingOf([incident], BIGQUERY).events).toHaveLength(open ? 1 : 0);
  });

  it.each([
    { impact: 'SERVICE_OUTAGE', level: 'outage' },
    { impact: 'SERVICE_DISRUPTION', level: 'degraded' },
    { impact: 'SERVICE_INFORMATION', level: 'operational' },
  ])('$impact → $level', ({ impact, level }) => {
    expect(readingOf([{ ...LIVE, status_impact: impact }], BIGQUERY).level).toBe(level);
  });

  it.each([
    { what: 'in service_name', change: { service_name: ' Google Ads API', affected_products: [] } },
    {
      what: 'in affected_products',
      change: { service_name: ' Multiple Products', affected_products: [{ title: ' Google Ads API', id: 'x' }] },
    },
    {
      what: 'in currently_affected_products',
      change: { affected_products: undefined, currently_affected_products: [{ title: 'Google Ads API' }] },
    },
  ])('matches " Google Ads API" with its leading space $what', ({ change }) => {
    const reading = readingOf([{ ...LIVE, ...change }], GOOGLE_TARGET);
    expect(reading.level).toBe('outage');
    expect(reading.events[0]).toMatchObject({
      product: 'Google Ads API',
      url: 'https://ads.google.com/status/publisher/incidents/live1',
    });
  });

  it('links to the dashboard itself when the incident’s uri is not a plain one', () => {
    const reading = readingOf([{ ...LIVE, uri: 'https://evil.example/incidents/live1' }], BIGQUERY);
    expect(reading.events[0]?.url).toBe('https://ads.google.com/status/publisher');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Zendesk

const ZENDESK = fixture('status/zendesk-incidents.json') as { data: Json[]; included: Json[] };
const ZENDESK_TARGET = target(STATUS_PAGES.zendesk);

/** Zendesk's `services.json` as its JSON:API lists them (no sample is published; the simulator's shape). */
function zendeskServices(...names: string[]): { data: Json[] } {
  return {
    data: names.map((name, position) => ({
      id: String(position + 1),
      type: 'service',
      attributes: { name, position, slug: name.toLowerCase(), deprecated: false, hasSubservices: false },
    })),
  };
}

const ZENDESK_SERVICES = zendeskServices('Support', 'Guide');

describe('the Zendesk parser', () => {
  it('reads the open "Pod 23 latency" incident as degraded, and not the resolved one still "monitoring"', () => {
    expect(readingOf(ZENDESK, ZENDESK_TARGET)).toEqual({
      level: 'degraded',
      events: [
        {
          kind: 'incident',
          id: '900',
          title: 'Pod 23 latency',
          level: 'degraded',
          since: Date.parse('2026-09-19T10:00:00Z'),
          url: 'https://status.zendesk.com',
        },
      ],
    });
  });

  it('leaves out an open incident on a service that is not watched', () => {
    const included = ZENDESK.included.map((s) =>
      s.id === 's900-1' ? { ...s, attributes: { ...(s.attributes as Json), serviceName: 'Chat' } } : s,
    );
    expect(readingOf({ ...ZENDESK, included }, ZENDESK_TARGET)).toEqual({ level: 'operational', events: [] });
  });

  it('leaves out an open incident whose watched service is already resolved', () => {
    const included = ZENDESK.included.map((s) =>
      s.id === 's900-1' ? { ...s, attributes: { ...(s.attributes as Json), resolvedAt: '2026-09-19T11:00:00Z' } } : s,
    );
    expect(readingOf({ ...ZENDESK, included }, ZENDESK_TARGET).level).toBe('operational');
  });

  it.each([
    { what: 'no longer lists Support', services: zendeskServices('Guide', 'Chat') },
    { what: 'renamed it', services: zendeskServices('Zendesk Support', 'Guide') },
    { what: 'lists no service', services: { data: [] } },
  ])('reads the page as unknown when its services list $what', ({ services }) => {
    expect(PARSERS.zendesk([services, ZENDESK], ZENDESK_TARGET, NOW)).toEqual({
      level: 'unknown',
      events: [],
      reason: 'component-missing',
    });
  });

  it('finds Support in the services list whatever blanks surround its name', () => {
    expect(PARSERS.zendesk([zendeskServices(' Support '), ZENDESK], ZENDESK_TARGET, NOW)).toMatchObject({
      level: 'degraded',
    });
  });

  it.each([
    { what: 'a services list of another shape', bodies: [{ services: [] }, ZENDESK] },
    { what: 'an incidents body of another shape', bodies: [ZENDESK_SERVICES, { incidents: [] }] },
    { what: 'no incidents body', bodies: [ZENDESK_SERVICES] },
  ])('reads $what as unreadable', ({ bodies }) => {
    expect(PARSERS.zendesk(bodies, ZENDESK_TARGET, NOW)).toBe('unreadable');
  });

  it('reads an incident that says "outage" as an outage', () => {
    const data = ZENDESK.data.map((i) =>
      i.id === '900' ? { ...i, attributes: { ...(i.attributes as Json), outage: true } } : i,
    );
    expect(readingOf({ ...ZENDESK, data }, ZENDESK_TARGET).level).toBe('outage');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Adobe

const ADOBE = fixture('status/adobe-status-events.json') as {
  incidentEvent: { incidents: Record<string, Json>; messages: Json };
  maintenanceEvent: Json;
};
const ADOBE_TARGET = target(STATUS_PAGES.adobe);
const STARTED = 1795770000;

/** Adobe's sample with its one product (Commerce Intelligence, 9001) of event 71234 changed. */
function adobeWith(product: Json, clouds?: Json): unknown {
  const event = ADOBE.incidentEvent.incidents['71234']!;
  const products = event.products as Record<string, Json>;
  return {
    ...ADOBE,
    incidentEvent: {
      ...ADOBE.incidentEvent,
      incidents: {
        '71234': { ...event, ...(clouds ? { clouds } : {}), products: { '9001': { ...products['9001'], ...product } } },
      },
    },
  };
}

describe('the Adobe parser', () => {
  it('reads the major "Data synchronization delays" on Commerce Intelligence as an outage of that product', () => {
    expect(readingOf(ADOBE, ADOBE_TARGET)).toEqual({
      level: 'outage',
      events: [
        {
          kind: 'incident',
          id: '71234/9001',
          title: 'Data synchronization delays',
          level: 'outage',
          product: 'Adobe Commerce Intelligence',
          since: STARTED * 1000,
          url: 'https://status.adobe.com/products/9001/71234',
        },
      ],
    });
  });

  it.each(['closed', 'completed', 'dismissed', 'cancelled'])(
    'reads a product whose latest entry is %s as over',
    (status) => {
      const history = {
        [STARTED]: { status: 'opened', severity: 'major', titleToken: 't1' },
        [STARTED + 600]: { status: 'updated', severity: 'major', titleToken: 't1' },
        [STARTED + 1200]: { status, severity: 'major', titleToken: 't1' },
      };
      expect(readingOf(adobeWith({ history }), ADOBE_TARGET)).toEqual({ level: 'operational', events: [] });
    },
  );

  it('orders the history by time, not by how its keys are written', () => {
    // An earlier "opened" listed after the later "closed" does not reopen it.
    const history = {
      [STARTED + 1200]: { status: 'closed', severity: 'major' },
      [STARTED]: { status: 'opened', severity: 'major' },
    };
    expect(readingOf(adobeWith({ history }), ADOBE_TARGET).level).toBe('operational');
  });

  it.each([
    { endedOn: STARTED + 3600, now: (STARTED + 7200) * 1000, open: false },
    { endedOn: STARTED + 3600, now: (STARTED + 60) * 1000, open: true },
    { endedOn: null, now: (STARTED + 7200) * 1000, open: true },
    { endedOn: 0, now: (STARTED + 7200) * 1000, open: true },
  ])('endedOn $endedOn at $now → open: $open', ({ endedOn, now, open }) => {
    const reading = PARSERS.adobe([adobeWith({ endedOn })], ADOBE_TARGET, now);
    expect(reading !== 'unreadable' && reading.events.length).toBe(open ? 1 : 0);
  });

  it('leaves out a product of the same name in another cloud', () => {
    const clouds = { '2': { id: '2', name: 'Adobe Creative Cloud', cloudProducts: ['9001'] } };
    expect(readingOf(adobeWith({}, clouds), ADOBE_TARGET)).toEqual({ level: 'operational', events: [] });
  });

  it('reads a minor severity as degraded and an Adobe Analytics incident as that product’s', () => {
    const history = { [STARTED]: { status: 'opened', severity: 'minor', titleToken: 't1' } };
    const reading = readingOf(adobeWith({ id: '1173', name: 'Adobe Analytics', history }), ADOBE_TARGET);
    expect(reading.events[0]).toMatchObject({ level: 'degraded', product: 'Adobe Analytics' });
  });

  it('writes a title from the product when the message is missing', () => {
    const history = { [STARTED]: { status: 'opened', severity: 'major', titleToken: 'gone' } };
    expect(titles(readingOf(adobeWith({ history }), ADOBE_TARGET))).toEqual(['Adobe Commerce Intelligence incident']);
  });

  it('reads an open maintenance as maintenance', () => {
    const event = ADOBE.incidentEvent.incidents['71234']!;
    const body = {
      incidentEvent: { incidents: {}, messages: { en: {} } },
      maintenanceEvent: { maintenance: { '71234': event }, messages: ADOBE.incidentEvent.messages },
    };
    expect(readingOf(body, ADOBE_TARGET)).toMatchObject({
      level: 'maintenance',
      events: [{ kind: 'maintenance', level: 'maintenance', title: 'Data synchronization delays' }],
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Salesforce Trust

const SALESFORCE = fixture('status/salesforce-instance-ok.json') as Json;
const P1 = target(STATUS_PAGES.salesforce, { salesforceInstance: 'P1' });

describe('the Salesforce parser', () => {
  it('reads instance P1 with status OK as operational', () => {
    expect(readingOf(SALESFORCE, P1)).toEqual({ level: 'operational', events: [] });
  });

  it('reads another instance’s answer as unknown: page-changed', () => {
    const na45 = target(STATUS_PAGES.salesforce, { salesforceInstance: 'NA45' });
    expect(readingOf(SALESFORCE, na45)).toEqual({ level: 'unknown', events: [], reason: 'page-changed' });
  });

  it('reads a major core incident as an outage titled from its type and instance, linked on Trust', () => {
    const body = {
      ...SALESFORCE,
      status: 'MAJOR_INCIDENT_CORE',
      Incidents: [
        {
          id: 12345,
          type: 'Service Disruption',
          isCore: true,
          status: 'Active',
          serviceKeys: ['coreService'],
          IncidentImpacts: [{ severity: 'major' }],
          createdAt: '2026-11-27T10:00:00.000Z',
        },
      ],
    };
    expect(readingOf(body, P1)).toEqual({
      level: 'outage',
      events: [
        {
          kind: 'incident',
          id: '12345',
          title: 'Service Disruption on P1 (coreService)',
          level: 'outage',
          since: Date.parse('2026-11-27T10:00:00.000Z'),
          url: 'https://status.salesforce.com/incidents/12345',
        },
      ],
    });
  });

  it('leaves out resolved and non-core incidents, and says what the instance reports instead', () => {
    const body = {
      ...SALESFORCE,
      status: 'MINOR_INCIDENT_CORE',
      Incidents: [
        { id: 1, type: 'Old', isCore: true, status: 'Resolved' },
        { id: 2, type: 'Elsewhere', isCore: false, status: 'Active' },
      ],
    };
    expect(readingOf(body, P1)).toEqual({
      level: 'degraded',
      events: [
        {
          kind: 'component',
          id: 'P1',
          title: 'P1 (MINOR_INCIDENT_CORE)',
          level: 'degraded',
          url: 'https://status.salesforce.com/instances/P1',
        },
      ],
    });
  });

  it.each([
    { status: 'MAINTENANCE_CORE', level: 'maintenance' },
    { status: 'MAINTENANCE_NONCORE', level: 'operational' },
    { status: 'MAJOR_INCIDENT_NONCORE', level: 'degraded' },
    { status: 'INFORMATIONAL_CORE', level: 'operational' },
  ])('$status → $level', ({ status, level }) => {
    expect(readingOf({ ...SALESFORCE, status }, P1).level).toBe(level);
  });

  it('reads a status it does not know as unknown', () => {
    expect(readingOf({ ...SALESFORCE, status: 'ON_FIRE' }, P1)).toEqual({
      level: 'unknown',
      events: [],
      reason: 'unreadable',
    });
  });
});

// ---------------------------------------------------------------------------------------------------------
// AWS

/** Text as AWS serves it: UTF-16 big-endian code units after a byte-order mark. */
function utf16be(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i] = unit >> 8;
    bytes[3 + 2 * i] = unit & 0xff;
  }
  return bytes;
}

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i] = unit & 0xff;
    bytes[3 + 2 * i] = unit >> 8;
  }
  return bytes;
}

const AWS_TEXT = fixtureText('status/aws-currentevents.json');
const US_EAST_1 = target(STATUS_PAGES.aws, { awsRegion: 'us-east-1' });

/** The AWS sample as received: UTF-16BE bytes, decoded by their mark, then parsed. */
function awsBody(change: (item: Json) => Json = (item) => item): unknown {
  const items = (JSON.parse(decodeBody(utf16be(AWS_TEXT))) as Json[]).map(change);
  return JSON.parse(decodeBody(utf16be(JSON.stringify(items))));
}

describe('decodeBody', () => {
  const TEXT = '[{"summary":"Café — 東京 ✓ 𝒳"}]';
  it.each([
    { encoding: 'UTF-16BE with a mark', bytes: utf16be(TEXT) },
    { encoding: 'UTF-16LE with a mark', bytes: utf16le(TEXT) },
    { encoding: 'UTF-8 with a mark', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]) },
    { encoding: 'UTF-8 without a mark', bytes: new TextEncoder().encode(TEXT) },
  ])('reads $encoding', ({ bytes }) => {
    expect(decodeBody(bytes)).toBe(TEXT);
  });

  it('reads AWS’s sample, encoded as AWS serves it, back to the same JSON', () => {
    expect(JSON.parse(decodeBody(utf16be(AWS_TEXT)))).toEqual(fixture('status/aws-currentevents.json'));
  });

  it('reads an empty body as empty text', () => {
    expect(decodeBody(new Uint8Array())).toBe('');
  });
});

describe('the AWS parser', () => {
  it('reads the sample (an S3 event) as operational for RDS in us-east-1', () => {
    expect(readingOf(awsBody(), US_EAST_1)).toEqual({ level: 'operational', events: [] });
  });

  it('reads an open RDS event in the region as degraded, titled with its summary and region', () => {
    expect(
      readingOf(
        awsBody((item) => ({ ...item, service: 'rds-us-east-1' })),
        US_EAST_1,
      ),
    ).toEqual({
      level: 'degraded',
      events: [
        {
          kind: 'incident',
          id: 'rds-us-east-1#0',
          title: 'Elevated error rates (N. Virginia)',
          level: 'degraded',
          url: 'https://health.aws.amazon.com/health/status',
        },
      ],
    });
  });

  it.each([
    { what: 'in another region', change: { service: 'rds-eu-west-1' } },
    { what: 'resolved (status "0")', change: { service: 'rds-us-east-1', status: '0' } },
    { what: 'with a status that is a number, not "1"', change: { service: 'rds-us-east-1', status: 1 } },
  ])('leaves out an RDS event $what', ({ change }) => {
    expect(
      readingOf(
        awsBody((item) => ({ ...item, ...change })),
        US_EAST_1,
      ).level,
    ).toBe('operational');
  });

  it('dates an event from epoch seconds', () => {
    const reading = readingOf(
      awsBody((item) => ({ ...item, service: 'rds-us-east-1', date: '1795770000' })),
      US_EAST_1,
    );
    expect(reading.events[0]?.since).toBe(1795770000 * 1000);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Statuspage status.json alone (Fivetran)

const FIVETRAN = fixture('status/fivetran-status.json') as { status: Json; page: Json };
const FIVETRAN_TARGET = target(STATUS_PAGES.fivetran);
/** GitHub's rollup during its incident, as sampled: the indicator and description a Statuspage gives together. */
const GITHUB_ROLLUP = (fixture('status/statuspage-github-summary.json') as { status: Json }).status;
/** Discord's page as a table entry of this format would have it, with the id and name it publishes. */
const DISCORD_ROLLUP = target({ ...STATUS_PAGES.fivetran, pageId: 'srhpyqt94yxb', pageName: 'Discord' });

/** Fivetran's sample with its status changed. */
const fivetranWith = (status: Json): unknown => ({ ...FIVETRAN, status: { ...FIVETRAN.status, ...status } });

describe('the rollup parser', () => {
  it('reads Fivetran’s status.json, as captured, as operational', () => {
    expect(readingOf(FIVETRAN, FIVETRAN_TARGET)).toEqual({ level: 'operational', events: [] });
  });

  it('reads GitHub’s rollup during its incident as degraded, told as an incident titled with its description', () => {
    expect(readingOf(fivetranWith(GITHUB_ROLLUP), FIVETRAN_TARGET)).toEqual({
      level: 'degraded',
      events: [
        {
          kind: 'incident',
          id: 'minor',
          title: 'Minor Service Outage',
          level: 'degraded',
          url: 'https://status.fivetran.com',
        },
      ],
    });
  });

  it.each([
    { indicator: 'none', level: 'operational', kind: undefined },
    { indicator: 'minor', level: 'degraded', kind: 'incident' },
    { indicator: 'major', level: 'degraded', kind: 'incident' },
    { indicator: 'critical', level: 'outage', kind: 'incident' },
    { indicator: 'maintenance', level: 'maintenance', kind: 'maintenance' },
  ])('$indicator → $level', ({ indicator, level, kind }) => {
    const reading = readingOf(fivetranWith({ indicator, description: 'Said by the page' }), FIVETRAN_TARGET);
    expect(reading.level).toBe(level);
    expect(reading.events.map((e) => e.kind)).toEqual(kind ? [kind] : []);
  });

  it.each(['on_fire', 'None', 'constructor', '__proto__', ''])(
    'reads an indicator it does not know ("%s") as unknown rather than operational',
    (indicator) => {
      expect(readingOf(fivetranWith({ indicator }), FIVETRAN_TARGET)).toEqual({
        level: 'unknown',
        events: [],
        reason: 'unreadable',
      });
    },
  );

  it.each([
    { what: 'no description', status: { indicator: 'major', description: undefined } },
    { what: 'a blank description', status: { indicator: 'major', description: '  ' } },
    { what: 'a description that is not text', status: { indicator: 'major', description: { toString: 1 } } },
  ])('titles an incident with $what by its indicator', ({ status }) => {
    expect(titles(readingOf(fivetranWith(status), FIVETRAN_TARGET))).toEqual(['major']);
  });

  it.each([
    { what: 'no status', body: { page: FIVETRAN.page } },
    { what: 'a status that is text', body: { ...FIVETRAN, status: 'none' } },
    { what: 'no indicator', body: { ...FIVETRAN, status: { description: 'All Systems Operational' } } },
    { what: 'an indicator that is not text', body: fivetranWith({ indicator: 0 }) },
    {
      what: 'a summary.json’s components without a status',
      body: { page: GITHUB.page, components: GITHUB.components },
    },
  ])('reads a body with $what as unreadable', ({ body }) => {
    expect(read(body, FIVETRAN_TARGET)).toBe('unreadable');
  });

  it.each([
    { file: 'statuspage-discord-status.json', pageId: 'srhpyqt94yxb', pageName: 'Discord' },
    { file: 'statuspage-hubspot-status.json', pageId: '8b9w1wwq3g7d', pageName: 'HubSpot' },
  ])('reads $pageName’s status.json as operational, and as page-changed where another page is meant', (sample) => {
    const body = fixture(`status/${sample.file}`);
    const own = target({ ...STATUS_PAGES.fivetran, pageId: sample.pageId, pageName: sample.pageName });
    expect(readingOf(body, own)).toEqual({ level: 'operational', events: [] });
    expect(readingOf(body, FIVETRAN_TARGET)).toEqual({ level: 'operational', events: [] });
    const other = target({ ...STATUS_PAGES.fivetran, pageId: 'aaaaaaaaaaaa', pageName: sample.pageName });
    expect(readingOf(body, other)).toEqual({ level: 'unknown', events: [], reason: 'page-changed' });
  });

  it('reads Fivetran’s page, which has no id, as page-changed where the table gives one', () => {
    expect(readingOf(fivetranWith(GITHUB_ROLLUP), DISCORD_ROLLUP)).toMatchObject({ reason: 'page-changed' });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Whatever the body

/** A target of each format, able to match the samples below. */
const TARGETS: Readonly<Record<StatusFormat, readonly PageTarget[]>> = {
  statuspage: [
    PACKAGES_WATCHED,
    target(STATUS_PAGES.quickbooks),
    target(STATUS_PAGES.mixpanel),
    target(STATUS_PAGES.airbyte),
  ],
  rollup: [FIVETRAN_TARGET, DISCORD_ROLLUP],
  google: [GOOGLE_TARGET, BIGQUERY],
  adobe: [ADOBE_TARGET],
  zendesk: [ZENDESK_TARGET],
  salesforce: [P1],
  aws: [US_EAST_1],
};

/** The bodies of each format's URLs, in order. */
const SAMPLES: Readonly<Record<StatusFormat, readonly unknown[]>> = {
  statuspage: [GITHUB],
  rollup: [FIVETRAN],
  google: [GOOGLE],
  adobe: [ADOBE],
  zendesk: [ZENDESK_SERVICES, ZENDESK],
  salesforce: [SALESFORCE],
  aws: [awsBody((item) => ({ ...item, service: 'rds-us-east-1' }))],
};

const FORMATS = Object.keys(PARSERS) as StatusFormat[];

describe('every parser', () => {
  it.each(FORMATS.flatMap((format) => [null, 'a string', {}, [], 42, true].map((body) => ({ format, body }))))(
    '$format reads $body as unreadable or a reading, without throwing',
    ({ format, body }) => {
      for (const t of TARGETS[format]) {
        const reading = PARSERS[format](
          t.urls.map(() => body),
          t,
          NOW,
        );
        if (reading !== 'unreadable') expect(reading.events).toEqual([]);
      }
    },
  );

  it.each(FORMATS.flatMap((format) => [null, 'a string', {}].map((body) => ({ format, body }))))(
    '$format reads $body as unreadable',
    ({ format, body }) => {
      for (const t of TARGETS[format])
        expect(
          PARSERS[format](
            t.urls.map(() => body),
            t,
            NOW,
          ),
        ).toBe('unreadable');
    },
  );
});

// ---------------------------------------------------------------------------------------------------------
// Properties: 10,000 generated bodies per format, from arbitrary JSON and from its sample with parts replaced.

const RUNS = { numRuns: 10_000 };
const LEVELS: Record<StatusLevel, true> = {
  operational: true,
  degraded: true,
  outage: true,
  maintenance: true,
  unknown: true,
};
const EVENT_LEVELS = new Set(['degraded', 'outage', 'maintenance']);
const KINDS = new Set(['incident', 'component', 'maintenance']);
const REASONS = new Set(['unreadable', 'page-changed', 'component-missing', 'no-access', 'not-set']);

/** Throws, naming what is wrong, unless the result is 'unreadable' or a reading of the closed sets. */
function checkResult(result: unknown, t: PageTarget): void {
  if (result === 'unreadable') return;
  const fail = (what: string) => {
    throw new Error(`${what}: ${JSON.stringify(result)}`);
  };
  if (!isRecord(result) || !Object.hasOwn(LEVELS, result.level as string)) return fail('level');
  if (!Array.isArray(result.events)) return fail('events');
  if (result.level === 'unknown' && !REASONS.has(result.reason as string)) return fail('reason');
  for (const e of result.events as unknown[]) {
    if (!isRecord(e)) return fail('event');
    if (typeof e.title !== 'string' || typeof e.id !== 'string') return fail('title or id');
    if (!EVENT_LEVELS.has(e.level as string) || !KINDS.has(e.kind as string)) return fail('event level or kind');
    if (e.since !== undefined && typeof e.since !== 'number') return fail('since');
    if (e.product !== undefined && typeof e.product !== 'string') return fail('product');
    // A link stays on the status page's own host, whatever the page wrote.
    if (e.url !== undefined && (typeof e.url !== 'string' || new URL(e.url).host !== new URL(t.human).host))
      return fail('url');
  }
}

type Path = readonly (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const inner = Array.isArray(value)
    ? value.flatMap((v, i) => pathsOf(v, [...at, i]))
    : isRecord(value)
      ? Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))
      : [];
  return [at, ...inner];
}

/** A copy of `value` with the part at `path` replaced (or, in an object, added). */
function replaced(value: unknown, path: Path, by: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return by;
  if (Array.isArray(value)) return (value as unknown[]).map((v, i) => (i === head ? replaced(v, rest, by) : v));
  if (!isRecord(value)) return value;
  const copy = { ...value };
  Object.defineProperty(copy, head, {
    value: replaced(value[head], rest, by),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

// Keys a server might use against a parser: prototype names, and names String() would call.
const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'id',
  'name',
  'status',
  'title',
  'end',
  'history',
];
const json: fc.Arbitrary<unknown> = fc
  .oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  )
  // As a body arrives: parsed from text, so "__proto__" is a key of its own.
  .map((v) => JSON.parse(JSON.stringify(v) ?? 'null') as unknown);

/** The sample's bodies with up to three parts replaced; arbitrary JSON for each body; or the bodies given whole. */
function bodiesOf(sample: readonly unknown[]): fc.Arbitrary<unknown[]> {
  // Never the list of bodies itself: the check always hands over one body per URL.
  const paths = pathsOf(sample).slice(1);
  const edits = fc.array(fc.tuple(fc.constantFrom(...paths), json), { minLength: 1, maxLength: 3 });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: edits.map(
        (list) => list.reduce<unknown>((v, [path, by]) => replaced(v, path, by), sample) as unknown[],
      ),
    },
    { weight: 1, arbitrary: fc.array(json, { minLength: sample.length, maxLength: sample.length }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.oneof(json, fc.constant(sample[0])), {
        minLength: sample.length,
        maxLength: sample.length,
      }),
    },
  );
}

describe('every parser, on any JSON', () => {
  it.each(FORMATS)('%s answers unreadable or a reading of the closed sets, and never throws', (format) => {
    const targets = TARGETS[format];
    fc.assert(
      fc.property(bodiesOf(SAMPLES[format]), fc.constantFrom(...targets), (bodies, t) => {
        checkResult(PARSERS[format](bodies, t, NOW), t);
      }),
      RUNS,
    );
  });
});

describe('the rollup parser, on any indicator and description', () => {
  const LEVEL_OF: Readonly<Record<string, StatusLevel>> = {
    none: 'operational',
    minor: 'degraded',
    major: 'degraded',
    critical: 'outage',
    maintenance: 'maintenance',
  };

  it('reads Statuspage’s indicators by their level and anything else as unknown, titled by the page', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...Object.keys(LEVEL_OF), ...KEYS), fc.string()),
        fc.oneof(fc.string(), json),
        (indicator, description) => {
          // As the body arrives: parsed from text, so "__proto__" is an indicator like any other.
          const body: unknown = JSON.parse(JSON.stringify({ ...FIVETRAN, status: { indicator, description } }));
          const reading = readingOf(body, FIVETRAN_TARGET);
          const level = Object.hasOwn(LEVEL_OF, indicator) ? LEVEL_OF[indicator] : 'unknown';
          expect(reading.level).toBe(level);
          const said = typeof description === 'string' && description.trim() !== '' ? description : indicator;
          const kind = level === 'maintenance' ? 'maintenance' : 'incident';
          expect(reading.events).toEqual(
            level === 'operational' || level === 'unknown'
              ? []
              : [{ kind, id: indicator, title: said, level, url: FIVETRAN_TARGET.human }],
          );
        },
      ),
      RUNS,
    );
  });
});
