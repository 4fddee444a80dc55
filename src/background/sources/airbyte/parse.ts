// Pure: Airbyte's answers (DOMAIN-NEXT §3.3) — one page of `GET /v1/connections` or `GET /v1/jobs`
// (`data[]`, `next` as an offset link), and the token of `POST /v1/applications/token`.
import { isRecord } from '../../../core/keyed-record';
import {
  formatChanged,
  HIDDEN,
  readJobs,
  readList,
  whatIs,
  withPaging,
  type JobsResult,
  type Obj,
  type PageResult,
} from '../../../core/pipeline-page';
import { idText, isoTime, MAX_DETAIL, MAX_ID, MAX_NAME, numberParam, text } from '../../../core/remote-text';
import type { FeedError, Integration } from '../../../core/types';
import { stateForConnection, type AirbyteJob } from './status';

/** The offset of the page a `next` link points to; a link without one is an anomaly and ends the list. */
function nextOffset(next: unknown, anomalies: string[]): number | undefined {
  const offset = numberParam(next, 'offset');
  if (offset === undefined && typeof next === 'string' && next !== '')
    anomalies.push('The link to the next page has no offset; the list may be incomplete.');
  return offset;
}

const UNIT_MINUTES: Readonly<Record<string, number>> = { minutes: 1, hours: 60, days: 1440, weeks: 10_080 };

/**
 * A basic schedule's interval in minutes ("Every 24 HOURS"); undefined for cron and manual schedules, whose
 * gaps this does not judge.
 */
export function scheduleMinutes(schedule: unknown): number | undefined {
  if (!isRecord(schedule) || schedule.scheduleType !== 'basic' || typeof schedule.basicTiming !== 'string')
    return undefined;
  const m = /^every (\d{1,4}) (minutes|hours|days|weeks)$/i.exec(schedule.basicTiming.trim());
  const unit = m?.[2]?.toLowerCase();
  const count = Number(m?.[1]);
  return unit !== undefined && Object.hasOwn(UNIT_MINUTES, unit) && count > 0
    ? count * (UNIT_MINUTES[unit] ?? 0)
    : undefined;
}

function readConnection(raw: Obj): Integration | typeof HIDDEN | null {
  const id = text(raw.connectionId, MAX_ID);
  const name = text(raw.name, MAX_NAME);
  if (id === undefined || name === undefined) return null;
  const reason = text(raw.statusReason, MAX_DETAIL);
  const { state, rawStatus } = stateForConnection(text(raw.status, 40)?.toLowerCase(), reason);
  if (state === 'deleted') return HIDDEN;
  // The connection list names no source type: the pipeline is the provider shown.
  const integration: Integration = {
    id,
    name,
    type: 'airbyte',
    provider: 'Airbyte',
    kind: 'unknown',
    state,
    rawStatus,
  };
  if (reason !== undefined && state !== 'ok') integration.detail = reason;
  const workspace = text(raw.workspaceId, MAX_ID);
  if (workspace !== undefined) integration.group = workspace;
  const every = scheduleMinutes(raw.schedule);
  if (every !== undefined) integration.scheduleMinutes = every;
  return integration;
}

/** Pure: a parsed body of `GET /v1/connections` → one page of integrations and the next offset, or `format-changed`. */
export function parseAirbyteConnections(body: unknown): PageResult<number> {
  if (!isRecord(body) || !Array.isArray(body.data))
    return formatChanged(`Expected Airbyte's list of connections ({data: [...]}), got ${whatIs(body)}.`);
  const list = readList(body.data, {
    noun: 'Connection',
    type: 'airbyte',
    provider: 'Airbyte',
    idOf: (raw) => text(raw.connectionId, MAX_ID),
    read: readConnection,
  });
  if (!list.ok) return list;
  return withPaging(
    { integrations: list.integrations },
    list.anomalies,
    nextOffset(body.next, list.anomalies),
    body.data.length,
  );
}

/** One JobResponse; the schema requires `jobId` (int64), the published example has `id`: both are read. */
function readJob(raw: unknown): AirbyteJob | null {
  if (!isRecord(raw)) return null;
  const id = idText(raw.jobId) ?? idText(raw.id);
  const status = text(raw.status, 40)?.toLowerCase();
  if (id === undefined || status === undefined) return null;
  const job: AirbyteJob = { id, status };
  const connectionId = text(raw.connectionId, MAX_ID);
  const jobType = text(raw.jobType, 40)?.toLowerCase();
  const startedAt = isoTime(raw.startTime);
  if (connectionId !== undefined) job.connectionId = connectionId;
  if (jobType !== undefined) job.jobType = jobType;
  if (startedAt !== undefined) job.startedAt = startedAt;
  return job;
}

/** Pure: a parsed body of `GET /v1/jobs` → its jobs and the next offset; a job that cannot be read is skipped and named. */
export function parseAirbyteJobs(body: unknown): JobsResult<AirbyteJob, number> {
  if (!isRecord(body) || !Array.isArray(body.data))
    return formatChanged(`Expected Airbyte's list of jobs ({data: [...]}), got ${whatIs(body)}.`);
  const read = readJobs(body.data, 'Job', readJob);
  if (!read.ok) return read;
  const next = body.data.length > 0 ? nextOffset(body.next, read.anomalies) : undefined;
  return withPaging({ jobs: read.jobs }, read.anomalies, next, body.data.length);
}

/** Airbyte Cloud's tokens last 3 minutes ("fetch a new token before each request"); one without a lifetime is given that. */
export const DEFAULT_TOKEN_SECONDS = 180;
/** A token is used until this long before it expires, so that none expires on the way. */
export const TOKEN_MARGIN_MS = 30_000;

export type TokenResult = { ok: true; token: string; expiresAt: number } | { ok: false; error: FeedError };

const fail = (kind: FeedError['kind'], message: string, httpStatus: number): TokenResult => ({
  ok: false,
  error: { kind, message, httpStatus },
});

/**
 * Pure: the answer to `POST /v1/applications/token` (its HTTP status and parsed body, undefined when not
 * JSON) → the token and when to stop using it (`now` + `expires_in`, less a margin of at most half the
 * lifetime), or why there is none. The token is never put in a message.
 */
export function parseAirbyteToken(status: number, body: unknown, now: number): TokenResult {
  if (status === 401 || status === 403)
    return fail('key-rejected', `Airbyte refused the client id and secret (HTTP ${status}).`, status);
  if (status === 429) return fail('rate-limited', 'Airbyte answered HTTP 429 to the token request.', status);
  if (status >= 500) return fail('server-error', `Airbyte answered HTTP ${status} to the token request.`, status);
  if (status < 200 || status > 299)
    return fail('format-changed', `Airbyte answered HTTP ${status} to the token request.`, status);
  const token = isRecord(body) ? body.access_token : undefined;
  const type = isRecord(body) ? body.token_type : undefined;
  // The token goes into an Authorization header: visible ASCII only.
  const bearer = type === undefined || (typeof type === 'string' && /^bearer$/i.test(type));
  if (typeof token !== 'string' || !/^[\x21-\x7E]{1,8192}$/.test(token) || !bearer)
    return fail('format-changed', 'Airbyte answered the token request without a bearer token.', status);
  const seconds = isRecord(body) && typeof body.expires_in === 'number' ? body.expires_in : DEFAULT_TOKEN_SECONDS;
  // Under a second there is no time left to use it.
  if (!(seconds >= 1) || !Number.isFinite(seconds))
    return fail('format-changed', 'Airbyte answered the token request with a lifetime that is not a time.', status);
  // Self-managed tokens last 24 h; anything past a year is read as a year, to keep the time a time.
  const lifetime = Math.min(seconds, 366 * 86_400) * 1000;
  return { ok: true, token, expiresAt: Math.round(now + lifetime - Math.min(TOKEN_MARGIN_MS, lifetime / 2)) };
}
