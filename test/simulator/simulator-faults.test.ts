import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOSTILE_NAMES, HUGE_BYTES, RETRY_AFTER_SECONDS, type FaultEndpoint, type FaultMode } from './faults.js';
import { startSimulator, type Simulator } from './server.js';
import { KEY_194, connectionsUrl, control, sessionCookie, updateCycleUrl } from './test-helpers.js';

let sim: Simulator;
let cookie: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  cookie = await sessionCookie(sim);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
});

function request(endpoint: FaultEndpoint, signal?: AbortSignal): Promise<Response> {
  const url = endpoint === 'connections' ? connectionsUrl(sim) : updateCycleUrl(sim);
  return fetch(url, {
    headers: { cookie, 'X-RJM-API-Key': KEY_194 },
    redirect: 'manual',
    ...(signal ? { signal } : {}),
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface Expected {
  mode: FaultMode;
  status: number;
  type?: RegExp;
  check?: (text: string, res: Response) => void;
}

const cases: Expected[] = [
  { mode: '500', status: 500, type: /json/ },
  { mode: '503', status: 503, type: /json/ },
  {
    mode: '429',
    status: 429,
    check: (_, res) => expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS)),
  },
  { mode: '401', status: 401 },
  { mode: '403', status: 403, check: (text) => expect(JSON.parse(text)).toEqual({ error: 'Forbidden' }) },
  { mode: 'redirect', status: 302, check: (_, res) => expect(res.headers.get('location')).toBe('/v2/session/create') },
  {
    mode: 'html',
    status: 200,
    type: /^text\/html/,
    check: (text) => {
      expect(text).toContain('maintenance');
      expect(text).not.toMatch(/type="password"|Sign in/);
    },
  },
  { mode: 'login-page', status: 200, type: /^text\/html/, check: (text) => expect(text).toContain('type="password"') },
  { mode: 'malformed-json', status: 200, type: /json/, check: (text) => expect(isJson(text)).toBe(false) },
  {
    mode: 'wrong-shape',
    status: 200,
    type: /json/,
    check: (text) => expect(JSON.parse(text)).toEqual({ data: { items: [] } }),
  },
];

describe.each(['connections', 'update-cycle'] as const)('faults on %s', (endpoint) => {
  it.each(cases)('$mode → HTTP $status', async ({ mode, status, type, check }) => {
    await control(sim, 'fault', { endpoint, mode });
    const res = await request(endpoint);
    expect(res.status).toBe(status);
    if (type) expect(res.headers.get('content-type')).toMatch(type);
    check?.(await res.text(), res);
  });

  it('applies a fault to every request until it is cleared with "none"', async () => {
    sim.setFault(endpoint, '503');
    expect((await request(endpoint)).status).toBe(503);
    expect((await request(endpoint)).status).toBe(503);
    await control(sim, 'fault', { endpoint, mode: 'none' });
    expect((await request(endpoint)).status).toBe(200);
  });

  it('hang: headers arrive, the body never finishes', async () => {
    sim.setFault(endpoint, 'hang');
    const res = await request(endpoint, AbortSignal.timeout(300));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('hang-headers: no answer at all', async () => {
    sim.setFault(endpoint, 'hang-headers');
    await expect(request(endpoint, AbortSignal.timeout(300))).rejects.toThrow(/timeout|aborted/i);
  });

  it('drop: the socket closes without an answer', async () => {
    sim.setFault(endpoint, 'drop');
    await expect(request(endpoint)).rejects.toThrow(/fetch failed/);
  });

  it('slow: answers normally after delayMs', async () => {
    sim.setFault(endpoint, { mode: 'slow', delayMs: 250 });
    const started = performance.now();
    const res = await request(endpoint);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('huge: streams a valid JSON body of at least 20 MiB', async () => {
    sim.setFault(endpoint, 'huge');
    const res = await request(endpoint);
    expect(res.headers.get('content-length')).toBeNull();
    const text = await res.text();
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(HUGE_BYTES);
    expect(isJson(text)).toBe(true);
  });
});

describe('data faults', () => {
  it('unknown-status replaces every status with values outside the known codes', async () => {
    sim.setFault('connections', 'unknown-status');
    const rows = (await (await request('connections')).json()) as { properties: { status: string } }[];
    expect(new Set(rows.map((r) => r.properties.status))).toEqual(new Set(['7', 'RECONNECTING']));
    sim.setFault('update-cycle', 'unknown-status');
    expect(await (await request('update-cycle')).json()).toMatchObject({
      lastCompletedUpdateJob: { status: { id: 7, name: 'RECONNECTING' } },
    });
  });

  it('hostile-names puts markup into names', async () => {
    sim.setFault('connections', 'hostile-names');
    const rows = (await (await request('connections')).json()) as { name: string }[];
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(HOSTILE_NAMES.slice(0, 2)));
  });

  it('leaves the stored data untouched', () => {
    sim.setFault('connections', 'unknown-status');
    expect(sim.state().clients[0]?.connections[0]?.properties.status).toBe('2');
  });
});

describe('close()', () => {
  it('returns promptly while requests hang', async () => {
    const own = await startSimulator({ port: 0 });
    own.setFault('connections', 'hang-headers');
    own.setFault('update-cycle', { mode: 'slow', delayMs: 60_000 });
    const pending = [
      fetch(connectionsUrl(own)).catch((e: unknown) => e),
      fetch(updateCycleUrl(own), { headers: { 'X-RJM-API-Key': KEY_194 } }).catch((e: unknown) => e),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(500);
    for (const outcome of await Promise.all(pending)) expect(outcome).toBeInstanceOf(Error);
  });
});
