// The vendors' status pages as the simulator build reads them: `GET /__status/<host><path><search>`, the
// vendor's URL with its origin cut off (urlToRead in src/background/status/check.ts). Routes come from
// STATUS_PAGES; each host has one scenario; every document is cloned from the verbatim samples in
// test/unit/fixtures/status/ and adapted (those files are never edited).

import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { SIM_TIMING } from '../../scripts/sim-timing';
import { STATUS_PAGES, type StatusPage, type Watched } from '../../src/core/status-pages';
import { match, sendJson, type Ctx } from './http.js';
import { SimError } from './state.js';

export const STATUS_SCENARIOS = [
  'operational',
  'incident',
  'incident-elsewhere',
  'maintenance',
  'page-changed',
  'malformed',
  'slow',
  'error-500',
] as const;
export type StatusScenario = (typeof STATUS_SCENARIOS)[number];

export interface StatusExtra {
  /** The incident's or maintenance's title; a default per host otherwise (DEFAULT_TITLES). */
  title?: string;
  /** When it began, ms since epoch; default 20 minutes before the scenario was set. */
  startedAt?: number;
  /** AWS: the region whose RDS the event is on (default us-east-1). */
  region?: string;
  /** Salesforce: the only instance that answers with the scenario (default: every instance). */
  instance?: string;
  /** Adobe, Google: the watched product the incident or maintenance is on (default: the first watched). */
  product?: string;
}

export interface StatusSnapshot {
  scenarios: Record<string, StatusScenario>;
  /** Status requests per host since start or the last reset; a host never asked is absent. */
  requests: Record<string, number>;
}

/** `slow` answers after this: longer than the simulator build gives a request, so the read times out. */
export const STATUS_SLOW_MS = SIM_TIMING.requestTimeoutMs + 2_000;
/** Default start of an incident or maintenance: this long before the scenario was set. */
export const STATUS_STARTED_BEFORE_MS = 20 * 60_000;

const PAGES: readonly StatusPage[] = Object.values(STATUS_PAGES);

interface Route {
  page: StatusPage;
  host: string;
  /** The URL's path with `{instance}` as `:instance`, for match(). */
  pattern: string;
}

const ROUTES: readonly Route[] = PAGES.flatMap((page) =>
  page.urls.map((u) => {
    const url = new URL(u.replace(/\{(\w+)\}/g, ':$1'));
    return { page, host: url.host, pattern: url.pathname };
  }),
);

/** Every host a status page is read from, in the order of STATUS_PAGES. */
export const STATUS_HOSTS: readonly string[] = [...new Set(ROUTES.map((r) => r.host))];

const pageOfHost = (host: string): StatusPage | undefined => ROUTES.find((r) => r.host === host)?.page;

/** Default incident titles; Salesforce's goes into the incident's event message (its parser writes its own). */
export const DEFAULT_TITLES: Readonly<Record<string, string>> = {
  'data.status.adobe.com': 'Data synchronization delays',
  'ads.google.com': 'Elevated error rates in the Google Ads API',
  'status.zendesk.com': 'Ticket API errors',
  'www.mixpanelstatus.com': 'Delayed data exports',
  'status.developer.intuit.com': 'QuickBooks Online Accounting API errors',
  'api.status.salesforce.com': 'Some users may see errors when calling the API',
  'health.aws.amazon.com': 'Increased database connectivity errors',
  // Fivetran's page says only its rollup: the incident's title is the description of its indicator.
  'status.fivetran.com': 'Major System Outage',
  'status.airbyte.com': 'Delayed syncs on Airbyte Cloud',
};
const DEFAULT_MAINTENANCE_TITLE = 'Scheduled maintenance';

const INSTANCE = /^[A-Za-z]{1,6}\d{1,5}[A-Za-z]?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

interface Setting {
  scenario: StatusScenario;
  title?: string;
  startedAt: number;
  region: string;
  instance?: string;
  product?: string;
}

const isScenario = (value: unknown): value is StatusScenario =>
  typeof value === 'string' && (STATUS_SCENARIOS as readonly string[]).includes(value);

const namesWatched = (page: StatusPage): string[] => page.watch.flatMap((w) => ('name' in w ? [w.name] : []));

/** The status scenarios of every host and the requests they had. */
export class StatusState {
  private settings = new Map<string, Setting>();
  private requests = new Map<string, number>();

  constructor(readonly now: () => number = Date.now) {}

  set(host: unknown, scenario: unknown, extra: StatusExtra = {}): void {
    const page = typeof host === 'string' ? pageOfHost(host) : undefined;
    if (typeof host !== 'string' || !page)
      throw new SimError(400, `unknown status host ${JSON.stringify(host)}; one of ${STATUS_HOSTS.join(', ')}`);
    if (!isScenario(scenario))
      throw new SimError(
        400,
        `unknown status scenario ${JSON.stringify(scenario)}; one of ${STATUS_SCENARIOS.join(', ')}`,
      );
    const { title, startedAt, region, instance, product } = extra;
    if (title !== undefined && (typeof title !== 'string' || title === ''))
      throw new SimError(400, 'title must be a non-empty string');
    if (startedAt !== undefined && (typeof startedAt !== 'number' || !Number.isFinite(startedAt)))
      throw new SimError(400, 'startedAt must be a number (ms since epoch)');
    if (region !== undefined && (typeof region !== 'string' || !REGION.test(region)))
      throw new SimError(400, 'region must be an AWS region such as "us-east-1"');
    if (instance !== undefined && (typeof instance !== 'string' || !INSTANCE.test(instance)))
      throw new SimError(400, 'instance must be a Salesforce instance such as "NA45"');
    if (product !== undefined && (typeof product !== 'string' || !namesWatched(page).includes(product))) {
      const names = namesWatched(page);
      throw new SimError(
        400,
        names.length
          ? `product must be one of ${names.map((n) => JSON.stringify(n)).join(', ')} for ${host}`
          : `${host} names no products`,
      );
    }
    const setting: Setting = {
      scenario,
      startedAt: startedAt ?? this.now() - STATUS_STARTED_BEFORE_MS,
      region: region ?? 'us-east-1',
    };
    if (title !== undefined) setting.title = title;
    if (instance !== undefined) setting.instance = instance.toUpperCase();
    if (product !== undefined) setting.product = product;
    this.settings.set(host, setting);
  }

  /** Every host back to `operational`, no requests counted. */
  reset(): void {
    this.settings.clear();
    this.requests.clear();
  }

  setting(host: string): Setting {
    return (
      this.settings.get(host) ?? {
        scenario: 'operational',
        startedAt: this.now() - STATUS_STARTED_BEFORE_MS,
        region: 'us-east-1',
      }
    );
  }

  count(host: string): void {
    this.requests.set(host, (this.requests.get(host) ?? 0) + 1);
  }

  snapshot(): StatusSnapshot {
    return {
      scenarios: Object.fromEntries(STATUS_HOSTS.map((h) => [h, this.setting(h).scenario])),
      requests: Object.fromEntries(this.requests),
    };
  }
}

const PREFIX = '/__status/';

/** `GET /__status/<host><path>` of a page in STATUS_PAGES; false (404) for anything else. */
export async function handleStatus(ctx: Ctx): Promise<boolean> {
  const { req, res, url, status } = ctx;
  if (!url.pathname.startsWith(PREFIX) || req.method !== 'GET') return false;
  const rest = url.pathname.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return false;
  const host = rest.slice(0, slash).toLowerCase();
  const path = rest.slice(slash);
  let route: Route | undefined;
  let params: Record<string, string> | null = null;
  for (const r of ROUTES) {
    params = r.host === host ? match(r.pattern, path) : null;
    if (params) {
      route = r;
      break;
    }
  }
  if (!route || !params) return false;
  const instance = params.instance;
  if (instance !== undefined && !INSTANCE.test(instance)) return false;
  status.count(host);
  const setting = status.setting(host);
  // A scenario for one Salesforce instance leaves the others operational.
  const scenario =
    setting.instance !== undefined && instance !== undefined && instance.toUpperCase() !== setting.instance
      ? 'operational'
      : setting.scenario;
  const ask: Ask = {
    page: route.page,
    host,
    setting,
    instance: instance?.toUpperCase() ?? '',
    path,
    now: status.now(),
  };
  switch (scenario) {
    case 'error-500':
      sendJson(res, 500, { error: 'Internal Server Error' });
      return true;
    case 'slow':
      if (!(await ctx.sleep(STATUS_SLOW_MS))) return true;
      send(res, route.page, JSON.stringify(documentOf(ask, 'operational')));
      return true;
    case 'malformed': {
      // The operational document cut short: a 200 whose body is not JSON.
      const text = JSON.stringify(documentOf(ask, 'operational'));
      send(res, route.page, text.slice(0, Math.max(1, Math.floor(text.length * 0.6))));
      return true;
    }
    default:
      send(res, route.page, JSON.stringify(documentOf(ask, scenario)));
      return true;
  }
}

/** JSON as the vendor sends it; AWS's in UTF-16 big-endian with a byte-order mark. */
function send(res: ServerResponse, page: StatusPage, text: string): void {
  if (res.destroyed || res.headersSent) return;
  if (page.format === 'aws') {
    const body = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-16', 'cache-control': 'no-store' });
    res.end(body);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

type DocScenario = Exclude<StatusScenario, 'malformed' | 'slow' | 'error-500'>;

interface Ask {
  page: StatusPage;
  host: string;
  setting: Setting;
  /** Salesforce: the instance in the path, upper case. */
  instance: string;
  /** The document's path on the vendor's host (Zendesk serves two). */
  path: string;
  now: number;
}

function documentOf(ask: Ask, scenario: DocScenario): unknown {
  switch (ask.page.format) {
    case 'statuspage':
      return statuspage(ask, scenario);
    case 'rollup':
      return rollup(ask, scenario);
    case 'google':
      return google(ask, scenario);
    case 'adobe':
      return adobe(ask, scenario);
    case 'zendesk':
      return zendesk(ask, scenario);
    case 'salesforce':
      return salesforce(ask, scenario);
    case 'aws':
      return aws(ask, scenario);
  }
}

const titleOf = (ask: Ask, maintenance = false): string =>
  ask.setting.title ?? (maintenance ? DEFAULT_MAINTENANCE_TITLE : (DEFAULT_TITLES[ask.host] ?? 'Incident'));

const iso = (ms: number): string => new Date(ms).toISOString();
const seconds = (ms: number): number => Math.floor(ms / 1000);
const HOUR = 3_600_000;

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../unit/fixtures/status/${name}`, import.meta.url), 'utf8')) as T;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** What a renamed product or service is called on a changed page: the vendor's prefix dropped. */
const renamed = (name: string): string => name.replace(/^(Adobe|Google) /, '');

// ---------------------------------------------------------------------------------------------------------
// Atlassian Statuspage (Mixpanel, Intuit, Airbyte), from GitHub's summary.json.

interface SpComponent {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
}

interface SpAffected {
  code: string;
  name: string;
  old_status: string;
  new_status: string;
}

interface SpUpdate {
  id: string;
  status: string;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: SpAffected[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

interface SpIncident {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: string;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: SpUpdate[];
}

interface SpSummary {
  page: { id: string; name: string; url: string; time_zone: string; updated_at: string };
  components: SpComponent[];
  incidents: SpIncident[];
  scheduled_maintenances: unknown[];
  status: { indicator: string; description: string };
}

interface SpSite {
  /** The page's id and name: STATUS_PAGES' when it gives them, else invented for the simulator. */
  id: string;
  name: string;
  timeZone: string;
  /** Invented: neither vendor's component ids are published (Intuit's names are not either). */
  components: { id: string; name: string }[];
}

const STATUSPAGE_SITES: Readonly<Record<string, SpSite>> = {
  mixpanel: {
    id: 'mxsim0page01',
    name: 'Mixpanel',
    timeZone: 'America/Los_Angeles',
    components: [
      { id: 'mxsim0ingest', name: 'Data Ingestion' },
      { id: 'mxsim0query1', name: 'Query API' },
      { id: 'mxsim0export', name: 'Data Export' },
      { id: 'mxsim0webapp', name: 'Web Application' },
    ],
  },
  quickbooks: {
    id: 'qbsim0page01',
    name: 'Intuit Developer',
    timeZone: 'America/Los_Angeles',
    components: [
      { id: 'qbsim0accnt1', name: 'Accounting API' },
      { id: 'qbsim0paymt1', name: 'Payments API' },
      { id: 'qbsim0oauth1', name: 'OAuth 2.0' },
    ],
  },
  airbyte: {
    id: 'absim0page01',
    name: 'Airbyte',
    timeZone: 'America/Los_Angeles',
    components: [
      { id: 'absim0syncs1', name: 'Cloud Syncs' },
      { id: 'absim0webap1', name: 'Web Application' },
      { id: 'absim0api001', name: 'API' },
    ],
  },
};

/** Whether a component is watched: by id, or by name outside any group; every one when nothing is listed. */
function watches(watch: readonly Watched[], c: { id: string; name: string }): boolean {
  return watch.length === 0 || watch.some((w) => ('id' in w ? w.id === c.id : w.group === null && w.name === c.name));
}

const GITHUB = fixture<SpSummary>('statuspage-github-summary.json');

function statuspage(ask: Ask, scenario: DocScenario): SpSummary {
  const { page, setting, now } = ask;
  const updatedAt = iso(now);
  // Another page answers: GitHub's, as sampled, with nothing open (no Mixpanel or Intuit component on it).
  if (scenario === 'page-changed')
    return {
      ...GITHUB,
      page: { ...GITHUB.page, updated_at: updatedAt },
      components: GITHUB.components.map((c) => ({ ...c, status: 'operational' })),
      incidents: [],
      scheduled_maintenances: [],
      status: { indicator: 'none', description: 'All Systems Operational' },
    };
  const site = STATUSPAGE_SITES[page.key];
  if (!site) throw new Error(`no Statuspage site for ${page.key}`);
  const pageId = page.pageId ?? site.id;
  const watched = site.components.filter((c) => watches(page.watch, c));
  const elsewhere = site.components.find((c) => !watches(page.watch, c));
  // Intuit and Airbyte are watched whole: nothing is elsewhere, so "elsewhere" is an informational notice.
  const notice = scenario === 'incident-elsewhere' && elsewhere === undefined;
  const affected = scenario === 'incident-elsewhere' ? elsewhere : watched[0];
  const componentStatus =
    scenario === 'maintenance' ? 'under_maintenance' : scenario === 'operational' ? 'operational' : 'partial_outage';
  const template = GITHUB.components[0]!;
  const components = site.components.map((c, i): SpComponent => ({
    ...template,
    id: c.id,
    name: c.name,
    status: c === affected && !notice ? componentStatus : 'operational',
    created_at: '2019-06-04T17:12:40.064Z',
    updated_at: updatedAt,
    position: i + 1,
    description: null,
    group_id: null,
    page_id: pageId,
  }));
  const start = setting.startedAt;
  const event = (id: string, status: string, impact: string, body: string, newStatus: string): SpIncident => {
    const incident = GITHUB.incidents[0]!;
    return {
      ...incident,
      id,
      name: titleOf(ask, scenario === 'maintenance'),
      status,
      created_at: iso(start),
      updated_at: iso(start),
      monitoring_at: null,
      resolved_at: null,
      impact,
      shortlink: `https://stspg.io/${id}`,
      started_at: iso(start),
      page_id: pageId,
      incident_updates: [
        {
          ...incident.incident_updates[0]!,
          id: `${id}u1`,
          status,
          body,
          incident_id: id,
          created_at: iso(start),
          updated_at: iso(start),
          display_at: iso(start),
          affected_components:
            affected && !notice
              ? [{ code: affected.id, name: affected.name, old_status: 'operational', new_status: newStatus }]
              : null,
        },
      ],
    };
  };
  const base: SpSummary = {
    page: {
      id: pageId,
      name: page.pageName ?? site.name,
      url: page.human,
      time_zone: site.timeZone,
      updated_at: updatedAt,
    },
    components,
    incidents: [],
    scheduled_maintenances: [],
    status: { indicator: 'none', description: 'All Systems Operational' },
  };
  if (scenario === 'incident' || scenario === 'incident-elsewhere') {
    const investigating = 'We are investigating this issue and will provide an update as soon as we have one.';
    return {
      ...base,
      incidents: [
        notice
          ? event('simnotice001', 'identified', 'none', 'Scheduled changes to an API version.', 'operational')
          : event('simincident1', 'investigating', 'major', investigating, 'partial_outage'),
      ],
      status: notice
        ? base.status
        : { indicator: scenario === 'incident' ? 'major' : 'minor', description: 'Partial System Outage' },
    };
  }
  if (scenario === 'maintenance') {
    const body = 'Scheduled maintenance is currently in progress. We will provide updates as necessary.';
    const maintenance = {
      ...event('simmaint0001', 'in_progress', 'maintenance', body, 'under_maintenance'),
      scheduled_for: iso(start),
      scheduled_until: iso(start + 2 * HOUR),
      components: components.filter((c) => c.id === affected?.id),
    };
    return {
      ...base,
      scheduled_maintenances: [maintenance],
      status: { indicator: 'maintenance', description: 'Service Under Maintenance' },
    };
  }
  return base;
}

// ---------------------------------------------------------------------------------------------------------
// Statuspage's status.json alone (Fivetran), from Fivetran's captured one: an indicator, no page id or name.

interface Rollup {
  status: { indicator: string; description: string };
  page: Record<string, string>;
}

const FIVETRAN = fixture<Rollup>('fivetran-status.json');
const DISCORD = fixture<Rollup>('statuspage-discord-status.json');

function rollup(ask: Ask, scenario: DocScenario): Rollup {
  const page = { ...FIVETRAN.page, updated_at: iso(ask.now) };
  switch (scenario) {
    case 'operational':
      return { ...FIVETRAN, page };
    // A notice that impacts nothing leaves the indicator at none: only the page's last change shows it.
    case 'incident-elsewhere':
      return { ...FIVETRAN, page: { ...page, updated_at: iso(ask.setting.startedAt) } };
    case 'incident':
      return { status: { indicator: 'critical', description: titleOf(ask) }, page };
    case 'maintenance':
      return { status: { indicator: 'maintenance', description: titleOf(ask, true) }, page };
    // Another page answers (Discord's, with its id and name): Fivetran's publishes none to compare.
    case 'page-changed':
      return { ...DISCORD, page: { ...DISCORD.page, updated_at: iso(ask.now) } };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Google Ads status dashboard, from the incidents.json sample (an open BigQuery incident).

interface GoogleIncident {
  id: string;
  begin: string;
  end: string;
  external_desc: string;
  severity: string;
  status_impact: string;
  uri: string;
  most_recent_update: { text: string };
  affected_products: { title: string; id: string }[];
}

const GOOGLE = fixture<GoogleIncident[]>('google-incidents.json');
/** Google writes times with an explicit offset and no fraction. */
const googleTime = (ms: number): string => iso(ms).replace(/\.\d{3}Z$/, '+00:00');
/** Invented ids of the watched products (the dashboard's are not published). */
const GOOGLE_PRODUCT_IDS: Readonly<Record<string, string>> = {
  'Google Ads API': 'simAdsApi',
  'Google Ads': 'simAds',
  'Google Analytics': 'simAnalytics',
};

function google(ask: Ask, scenario: DocScenario): GoogleIncident[] {
  const sample = GOOGLE[0]!;
  // The sample's incident, ended two hours after it began: history, not open.
  const ended: GoogleIncident = { ...sample, end: googleTime(Date.parse(sample.begin) + 2 * HOUR) };
  if (scenario === 'incident-elsewhere') return [sample];
  if (scenario !== 'incident' && scenario !== 'page-changed') return [ended];
  const product = ask.setting.product ?? namesWatched(ask.page)[0]!;
  const id = 'simAdsIncident1';
  const open: GoogleIncident = {
    ...sample,
    id,
    begin: googleTime(ask.setting.startedAt),
    end: '',
    external_desc: titleOf(ask),
    severity: 'medium',
    status_impact: 'SERVICE_DISRUPTION',
    uri: `incidents/${id}`,
    most_recent_update: { text: 'We are investigating reports of an issue. We will provide an update shortly.' },
    // Written with a leading space, as Google sends product titles; on a changed page, renamed.
    affected_products: [
      {
        title: ` ${scenario === 'page-changed' ? renamed(product) : product}`,
        id: GOOGLE_PRODUCT_IDS[product] ?? 'simProduct',
      },
    ],
  };
  return [open, ended];
}

// ---------------------------------------------------------------------------------------------------------
// Adobe StatusEvents, from the reconstructed sample (an open major incident on Commerce Intelligence).

interface AdobeHistoryEntry {
  status: string;
  severity?: string;
  titleToken: string;
  messageToken: string;
}

interface AdobeProduct {
  id: string;
  name: string;
  startedOn: number;
  endedOn: number | null;
  history: Record<string, AdobeHistoryEntry>;
}

interface AdobeEvent {
  id: string;
  startedOn: number;
  clouds: Record<string, { id: string; name: string; cloudProducts: string[] }>;
  services: Record<string, unknown>;
  products: Record<string, AdobeProduct>;
}

interface AdobeMessages {
  en: Record<string, { textMessage: string; htmlMessage: string }>;
}

interface AdobeStatusEvents {
  incidentEvent: { incidents: Record<string, AdobeEvent>; messages: AdobeMessages };
  maintenanceEvent: { maintenance: Record<string, AdobeEvent>; messages: AdobeMessages };
}

const ADOBE = fixture<AdobeStatusEvents>('adobe-status-events.json');
const ADOBE_CLOUD = 'Adobe Experience Cloud';
/** Product ids: 9001 is the sample's Commerce Intelligence; the others are invented. */
const ADOBE_PRODUCT_IDS: Readonly<Record<string, string>> = {
  'Adobe Commerce Intelligence': '9001',
  'Adobe Analytics': '1173',
  'Adobe Target': '1201',
};

function adobe(ask: Ask, scenario: DocScenario): AdobeStatusEvents {
  const sampleEvent = ADOBE.incidentEvent.incidents['71234']!;
  const sampleProduct = sampleEvent.products['9001']!;
  const cloud = sampleEvent.clouds['1']!;
  // The sample's incident, closed an hour after it began: history, not open.
  const closedAt = sampleProduct.startedOn + 3600;
  // A changed page: the cloud and the products renamed everywhere (the watched names are gone).
  const changed = scenario === 'page-changed';
  const name = (n: string): string => (changed ? renamed(n) : n);
  const closed: AdobeEvent = {
    ...sampleEvent,
    clouds: { '1': { ...cloud, name: name(cloud.name) } },
    products: {
      '9001': {
        ...sampleProduct,
        name: name(sampleProduct.name),
        endedOn: closedAt,
        history: {
          ...sampleProduct.history,
          [closedAt]: { status: 'closed', severity: 'major', titleToken: 't1', messageToken: 'm3' },
        },
      },
    },
  };
  const history: AdobeStatusEvents = {
    incidentEvent: { incidents: { '71234': closed }, messages: ADOBE.incidentEvent.messages },
    maintenanceEvent: ADOBE.maintenanceEvent,
  };
  if (scenario === 'operational') return history;

  const maintenance = scenario === 'maintenance';
  const watched = ask.setting.product ?? namesWatched(ask.page)[0]!;
  const product = scenario === 'incident-elsewhere' ? 'Adobe Target' : watched;
  const productId = ADOBE_PRODUCT_IDS[product] ?? '9999';
  const start = seconds(ask.setting.startedAt);
  const eventId = maintenance ? '81001' : '71301';
  const token = `t${eventId}`;
  const entries: Record<string, AdobeHistoryEntry> = maintenance
    ? { [start]: { status: 'started', titleToken: token, messageToken: `m${eventId}` } }
    : {
        [start]: { status: 'opened', severity: 'major', titleToken: token, messageToken: `m${eventId}a` },
        [start + 600]: { status: 'updated', severity: 'major', titleToken: token, messageToken: `m${eventId}b` },
      };
  const event: AdobeEvent = {
    ...sampleEvent,
    id: eventId,
    startedOn: start,
    clouds: {
      '1': {
        ...cloud,
        name: name(ADOBE_CLOUD),
        cloudProducts: [...new Set([...cloud.cloudProducts, ...Object.values(ADOBE_PRODUCT_IDS)])],
      },
    },
    products: {
      [productId]: {
        id: productId,
        name: name(product),
        startedOn: start,
        endedOn: null,
        history: entries,
      },
    },
  };
  const title = titleOf(ask, maintenance);
  const message = { [token]: { textMessage: title, htmlMessage: `<p>${escapeHtml(title)}</p>` } };
  if (maintenance)
    return {
      ...history,
      maintenanceEvent: {
        maintenance: { [eventId]: event },
        messages: { en: { ...ADOBE.maintenanceEvent.messages.en, ...message } },
      },
    };
  return {
    ...history,
    incidentEvent: {
      incidents: { [eventId]: event, '71234': closed },
      messages: { en: { ...ADOBE.incidentEvent.messages.en, ...message } },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Zendesk SSP incidents.json, from the captured rows (an open incident on Support and a resolved one).

interface ZendeskIncident {
  id: string;
  type: string;
  attributes: {
    name: string;
    impact: string;
    degradation: boolean;
    outage: boolean;
    status: string;
    startedAt: string;
    resolvedAt: string | null;
  };
  relationships: { incidentServices: { data: { id: string }[] } };
}

interface ZendeskService {
  id: string;
  type: string;
  attributes: {
    serviceId: number;
    serviceName: string;
    resolvedAt: string | null;
    outage: boolean;
    degradation: boolean;
  };
}

interface ZendeskIncidents {
  data: ZendeskIncident[];
  included: ZendeskService[];
}

const ZENDESK = fixture<ZendeskIncidents>('zendesk-incidents.json');
/** Service ids: 1 is the sample's Support; Guide's is invented. */
const ZENDESK_SERVICES = { Support: 1, Guide: 2 } as const;

/** Zendesk's `services.json`: its services; on a changed page they are renamed ("Zendesk Support"). */
function zendeskServices(scenario: DocScenario): { data: unknown[] } {
  return {
    data: Object.entries(ZENDESK_SERVICES).map(([name, id], position) => ({
      id: String(id),
      type: 'service',
      attributes: {
        deprecated: false,
        description: null,
        hasSubservices: false,
        name: scenario === 'page-changed' ? `Zendesk ${name}` : name,
        position,
        slug: name.toLowerCase(),
      },
    })),
  };
}

function zendesk(ask: Ask, scenario: DocScenario): ZendeskIncidents | { data: unknown[] } {
  if (ask.path.endsWith('/services.json')) return zendeskServices(scenario);
  const [openSample, resolvedSample] = ZENDESK.data;
  const [openService, resolvedService] = ZENDESK.included;
  // The sample's open incident, resolved an hour after it began: history, not open.
  const resolvedAt = iso(Date.parse(openSample!.attributes.startedAt) + HOUR);
  const history: ZendeskIncidents = {
    data: [
      { ...openSample!, attributes: { ...openSample!.attributes, status: 'resolved', resolvedAt } },
      resolvedSample!,
    ],
    included: [{ ...openService!, attributes: { ...openService!.attributes, resolvedAt } }, resolvedService!],
  };
  // Zendesk's incidents.json carries no maintenance: `maintenance` answers as `operational`.
  if (scenario === 'operational' || scenario === 'maintenance') return history;
  const id = '20001';
  const serviceLink = `s${id}-1`;
  const service = scenario === 'incident-elsewhere' ? 'Guide' : 'Support';
  const incident: ZendeskIncident = {
    ...openSample!,
    id,
    attributes: {
      name: titleOf(ask),
      impact: 'minor',
      degradation: true,
      outage: false,
      status: 'investigating',
      startedAt: iso(ask.setting.startedAt),
      resolvedAt: null,
    },
    relationships: { incidentServices: { data: [{ id: serviceLink }] } },
  };
  const incidentService: ZendeskService = {
    ...openService!,
    id: serviceLink,
    attributes: {
      serviceId: ZENDESK_SERVICES[service],
      // A changed page: the service renamed ("Zendesk Support"), the incident on it still open.
      serviceName: scenario === 'page-changed' ? `Zendesk ${service}` : service,
      resolvedAt: null,
      outage: false,
      degradation: true,
    },
  };
  const included =
    scenario === 'page-changed'
      ? history.included.map((s) => ({
          ...s,
          attributes: { ...s.attributes, serviceName: `Zendesk ${s.attributes.serviceName}` },
        }))
      : history.included;
  return { data: [incident, ...history.data], included: [incidentService, ...included] };
}

// ---------------------------------------------------------------------------------------------------------
// Salesforce Trust, one instance, from the sample (instance P1, status OK).

interface SalesforceInstance {
  key: string;
  status: string;
  Incidents: unknown[];
  Maintenances: unknown[];
  [field: string]: unknown;
}

const SALESFORCE = fixture<SalesforceInstance>('salesforce-instance-ok.json');

function salesforce(ask: Ask, scenario: DocScenario): SalesforceInstance {
  const key = ask.instance;
  const ok: SalesforceInstance = { ...SALESFORCE, key };
  const start = iso(ask.setting.startedAt);
  switch (scenario) {
    case 'operational':
      return ok;
    // Another instance answers (as after a migration): its key is not the one asked for.
    case 'page-changed':
      return { ...ok, key: key === 'NA1' ? 'NA2' : 'NA1' };
    case 'maintenance':
      return {
        ...ok,
        status: 'MAINTENANCE_CORE',
        Maintenances: [
          {
            id: 30456,
            name: titleOf(ask, true),
            plannedStartTime: start,
            plannedEndTime: iso(ask.setting.startedAt + 2 * HOUR),
            isCore: true,
            affectsAll: false,
            instanceKeys: [key],
            serviceKeys: ['coreService'],
          },
        ],
      };
    case 'incident':
    case 'incident-elsewhere': {
      const core = scenario === 'incident';
      return {
        ...ok,
        status: core ? 'MAJOR_INCIDENT_CORE' : 'MINOR_INCIDENT_NONCORE',
        Incidents: [
          {
            id: core ? 20345 : 20346,
            type: 'Disruption',
            status: 'Active',
            isCore: core,
            affectsAll: false,
            createdAt: start,
            updatedAt: start,
            instanceKeys: [key],
            serviceKeys: core ? ['coreService'] : ['analyticsCloud'],
            IncidentImpacts: [{ id: 1, startTime: start, endTime: null, severity: core ? 'major' : 'minor' }],
            // Trust's incidents have no title: the message of their first event says what happens.
            IncidentEvents: [{ id: 1, type: 'update', message: titleOf(ask), createdAt: start }],
          },
        ],
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// AWS Health currentevents, from the one-item sample (an open S3 event in us-east-1).

interface AwsEvent {
  service: string;
  status: string;
  region_name: string;
  summary: string;
  date?: string;
  service_name?: string;
}

const AWS = fixture<AwsEvent[]>('aws-currentevents.json');
const AWS_REGION_NAMES: Readonly<Record<string, string>> = {
  'us-east-1': 'N. Virginia',
  'us-east-2': 'Ohio',
  'us-west-1': 'N. California',
  'us-west-2': 'Oregon',
  'eu-west-1': 'Ireland',
  'eu-west-2': 'London',
  'eu-central-1': 'Frankfurt',
  'ap-southeast-1': 'Singapore',
  'ap-southeast-2': 'Sydney',
  'ap-northeast-1': 'Tokyo',
};

function aws(ask: Ask, scenario: DocScenario): AwsEvent[] {
  // The sample's open S3 event is on a service MBI does not read.
  if (scenario === 'incident-elsewhere') return AWS;
  // Nothing open: an empty list. The feed carries no maintenance: `maintenance` answers the same.
  if (scenario !== 'incident' && scenario !== 'page-changed') return [];
  const { region, startedAt } = ask.setting;
  const regionName = AWS_REGION_NAMES[region] ?? region;
  return [
    {
      ...AWS[0]!,
      // A changed page: RDS events under another service id, so `rds-<region>` is absent.
      service: scenario === 'page-changed' ? `relationaldatabase-${region}` : `rds-${region}`,
      service_name: `Amazon Relational Database Service (${regionName})`,
      status: '1',
      region_name: regionName,
      summary: titleOf(ask),
      date: String(seconds(startedAt)),
    },
  ];
}
