// The three pipeline APIs on the simulator's origin, under a prefix each so an account's "API base URL" can
// point at them: `<sim>/fivetran` for https://api.fivetran.com, `<sim>/airbyte` for https://api.airbyte.com,
// `<sim>/stitch` for https://api.stitchdata.com. Data from pipelines-data.ts; one fault per pipeline; the
// requests each pipeline had.

import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SIM_TIMING } from '../../scripts/sim-timing';
import { RETRY_AFTER_SECONDS } from './faults.js';
import { match, readBody, type Ctx } from './http.js';
import {
  airbyteConnectionJson,
  airbyteJobJson,
  airbyteLabel,
  fivetranItem,
  fivetranLabel,
  seedAirbyte,
  seedFivetran,
  seedStitch,
  setFivetranState,
  setStitchState,
  shiftFivetran,
  shiftStitch,
  stitchCheckJson,
  stitchExtractionJson,
  stitchLabel,
  stitchSourceJson,
  STITCH_CLIENT_ID,
  AIRBYTE_AUTH_REASON,
  FIVETRAN_SEED_SIZE,
  type AirbyteConnection,
  type AirbyteJob,
  type FivetranRecord,
  type PipelineConnectionState,
  type StitchSource,
} from './pipelines-data.js';
import { SimError } from './state.js';

export const PIPELINES = ['fivetran', 'airbyte', 'stitch'] as const;
export type Pipeline = (typeof PIPELINES)[number];

export const PIPELINE_FAULTS = ['none', '401', '429', '500', 'malformed', 'slow', 'endless-pages'] as const;
export type PipelineFault = (typeof PIPELINE_FAULTS)[number];

export const PIPELINE_CONNECTION_STATES = ['ok', 'broken', 'reconnect', 'paused'] as const;
export type { PipelineConnectionState };

export interface PipelineFaultExtra {
  /** `429`: the `Retry-After` in seconds (default 15). */
  retryAfterSeconds?: number;
}

export interface PipelineFaultSetting {
  fault: PipelineFault;
  retryAfterSeconds?: number;
}

export interface PipelineSnapshot {
  faults: Record<Pipeline, PipelineFaultSetting>;
  /** Requests under each pipeline's prefix since start or the last reset, whatever their answer. */
  requests: Record<Pipeline, number>;
  /** Airbyte access tokens issued since start or the last reset. */
  airbyteTokensIssued: number;
  /** Every connection (Stitch: source) with the simulator's own reading of it. */
  connections: Record<Pipeline, { id: string; name: string; state: string }[]>;
}

/** The credentials the simulator accepts. */
export const PIPELINE_CREDENTIALS = {
  fivetran: { apiKey: 'sim-fivetran-key', apiSecret: 'sim-fivetran-secret' },
  airbyte: { clientId: 'sim-airbyte-client', clientSecret: 'sim-airbyte-secret' },
  stitch: { token: 'sim-stitch-token' },
} as const;

/** `slow` answers after this: longer than the simulator build gives a request, so the read times out. */
export const PIPELINE_SLOW_MS = SIM_TIMING.requestTimeoutMs + 2_000;
/** Airbyte's access tokens live 3 minutes ("only valid for 3 minutes"). */
export const AIRBYTE_TOKEN_SECONDS = 180;
/** Fivetran's paid-plan allowance, sent as `X-Rate-Limit`. */
export const FIVETRAN_RATE_LIMIT = 20_000;
export const FIVETRAN_ACCEPT = 'application/json;version=2';

const isPipeline = (v: unknown): v is Pipeline => typeof v === 'string' && (PIPELINES as readonly string[]).includes(v);
const isFault = (v: unknown): v is PipelineFault =>
  typeof v === 'string' && (PIPELINE_FAULTS as readonly string[]).includes(v);
const isState = (v: unknown): v is PipelineConnectionState =>
  typeof v === 'string' && (PIPELINE_CONNECTION_STATES as readonly string[]).includes(v);

export interface PipelineOptions {
  /** How many Fivetran connections the seed (and every reset) has; default 12. */
  fivetranConnections?: number;
}

const MAX_SEED = 100_000;

function checkCount(count: unknown): number {
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_SEED)
    throw new SimError(400, `count must be an integer 0…${MAX_SEED}`);
  return count;
}

/** The pipelines' data, faults, request counts and Airbyte tokens. */
export class PipelineState {
  fivetran: FivetranRecord[] = [];
  airbyte: { connections: AirbyteConnection[]; jobs: AirbyteJob[] } = { connections: [], jobs: [] };
  stitch: StitchSource[] = [];
  private faults = new Map<Pipeline, PipelineFaultSetting>();
  private requests = new Map<Pipeline, number>();
  /** Token → when it was issued (ms, on the simulator's clock). Kept through a reset, like MBI sessions. */
  private tokens = new Map<string, number>();
  private tokensIssued = 0;
  private readonly fivetranSize: number;

  constructor(
    opts: PipelineOptions = {},
    readonly now: () => number = Date.now,
  ) {
    this.fivetranSize =
      opts.fivetranConnections === undefined ? FIVETRAN_SEED_SIZE : checkCount(opts.fivetranConnections);
    this.reset();
  }

  /** Data back to seed (with the size given at start), faults cleared, request counts zero. Tokens stay valid. */
  reset(): void {
    const now = this.now();
    this.fivetran = seedFivetran(now, this.fivetranSize);
    this.airbyte = seedAirbyte(now);
    this.stitch = seedStitch(now);
    this.faults.clear();
    this.requests.clear();
    this.tokensIssued = 0;
  }

  /** Replaces a pipeline's data with `count` connections: the seed, then copies of it in turn. */
  seed(pipeline: unknown, count: unknown): { count: number } {
    if (!isPipeline(pipeline)) throw new SimError(400, `pipeline must be one of ${PIPELINES.join(', ')}`);
    const n = checkCount(count);
    const now = this.now();
    if (pipeline === 'fivetran') this.fivetran = seedFivetran(now, n);
    else if (pipeline === 'airbyte') this.airbyte = seedAirbyte(now, n);
    else this.stitch = seedStitch(now, n);
    return { count: n };
  }

  setFault(pipeline: unknown, fault: unknown, extra: PipelineFaultExtra = {}): void {
    if (!isPipeline(pipeline)) throw new SimError(400, `pipeline must be one of ${PIPELINES.join(', ')}`);
    if (!isFault(fault)) throw new SimError(400, `fault must be one of ${PIPELINE_FAULTS.join(', ')}`);
    const { retryAfterSeconds } = extra;
    if (
      retryAfterSeconds !== undefined &&
      (typeof retryAfterSeconds !== 'number' ||
        !Number.isInteger(retryAfterSeconds) ||
        retryAfterSeconds < 0 ||
        retryAfterSeconds > 86_400)
    )
      throw new SimError(400, 'retryAfterSeconds must be an integer 0…86400');
    if (fault === 'none') return void this.faults.delete(pipeline);
    this.faults.set(pipeline, retryAfterSeconds === undefined ? { fault } : { fault, retryAfterSeconds });
  }

  fault(pipeline: Pipeline): PipelineFaultSetting {
    return this.faults.get(pipeline) ?? { fault: 'none' };
  }

  /** Sets one connection (Stitch: source) to a state; 404 for an unknown id. */
  setConnection(pipeline: unknown, id: unknown, state: unknown): { id: string; name: string; state: string } {
    if (!isPipeline(pipeline)) throw new SimError(400, `pipeline must be one of ${PIPELINES.join(', ')}`);
    if (typeof id !== 'string' && typeof id !== 'number') throw new SimError(400, 'id must be a string or a number');
    if (!isState(state)) throw new SimError(400, `state must be one of ${PIPELINE_CONNECTION_STATES.join(', ')}`);
    const key = String(id);
    const now = this.now();
    const missing = (): SimError => new SimError(404, `Unknown ${pipeline} connection ${JSON.stringify(key)}`);
    if (pipeline === 'fivetran') {
      const r = this.fivetran.find((c) => c.id === key);
      if (!r) throw missing();
      setFivetranState(r, state, now);
      return { id: r.id, name: r.schema, state: fivetranLabel(r) };
    }
    if (pipeline === 'airbyte') {
      const c = this.airbyte.connections.find((x) => x.connectionId === key);
      if (!c) throw missing();
      this.setAirbyteState(c, state, now);
      return { id: c.connectionId, name: c.name, state: airbyteLabel(c, this.latestJob(c.connectionId)) };
    }
    const s = this.stitch.find((x) => String(x.id) === key);
    if (!s) throw missing();
    setStitchState(s, state, now);
    return { id: String(s.id), name: s.displayName, state: stitchLabel(s) };
  }

  private setAirbyteState(c: AirbyteConnection, state: PipelineConnectionState, now: number): void {
    delete c.statusReason;
    c.status = state === 'ok' || state === 'broken' ? 'active' : 'inactive';
    if (state === 'reconnect') c.statusReason = AIRBYTE_AUTH_REASON;
    if (state === 'ok' || state === 'broken') {
      const jobId = Math.max(0, ...this.airbyte.jobs.map((j) => j.jobId)) + 1;
      const job: AirbyteJob = {
        jobId,
        connectionId: c.connectionId,
        status: state === 'ok' ? 'succeeded' : 'failed',
        jobType: 'sync',
        startTime: now - 150_000,
        updatedAt: now,
      };
      if (state === 'ok') {
        job.rowsSynced = 4_210;
        job.bytesSynced = 1_734_520;
      }
      this.airbyte.jobs.push(job);
    }
  }

  latestJob(connectionId: string): AirbyteJob | undefined {
    let latest: AirbyteJob | undefined;
    for (const job of this.airbyte.jobs)
      if (job.connectionId === connectionId && (!latest || job.jobId > latest.jobId)) latest = job;
    return latest;
  }

  /** What moving the clock forward does: every time written reads `ms` older; tokens age as well. */
  advanceClock(ms: number): void {
    for (const r of this.fivetran) shiftFivetran(r, ms);
    for (const c of this.airbyte.connections) c.createdAt -= ms;
    for (const j of this.airbyte.jobs) {
      j.startTime -= ms;
      j.updatedAt -= ms;
    }
    for (const s of this.stitch) shiftStitch(s, ms);
    for (const [token, at] of this.tokens) this.tokens.set(token, at - ms);
  }

  issueToken(): string {
    // Shaped like the JWT Airbyte sends; its content means nothing.
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'sim-airbyte-client', jti: randomUUID() })}.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, this.now());
    this.tokensIssued++;
    return token;
  }

  tokenValid(token: string): boolean {
    const at = this.tokens.get(token);
    return at !== undefined && this.now() - at < AIRBYTE_TOKEN_SECONDS * 1000;
  }

  /** Every Airbyte token issued so far stops working; returns how many were valid. */
  expireTokens(): number {
    let valid = 0;
    for (const token of this.tokens.keys()) if (this.tokenValid(token)) valid++;
    this.tokens.clear();
    return valid;
  }

  count(pipeline: Pipeline): number {
    const n = (this.requests.get(pipeline) ?? 0) + 1;
    this.requests.set(pipeline, n);
    return n;
  }

  requestCounts(): Record<Pipeline, number> {
    return {
      fivetran: this.requests.get('fivetran') ?? 0,
      airbyte: this.requests.get('airbyte') ?? 0,
      stitch: this.requests.get('stitch') ?? 0,
    };
  }

  snapshot(): PipelineSnapshot {
    return {
      faults: { fivetran: this.fault('fivetran'), airbyte: this.fault('airbyte'), stitch: this.fault('stitch') },
      requests: this.requestCounts(),
      airbyteTokensIssued: this.tokensIssued,
      connections: {
        fivetran: this.fivetran.map((r) => ({ id: r.id, name: r.schema, state: fivetranLabel(r) })),
        airbyte: this.airbyte.connections.map((c) => ({
          id: c.connectionId,
          name: c.name,
          state: airbyteLabel(c, this.latestJob(c.connectionId)),
        })),
        stitch: this.stitch.map((s) => ({ id: String(s.id), name: s.displayName, state: stitchLabel(s) })),
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Routes.

interface Answer {
  status: number;
  /** JSON, or plain text when a string and `text` is set. */
  body: unknown;
  text?: boolean;
  headers?: Record<string, string>;
}

interface Ask {
  ctx: Ctx;
  state: PipelineState;
  /** The path after the pipeline's prefix, e.g. "/v1/connections". */
  path: string;
  /** The pipeline's base on this origin, e.g. "http://127.0.0.1:8127/fivetran". */
  base: string;
  endless: boolean;
}

const PREFIX: Record<Pipeline, string> = { fivetran: '/fivetran', airbyte: '/airbyte', stitch: '/stitch' };

function pipelineOf(path: string): Pipeline | undefined {
  return PIPELINES.find((p) => path === PREFIX[p] || path.startsWith(`${PREFIX[p]}/`));
}

/** Every request under `/fivetran/`, `/airbyte/` or `/stitch/`; false for any other path. */
export async function handlePipelines(ctx: Ctx): Promise<boolean> {
  const pipeline = pipelineOf(ctx.url.pathname);
  if (!pipeline) return false;
  const state = ctx.pipelines;
  const n = state.count(pipeline);
  const { fault, retryAfterSeconds } = state.fault(pipeline);
  const ask: Ask = {
    ctx,
    state,
    path: ctx.url.pathname.slice(PREFIX[pipeline].length),
    base: `http://${ctx.req.headers.host ?? '127.0.0.1'}${PREFIX[pipeline]}`,
    endless: fault === 'endless-pages',
  };
  let answer: Answer;
  switch (fault) {
    case '401':
      answer = unauthorized(pipeline);
      break;
    case '429':
      answer = tooMany(pipeline, retryAfterSeconds ?? RETRY_AFTER_SECONDS);
      break;
    case '500':
      answer = error(pipeline, 500, 'InternalServerError', 'Internal Server Error');
      break;
    case 'slow':
      if (!(await ctx.sleep(PIPELINE_SLOW_MS))) return true;
      answer = await route(pipeline, ask);
      break;
    default:
      answer = await route(pipeline, ask);
  }
  if (pipeline === 'fivetran') {
    const remaining = fault === '429' ? 0 : Math.max(0, FIVETRAN_RATE_LIMIT - n);
    answer.headers = {
      'x-rate-limit': String(FIVETRAN_RATE_LIMIT),
      'x-rate-limit-remaining': String(remaining),
      ...answer.headers,
    };
  }
  send(ctx, answer, fault === 'malformed');
  return true;
}

function send(ctx: Ctx, answer: Answer, malformed: boolean): void {
  const { res } = ctx;
  if (res.destroyed || res.headersSent) return;
  let text = answer.text ? String(answer.body) : JSON.stringify(answer.body);
  // `malformed`: a successful answer cut at 60 % (no longer JSON); refusals stay whole.
  if (malformed && answer.status === 200) text = text.slice(0, Math.max(1, Math.floor(text.length * 0.6)));
  res.writeHead(answer.status, {
    'content-type': answer.text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...answer.headers,
  });
  res.end(text);
}

async function route(pipeline: Pipeline, ask: Ask): Promise<Answer> {
  if (pipeline === 'fivetran') return fivetran(ask);
  if (pipeline === 'airbyte') return airbyte(ask);
  return stitch(ask);
}

/** Each vendor's error body. Fivetran: `{code, message}` (its envelope without `data`); Airbyte: its problem
 * JSON; Stitch: `{code, message}` as in its docs' object example. The codes and texts are the simulator's. */
function error(pipeline: Pipeline, status: number, code: string, message: string): Answer {
  if (pipeline === 'airbyte')
    return {
      status,
      body: { type: 'https://reference.airbyte.com/reference/errors', title: code, status, detail: message },
    };
  return { status, body: { code, message } };
}

function unauthorized(pipeline: Pipeline): Answer {
  // Airbyte's rejected token request answers {"errorId": …}; its API calls answer the same here.
  if (pipeline === 'airbyte') return { status: 401, body: { errorId: randomUUID() } };
  if (pipeline === 'fivetran') return error(pipeline, 401, 'NotAuthorized', 'Missing or invalid API key or secret');
  return error(pipeline, 401, 'Unauthorized', "The request doesn't have a valid API access token.");
}

function tooMany(pipeline: Pipeline, retryAfter: number): Answer {
  const answer = error(pipeline, 429, 'TooManyRequests', 'Too many requests; retry later');
  answer.headers = { 'retry-after': String(retryAfter) };
  return answer;
}

const notFound = (pipeline: Pipeline, what = 'Not found'): Answer => error(pipeline, 404, 'NotFound', what);
const badRequest = (pipeline: Pipeline, what: string): Answer => error(pipeline, 400, 'InvalidInput', what);

/** An integer query parameter in [min, max], its default when absent, or undefined when invalid. */
function intParam(url: URL, name: string, fallback: number, min: number, max: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= min && n <= max ? n : undefined;
}

/**
 * `count` items from `start` of a list; with `endless`, the list repeats forever, the copies' ids suffixed
 * with the round (`clone(item, round)`), so every page is full and has a successor.
 */
function pageOf<T>(
  list: readonly T[],
  start: number,
  count: number,
  endless: boolean,
  clone: (item: T, round: number) => T,
): T[] {
  if (!endless) return list.slice(start, start + count);
  if (list.length === 0) return [];
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    const round = Math.floor(i / list.length);
    const item = list[i % list.length]!;
    return round === 0 ? item : clone(item, round);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Fivetran: Basic auth, `Accept: application/json;version=2`, cursor pagination.

function basicAuth(req: IncomingMessage): { key: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** Whether one of the Accept header's media ranges is `application/json;version=2` (spaces and case aside). */
export function acceptsFivetranV2(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => range.replace(/\s+/g, '').toLowerCase() === FIVETRAN_ACCEPT);
}

/** Fivetran's cursor is opaque; its docs' example is base64url of {"skip":n}, which the simulator copies. */
export function fivetranCursor(skip: number): string {
  return Buffer.from(JSON.stringify({ skip })).toString('base64url');
}

function readCursor(cursor: string | null): number | undefined {
  if (cursor === null || cursor === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const skip = (parsed as { skip?: unknown } | null)?.skip;
    return typeof skip === 'number' && Number.isInteger(skip) && skip >= 0 ? skip : undefined;
  } catch {
    return undefined;
  }
}

const success = (data: unknown, message = 'Operation performed.'): Answer => ({
  status: 200,
  body: { code: 'Success', message, data },
});

async function fivetran(ask: Ask): Promise<Answer> {
  const { ctx, state, path } = ask;
  const { req } = ctx;
  const creds = basicAuth(req);
  const { apiKey, apiSecret } = PIPELINE_CREDENTIALS.fivetran;
  if (!creds || creds.key !== apiKey || creds.secret !== apiSecret) return unauthorized('fivetran');
  if (!acceptsFivetranV2(req.headers.accept))
    return error('fivetran', 406, 'NotAcceptable', `Send "Accept: ${FIVETRAN_ACCEPT}"`);
  let p: Record<string, string> | null;
  if (req.method === 'GET' && path === '/v1/connections') {
    return fivetranList(ask, state.fivetran);
  } else if (req.method === 'GET' && (p = match('/v1/groups/:group/connections', path))) {
    return fivetranList(
      ask,
      state.fivetran.filter((r) => r.groupId === p!.group),
    );
  } else if (req.method === 'GET' && (p = match('/v1/connections/:id', path))) {
    const r = state.fivetran.find((c) => c.id === p!.id);
    if (!r) return notFound('fivetran', `Connection with id '${p.id}' doesn't exist`);
    return success(fivetranItem(r));
  } else if (req.method === 'POST' && (p = match('/v1/connections/:id/connect-card', path))) {
    const body = await readBody(req);
    let config: unknown = {};
    if (body.trim() !== '') {
      try {
        config = (JSON.parse(body) as { connect_card_config?: unknown }).connect_card_config ?? {};
      } catch {
        return badRequest('fivetran', 'Body is not valid JSON');
      }
    }
    const r = state.fivetran.find((c) => c.id === p!.id);
    if (!r) return notFound('fivetran', `Connection with id '${p.id}' doesn't exist`);
    const token = connectCardToken(r.id, state.now());
    return success(
      {
        connector_id: r.id,
        connect_card: { token, uri: `https://fivetran.com/connect-card/setup?auth=${token}` },
        connect_card_config: config,
      },
      'Connect Card has been created',
    );
  }
  return notFound('fivetran');
}

function fivetranList(ask: Ask, all: FivetranRecord[]): Answer {
  const { url } = ask.ctx;
  const limit = intParam(url, 'limit', 100, 1, 1000);
  if (limit === undefined) return badRequest('fivetran', 'limit must be an integer 1..1000');
  const skip = readCursor(url.searchParams.get('cursor'));
  if (skip === undefined) return badRequest('fivetran', 'Invalid cursor');
  const schema = url.searchParams.get('schema');
  const group = url.searchParams.get('group_id');
  const list = all.filter((r) => (schema === null || r.schema === schema) && (group === null || r.groupId === group));
  const page = pageOf(list, skip, limit, ask.endless, (r, round) => ({
    ...r,
    id: `${r.id}_p${round}`,
    schema: `${r.schema}_p${round}`,
  }));
  const data: Record<string, unknown> = { items: page.map(fivetranItem) };
  // The last page has no next_cursor.
  if (ask.endless || skip + limit < list.length) data.next_cursor = fivetranCursor(skip + limit);
  return success(data);
}

/** A JWT-shaped token for a Connect Card, valid "for one day". */
function connectCardToken(connectionId: string, now: number): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'HS256' })}.${part({ connector_id: connectionId, exp: Math.floor(now / 1000) + 86_400 })}.${randomBytes(24).toString('base64url')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Airbyte: a token from client credentials, Bearer, offset pagination with next/previous URLs.

const AIRBYTE_DEFAULT_LIMIT = 20;
const AIRBYTE_MAX_LIMIT = 100;

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

async function airbyte(ask: Ask): Promise<Answer> {
  const { ctx, state, path } = ask;
  const { req } = ctx;
  if (req.method === 'GET' && path === '/v1/health') return { status: 200, body: 'Successful operation', text: true };
  if (req.method === 'POST' && path === '/v1/applications/token') {
    const text = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return error('airbyte', 400, 'bad-request', 'Body is not valid JSON');
    }
    const { clientId, clientSecret } = PIPELINE_CREDENTIALS.airbyte;
    const grant = body?.['grant-type'];
    if (
      typeof body !== 'object' ||
      body === null ||
      body.client_id !== clientId ||
      body.client_secret !== clientSecret ||
      (grant !== undefined && grant !== 'client_credentials')
    )
      return unauthorized('airbyte');
    return {
      status: 200,
      body: { access_token: state.issueToken(), token_type: 'Bearer', expires_in: AIRBYTE_TOKEN_SECONDS },
    };
  }
  const token = bearer(req);
  if (token === undefined || !state.tokenValid(token)) return unauthorized('airbyte');
  let p: Record<string, string> | null;
  if (req.method === 'GET' && path === '/v1/connections') return airbyteConnections(ask);
  if (req.method === 'GET' && (p = match('/v1/connections/:id', path))) {
    const c = state.airbyte.connections.find((x) => x.connectionId === p!.id);
    return c ? { status: 200, body: airbyteConnectionJson(c) } : notFound('airbyte', `Connection ${p.id} not found`);
  }
  if (req.method === 'GET' && path === '/v1/jobs') return airbyteJobs(ask);
  if (req.method === 'GET' && (p = match('/v1/jobs/:id', path))) {
    const job = state.airbyte.jobs.find((j) => String(j.jobId) === p!.id);
    return job ? { status: 200, body: airbyteJobJson(job) } : notFound('airbyte', `Job ${p.id} not found`);
  }
  return notFound('airbyte');
}

/** Airbyte's next/previous (its PaginationMapper): "" when there is none; next only after a full page. */
function airbytePage<T>(
  ask: Ask,
  endpoint: string,
  query: Record<string, string>,
  list: readonly T[],
  clone: (item: T, round: number) => T,
  json: (item: T) => unknown,
): Answer {
  const { url } = ask.ctx;
  const limit = intParam(url, 'limit', AIRBYTE_DEFAULT_LIMIT, 1, AIRBYTE_MAX_LIMIT);
  const offset = intParam(url, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (limit === undefined || offset === undefined)
    return error('airbyte', 400, 'bad-request', `limit must be 1..${AIRBYTE_MAX_LIMIT}, offset ≥ 0`);
  const page = pageOf(list, offset, limit, ask.endless, clone);
  const link = (at: number): string =>
    `${ask.base}${endpoint}?${new URLSearchParams({ ...query, limit: String(limit), offset: String(at) }).toString()}`;
  return {
    status: 200,
    body: {
      next: page.length === 0 || page.length < limit ? '' : link(offset + limit),
      previous: offset === 0 ? '' : link(Math.max(0, offset - limit)),
      data: page.map(json),
    },
  };
}

function airbyteConnections(ask: Ask): Answer {
  const { url } = ask.ctx;
  const workspaceIds = url.searchParams.get('workspaceIds');
  const includeDeleted = url.searchParams.get('includeDeleted') === 'true';
  const wanted = workspaceIds ? workspaceIds.split(',').map((w) => w.trim()) : [];
  const list = ask.state.airbyte.connections.filter(
    (c) => (wanted.length === 0 || wanted.includes(c.workspaceId)) && (includeDeleted || c.status !== 'deprecated'),
  );
  const query: Record<string, string> = {};
  if (workspaceIds) query.workspaceIds = workspaceIds;
  query.includeDeleted = String(includeDeleted);
  return airbytePage(
    ask,
    '/v1/connections',
    query,
    list,
    (c, round) => ({
      ...c,
      connectionId: `${c.connectionId.slice(0, 24)}${String(round).padStart(12, 'f')}`,
      name: `${c.name} #${round}`,
    }),
    airbyteConnectionJson,
  );
}

function airbyteJobs(ask: Ask): Answer {
  const { url } = ask.ctx;
  const connectionId = url.searchParams.get('connectionId');
  // Latest first; with connectionId, that connection's only (workspaceIds are then ignored, as Airbyte does).
  const list = ask.state.airbyte.jobs
    .filter((j) => connectionId === null || j.connectionId === connectionId)
    .sort((a, b) => b.jobId - a.jobId);
  const query: Record<string, string> = {};
  if (connectionId !== null) query.connectionId = connectionId;
  return airbytePage(
    ask,
    '/v1/jobs',
    query,
    list,
    (j, round) => ({ ...j, jobId: j.jobId - round * 1_000_000 }),
    airbyteJobJson,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Stitch: Bearer token; sources as a plain array (as documented); extractions paginated by 100.

const STITCH_PAGE = 100;

function stitch(ask: Ask): Answer {
  const { ctx, state, path } = ask;
  const { req, url } = ctx;
  if (bearer(req) !== PIPELINE_CREDENTIALS.stitch.token) return unauthorized('stitch');
  if (req.method !== 'GET') return notFound('stitch');
  let p: Record<string, string> | null;
  if (path === '/v4/sources') return { status: 200, body: state.stitch.map(stitchSourceJson) };
  if ((p = match('/v4/sources/:id', path))) {
    const s = state.stitch.find((x) => String(x.id) === p!.id);
    return s ? { status: 200, body: stitchSourceJson(s) } : notFound('stitch', `Source ${p.id} not found`);
  }
  if ((p = match('/v4/sources/:id/last-connection-check', path))) {
    const s = state.stitch.find((x) => String(x.id) === p!.id);
    return s ? { status: 200, body: stitchCheckJson(s) } : notFound('stitch', `Source ${p.id} not found`);
  }
  if ((p = match('/v4/:client/extractions', path))) {
    // "The client ID must be associated with the provided access token."
    if (p.client !== String(STITCH_CLIENT_ID)) return notFound('stitch', `Client ${p.client} not found`);
    const page = intParam(url, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
    if (page === undefined) return badRequest('stitch', 'page must be an integer ≥ 1');
    // One record per source with an extraction, ascending by source_id.
    const all = state.stitch
      .filter((s) => s.extraction !== null)
      .sort((a, b) => a.id - b.id)
      .map((s) => stitchExtractionJson(s, s.extraction!));
    const data = pageOf(all, (page - 1) * STITCH_PAGE, STITCH_PAGE, ask.endless, (e, round) => ({
      ...e,
      source_id: Number(e.source_id) + round * 1_000_000,
    }));
    const total = ask.endless ? Math.max(all.length, page * STITCH_PAGE + 1) : all.length;
    const links: Record<string, string> = {};
    // Links are paths from the API's root, as Stitch writes them ("/v4/116078/extractions?page=3").
    if (page * STITCH_PAGE < total) links.next = `/v4/${STITCH_CLIENT_ID}/extractions?page=${page + 1}`;
    if (page > 1 && total > STITCH_PAGE) links.previous = `/v4/${STITCH_CLIENT_ID}/extractions?page=${page - 1}`;
    return { status: 200, body: { data, page, total, links } };
  }
  return notFound('stitch');
}
