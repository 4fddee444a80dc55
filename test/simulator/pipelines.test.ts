// The Fivetran, Airbyte and Stitch stand-ins: auth, seeds, each pagination to its end, faults, connection
// control and request counts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SIM_TIMING } from '../../scripts/sim-timing';
import { RETRY_AFTER_SECONDS } from './faults.js';
import {
  AIRBYTE_TOKEN_SECONDS,
  PIPELINE_SLOW_MS,
  PIPELINES,
  acceptsFivetranV2,
  fivetranCursor,
  type Pipeline,
} from './pipelines.js';
import {
  AIRBYTE_JOBS_SAMPLE,
  FIVETRAN_LIST_SAMPLE,
  STITCH_CHECK_FAILED_SAMPLE,
  STITCH_SOURCE_SAMPLE,
  airbyteTime,
  javaDuration,
} from './pipelines-data.js';
import { startSimulator, type Simulator } from './server.js';
import { control } from './test-helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  sim.expireAirbyteTokens();
});

const FIVETRAN_AUTH = `Basic ${Buffer.from('sim-fivetran-key:sim-fivetran-secret').toString('base64')}`;
const FIVETRAN_HEADERS = { authorization: FIVETRAN_AUTH, accept: 'application/json;version=2' };
const STITCH_HEADERS = { authorization: 'Bearer sim-stitch-token' };

type Json = Record<string, unknown>;
interface FivetranPage {
  code: string;
  data: { items: Json[]; next_cursor?: string };
}
interface AirbytePage {
  next: string;
  previous: string;
  data: Json[];
}
interface StitchPage {
  data: Json[];
  page: number;
  total: number;
  links: { next?: string; previous?: string };
}

function fivetran(path: string, headers: Record<string, string> = FIVETRAN_HEADERS, init: RequestInit = {}) {
  return fetch(`${sim.url}/fivetran${path}`, { ...init, headers });
}

async function airbyteToken(s: Simulator = sim): Promise<string> {
  const res = await fetch(`${s.url}/airbyte/v1/applications/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_id: 'sim-airbyte-client',
      client_secret: 'sim-airbyte-secret',
      'grant-type': 'client_credentials',
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function airbyte(path: string, token?: string, signal?: AbortSignal): Promise<Response> {
  const bearer = token ?? (await airbyteToken());
  return fetch(`${sim.url}/airbyte${path}`, {
    headers: { authorization: `Bearer ${bearer}` },
    ...(signal ? { signal } : {}),
  });
}

function stitch(path: string, headers: Record<string, string> = STITCH_HEADERS) {
  return fetch(`${sim.url}/stitch${path}`, { headers });
}

/** Every Fivetran connection, following next_cursor; the pages' sizes. */
async function fivetranAll(query = ''): Promise<{ items: Json[]; pages: number[] }> {
  const items: Json[] = [];
  const pages: number[] = [];
  let cursor: string | undefined;
  do {
    const sep = query ? '&' : '';
    const res = await fivetran(`/v1/connections?${query}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as FivetranPage;
    items.push(...body.data.items);
    pages.push(body.data.items.length);
    cursor = body.data.next_cursor;
  } while (cursor !== undefined);
  return { items, pages };
}

describe('Fivetran', () => {
  it('refuses a missing or wrong key or secret with 401 in its {code, message} shape', async () => {
    const wrong = `Basic ${Buffer.from('sim-fivetran-key:nope').toString('base64')}`;
    for (const headers of [
      { accept: 'application/json;version=2' } as Record<string, string>,
      { authorization: wrong, accept: 'application/json;version=2' },
      { authorization: 'Bearer sim-fivetran-key', accept: 'application/json;version=2' },
    ]) {
      const res = await fivetran('/v1/connections', headers);
      expect(res.status).toBe(401);
      const body = (await res.json()) as Json;
      expect(Object.keys(body).sort()).toEqual(['code', 'message']);
      expect(res.headers.get('x-rate-limit')).toBe('20000');
    }
  });

  it('answers 406 unless the Accept header asks for version 2', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'application/json;version=1']) {
      const res = await fivetran('/v1/connections', { authorization: FIVETRAN_AUTH, ...(accept ? { accept } : {}) });
      expect(res.status).toBe(406);
    }
    expect(acceptsFivetranV2('text/html, Application/JSON; version=2')).toBe(true);
    const res = await fivetran('/v1/connections', {
      authorization: FIVETRAN_AUTH,
      accept: 'application/json; version=2',
    });
    expect(res.status).toBe(200);
  });

  it('seeds 12 connections with the sample item’s fields: one broken to reconnect, one failing, one paused, one with warnings', async () => {
    const res = await fivetran('/v1/connections');
    const body = (await res.json()) as FivetranPage;
    expect(body.code).toBe('Success');
    const items = body.data.items;
    expect(items).toHaveLength(12);
    expect(body.data.next_cursor).toBeUndefined();
    const sampleKeys = Object.keys(FIVETRAN_LIST_SAMPLE.data.items[0]!).filter((k) => k !== 'connect_card');
    for (const item of items) expect(Object.keys(item)).toEqual(sampleKeys);
    expect(new Set(items.map((i) => i.service)).size).toBe(12);
    const byId = new Map(items.map((i) => [i.id as string, i]));
    const status = (id: string) => byId.get(id)!.status as Json;
    expect(status('warm_dissolve')).toMatchObject({
      setup_state: 'broken',
      tasks: [{ code: 'reconnect', message: 'Reconnect' }],
    });
    const failing = byId.get('chalky_cabinet')!;
    expect(Date.parse(failing.failed_at as string)).toBeGreaterThan(Date.parse(failing.succeeded_at as string));
    expect(byId.get('quiet_harbor')).toMatchObject({ paused: true, status: { sync_state: 'paused' } });
    expect((status('hearing_hunting').warnings as unknown[]).length).toBe(1);
    expect(status('sunny_rebate')).toMatchObject({ sync_state: 'rescheduled' });
    expect(typeof status('sunny_rebate').rescheduled_for).toBe('string');
    // Times as in the sample: microseconds, UTC.
    expect(byId.get('decent_dropsy')!.succeeded_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const healthy = items.filter(
      (i) => !i.paused && (i.status as Json).setup_state === 'connected' && i.failed_at === null,
    );
    expect(healthy).toHaveLength(9);
  });

  it('pages by cursor to the end: limit 5 gives 5, 5, 2, and the last page has no next_cursor', async () => {
    const { items, pages } = await fivetranAll('limit=5');
    expect(pages).toEqual([5, 5, 2]);
    expect(new Set(items.map((i) => i.id)).size).toBe(12);
    // The cursor is opaque; it has the form of Fivetran's example ("eyJza2lwIjoxfQ" for {"skip":1}).
    expect(fivetranCursor(1)).toBe('eyJza2lwIjoxfQ');
  });

  it('refuses a limit outside 1..1000 and a cursor it did not write', async () => {
    for (const q of [
      'limit=0',
      'limit=1001',
      'limit=abc',
      'cursor=nope',
      `cursor=${Buffer.from('{"skip":-1}').toString('base64url')}`,
    ])
      expect((await fivetran(`/v1/connections?${q}`)).status).toBe(400);
    expect((await fivetran('/v1/connections?limit=1000')).status).toBe(200);
  });

  it('lists a group’s connections, one connection, and 404 for an unknown one', async () => {
    const group = (await (await fivetran('/v1/groups/projected_sickle/connections')).json()) as FivetranPage;
    expect(group.data.items.map((i) => i.id)).toEqual(['quiet_harbor', 'brisk_orchard', 'vivid_lantern']);
    const one = (await (await fivetran('/v1/connections/warm_dissolve')).json()) as { data: Json };
    expect(one.data.id).toBe('warm_dissolve');
    const missing = await fivetran('/v1/connections/no_such');
    expect(missing.status).toBe(404);
  });

  it('counts down X-Rate-Limit-Remaining from 20,000', async () => {
    const a = await fivetran('/v1/connections');
    const b = await fivetran('/v1/connections');
    expect(a.headers.get('x-rate-limit')).toBe('20000');
    expect(Number(a.headers.get('x-rate-limit-remaining')) - Number(b.headers.get('x-rate-limit-remaining'))).toBe(1);
  });

  it('creates a Connect Card: data.connect_card {token, uri} with the setup URI', async () => {
    const res = await fivetran(
      '/v1/connections/warm_dissolve/connect-card',
      { ...FIVETRAN_HEADERS, 'content-type': 'application/json' },
      { method: 'POST', body: JSON.stringify({ connect_card_config: { redirect_uri: 'https://example.test/back' } }) },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { connector_id: string; connect_card: { token: string; uri: string } } };
    expect(body.data.connector_id).toBe('warm_dissolve');
    const { token, uri } = body.data.connect_card;
    expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(uri).toBe(`https://fivetran.com/connect-card/setup?auth=${token}`);
    const missing = await fivetran('/v1/connections/nope/connect-card', FIVETRAN_HEADERS, { method: 'POST' });
    expect(missing.status).toBe(404);
  });

  it('seeds 1,000 connections when asked at start, and pages them by 100 to the end', async () => {
    const big = await startSimulator({ port: 0, fivetranConnections: 1000 });
    try {
      const items: Json[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await fetch(`${big.url}/fivetran/v1/connections${cursor ? `?cursor=${cursor}` : ''}`, {
          headers: FIVETRAN_HEADERS,
        });
        const body = (await res.json()) as FivetranPage;
        items.push(...body.data.items);
        cursor = body.data.next_cursor;
        pages++;
      } while (cursor !== undefined);
      expect(pages).toBe(10);
      expect(new Set(items.map((i) => i.id)).size).toBe(1000);
      // Copies keep the seed's proportions: the 10th of every 12 (Zendesk) is paused.
      const paused = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 12 === 9).length;
      expect(items.filter((i) => i.paused === true)).toHaveLength(paused);
      big.reset();
      expect(big.pipelines().connections.fivetran).toHaveLength(1000);
    } finally {
      await big.close();
    }
  });
});

describe('Airbyte', () => {
  it('answers health in plain text without auth', async () => {
    const res = await fetch(`${sim.url}/airbyte/v1/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('Successful operation');
  });

  it('issues a 180 s Bearer token for the client credentials, and 401 {errorId} for wrong ones', async () => {
    const res = await fetch(`${sim.url}/airbyte/v1/applications/token`, {
      method: 'POST',
      body: JSON.stringify({
        client_id: 'sim-airbyte-client',
        client_secret: 'sim-airbyte-secret',
        'grant-type': 'client_credentials',
      }),
    });
    const body = (await res.json()) as Json;
    expect(Object.keys(body)).toEqual(['access_token', 'token_type', 'expires_in']);
    expect(typeof body.access_token).toBe('string');
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 180 });
    for (const wrong of [
      { client_id: 'sim-airbyte-client', client_secret: 'nope' },
      { client_id: 'someone', client_secret: 'sim-airbyte-secret' },
      {},
    ]) {
      const refused = await fetch(`${sim.url}/airbyte/v1/applications/token`, {
        method: 'POST',
        body: JSON.stringify(wrong),
      });
      expect(refused.status).toBe(401);
      const error = (await refused.json()) as Json;
      expect(Object.keys(error)).toEqual(['errorId']);
      expect(error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(sim.pipelines().airbyteTokensIssued).toBe(1);
  });

  it('refuses the API without a token it issued, and a token after 180 s', async () => {
    expect((await airbyte('/v1/connections', 'made-up')).status).toBe(401);
    expect((await fetch(`${sim.url}/airbyte/v1/connections`)).status).toBe(401);
    const token = await airbyteToken();
    expect((await airbyte('/v1/connections', token)).status).toBe(200);
    sim.advanceClock((AIRBYTE_TOKEN_SECONDS - 1) * 1000);
    expect((await airbyte('/v1/connections', token)).status).toBe(200);
    sim.advanceClock(1000);
    const expired = await airbyte('/v1/connections', token);
    expect(expired.status).toBe(401);
    expect(Object.keys((await expired.json()) as Json)).toEqual(['errorId']);
    expect((await airbyte('/v1/connections')).status).toBe(200);
  });

  it('expires every token at once on request', async () => {
    const token = await airbyteToken();
    expect(sim.expireAirbyteTokens()).toBe(1);
    expect((await airbyte('/v1/connections', token)).status).toBe(401);
    const res = await control(sim, 'pipelines/expire-tokens');
    expect(await res.json()).toEqual({ expired: 0 });
  });

  it('pages by offset to the end, following the next URLs; previous and next are "" where there is none', async () => {
    const token = await airbyteToken();
    let url: string = `${sim.url}/airbyte/v1/connections?limit=3`;
    const pages: AirbytePage[] = [];
    while (url !== '') {
      expect(url.startsWith(`${sim.url}/airbyte/v1/connections?`)).toBe(true);
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const page = (await res.json()) as AirbytePage;
      expect(Object.keys(page)).toEqual(Object.keys(AIRBYTE_JOBS_SAMPLE));
      pages.push(page);
      url = page.next;
    }
    expect(pages.map((p) => p.data.length)).toEqual([3, 3, 2]);
    expect(pages[0]!.previous).toBe('');
    expect(pages[1]!.previous).toContain('offset=0');
    expect(new Set(pages.flatMap((p) => p.data.map((c) => c.connectionId))).size).toBe(8);
  });

  it('gives a next URL after a full last page, as Airbyte does, and then an empty page', async () => {
    const token = await airbyteToken();
    const second = (await (await airbyte('/v1/connections?limit=4&offset=4', token)).json()) as AirbytePage;
    expect(second.data).toHaveLength(4);
    expect(second.next).toContain('offset=8');
    const third = (await (
      await fetch(second.next, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as AirbytePage;
    expect(third).toMatchObject({ data: [], next: '' });
    expect((await airbyte('/v1/connections?limit=101', token)).status).toBe(400);
  });

  it('seeds 8 connections: one whose last job failed, one incomplete, one inactive with a statusReason, one paused', async () => {
    const token = await airbyteToken();
    const connections = ((await (await airbyte('/v1/connections?limit=100', token)).json()) as AirbytePage).data;
    expect(connections).toHaveLength(8);
    for (const c of connections)
      for (const key of [
        'connectionId',
        'name',
        'sourceId',
        'destinationId',
        'workspaceId',
        'status',
        'schedule',
        'configurations',
        'createdAt',
        'tags',
      ])
        expect(c).toHaveProperty(key);
    const inactive = connections.filter((c) => c.status === 'inactive');
    expect(inactive.map((c) => typeof c.statusReason)).toEqual(['string', 'undefined']);
    const latest = new Map<string, Json>();
    for (const c of connections) {
      const jobs = (
        (await (await airbyte(`/v1/jobs?connectionId=${c.connectionId as string}`, token)).json()) as AirbytePage
      ).data;
      expect(jobs.length).toBeGreaterThanOrEqual(3);
      // Latest first.
      const ids = jobs.map((j) => j.jobId as number);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      for (const j of jobs) expect(j.connectionId).toBe(c.connectionId);
      latest.set(c.name as string, jobs[0]!);
    }
    expect(latest.get('Stripe → Snowflake')!.status).toBe('failed');
    expect(latest.get('HubSpot → BigQuery')).toMatchObject({ status: 'incomplete' });
    // Airbyte writes lastUpdatedAt only for failed, cancelled and succeeded jobs.
    expect(latest.get('HubSpot → BigQuery')).not.toHaveProperty('lastUpdatedAt');
    expect(latest.get('Shopify → Snowflake')!.status).toBe('running');
    expect(latest.get('Postgres → Snowflake')).toMatchObject({ status: 'succeeded', jobType: 'sync' });
    expect(latest.get('Postgres → Snowflake')!.duration).toMatch(/^PT(\d+H)?(\d+M)?(\d+S)?$/);
  });

  it('writes times and durations as its Java server does', () => {
    expect(airbyteTime(Date.UTC(2023, 2, 25, 1, 30, 50))).toBe('2023-03-25T01:30:50Z');
    expect(airbyteTime(Date.UTC(2023, 2, 25, 1, 30, 0))).toBe('2023-03-25T01:30Z');
    expect(javaDuration(8 * 3600 + 6 * 60 + 12)).toBe('PT8H6M12S');
    expect(javaDuration(0)).toBe('PT0S');
    expect(javaDuration(3600)).toBe('PT1H');
  });

  it('lists every job latest first without connectionId, and finds one job and one connection', async () => {
    const token = await airbyteToken();
    const all = (await (await airbyte('/v1/jobs?limit=100', token)).json()) as AirbytePage;
    expect(all.data.length).toBe(25);
    const first = all.data[0]!;
    const one = (await (await airbyte(`/v1/jobs/${first.jobId as number}`, token)).json()) as Json;
    expect(one).toEqual(first);
    const c = (await (await airbyte(`/v1/connections/${first.connectionId as string}`, token)).json()) as Json;
    expect(c.connectionId).toBe(first.connectionId);
    expect((await airbyte('/v1/connections/0000', token)).status).toBe(404);
  });
});

describe('Stitch', () => {
  it('refuses a missing or wrong token with 401', async () => {
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer nope' },
      { authorization: 'sim-stitch-token' },
    ];
    for (const headers of refused) {
      const res = await stitch('/v4/sources', headers);
      expect(res.status).toBe(401);
    }
  });

  it('lists 7 sources as a plain array, deleted included, with the sample source’s fields', async () => {
    const sources = (await (await stitch('/v4/sources')).json()) as Json[];
    expect(sources).toHaveLength(7);
    for (const s of sources) for (const key of Object.keys(STITCH_SOURCE_SAMPLE)) expect(s).toHaveProperty(key);
    const byId = new Map(sources.map((s) => [s.id as number, s]));
    expect(byId.get(122635)).toMatchObject({ name: 'shopify', stitch_client_id: 116078, deleted_at: null });
    expect(byId.get(122635)!.system_paused_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(byId.get(120407)!.paused_at).not.toBeNull();
    expect(byId.get(119945)!.deleted_at).not.toBeNull();
    expect(byId.get(124110)!.report_card).toMatchObject({ current_step: 2, current_step_type: 'oauth' });
    expect(byId.get(123903)!.report_card).toMatchObject({ current_step: 4, current_step_type: 'fully_configured' });
    const one = (await (await stitch('/v4/sources/123903')).json()) as Json;
    expect(one).toEqual(byId.get(123903));
    expect((await stitch('/v4/sources/1')).status).toBe(404);
  });

  it('answers the last connection check: the verbatim failed sample for PostgreSQL, succeeded elsewhere', async () => {
    const failed = (await (await stitch('/v4/sources/120643/last-connection-check')).json()) as Json;
    const untimed = (check: Json): Json => ({ ...check, start_time: 'T', completion_time: 'T' });
    expect(untimed(failed)).toEqual(untimed(STITCH_CHECK_FAILED_SAMPLE));
    expect(Date.parse(failed.completion_time as string)).toBeGreaterThan(Date.now() - 86_400_000);
    const ok = (await (await stitch('/v4/sources/123903/last-connection-check')).json()) as Json;
    expect(ok).toMatchObject({ status: 'succeeded', error: false, check_exit_status: 0 });
  });

  it('pages extractions by 100 to the end, with links as paths from the API root', async () => {
    sim.seedPipeline('stitch', 250);
    const withExtraction = 250 - Math.ceil(250 / 7);
    let path: string | undefined = '/v4/116078/extractions';
    const pages: StitchPage[] = [];
    while (path !== undefined) {
      const page = (await (await stitch(path)).json()) as StitchPage;
      pages.push(page);
      path = page.links.next;
    }
    expect(pages.map((p) => p.data.length)).toEqual([100, 100, withExtraction - 200]);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pages[0]!.total).toBe(withExtraction);
    expect(pages[0]!.links).toEqual({ next: '/v4/116078/extractions?page=2' });
    expect(pages[2]!.links).toEqual({ previous: '/v4/116078/extractions?page=2' });
    const ids = pages.flatMap((p) => p.data.map((e) => e.source_id as number));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('has empty links when everything fits one page, a failed tap for Shopify and HubSpot, and 404 for another client', async () => {
    const page = (await (await stitch('/v4/116078/extractions')).json()) as StitchPage;
    expect(page).toMatchObject({ page: 1, total: 6, links: {} });
    const failed = page.data.filter((e) => e.tap_exit_status !== 0).map((e) => e.source_id);
    expect(failed).toEqual([122635, 124398]);
    expect((await stitch('/v4/999/extractions')).status).toBe(404);
  });
});

/** One list request of the pipeline, authenticated. */
async function listRequest(pipeline: Pipeline, signal?: AbortSignal): Promise<Response> {
  const init = signal ? { signal } : {};
  if (pipeline === 'fivetran')
    return fetch(`${sim.url}/fivetran/v1/connections`, { headers: FIVETRAN_HEADERS, ...init });
  // A token issued before the fault (a fault applies to the token request too).
  if (pipeline === 'airbyte') return airbyte('/v1/connections', preToken, signal);
  return fetch(`${sim.url}/stitch/v4/116078/extractions`, { headers: STITCH_HEADERS, ...init });
}

let preToken = '';

describe('faults', () => {
  beforeEach(async () => {
    preToken = await airbyteToken();
  });

  it.each(PIPELINES)('%s: 401 refuses good credentials', async (pipeline) => {
    sim.setPipelineFault(pipeline, '401');
    expect((await listRequest(pipeline)).status).toBe(401);
    sim.setPipelineFault(pipeline, 'none');
    expect((await listRequest(pipeline)).status).toBe(200);
  });

  it.each(PIPELINES)('%s: 429 with Retry-After (15 s, or as set)', async (pipeline) => {
    sim.setPipelineFault(pipeline, '429');
    const res = await listRequest(pipeline);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    if (pipeline === 'fivetran') {
      expect(res.headers.get('x-rate-limit')).toBe('20000');
      expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
    }
    sim.setPipelineFault(pipeline, '429', { retryAfterSeconds: 2 });
    expect((await listRequest(pipeline)).headers.get('retry-after')).toBe('2');
  });

  it.each(PIPELINES)('%s: 500', async (pipeline) => {
    sim.setPipelineFault(pipeline, '500');
    const res = await listRequest(pipeline);
    expect(res.status).toBe(500);
    expect(typeof (await res.json())).toBe('object');
  });

  it.each(PIPELINES)('%s: malformed answers 200 with a body that is not JSON', async (pipeline) => {
    sim.setPipelineFault(pipeline, 'malformed');
    const res = await listRequest(pipeline);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('slow answers no pipeline before the simulator build gives up on a request', async () => {
    expect(PIPELINE_SLOW_MS).toBeGreaterThan(SIM_TIMING.requestTimeoutMs);
    for (const pipeline of PIPELINES) sim.setPipelineFault(pipeline, 'slow');
    const before = sim.pipelineRequests();
    const results = await Promise.allSettled(PIPELINES.map((p) => listRequest(p, AbortSignal.timeout(400))));
    for (const result of results) expect(result.status).toBe('rejected');
    const after = sim.pipelineRequests();
    for (const p of PIPELINES) expect(after[p] - before[p]).toBe(1);
  });

  it('closes promptly while a slow pipeline request waits', async () => {
    const own = await startSimulator({ port: 0 });
    own.setPipelineFault('stitch', 'slow');
    const pending = fetch(`${own.url}/stitch/v4/sources`, { headers: STITCH_HEADERS }).then(
      () => 'answered',
      () => 'failed',
    );
    await expect.poll(() => own.pipelineRequests().stitch).toBe(1);
    const start = Date.now();
    await own.close();
    expect(Date.now() - start).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('endless-pages: Fivetran still gives a next_cursor after 50 full pages of new ids', async () => {
    sim.setPipelineFault('fivetran', 'endless-pages');
    const ids = new Set<unknown>();
    let cursor: string | undefined;
    for (let n = 0; n < 50; n++) {
      const res = await fivetran(`/v1/connections?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      const body = (await res.json()) as FivetranPage;
      expect(body.data.items).toHaveLength(10);
      for (const item of body.data.items) ids.add(item.id);
      expect(body.data.next_cursor).toBeDefined();
      cursor = body.data.next_cursor;
    }
    expect(ids.size).toBe(500);
  });

  it('endless-pages: Airbyte still gives a next URL after 50 pages', async () => {
    sim.setPipelineFault('airbyte', 'endless-pages');
    let url = `${sim.url}/airbyte/v1/connections?limit=5`;
    const ids = new Set<unknown>();
    for (let n = 0; n < 50; n++) {
      const page = (await (
        await fetch(url, { headers: { authorization: `Bearer ${preToken}` } })
      ).json()) as AirbytePage;
      expect(page.data).toHaveLength(5);
      for (const c of page.data) ids.add(c.connectionId);
      expect(page.next).not.toBe('');
      url = page.next;
    }
    expect(url).toContain('offset=250');
    expect(ids.size).toBe(250);
  });

  it('endless-pages: Stitch extractions still link a next page after 50 pages', async () => {
    sim.setPipelineFault('stitch', 'endless-pages');
    let path: string | undefined = '/v4/116078/extractions';
    for (let n = 1; n <= 50; n++) {
      const page = (await (await stitch(path!)).json()) as StitchPage;
      expect(page.page).toBe(n);
      expect(page.data).toHaveLength(100);
      expect(page.total).toBeGreaterThan(n * 100);
      path = page.links.next;
      expect(path).toBe(`/v4/116078/extractions?page=${n + 1}`);
    }
  });

  it('sets, reads and clears faults through the control API; refuses unknown ones', async () => {
    let res = await control(sim, 'pipelines', { pipeline: 'airbyte', fault: '429', retryAfterSeconds: 30 });
    expect(res.status).toBe(200);
    const snapshot = (await (await fetch(`${sim.url}/__sim/pipelines`)).json()) as ReturnType<Simulator['pipelines']>;
    expect(snapshot.faults).toEqual({
      fivetran: { fault: 'none' },
      airbyte: { fault: '429', retryAfterSeconds: 30 },
      stitch: { fault: 'none' },
    });
    for (const body of [
      { pipeline: 'segment', fault: '500' },
      { pipeline: 'stitch', fault: '503' },
      { pipeline: 'stitch', fault: '429', retryAfterSeconds: -1 },
      { pipeline: 'stitch', fault: '429', retryAfterSeconds: '5' },
    ]) {
      res = await control(sim, 'pipelines', body);
      expect(res.status).toBe(400);
    }
    expect(() => sim.setPipelineFault('stitch', 'hang' as never)).toThrow();
    await control(sim, 'reset');
    expect(sim.pipelines().faults.airbyte).toEqual({ fault: 'none' });
  });
});

describe('connection control', () => {
  async function fivetranItem(id: string): Promise<Json> {
    return ((await (await fivetran(`/v1/connections/${id}`)).json()) as { data: Json }).data;
  }

  it('Fivetran: fixes the connection to reconnect, breaks, asks to reconnect and pauses another', async () => {
    expect(sim.setPipelineConnection('fivetran', 'warm_dissolve', 'ok').state).toBe('ok');
    expect(await fivetranItem('warm_dissolve')).toMatchObject({
      paused: false,
      status: { setup_state: 'connected', tasks: [], warnings: [] },
    });
    const res = await control(sim, 'pipelines/connection', {
      pipeline: 'fivetran',
      id: 'rotary_inbound',
      state: 'broken',
    });
    expect(await res.json()).toMatchObject({ id: 'rotary_inbound', state: 'broken' });
    const broken = await fivetranItem('rotary_inbound');
    expect(Date.parse(broken.failed_at as string)).toBeGreaterThan(Date.parse(broken.succeeded_at as string));
    sim.setPipelineConnection('fivetran', 'rotary_inbound', 'reconnect');
    expect(await fivetranItem('rotary_inbound')).toMatchObject({
      status: { setup_state: 'broken', tasks: [{ code: 'reconnect', message: 'Reconnect' }] },
    });
    sim.setPipelineConnection('fivetran', 'rotary_inbound', 'paused');
    expect(await fivetranItem('rotary_inbound')).toMatchObject({ paused: true, status: { sync_state: 'paused' } });
    sim.setPipelineConnection('fivetran', 'rotary_inbound', 'ok');
    const fixed = await fivetranItem('rotary_inbound');
    expect(fixed).toMatchObject({ paused: false, status: { setup_state: 'connected', tasks: [] } });
    expect(Date.parse(fixed.succeeded_at as string)).toBeGreaterThan(Date.parse(fixed.failed_at as string));
  });

  it('Airbyte: a fixed connection is active with a succeeded last job; reconnect makes it inactive with a reason', async () => {
    const token = await airbyteToken();
    const stripe = '8b1f4e6a-7c23-4d59-9e0a-3f6b2d8c1e45';
    sim.setPipelineConnection('airbyte', stripe, 'ok');
    const jobs = ((await (await airbyte(`/v1/jobs?connectionId=${stripe}`, token)).json()) as AirbytePage).data;
    expect(jobs[0]!.status).toBe('succeeded');
    sim.setPipelineConnection('airbyte', stripe, 'reconnect');
    const c = (await (await airbyte(`/v1/connections/${stripe}`, token)).json()) as Json;
    expect(c.status).toBe('inactive');
    expect(c.statusReason).toMatch(/auth/i);
    sim.setPipelineConnection('airbyte', stripe, 'paused');
    expect((await (await airbyte(`/v1/connections/${stripe}`, token)).json()) as Json).not.toHaveProperty(
      'statusReason',
    );
  });

  it('Stitch: fixes the system-paused source; reconnect puts a SaaS source on its oauth step, a database through a failed check', async () => {
    sim.setPipelineConnection('stitch', 122635, 'ok');
    const shopify = (await (await stitch('/v4/sources/122635')).json()) as Json;
    expect(shopify).toMatchObject({ system_paused_at: null, paused_at: null });
    sim.setPipelineConnection('stitch', '122635', 'reconnect');
    expect(((await (await stitch('/v4/sources/122635')).json()) as Json).report_card).toMatchObject({
      current_step_type: 'oauth',
    });
    sim.setPipelineConnection('stitch', 123903, 'reconnect');
    const check = (await (await stitch('/v4/sources/123903/last-connection-check')).json()) as Json;
    expect(check).toMatchObject({ status: 'failed', error: true });
    sim.setPipelineConnection('stitch', 123903, 'broken');
    expect(((await (await stitch('/v4/sources/123903')).json()) as Json).system_paused_at).not.toBeNull();
  });

  it('refuses an unknown id (404), pipeline or state (400)', async () => {
    expect((await control(sim, 'pipelines/connection', { pipeline: 'fivetran', id: 'nope', state: 'ok' })).status).toBe(
      404,
    );
    expect((await control(sim, 'pipelines/connection', { pipeline: 'x', id: 'nope', state: 'ok' })).status).toBe(400);
    expect(
      (await control(sim, 'pipelines/connection', { pipeline: 'stitch', id: 122635, state: 'fixed' })).status,
    ).toBe(400);
  });
});

describe('requests, seed size, clock and reset', () => {
  it('counts every request under each prefix, refused ones included; reset clears the counts, data and faults', async () => {
    expect(sim.pipelineRequests()).toEqual({ fivetran: 0, airbyte: 0, stitch: 0 });
    await fivetran('/v1/connections');
    await fivetran('/v1/connections', {});
    await stitch('/v4/sources');
    await fetch(`${sim.url}/airbyte/v1/health`);
    await fetch(`${sim.url}/airbyte/nowhere`);
    expect(sim.pipelineRequests()).toEqual({ fivetran: 2, airbyte: 2, stitch: 1 });
    const snapshot = (await (await fetch(`${sim.url}/__sim/pipelines`)).json()) as ReturnType<Simulator['pipelines']>;
    expect(snapshot.requests).toEqual({ fivetran: 2, airbyte: 2, stitch: 1 });
    sim.setPipelineConnection('fivetran', 'warm_dissolve', 'ok');
    sim.setPipelineFault('stitch', '500');
    sim.reset();
    expect(sim.pipelineRequests()).toEqual({ fivetran: 0, airbyte: 0, stitch: 0 });
    expect(sim.pipelines().connections.fivetran.find((c) => c.id === 'warm_dissolve')!.state).toBe('reconnect');
    expect(sim.pipelines().faults.stitch).toEqual({ fault: 'none' });
  });

  it('keeps Airbyte tokens through a reset, as MBI keeps sessions', async () => {
    const token = await airbyteToken();
    await control(sim, 'reset');
    expect((await airbyte('/v1/connections', token)).status).toBe(200);
  });

  it('reseeds a pipeline to a size through the control API; a reset restores the seed', async () => {
    const res = await control(sim, 'pipelines/seed', { pipeline: 'airbyte', count: 30 });
    expect(await res.json()).toEqual({ count: 30 });
    const page = (await (await airbyte('/v1/connections?limit=100')).json()) as AirbytePage;
    expect(new Set(page.data.map((c) => c.connectionId)).size).toBe(30);
    expect((await control(sim, 'pipelines/seed', { pipeline: 'airbyte', count: -1 })).status).toBe(400);
    sim.reset();
    expect(sim.pipelines().connections.airbyte).toHaveLength(8);
  });

  it('ages every written time when the clock moves', async () => {
    const before = (await (await fivetran('/v1/connections/decent_dropsy')).json()) as { data: Json };
    const sourceBefore = (await (await stitch('/v4/sources/122635')).json()) as Json;
    await control(sim, 'clock', { advanceMs: 3_600_000 });
    const after = (await (await fivetran('/v1/connections/decent_dropsy')).json()) as { data: Json };
    const sourceAfter = (await (await stitch('/v4/sources/122635')).json()) as Json;
    expect(Date.parse(before.data.succeeded_at as string) - Date.parse(after.data.succeeded_at as string)).toBe(
      3_600_000,
    );
    expect(
      Date.parse(sourceBefore.system_paused_at as string) - Date.parse(sourceAfter.system_paused_at as string),
    ).toBe(3_600_000);
  });

  it('shows the pipelines on the control page', async () => {
    const html = await (await fetch(`${sim.url}/__sim/`)).text();
    expect(html).toContain('<h2>Pipelines</h2>');
    for (const p of PIPELINES) expect(html).toContain(`data-pipeline="${p}"`);
    expect(html).toContain('sim-fivetran-key');
    expect(html).toContain('warm_dissolve');
  });
});

describe("the vendors' app pages", () => {
  const connections = () => sim.pipelines().connections;

  it.each([
    ['fivetran', (id: string) => `/dashboard/connectors/${id}/setup`, 'Save &amp; Test'],
    ['airbyte', (id: string) => `/workspaces/ws/connections/${id}`, 'Re-authorize source'],
    ['stitch', (id: string) => `/client/116078/pipeline/v2/sources/${id}`, 'Reconnect'],
  ] as const)(
    '%s: the setup page shows a broken connection, and its button fixes it',
    async (pipeline, path, button) => {
      const id = connections()[pipeline].find((c) => c.state !== 'deleted')?.id ?? '';
      const broken = sim.setPipelineConnection(pipeline, id, 'reconnect');
      const page = await (await fetch(`${sim.url}${path(id)}`)).text();
      expect(page).toContain(button);
      expect(page).toContain(broken.state);
      const fixed = await fetch(`${sim.url}${path(id)}`, { method: 'POST', body: new URLSearchParams() });
      expect(await fixed.text()).toContain('Connection re-authorized');
      const after = connections()[pipeline].find((c) => c.id === id)?.state;
      expect(after).not.toBe(broken.state);
      expect(after).toBe(sim.setPipelineConnection(pipeline, id, 'ok').state);
    },
  );

  it('answers 404 for a connection it does not have, and lists Fivetran connectors', async () => {
    expect((await fetch(`${sim.url}/dashboard/connectors/nope/setup`)).status).toBe(404);
    const list = await (await fetch(`${sim.url}/dashboard/connectors`)).text();
    for (const c of connections().fivetran) expect(list).toContain(c.name.replaceAll('&', '&amp;'));
  });
});
