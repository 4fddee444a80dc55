import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './server.js';
import {
  KEY_194,
  connectionsUrl,
  control,
  getConnections,
  problems,
  sessionCookie,
  updateCycleUrl,
} from './test-helpers.js';

const SAMPLE_KEYS = [
  'namespace',
  'created_at',
  'display_name',
  'id',
  'type',
  'name',
  'integration_type',
  'meta_id',
  'client_id',
  'updated_at',
  'properties',
];
const TYPE_KEYS = [
  'protocol',
  'directions',
  'cbi_is_available',
  'pricing_tier',
  'replication_type',
  'pipeline_state',
  'display_name',
  'type',
];
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

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

describe('seed data', () => {
  it('listens on 127.0.0.1 with a random port', () => {
    expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.port).toBeGreaterThan(0);
  });

  it('starts with 12 integrations and 4 problems for Vandelay, 3 and 1 for Kramerica', async () => {
    const state = (await (await fetch(`${sim.url}/__sim/state`)).json()) as ReturnType<Simulator['state']>;
    const [vandelay, kramerica] = state.clients;
    expect(vandelay?.label).toBe('Vandelay Industries');
    expect(vandelay?.connections).toHaveLength(12);
    expect(
      vandelay?.connections
        .filter((c) => c.properties.status === '2')
        .map((c) => c.type)
        .sort(),
    ).toEqual(['adobe_analytics', 'facebook_ads', 'zendesk']);
    expect(vandelay?.connections.filter((c) => c.properties.status === '3').map((c) => c.properties.error)).toEqual([
      'SSH host key verification failed',
    ]);
    expect(kramerica?.connections).toHaveLength(3);
    expect(problems(kramerica?.connections ?? [])).toHaveLength(1);
    expect(state.sessions).toBe(0);
  });

  it('writes every record in the shape of the published sample', async () => {
    const rows = (await getConnections(sim, await sessionCookie(sim))) as unknown as Record<string, unknown>[];
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(SAMPLE_KEYS);
      expect(Object.keys(row.integration_type as object)).toEqual(TYPE_KEYS);
      const props = row.properties as Record<string, unknown>;
      expect(typeof props.status).toBe('string');
      expect(props.established).toMatch(TIME);
    }
    const zendesk = rows.find((r) => r.type === 'zendesk');
    expect((zendesk?.properties as Record<string, unknown>).subdomain).toBe('vandelay');
  });
});

describe('connections endpoint', () => {
  it('redirects to sign-in without a session and answers JSON with one', async () => {
    const anonymous = await fetch(connectionsUrl(sim), { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe('/v2/session/create');
    const res = await fetch(connectionsUrl(sim), { headers: { cookie: await sessionCookie(sim) }, redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toHaveLength(12);
  });

  it('answers 404 JSON for an unknown client', async () => {
    const res = await fetch(connectionsUrl(sim, 999), { headers: { cookie: await sessionCookie(sim) } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not Found' });
  });

  it('signs out every session on "expire"', async () => {
    const cookie = await sessionCookie(sim);
    expect((await control(sim, 'sessions/expire')).status).toBe(200);
    expect((await fetch(connectionsUrl(sim), { headers: { cookie }, redirect: 'manual' })).status).toBe(302);
  });

  it('sets an HttpOnly session cookie on sign-in and returns to the integrations page', async () => {
    const res = await fetch(`${sim.url}/v2/session/create`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'admin@vandelay.com', password: 'x', client: '2' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/v2/client/2/dashapp/manage-data/integrations');
    const setCookie = res.headers.getSetCookie()[0] ?? '';
    expect(setCookie).toMatch(/^rjm_session=[\w-]+; HttpOnly; SameSite=Lax; Path=\/$/);
    expect(await getConnections(sim, setCookie.split(';')[0] ?? '', 2)).toHaveLength(3);
  });
});

describe('update cycle status endpoint', () => {
  it('refuses a missing or wrong key with 403 JSON', async () => {
    const attempts: Record<string, string>[] = [{}, { 'X-RJM-API-Key': 'sim-export-key-2' }];
    for (const headers of attempts) {
      const res = await fetch(updateCycleUrl(sim), { headers });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'Forbidden' });
    }
  });

  it('reports the last update as ended 2 hours ago in EST (UTC-5)', async () => {
    const res = await fetch(updateCycleUrl(sim), { headers: { 'X-RJM-API-Key': KEY_194 } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      clientId: number;
      lastCompletedUpdateJob: { end: string; start: string; status: unknown };
    };
    expect(body).toMatchObject({
      clientId: 194,
      lastCompletedUpdateJobWithDataSync: null,
      timezoneAbbreviation: 'EST',
    });
    expect(body.lastCompletedUpdateJob.status).toEqual({ id: 4, name: 'Completed Successfully' });
    const endUtc = Date.parse(`${body.lastCompletedUpdateJob.end.replace(' ', 'T')}-05:00`);
    expect(Math.abs(Date.now() - 2 * 3600_000 - endUtc)).toBeLessThan(5000);
    expect(body.lastCompletedUpdateJob.start < body.lastCompletedUpdateJob.end).toBe(true);
  });

  it('follows the control state: hours ago, status, no job', async () => {
    await control(sim, 'clients/194/update-cycle', { hoursAgo: 48, statusId: 3 });
    const get = async (): Promise<{
      lastCompletedUpdateJob: null | { end: string; status: { id: number; name: string } };
    }> => (await fetch(updateCycleUrl(sim), { headers: { 'X-RJM-API-Key': KEY_194 } })).json() as never;
    const stale = await get();
    expect(stale.lastCompletedUpdateJob?.status).toEqual({ id: 3, name: 'Failed' });
    const endUtc = Date.parse(`${stale.lastCompletedUpdateJob?.end.replace(' ', 'T')}-05:00`);
    expect(Math.abs(Date.now() - 48 * 3600_000 - endUtc)).toBeLessThan(5000);
    await control(sim, 'clients/194/update-cycle', { none: true });
    expect((await get()).lastCompletedUpdateJob).toBeNull();
  });
});

describe('control API', () => {
  it('patches a connection, any status string included, and shows it in the API', async () => {
    const cookie = await sessionCookie(sim);
    const res = await control(sim, 'clients/194/connections/1103', { status: '2', name: 'Renamed' });
    expect(res.status).toBe(200);
    await control(sim, 'clients/194/connections/1104', { status: 'RECONNECTING', error: 'odd' });
    const rows = await getConnections(sim, cookie);
    expect(rows.find((r) => r.id === 1103)).toMatchObject({
      name: 'Renamed',
      properties: { status: '2', error: 'OAuth token expired or revoked' },
    });
    expect(rows.find((r) => r.id === 1104)?.properties).toMatchObject({ status: 'RECONNECTING', error: 'odd' });
    expect(problems(rows)).toHaveLength(6);
  });

  it('fixes a connection: status "1", no error, established now', async () => {
    sim.setConnection(194, 1111, { status: '1' });
    const row = (await getConnections(sim, await sessionCookie(sim))).find((r) => r.id === 1111);
    expect(row?.properties.status).toBe('1');
    expect(row?.properties).not.toHaveProperty('error');
    const established = Date.parse(`${row?.properties.established?.replace(' ', 'T')}Z`);
    expect(Math.abs(Date.now() - established)).toBeLessThan(5000);
  });

  it('sets when a connection was last authorized, and moves the clock forward for what it wrote', async () => {
    const established = async () => {
      const row = (await getConnections(sim, await sessionCookie(sim))).find((r) => r.id === 1111);
      return Date.parse(`${row?.properties.established?.replace(' ', 'T')}Z`);
    };
    expect((await control(sim, 'clients/194/connections/1111', { authorizedDaysAgo: 12 })).status).toBe(200);
    expect(Math.abs(Date.now() - 12 * 86_400_000 - (await established()))).toBeLessThan(5000);
    expect((await control(sim, 'clock', { advanceMs: 3 * 86_400_000 })).status).toBe(200);
    expect(Math.abs(Date.now() - 15 * 86_400_000 - (await established()))).toBeLessThan(5000);
    expect((await control(sim, 'clock', { advanceMs: 'soon' })).status).toBe(400);
    expect((await control(sim, 'clients/194/connections/1111', { authorizedDaysAgo: '12' })).status).toBe(400);
  });

  it('rejects bad control requests with 400/404', async () => {
    expect((await control(sim, 'clients/194/connections/1103', { status: 2 })).status).toBe(400);
    expect((await control(sim, 'clients/194/connections/424242', { status: '1' })).status).toBe(404);
    expect((await control(sim, 'fault', { endpoint: 'connections', mode: 'teapot' })).status).toBe(400);
  });

  it('generates 10,000 connections quickly, about brokenRatio of them broken', async () => {
    const started = performance.now();
    const res = await control(sim, 'clients/194/generate', { count: 10_000, brokenRatio: 0.1 });
    expect(await res.json()).toEqual({ count: 10_000, broken: 1000 });
    const rows = await getConnections(sim, await sessionCookie(sim));
    expect(rows).toHaveLength(10_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(10_000);
    expect(new Set(rows.map((r) => r.type)).size).toBe(21);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('resets to the seed', async () => {
    sim.generate(194, 50);
    sim.setFault('connections', '500');
    expect((await control(sim, 'reset')).status).toBe(200);
    expect(await getConnections(sim, await sessionCookie(sim))).toHaveLength(12);
    expect(sim.state().faults).toEqual({ connections: null, 'update-cycle': null });
  });
});

describe('app pages', () => {
  it('lists integrations with status labels and re-authorizes from the connection page', async () => {
    const cookie = await sessionCookie(sim);
    const list = await (
      await fetch(`${sim.url}/v2/client/194/dashapp/manage-data/integrations`, { headers: { cookie } })
    ).text();
    for (const label of ['Success', 'Error', 'Re-authorize']) expect(list).toContain(`>${label}</td>`);
    const page = `${sim.url}/v2/client/194/dashapp/settings/connection/1102/`;
    expect(await (await fetch(page, { headers: { cookie } })).text()).toContain('>Re-authorize</button>');
    const done = await fetch(page, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ action: 'reauthorize' }),
    });
    expect(await done.text()).toContain('Connection re-authorized');
    expect(sim.state().clients[0]?.connections.find((c) => c.id === 1102)?.properties.status).toBe('1');
  });

  it('sends signed-out visitors to sign-in and escapes names', async () => {
    const anonymous = await fetch(`${sim.url}/v2/client/194/dashapp/manage-data/integrations`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/v2\/session\/create/);
    sim.setConnection(194, 1103, { name: '<script>alert(1)</script>' });
    const html = await (
      await fetch(`${sim.url}/v2/client/194/dashapp/manage-data/integrations`, {
        headers: { cookie: await sessionCookie(sim) },
      })
    ).text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
  });

  it.each([
    { path: '/v2/session/create', text: '<title>Sign in to MBI</title>' },
    { path: '/support', text: '<textarea id="case-description"' },
    { path: '/status', text: 'Adobe Commerce Intelligence' },
    { path: '/provider/Zendesk', text: '<title>Zendesk — API keys</title>' },
    { path: '/__sim/', text: 'Expire sessions' },
  ])('serves $path', async ({ path, text }) => {
    const res = await fetch(`${sim.url}${path}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(text);
  });
});
