// Pure: Stitch Connect's answers (DOMAIN-NEXT §3.2) — `GET /v4/sources`, a source's last connection check
// and one page of `GET /v4/{client}/extractions`. The docs give the sources list as a plain array; paged
// endpoints answer `{data, page, total, links}` with 100 per page, so both forms are read.
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
import { idText, isoTime, MAX_NAME, numberParam, text } from '../../../core/remote-text';
import type { FeedError, Integration } from '../../../core/types';
import { checkOutcome, extractionOutcome, stateForSource, type StitchJob } from './status';

/** Display names of common Stitch source types ("platform.<name>"); any other is shown as its name. */
const SOURCE_NAMES: Readonly<Record<string, string>> = {
  adwords: 'Google AdWords',
  facebook: 'Facebook Ads',
  github: 'GitHub',
  google_analytics: 'Google Analytics',
  hubspot: 'HubSpot',
  mysql: 'MySQL',
  postgres: 'PostgreSQL',
  salesforce: 'Salesforce',
  shopify: 'Shopify',
  stripe: 'Stripe',
  toggl: 'Toggl',
  xero: 'Xero',
};

/** `type` is "stitch:<type>" and holds at most 64 characters. */
const MAX_SOURCE_TYPE = 64 - 'stitch:'.length;

export function providerName(type: string): string {
  const service = type.replace(/^platform\./i, '');
  return Object.hasOwn(SOURCE_NAMES, service) ? (SOURCE_NAMES[service] ?? service) : service;
}

function readSource(raw: Obj): Integration | typeof HIDDEN | null {
  // "deleted_at": the list includes deleted sources; they feed nothing any more.
  if (text(raw.deleted_at, 40) !== undefined) return HIDDEN;
  const id = idText(raw.id);
  const name = text(raw.display_name, MAX_NAME) ?? text(raw.name, MAX_NAME);
  const type = text(raw.type, MAX_SOURCE_TYPE);
  if (id === undefined || name === undefined || type === undefined) return null;
  const { state, rawStatus, detail, kind } = stateForSource(raw);
  const integration: Integration = {
    id,
    name,
    type: `stitch:${type}`,
    provider: providerName(type),
    kind,
    state,
    rawStatus,
  };
  if (detail !== undefined) integration.detail = detail;
  const client = idText(raw.stitch_client_id);
  if (client !== undefined) integration.group = client;
  // Its replication frequency, unless a cron expression sets the times instead.
  const properties = isRecord(raw.properties) ? raw.properties : {};
  const every = Number(text(properties.frequency_in_minutes, 8));
  if (Number.isSafeInteger(every) && every > 0 && text(properties.cron_expression, 100) === undefined)
    integration.scheduleMinutes = every;
  return integration;
}

/** The page a `links.next` path points to ("/v4/116078/extractions?page=3" → 3); a link without one is an anomaly. */
function nextPage(body: Obj, anomalies: string[]): number | undefined {
  const next = isRecord(body.links) ? body.links.next : undefined;
  const page = numberParam(next, 'page');
  if (page === undefined && next !== undefined && next !== null)
    anomalies.push('The link to the next page has no page number; the list may be incomplete.');
  return page;
}

/** Pure: a parsed body of `GET /v4/sources` → one page of integrations (and the next page number), or `format-changed`. */
export function parseStitchSources(body: unknown): PageResult<number> {
  const items = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.data) ? body.data : undefined;
  if (!items)
    return formatChanged(`Expected Stitch's list of sources (a list, or {data: [...]}), got ${whatIs(body)}.`);
  const list = readList(items, {
    noun: 'Source',
    type: 'stitch:unknown',
    provider: 'Stitch',
    idOf: (raw) => idText(raw.id),
    read: readSource,
  });
  if (!list.ok) return list;
  const next = isRecord(body) ? nextPage(body, list.anomalies) : undefined;
  return withPaging({ integrations: list.integrations }, list.anomalies, next, items.length);
}

/**
 * Pure: a parsed body of `GET /v4/sources/{id}/last-connection-check` → the check, or `format-changed`.
 * The answer does not name its source: `sourceId` is the one it was asked for.
 */
export function parseStitchCheck(
  body: unknown,
  sourceId?: string,
): { ok: true; job: StitchJob } | { ok: false; error: FeedError } {
  const known =
    isRecord(body) &&
    (typeof body.status === 'string' || typeof body.error === 'boolean' || 'check_exit_status' in body);
  if (!isRecord(body) || !known)
    return formatChanged(`Expected a Stitch connection check ({status, error, …}), got ${whatIs(body)}.`);
  const job: StitchJob = { mode: 'check', ...checkOutcome(body) };
  if (sourceId !== undefined) job.sourceId = sourceId;
  return { ok: true, job };
}

function readExtraction(raw: unknown): StitchJob | null {
  const sourceId = isRecord(raw) ? idText(raw.source_id) : undefined;
  if (!isRecord(raw) || sourceId === undefined) return null;
  const job: StitchJob = { mode: 'extraction', sourceId, ...extractionOutcome(raw) };
  const completedAt = isoTime(raw.completion_time);
  if (completedAt !== undefined) job.completedAt = completedAt;
  return job;
}

/** Pure: a parsed body of `GET /v4/{client}/extractions` → each source's last extraction and the next page number. */
export function parseStitchExtractions(body: unknown): JobsResult<StitchJob, number> {
  if (!isRecord(body) || !Array.isArray(body.data))
    return formatChanged(`Expected Stitch's list of extractions ({data: [...]}), got ${whatIs(body)}.`);
  const read = readJobs(body.data, 'Extraction', readExtraction);
  if (!read.ok) return read;
  const next = body.data.length > 0 ? nextPage(body, read.anomalies) : undefined;
  return withPaging({ jobs: read.jobs }, read.anomalies, next, body.data.length);
}
