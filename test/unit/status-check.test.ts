// Reading the status pages a check needs: only for broken or due-soon integrations, at most once per host in
// five minutes, only with host access, and a page that fails counts against itself only.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkStatuses, missingHosts, type StatusCheck } from '../../src/background/status/check';
import { PARSERS } from '../../src/background/status/formats';
import { parseSettings, type Settings } from '../../src/core/settings';
import { STATUS_RECORDS } from '../../src/core/stored-items';
import {
  FAILURES_UNKNOWN,
  parseStatusRecords,
  readingsOf,
  STATUS_INTERVAL_MS,
  type StatusRecords,
} from '../../src/core/status';
import type { Integration } from '../../src/core/types';
import { deriveView, type WatchView } from '../../src/core/view';
import { read } from '../../src/shared/stored';
import { callsTo, connectionsRecord, fixtureText, grantHostAccess, json, serve, urlOf, type Answer } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12);
const HOUR = 3_600_000;
const MINUTE = 60_000;

const ZENDESK_SERVICES = 'https://status.zendesk.com/api/ssp/services.json';
const ZENDESK = 'https://status.zendesk.com/api/ssp/incidents.json';
const ADOBE = 'https://data.status.adobe.com/adobestatus/StatusEvents';
const GOOGLE = 'https://ads.google.com/status/publisher/incidents.json';
const AWS = 'https://health.aws.amazon.com/public/currentevents';
const ALL_HOSTS = [ZENDESK, ADOBE, GOOGLE, AWS].map((u) => `https://${new URL(u).host}/*`);

const settings: Settings = parseSettings({
  accounts: [{ id: 's', label: 'Main', clientId: '194', awsRegion: 'us-east-1' }],
});

function broken(id: string, type = 'zendesk', provider = 'Zendesk', extra: Partial<Integration> = {}): Integration {
  return {
    id,
    name: `${provider} ${id}`,
    type,
    provider,
    kind: 'oauth',
    state: 'needs-reauth',
    rawStatus: '2',
    since: NOW - HOUR,
    ...extra,
  };
}

function viewOf(integrations: Integration[]): WatchView {
  return deriveView(settings, [connectionsRecord(integrations, NOW)], NOW);
}

/** The pages as their vendors serve them today: the samples in fixtures/status. */
const PAGES: Record<string, Answer> = {
  // No sample of Zendesk's services list is published: its JSON:API shape, as the simulator serves it.
  [ZENDESK_SERVICES]: json(
    JSON.stringify({ data: [{ id: '1', type: 'service', attributes: { name: 'Support', slug: 'support' } }] }),
  ),
  [ZENDESK]: json(fixtureText('status/zendesk-incidents.json')),
  [ADOBE]: json(fixtureText('status/adobe-status-events.json')),
  [GOOGLE]: json(fixtureText('status/google-incidents.json')),
};

const levels = (check: StatusCheck) => Object.fromEntries([...check.readings].map(([t, r]) => [t, r.level]));

const fetched = (spy: ReturnType<typeof serve>) => spy.mock.calls.length;

beforeEach(() => {
  grantHostAccess(...ALL_HOSTS);
});

describe('checkStatuses', () => {
  it('reads no page at all while every integration is healthy', async () => {
    const spy = serve(PAGES);
    const check = await checkStatuses(viewOf([broken('1', 'zendesk', 'Zendesk', { state: 'ok' })]), settings, {}, NOW);
    expect(fetched(spy)).toBe(0);
    expect(check).toEqual({ records: {}, changed: false, readings: new Map() });
  });

  it('reads each needed page’s URLs once, however many integrations it explains, and stores what it read', async () => {
    const spy = serve(PAGES);
    const view = viewOf([broken('1'), broken('2'), broken('3', 'google_adwords', 'Google Ads')]);
    const check = await checkStatuses(view, settings, {}, NOW);
    expect([ZENDESK_SERVICES, ZENDESK, ADOBE, GOOGLE].map((url) => callsTo(spy, url))).toEqual([1, 1, 1, 1]);
    expect(fetched(spy)).toBe(4);
    expect(levels(check)).toEqual({ zendesk: 'degraded', adobe: 'outage', google: 'operational' });
    expect(check.changed).toBe(true);
    expect(await read(STATUS_RECORDS)).toEqual(check.records);
  });

  it('reads each host at most once in five minutes, whatever asks, and again after', async () => {
    const spy = serve(PAGES);
    const view = viewOf([broken('1')]);
    const first = await checkStatuses(view, settings, {}, NOW);
    // Zendesk's services and incidents, and Adobe's events.
    expect(fetched(spy)).toBe(3);
    const soon = await checkStatuses(view, settings, first.records, NOW + STATUS_INTERVAL_MS - MINUTE);
    expect(fetched(spy)).toBe(3);
    expect(soon).toEqual({ ...first, changed: false });
    await checkStatuses(view, settings, first.records, NOW + STATUS_INTERVAL_MS);
    expect(fetched(spy)).toBe(6);
    expect(STATUS_INTERVAL_MS).toBe(5 * MINUTE);
  });

  it('reads again at once when the clock was set back', async () => {
    const spy = serve(PAGES);
    const view = viewOf([broken('1')]);
    const first = await checkStatuses(view, settings, {}, NOW);
    await checkStatuses(view, settings, first.records, NOW - HOUR);
    expect(fetched(spy)).toBe(6);
  });

  it('reads the same host once for each page target on it (a Zendesk subdomain is its own)', async () => {
    const spy = serve({
      ...PAGES,
      [`${ZENDESK_SERVICES}?subdomain=vandelay`]: PAGES[ZENDESK_SERVICES]!,
      [`${ZENDESK}?subdomain=vandelay`]: PAGES[ZENDESK]!,
    });
    const view = viewOf([broken('1', 'zendesk', 'Zendesk', { subdomain: 'vandelay' }), broken('2')]);
    const check = await checkStatuses(view, settings, {}, NOW);
    expect(callsTo(spy, `${ZENDESK_SERVICES}?subdomain=vandelay`)).toBe(1);
    expect(callsTo(spy, `${ZENDESK}?subdomain=vandelay`)).toBe(1);
    expect(callsTo(spy, ZENDESK)).toBe(1);
    expect(levels(check)).toMatchObject({ zendesk: 'degraded', 'zendesk:vandelay': 'degraded' });
  });

  it('reads no page it has no host access to, and says which hosts are missing', async () => {
    grantHostAccess(`https://${new URL(ADOBE).host}/*`);
    const spy = serve(PAGES);
    const view = viewOf([broken('1'), broken('2', 'google_adwords', 'Google Ads')]);
    const check = await checkStatuses(view, settings, {}, NOW);
    expect(callsTo(spy, ZENDESK_SERVICES) + callsTo(spy, ZENDESK) + callsTo(spy, GOOGLE)).toBe(0);
    expect(callsTo(spy, ADOBE)).toBe(1);
    expect(check.readings.get('zendesk')).toEqual({ level: 'unknown', events: [], reason: 'no-access' });
    expect(check.readings.get('google')).toEqual({ level: 'unknown', events: [], reason: 'no-access' });
    expect(await missingHosts(view, settings)).toEqual(['ads.google.com', 'status.zendesk.com']);
  });

  it('lists no missing host with access to all, nor while nothing is needed', async () => {
    expect(await missingHosts(viewOf([broken('1')]), settings)).toEqual([]);
    grantHostAccess();
    expect(await missingHosts(viewOf([broken('1', 'zendesk', 'Zendesk', { state: 'ok' })]), settings)).toEqual([]);
  });

  const failures: { what: string; answer: Answer; url?: string }[] = [
    { what: 'HTTP 500', answer: () => new Response('oops', { status: 500 }) },
    { what: 'HTTP 404', answer: () => new Response('{}', { status: 404 }) },
    { what: 'a redirect', answer: () => new Response(null, { status: 302, headers: { location: 'https://x.test/' } }) },
    { what: 'a malformed body', answer: json('{"data": [') },
    { what: 'an HTML page', answer: () => new Response('<html>Maintenance</html>', { status: 200 }) },
    { what: 'JSON of another shape', answer: json('{"incidents": []}') },
    { what: 'a network failure', answer: () => Promise.reject(new TypeError('fetch failed')) },
    { what: 'HTTP 500 for the services list', answer: () => new Response('', { status: 500 }), url: ZENDESK_SERVICES },
  ];

  it.each(failures)('counts $what as a failed read and keeps the last reading', async ({ answer, url = ZENDESK }) => {
    const view = viewOf([broken('1')]);
    serve(PAGES);
    const first = await checkStatuses(view, settings, {}, NOW);
    vi.restoreAllMocks();
    grantHostAccess(...ALL_HOSTS);
    serve({ ...PAGES, [url]: answer });
    const failed = await checkStatuses(view, settings, first.records, NOW + STATUS_INTERVAL_MS);
    expect(failed.records.zendesk).toEqual({
      ...first.records.zendesk,
      checkedAt: NOW + STATUS_INTERVAL_MS,
      failures: 1,
    });
    expect(failed.readings.get('zendesk')).toEqual(first.readings.get('zendesk'));
    // Adobe's page, on another host, was read as usual.
    expect(failed.records.adobe?.failures).toBe(0);
    expect(await read(STATUS_RECORDS)).toEqual(failed.records);
  });

  it(`reads a page as unknown after ${FAILURES_UNKNOWN} failed reads in a row, and as itself once read again`, async () => {
    const view = viewOf([broken('1')]);
    let zendesk: Answer = PAGES[ZENDESK]!;
    serve({ ...PAGES, [ZENDESK]: () => zendesk() });
    let records: StatusRecords = (await checkStatuses(view, settings, {}, NOW)).records;
    zendesk = () => new Response('', { status: 503 });
    const seen: string[] = [];
    for (let n = 1; n <= FAILURES_UNKNOWN; n++) {
      const check = await checkStatuses(view, settings, records, NOW + n * STATUS_INTERVAL_MS);
      records = check.records;
      seen.push(check.readings.get('zendesk')?.level ?? 'none');
    }
    expect(seen).toEqual(['degraded', 'degraded', 'unknown']);
    expect(records.zendesk?.failures).toBe(FAILURES_UNKNOWN);
    zendesk = PAGES[ZENDESK]!;
    const back = await checkStatuses(view, settings, records, NOW + (FAILURES_UNKNOWN + 1) * STATUS_INTERVAL_MS);
    expect(back.readings.get('zendesk')?.level).toBe('degraded');
    expect(back.records.zendesk?.failures).toBe(0);
  });

  it('keeps the last reading through one failed read when checks are an hour apart', async () => {
    const view = viewOf([broken('1')]);
    serve(PAGES);
    const first = await checkStatuses(view, settings, {}, NOW - HOUR);
    vi.restoreAllMocks();
    grantHostAccess(...ALL_HOSTS);
    serve({ ...PAGES, [ZENDESK]: () => new Response('', { status: 503 }) });
    const failed = await checkStatuses(view, settings, first.records, NOW);
    expect(failed.records.zendesk?.failures).toBe(1);
    expect(failed.readings.get('zendesk')).toEqual(first.readings.get('zendesk'));
    expect(failed.readings.get('zendesk')?.level).toBe('degraded');
  });

  it('does not keep a reading from days ago through a failed read: it says nothing about now', async () => {
    const view = viewOf([broken('1')]);
    serve(PAGES);
    const old = await checkStatuses(view, settings, {}, NOW - 3 * 24 * HOUR);
    vi.restoreAllMocks();
    grantHostAccess(...ALL_HOSTS);
    serve({ ...PAGES, [ZENDESK]: () => new Response('', { status: 503 }) });
    const failed = await checkStatuses(view, settings, old.records, NOW);
    expect(failed.records.zendesk).toEqual({ target: 'zendesk', checkedAt: NOW, failures: 1 });
    expect(failed.readings.get('zendesk')).toEqual({ level: 'unknown', events: [], reason: 'unreadable' });
  });

  it('counts a reading older than two hours as unknown, even before the page is read again', () => {
    const records = parseStatusRecords({
      zendesk: { checkedAt: NOW - 2 * HOUR - MINUTE, failures: 0, reading: { level: 'degraded', events: [] } },
      adobe: { checkedAt: NOW - HOUR, failures: 0, reading: { level: 'operational', events: [] } },
    });
    const readings = readingsOf(records, NOW);
    expect(readings.get('zendesk')?.level).toBe('unknown');
    expect(readings.get('adobe')?.level).toBe('operational');
  });

  it('reads at most three Zendesk accounts’ pages in one read of the host, the stalest first', async () => {
    const tenants = ['a', 'b', 'c', 'd', 'e'];
    const answers: Record<string, Answer> = { ...PAGES };
    for (const t of tenants) {
      answers[`${ZENDESK_SERVICES}?subdomain=${t}`] = PAGES[ZENDESK_SERVICES]!;
      answers[`${ZENDESK}?subdomain=${t}`] = PAGES[ZENDESK]!;
    }
    const spy = serve(answers);
    const view = viewOf(tenants.map((t, i) => broken(String(i), 'zendesk', 'Zendesk', { subdomain: t })));
    const first = await checkStatuses(view, settings, {}, NOW);
    const read = (check: StatusCheck) =>
      Object.keys(check.records)
        .filter((k) => k.startsWith('zendesk:'))
        .sort();
    expect(read(first)).toHaveLength(3);
    expect(
      callsTo(spy, ZENDESK_SERVICES) + tenants.reduce((n, t) => n + callsTo(spy, `${ZENDESK}?subdomain=${t}`), 0),
    ).toBe(3);
    // The next read of the host takes the two never read, then the stalest.
    const second = await checkStatuses(view, settings, first.records, NOW + STATUS_INTERVAL_MS);
    expect(read(second)).toEqual(tenants.map((t) => `zendesk:${t}`));
  });

  it('drops records of pages not needed for a day, and any dated ahead of the clock', async () => {
    serve(PAGES);
    const records = parseStatusRecords({
      'zendesk:gone': { checkedAt: NOW - 25 * HOUR, failures: 0, reading: { level: 'operational', events: [] } },
      'zendesk:future': { checkedAt: NOW + 24 * HOUR, failures: 0, reading: { level: 'operational', events: [] } },
      google: { checkedAt: NOW - 2 * HOUR, failures: 0, reading: { level: 'operational', events: [] } },
    });
    const check = await checkStatuses(viewOf([broken('1')]), settings, records, NOW);
    expect(Object.keys(check.records).sort()).toEqual(['adobe', 'google', 'zendesk']);
    expect(check.changed).toBe(true);
  });

  it('counts a parser that throws as a failed read of its page only', async () => {
    serve(PAGES);
    vi.spyOn(PARSERS, 'google').mockImplementation(() => {
      throw new TypeError('Cannot convert object to primitive value');
    });
    const check = await checkStatuses(viewOf([broken('1', 'google_adwords', 'Google Ads')]), settings, {}, NOW);
    expect(check.records.google).toEqual({ target: 'google', checkedAt: NOW, failures: 1 });
    expect(check.records.adobe?.failures).toBe(0);
  });

  it('gives up on a page that never answers, and still reads the others', async () => {
    // The request's time limit, shortened so that the test does not wait 15 s for it.
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => timeout(50));
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = urlOf(input);
      if (url !== ZENDESK) return Promise.resolve(PAGES[url]!());
      // Zendesk's page never answers: the request ends only when its signal aborts.
      return new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)),
      );
    });
    const check = await checkStatuses(viewOf([broken('1')]), settings, {}, NOW);
    expect(check.records.zendesk).toEqual({ target: 'zendesk', checkedAt: NOW, failures: 1 });
    expect(check.readings.get('zendesk')).toEqual({ level: 'unknown', events: [], reason: 'unreadable' });
    expect(check.readings.get('adobe')?.level).toBe('outage');
  });

  it('reads AWS’s page from its UTF-16BE bytes with a byte-order mark', async () => {
    const items = JSON.stringify([
      { service: 'rds-us-east-1', status: '1', region_name: 'N. Virginia', summary: 'Increased API error rates' },
      ...(JSON.parse(fixtureText('status/aws-currentevents.json')) as unknown[]),
    ]);
    const bytes = new Uint8Array(2 + items.length * 2);
    bytes.set([0xfe, 0xff]);
    for (let i = 0; i < items.length; i++) {
      bytes[2 + 2 * i] = items.charCodeAt(i) >> 8;
      bytes[3 + 2 * i] = items.charCodeAt(i) & 0xff;
    }
    serve({
      ...PAGES,
      [AWS]: () => new Response(bytes, { headers: { 'content-type': 'application/json;charset=utf-16' } }),
    });
    const check = await checkStatuses(viewOf([broken('1', 'amazon_rds', 'Amazon RDS')]), settings, {}, NOW);
    expect(check.readings.get('aws:us-east-1')).toMatchObject({
      level: 'degraded',
      events: [{ title: 'Increased API error rates (N. Virginia)' }],
    });
  });

  it('reads nothing for Salesforce without an instance, only Adobe’s page', async () => {
    const spy = serve(PAGES);
    const check = await checkStatuses(viewOf([broken('1', 'salesforce', 'Salesforce')]), settings, {}, NOW);
    expect(callsTo(spy, ADOBE)).toBe(1);
    expect(fetched(spy)).toBe(1);
    expect([...check.readings.keys()]).toEqual(['adobe']);
  });
});
