// Fault modes for the two API endpoints. A fault applies to every request of its endpoint until cleared.

import type { ServerResponse } from 'node:http';
import type { Connection } from './data.js';
import { formatEst, generateConnections } from './data.js';
import { maintenancePage, signInPage } from './pages.js';

export const FAULT_ENDPOINTS = ['connections', 'update-cycle'] as const;
export type FaultEndpoint = (typeof FAULT_ENDPOINTS)[number];

export const FAULT_MODES = [
  'none',
  '500',
  '503',
  '429',
  '401',
  '403',
  'redirect',
  'html',
  'login-page',
  'malformed-json',
  'wrong-shape',
  'unknown-status',
  'hostile-names',
  'duplicate-ids',
  'bidi-names',
  'future-end',
  'huge',
  'hang',
  'hang-headers',
  'drop',
  'slow',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultSetting {
  mode: FaultMode;
  /** Wait this long before answering (any mode); `slow` waits 2000 ms when not given. */
  delayMs?: number;
}

export function isFaultEndpoint(value: unknown): value is FaultEndpoint {
  return typeof value === 'string' && (FAULT_ENDPOINTS as readonly string[]).includes(value);
}

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === 'string' && (FAULT_MODES as readonly string[]).includes(value);
}

/** Retry-After of a 429, in seconds: long enough to show the wait, short enough for the browser tests. */
export const RETRY_AFTER_SECONDS = 15;

export function faultDelay(fault: FaultSetting): number {
  return fault.delayMs ?? (fault.mode === 'slow' ? 2000 : 0);
}

export const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
];
export const UNKNOWN_STATUSES = ['7', 'RECONNECTING'];

/**
 * `text` with a right-to-left override, a left-to-right isolate, a line break and C1 controls worked in
 * (`bidi-names`). Without them (a break or C1 control read as a space) it reads as `text` again.
 */
export function withControls(text: string): string {
  return `\u202E${text.replace(' ', '\n')}\u0085`;
}

/** An error text for `bidi-names`; without its controls it reads "`text` (code 7)". */
export function errorWithControls(text: string): string {
  return `\u2066${text}\u009B\u202E (code 7)`;
}

/**
 * `duplicate-ids`: the first connection twice (the copy with the opposite status: healthy for a broken one,
 * needing re-authorization for a healthy one), and the last one without its properties.
 */
function withAnomalies(list: Connection[]): Connection[] {
  const [first, ...rest] = list;
  if (!first) return list;
  const twin = { ...first, properties: { ...first.properties, status: first.properties.status === '1' ? '2' : '1' } };
  const last = rest.pop();
  const unreadable = last && (({ properties: _properties, ...others }) => others)(last);
  return [first, twin, ...rest, ...(unreadable ? [unreadable as Connection] : [])];
}

/** `future-end`: how far ahead of the simulator's clock the last update is said to have ended. */
export const FUTURE_END_MS = 3 * 3_600_000;

/** Modes that change the data of a normal answer; every other mode replaces the answer. */
const DATA_MODES: ReadonlySet<FaultMode> = new Set([
  'none',
  'slow',
  'unknown-status',
  'hostile-names',
  'duplicate-ids',
  'bidi-names',
  'future-end',
]);

export function replacesAnswer(mode: FaultMode): boolean {
  return !DATA_MODES.has(mode);
}

export function applyToConnections(list: Connection[], mode: FaultMode): Connection[] {
  if (mode === 'unknown-status') {
    return list.map((c, i) => ({ ...c, properties: { ...c.properties, status: pick(UNKNOWN_STATUSES, i) } }));
  }
  if (mode === 'hostile-names') {
    return list.map((c, i) => ({
      ...c,
      name: pick(HOSTILE_NAMES, i),
      display_name: pick(HOSTILE_NAMES, i + 1),
      integration_type: { ...c.integration_type, display_name: pick(HOSTILE_NAMES, i + 2) },
      properties: 'error' in c.properties ? { ...c.properties, error: pick(HOSTILE_NAMES, i + 3) } : c.properties,
    }));
  }
  if (mode === 'duplicate-ids') return withAnomalies(list);
  if (mode === 'bidi-names') {
    return list.map((c) => ({
      ...c,
      name: withControls(c.name),
      display_name: withControls(c.display_name ?? c.name),
      integration_type: { ...c.integration_type, display_name: withControls(c.integration_type.display_name) },
      properties:
        typeof c.properties.error === 'string'
          ? { ...c.properties, error: errorWithControls(c.properties.error) }
          : c.properties,
    }));
  }
  return list;
}

export interface UpdateCycleBody {
  clientId: number;
  lastCompletedUpdateJob: null | {
    id: number;
    type: { id: number; name: string };
    start: string;
    end: string;
    status: { id: number; name: string };
  };
  lastCompletedUpdateJobWithDataSync: null;
  timezoneAbbreviation: string;
}

export function applyToUpdateCycle(body: UpdateCycleBody, mode: FaultMode, now: number): UpdateCycleBody {
  const job = body.lastCompletedUpdateJob;
  if (job === null) return body;
  if (mode === 'future-end')
    return { ...body, lastCompletedUpdateJob: { ...job, end: formatEst(now + FUTURE_END_MS) } };
  if (mode === 'bidi-names')
    return {
      ...body,
      lastCompletedUpdateJob: { ...job, status: { ...job.status, name: withControls(job.status.name) } },
    };
  if (mode === 'unknown-status')
    return { ...body, lastCompletedUpdateJob: { ...job, status: { id: 7, name: 'RECONNECTING' } } };
  if (mode === 'hostile-names') {
    const type = { ...job.type, name: pick(HOSTILE_NAMES, 0) };
    return {
      ...body,
      lastCompletedUpdateJob: { ...job, type, status: { ...job.status, name: pick(HOSTILE_NAMES, 1) } },
    };
  }
  return body;
}

function pick(list: readonly string[], i: number): string {
  return list[i % list.length] ?? '';
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Answers a request with a fault that replaces the normal answer. `normalBody` gives the body the
 * endpoint would have sent (for `malformed-json`).
 */
export function writeFault(
  res: ServerResponse,
  endpoint: FaultEndpoint,
  mode: FaultMode,
  normalBody: () => unknown,
): void {
  switch (mode) {
    case '500':
      return json(res, 500, { error: 'Internal Server Error' });
    case '503':
      return json(res, 503, { error: 'Service Unavailable' });
    case '429':
      return json(res, 429, { error: 'Too Many Requests' }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    case '401':
      return json(res, 401, { error: 'Unauthorized' });
    case '403':
      return json(res, 403, { error: 'Forbidden' });
    case 'redirect':
      res.writeHead(302, { location: '/v2/session/create', 'cache-control': 'no-store' });
      return void res.end();
    case 'html':
      res.writeHead(200, { 'content-type': HTML_TYPE, 'cache-control': 'no-store' });
      return void res.end(maintenancePage());
    case 'login-page':
      res.writeHead(200, { 'content-type': HTML_TYPE, 'cache-control': 'no-store' });
      return void res.end(signInPage({}));
    case 'malformed-json': {
      const text = JSON.stringify(normalBody());
      res.writeHead(200, { 'content-type': JSON_TYPE, 'cache-control': 'no-store' });
      return void res.end(text.slice(0, Math.max(1, Math.floor(text.length * 0.6))));
    }
    case 'wrong-shape':
      return json(res, 200, { data: { items: [] } });
    case 'huge':
      return streamHuge(res, endpoint);
    case 'hang':
      res.writeHead(200, { 'content-type': JSON_TYPE, 'cache-control': 'no-store' });
      return void res.write(endpoint === 'connections' ? '[' : '{"clientId":');
    case 'hang-headers':
      return;
    case 'drop':
      return void res.socket?.destroy();
    case 'none':
    case 'slow':
    case 'unknown-status':
    case 'hostile-names':
    case 'duplicate-ids':
    case 'bidi-names':
    case 'future-end':
      throw new Error(`fault mode ${mode} does not replace the answer`);
  }
}

export const HUGE_BYTES = 20 * 1024 * 1024;

/** Streams a valid JSON body of at least 20 MiB, chunked, without Content-Length, honouring backpressure. */
function streamHuge(res: ServerResponse, endpoint: FaultEndpoint): void {
  const [open, close] =
    endpoint === 'connections'
      ? ['[', ']']
      : [
          '{"clientId":194,"lastCompletedUpdateJob":null,"lastCompletedUpdateJobWithDataSync":null,"timezoneAbbreviation":"EST","history":[',
          ']}',
        ];
  // Each item is split around its id so that every record in the body gets a distinct id.
  const batch = generateConnections(194, 200, 0.2, Date.now()).map((c) =>
    JSON.stringify({ ...c, id: -1 }).split('"id":-1'),
  );
  let written = 0;
  let round = 0;
  res.writeHead(200, { 'content-type': JSON_TYPE, 'cache-control': 'no-store' });
  const pump = (): void => {
    while (!res.destroyed) {
      if (written >= HUGE_BYTES) return void res.end(close);
      const items = batch.map(([head, tail], i) => `${head}"id":${1_000_000 + round * batch.length + i}${tail}`);
      const chunk = (round === 0 ? open : ',') + items.join(',');
      round++;
      written += Buffer.byteLength(chunk);
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  pump();
}
