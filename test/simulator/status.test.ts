// The status pages the simulator build reads: every scenario of every host, as served and as the
// extension's own parsers read it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIM_TIMING } from '../../scripts/sim-timing';
import { PARSERS } from '../../src/background/status/formats/index';
import { decodeBody } from '../../src/background/status/formats/parser';
import { targetOf, type PageTarget, type StatusReading } from '../../src/core/status';
import { STATUS_PAGES, type StatusPage } from '../../src/core/status-pages';
import { startSimulator, type Simulator } from './server.js';
import { DEFAULT_TITLES, STATUS_HOSTS, STATUS_SCENARIOS, STATUS_SLOW_MS, type StatusScenario } from './status.js';
import { control } from './test-helpers.js';

const ACCOUNT = { salesforceInstance: 'NA45', awsRegion: 'us-east-1' };
const PAGES: StatusPage[] = Object.values(STATUS_PAGES);
const hostOf = (page: StatusPage): string => new URL(page.urls[0]!).host;
/** The page as the extension reads it for the account (Zendesk narrowed to the seed's subdomain). */
const targetFor = (page: StatusPage, account: Partial<typeof ACCOUNT> = ACCOUNT): PageTarget =>
  targetOf(page, account, page.scope ? 'vandelay' : undefined)!;

/** The simulator's copy of a vendor URL, as urlToRead in src/background/status/check.ts builds it. */
function simUrl(sim: Simulator, url: string): string {
  const u = new URL(url);
  return `${sim.url}/__status/${u.host}${u.pathname}${u.search}`;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
});

interface Read {
  res: Response;
  bytes: Uint8Array;
  text: string;
}

/** One document of a page: its last URL (Zendesk's incidents, after its services), or the one at `index`. */
async function read(
  page: StatusPage,
  target = targetFor(page),
  signal?: AbortSignal,
  index = target.urls.length - 1,
): Promise<Read> {
  const res = await fetch(simUrl(sim, target.urls[index]!), {
    headers: { Accept: 'application/json' },
    ...(signal ? { signal } : {}),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: decodeBody(bytes) };
}

/** What the extension's parser reads from every document of the page, as the extension reads them. */
async function readingOf(page: StatusPage, target = targetFor(page)): Promise<StatusReading> {
  const bodies: unknown[] = [];
  for (const index of target.urls.keys()) {
    const { res, text } = await read(page, target, undefined, index);
    expect(res.status).toBe(200);
    bodies.push(JSON.parse(text));
  }
  const reading = PARSERS[page.format](bodies, target, Date.now());
  if (reading === 'unreadable') throw new Error(`${page.key}: the parser found the document unreadable`);
  return reading;
}

/** Fivetran's rollup says maintenance by its indicator (which Atlassian's list does not have; peers map it). */
const HAS_MAINTENANCE = new Set<StatusPage['format']>(['statuspage', 'rollup', 'adobe', 'salesforce']);

/** The title the parser reads for the default incident of a page. */
function incidentTitle(page: StatusPage): string {
  const title = DEFAULT_TITLES[hostOf(page)]!;
  // Trust's incidents have no title: the parser takes the latest event's message, which the simulator fills.
  if (page.format === 'aws') return `${title} (N. Virginia)`;
  return title;
}

describe('status routes', () => {
  it('has a route, a default incident title and an operational start for every page of STATUS_PAGES', () => {
    expect([...STATUS_HOSTS].sort()).toEqual(
      [
        'data.status.adobe.com',
        'ads.google.com',
        'status.zendesk.com',
        'www.mixpanelstatus.com',
        'status.developer.intuit.com',
        'api.status.salesforce.com',
        'health.aws.amazon.com',
        'status.fivetran.com',
        'status.airbyte.com',
      ].sort(),
    );
    for (const host of STATUS_HOSTS) expect(DEFAULT_TITLES[host]).toBeTruthy();
    expect(sim.status()).toEqual({
      scenarios: Object.fromEntries(STATUS_HOSTS.map((h) => [h, 'operational'])),
      requests: {},
    });
  });

  it.each(PAGES.map((page) => ({ key: page.key, page })))(
    '$key: operational reads operational, with the watched components listed where the format has them',
    async ({ page }) => {
      const reading = await readingOf(page);
      expect(reading).toEqual({ level: 'operational', events: [] });
      if (page.format === 'statuspage') {
        const { text } = await read(page);
        const names = (JSON.parse(text) as { components: { name: string; group_id: unknown }[] }).components;
        for (const w of page.watch)
          if ('name' in w) expect(names).toContainEqual(expect.objectContaining({ name: w.name, group_id: null }));
      }
    },
  );

  it.each(PAGES.map((page) => ({ key: page.key, page })))(
    '$key: incident reads an outage or a degradation with its title, since 20 minutes ago',
    async ({ page }) => {
      const before = Date.now();
      sim.setStatus(hostOf(page), 'incident');
      const reading = await readingOf(page);
      expect(['outage', 'degraded']).toContain(reading.level);
      const event = reading.events[0]!;
      expect(event.kind).toBe('incident');
      expect(event.title).toBe(incidentTitle(page));
      // A rollup says nothing of when it began.
      if (page.format === 'rollup') return expect(event.since).toBeUndefined();
      expect(event.since).toBeGreaterThanOrEqual(before - 20 * 60_000 - 1000);
      expect(event.since).toBeLessThanOrEqual(Date.now() - 20 * 60_000);
    },
  );

  it.each(PAGES.map((page) => ({ key: page.key, page })))(
    '$key: incident takes the title and start it is given',
    async ({ page }) => {
      const startedAt = Date.UTC(2026, 10, 30, 8, 15, 0);
      const title = 'Hostile <b>"title"</b> & more';
      sim.setStatus(hostOf(page), 'incident', { title, startedAt });
      const event = (await readingOf(page)).events[0]!;
      expect(event.since).toBe(page.format === 'rollup' ? undefined : startedAt);
      // Salesforce's parser writes its own title: the one given is in the incident's event message.
      if (page.format === 'salesforce') expect((await read(page)).text).toContain(JSON.stringify(title));
      else expect(event.title).toContain(title);
    },
  );

  it.each(PAGES.map((page) => ({ key: page.key, page })))(
    '$key: incident-elsewhere reads operational',
    async ({ page }) => {
      sim.setStatus(hostOf(page), 'incident-elsewhere');
      expect((await readingOf(page)).level).toBe('operational');
      // Something is open on the page all the same (Intuit's and Airbyte's: an informational notice; Fivetran's
      // rollup shows only that the page changed).
      const { text } = await read(page);
      sim.setStatus(hostOf(page), 'operational');
      expect((await read(page)).text).not.toBe(text);
    },
  );

  it.each(PAGES.map((page) => ({ key: page.key, page })))(
    '$key: maintenance reads maintenance where the format has one, else operational',
    async ({ page }) => {
      sim.setStatus(hostOf(page), 'maintenance');
      const reading = await readingOf(page);
      if (!HAS_MAINTENANCE.has(page.format)) return expect(reading.level).toBe('operational');
      expect(reading.level).toBe('maintenance');
      // Statuspage also marks the component under maintenance: the parser lists it before the maintenance.
      const maintenance = reading.events.find((e) => e.kind === 'maintenance');
      expect(maintenance?.level).toBe('maintenance');
      if (page.format !== 'salesforce') expect(maintenance?.title).toBe('Scheduled maintenance');
    },
  );

  it.each(PAGES.map((page) => ({ key: page.key, page })))('$key: page-changed', async ({ page }) => {
    sim.setStatus(hostOf(page), 'page-changed');
    const reading = await readingOf(page);
    const { text } = await read(page);
    switch (page.key) {
      case 'mixpanel':
        // Another page (GitHub's) without Mixpanel's Data Export; the table gives no page id to compare.
        expect(reading).toEqual({ level: 'unknown', events: [], reason: 'component-missing' });
        break;
      case 'salesforce':
        expect(reading).toEqual({ level: 'unknown', events: [], reason: 'page-changed' });
        break;
      case 'zendesk':
        // Its services list no longer has "Support": the allow-list no longer fits the page.
        expect(reading).toEqual({ level: 'unknown', events: [], reason: 'component-missing' });
        break;
      case 'quickbooks':
      case 'airbyte':
        // Intuit's and Airbyte's entries have no pageId/pageName and watch the whole page: the parser cannot tell.
        expect(JSON.parse(text)).toMatchObject({ page: { name: 'GitHub' } });
        expect(reading.level).toBe('operational');
        break;
      case 'fivetran':
        // Discord's page answers; Fivetran's publishes no id or name to compare, so the parser cannot tell.
        expect(JSON.parse(text)).toMatchObject({ page: { id: 'srhpyqt94yxb', name: 'Discord' } });
        expect(reading.level).toBe('operational');
        break;
      default:
        // Formats without a page identity or a product list: the watched product is gone (renamed, with an
        // open incident on it) and the parser reads what is left, operational.
        for (const w of page.watch) expect(text).not.toContain(JSON.stringify('id' in w ? 'rds-us-east-1' : w.name));
        expect(reading.level).toBe('operational');
    }
  });

  it.each(PAGES.map((page) => ({ key: page.key, page })))(
    '$key: malformed answers 200 with a body that is not JSON',
    async ({ page }) => {
      sim.setStatus(hostOf(page), 'malformed');
      const { res, text } = await read(page);
      expect(res.status).toBe(200);
      expect(text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    },
  );

  it.each(PAGES.map((page) => ({ key: page.key, page })))('$key: error-500 answers 500', async ({ page }) => {
    sim.setStatus(hostOf(page), 'error-500');
    const { res } = await read(page);
    expect(res.status).toBe(500);
  });

  it('slow answers no host before the simulator build gives up on a request', async () => {
    expect(STATUS_SLOW_MS).toBeGreaterThan(SIM_TIMING.requestTimeoutMs);
    for (const host of STATUS_HOSTS) sim.setStatus(host, 'slow');
    const results = await Promise.allSettled(PAGES.map((page) => read(page, undefined, AbortSignal.timeout(400))));
    for (const result of results) expect(result.status).toBe('rejected');
    expect(sim.statusRequests()).toEqual(Object.fromEntries(STATUS_HOSTS.map((h) => [h, 1])));
  });

  it('closes promptly while a slow status request waits', async () => {
    const own = await startSimulator({ port: 0 });
    own.setStatus('status.zendesk.com', 'slow');
    const pending = fetch(`${own.url}/__status/status.zendesk.com/api/ssp/incidents.json`).then(
      () => 'answered',
      () => 'failed',
    );
    await expect.poll(() => own.statusRequests()['status.zendesk.com']).toBe(1);
    const start = Date.now();
    await own.close();
    expect(Date.now() - start).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('serves AWS as UTF-16BE with a byte-order mark and charset=utf-16, as AWS does', async () => {
    const page = STATUS_PAGES.aws;
    sim.setStatus('health.aws.amazon.com', 'incident');
    const { res, bytes, text } = await read(page);
    expect(res.headers.get('content-type')).toBe('application/json;charset=utf-16');
    expect([bytes[0], bytes[1]]).toEqual([0xfe, 0xff]);
    expect(() => JSON.parse(new TextDecoder().decode(bytes)) as unknown).toThrow();
    expect(JSON.parse(text)).toEqual([
      expect.objectContaining({ service: 'rds-us-east-1', status: '1', region_name: 'N. Virginia' }),
    ]);
  });

  it('puts the AWS event in the region it is given', async () => {
    sim.setStatus('health.aws.amazon.com', 'incident', { region: 'eu-west-1' });
    const page = STATUS_PAGES.aws;
    expect((await readingOf(page)).level).toBe('operational');
    const ireland = await readingOf(page, targetFor(page, { awsRegion: 'eu-west-1' }));
    expect(ireland.level).toBe('degraded');
    expect(ireland.events[0]?.title).toBe(`${DEFAULT_TITLES['health.aws.amazon.com']} (Ireland)`);
  });

  it('answers every Salesforce instance by its key, and the scenario only on the instance given', async () => {
    const page = STATUS_PAGES.salesforce;
    sim.setStatus('api.status.salesforce.com', 'incident', { instance: 'na45' });
    expect((await readingOf(page)).level).toBe('outage');
    const other = targetFor(page, { salesforceInstance: 'CS10' });
    expect(await readingOf(page, other)).toEqual({ level: 'operational', events: [] });
    expect(JSON.parse((await read(page, other)).text)).toMatchObject({ key: 'CS10', status: 'OK' });
    const [incident] = (JSON.parse((await read(page)).text) as { Incidents: unknown[] }).Incidents;
    expect(incident).toMatchObject({
      type: 'Disruption',
      status: 'Active',
      isCore: true,
      serviceKeys: ['coreService'],
      IncidentImpacts: [{ severity: 'major' }],
    });
  });

  it('puts the Adobe incident on the product it is given', async () => {
    const page = STATUS_PAGES.adobe;
    sim.setStatus('data.status.adobe.com', 'incident', { product: 'Adobe Analytics', title: 'Report delays' });
    const reading = await readingOf(page);
    expect(reading.level).toBe('outage');
    expect(reading.events).toEqual([
      expect.objectContaining({ product: 'Adobe Analytics', title: 'Report delays', kind: 'incident' }),
    ]);
    sim.setStatus('data.status.adobe.com', 'incident');
    expect((await readingOf(page)).events[0]?.product).toBe('Adobe Commerce Intelligence');
  });

  it('serves Fivetran’s status.json as Fivetran does: an indicator and its description, no page id or name', async () => {
    const page = STATUS_PAGES.fivetran;
    const documents: { status: unknown; page: Record<string, unknown> }[] = [];
    for (const scenario of ['operational', 'incident', 'maintenance'] as const) {
      sim.setStatus('status.fivetran.com', scenario);
      documents.push(JSON.parse((await read(page)).text) as (typeof documents)[number]);
    }
    expect(documents.map((d) => d.status)).toEqual([
      { indicator: 'none', description: 'All Systems Operational' },
      { indicator: 'critical', description: 'Major System Outage' },
      { indicator: 'maintenance', description: 'Scheduled maintenance' },
    ]);
    // Its only page field is when the page last changed.
    for (const d of documents) {
      expect(Object.keys(d.page)).toEqual(['updated_at']);
      expect(Date.parse(String(d.page.updated_at))).toBeGreaterThan(0);
    }
    sim.setStatus('status.fivetran.com', 'incident');
    expect(await readingOf(page)).toEqual({
      level: 'outage',
      events: [
        {
          kind: 'incident',
          id: 'critical',
          title: 'Major System Outage',
          level: 'outage',
          url: 'https://status.fivetran.com',
        },
      ],
    });
  });

  it('reads Airbyte’s page whole: an incident on any of its components is Airbyte’s', async () => {
    const page = STATUS_PAGES.airbyte;
    sim.setStatus('status.airbyte.com', 'incident');
    const { text } = await read(page);
    expect(JSON.parse(text)).toMatchObject({ page: { name: 'Airbyte', url: 'https://status.airbyte.com' } });
    expect((await readingOf(page)).events[0]).toMatchObject({
      kind: 'incident',
      title: 'Delayed syncs on Airbyte Cloud',
      url: 'https://status.airbyte.com/incidents/simincident1',
    });
  });

  it('answers 404 for a route not in the table, and does not count it', async () => {
    for (const path of [
      '/__status/status.example.com/api/v2/summary.json',
      '/__status/status.zendesk.com/api/v2/summary.json',
      '/__status/api.status.salesforce.com/v1/instances/not-one/status',
      '/__status/api.status.salesforce.com/v1/instances//status',
      '/__status/www.mixpanelstatus.com',
      // Fivetran's page serves status.json alone.
      '/__status/status.fivetran.com/api/v2/summary.json',
      '/__status/status.fivetran.com/api/v2/components.json',
      '/__status/status.fivetran.com/api/v2/incidents.json',
      '/__status/',
    ]) {
      const res = await fetch(`${sim.url}${path}`);
      expect(res.status, path).toBe(404);
    }
    const post = await fetch(`${sim.url}/__status/status.zendesk.com/api/ssp/incidents.json`, { method: 'POST' });
    expect(post.status).toBe(404);
    expect(sim.statusRequests()).toEqual({});
  });
});

describe('status control', () => {
  it('sets a scenario over HTTP, counts requests per host, and resets both', async () => {
    const res = await control(sim, 'status', { host: 'status.zendesk.com', scenario: 'incident', title: 'X' });
    expect(res.status).toBe(200);
    await read(STATUS_PAGES.zendesk);
    await read(STATUS_PAGES.zendesk);
    await read(STATUS_PAGES.adobe);
    const state = (await (await fetch(`${sim.url}/__sim/status`)).json()) as ReturnType<Simulator['status']>;
    expect(state.scenarios['status.zendesk.com']).toBe('incident');
    expect(state.scenarios['data.status.adobe.com']).toBe('operational');
    expect(state.requests).toEqual({ 'status.zendesk.com': 2, 'data.status.adobe.com': 1 });
    expect(sim.statusRequests()).toEqual(state.requests);
    expect((await readingOf(STATUS_PAGES.zendesk)).events[0]?.title).toBe('X');

    expect((await control(sim, 'status/reset')).status).toBe(200);
    expect(sim.status()).toEqual({
      scenarios: Object.fromEntries(STATUS_HOSTS.map((h) => [h, 'operational'])),
      requests: {},
    });
  });

  it('is reset with the rest of the simulator', async () => {
    sim.setStatus('ads.google.com', 'error-500');
    await read(STATUS_PAGES.google);
    expect((await control(sim, 'reset')).status).toBe(200);
    expect(sim.status().scenarios['ads.google.com']).toBe('operational');
    expect(sim.statusRequests()).toEqual({});
    sim.setStatus('ads.google.com', 'error-500');
    sim.resetStatus();
    expect(sim.status().scenarios['ads.google.com']).toBe('operational');
  });

  it.each<{ body: Record<string, unknown>; message: RegExp }>([
    { body: { host: 'status.example.com', scenario: 'incident' }, message: /unknown status host/ },
    { body: { scenario: 'incident' }, message: /unknown status host/ },
    { body: { host: 'status.zendesk.com', scenario: 'down' }, message: /unknown status scenario "down"/ },
    { body: { host: 'status.zendesk.com' }, message: /unknown status scenario/ },
    { body: { host: 'status.zendesk.com', scenario: 'incident', title: 5 }, message: /title must be a string/ },
    { body: { host: 'status.zendesk.com', scenario: 'incident', title: '' }, message: /title/ },
    { body: { host: 'status.zendesk.com', scenario: 'incident', startedAt: 'now' }, message: /startedAt/ },
    { body: { host: 'health.aws.amazon.com', scenario: 'incident', region: 'Virginia' }, message: /region/ },
    { body: { host: 'api.status.salesforce.com', scenario: 'incident', instance: 'na 45' }, message: /instance/ },
    { body: { host: 'status.zendesk.com', scenario: 'incident', product: 'Guide' }, message: /product must be one of/ },
    {
      body: { host: 'status.developer.intuit.com', scenario: 'incident', product: 'Payments API' },
      message: /names no products/,
    },
    { body: { host: 'ads.google.com', scenario: 'incident', product: 'BigQuery' }, message: /product must be one of/ },
  ])('refuses $body with 400 and a message', async ({ body, message }) => {
    const res = await control(sim, 'status', body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(Object.values(sim.status().scenarios)).toEqual(STATUS_HOSTS.map(() => 'operational'));
  });

  it('throws the same errors from the Simulator method', () => {
    expect(() => sim.setStatus('status.example.com', 'incident')).toThrow(/unknown status host/);
    expect(() => sim.setStatus('status.zendesk.com', 'down' as StatusScenario)).toThrow(/unknown status scenario/);
  });

  it('lists every status host with a scenario selector on the control page', async () => {
    sim.setStatus('www.mixpanelstatus.com', 'maintenance');
    const html = await (await fetch(`${sim.url}/__sim/`)).text();
    for (const host of STATUS_HOSTS) expect(html).toContain(`data-status-host="${host}"`);
    expect(html).toContain('<option selected>maintenance</option>');
    expect(STATUS_SCENARIOS.every((s) => html.includes(`<option>${s}</option>`))).toBe(true);
  });
});
