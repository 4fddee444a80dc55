// What the Fivetran, Airbyte and Stitch adapters share: a JSON request that names its vendor in every
// error, every page of a list up to a cap, safe link ids, the vendors' support pages, and the Source itself.
import { applySnapshot } from '../../core/diff';
import { storedKeyFor } from '../../core/key-binding';
import { capped, UNREADABLE_STATUS, type PageResult } from '../../core/pipeline-page';
import { describeShape } from '../../core/shape';
import { PIPELINE_NAMES, type AccountSettings, type OtherPipeline, type StoredKey } from '../../core/settings';
import { isListData, type FeedError, type FeedResult, type Integration, type ListData } from '../../core/types';
import { errorForStatus, parseJsonBody, request, type HttpOutcome, type RequestLimits } from '../http';
import type { Source } from './source';

/** Pages read of one list per poll at most: Fivetran's 1,000 a page make 50,000 connectors. */
export const MAX_PAGES = 50;

export type Json = { ok: true; value: unknown } | { ok: false; error: FeedError };

/** A credential as it can go into a header: visible ASCII (the options form lets nothing else through). */
export const sendable = (value: string | undefined): value is string =>
  value !== undefined && /^[\x21-\x7E]+$/.test(value);

/** The account's API base ("https://api.fivetran.com/v1"), without a trailing slash. */
export const apiBase = (account: AccountSettings): string => account.apiBase ?? account.apiOrigin;

/** One request to a pipeline's API, without cookies: a redirect means the credential was not accepted. */
export async function send(
  pipeline: OtherPipeline,
  url: string,
  init: RequestInit,
  limits: RequestLimits,
): Promise<HttpOutcome> {
  const response = await request(url, { credentials: 'omit', ...init }, limits);
  if (response.ok || response.error.kind !== 'signed-out') return response;
  const message = `${PIPELINE_NAMES[pipeline]} redirected the request.`;
  return { ok: false, error: { ...response.error, kind: 'key-rejected', message } };
}

/**
 * One request to a pipeline's API, as `send` makes it: a redirect, 401 or 403 mean the credential was not
 * accepted; 429 carries Retry-After; anything but JSON is a changed format.
 */
export async function getJson(
  pipeline: OtherPipeline,
  url: string,
  init: RequestInit,
  limits: RequestLimits,
): Promise<Json> {
  const who = PIPELINE_NAMES[pipeline];
  const response = await send(pipeline, url, init, limits);
  if (!response.ok) return response;
  const statusError = errorForStatus(response, 'key-rejected', who);
  if (statusError) return { ok: false, error: statusError };
  return parseJsonBody(response, 'key-rejected', who);
}

export type ListRead = { ok: true; integrations: Integration[]; anomalies: string[] } | { ok: false; error: FeedError };

/** An element a page could not read is named by its place there ("#3"); on a later page, by page and place. */
const PLACEHOLDER = /^#\d+$/;

/**
 * Every page of a list, following `next` (a cursor, an offset or a page number) from `first` until a page
 * has none, a page points back to one already read, or `maxPages` pages are read; the last two are
 * anomalies, and what was read is kept. A repeated id across pages is watched once. One failed page fails
 * the whole list: half a list must not read as connectors gone.
 */
export async function readPages<N>(
  read: (next: N | undefined) => Promise<PageResult<N>>,
  noun: string,
  first?: N,
  maxPages = MAX_PAGES,
): Promise<ListRead> {
  const integrations: Integration[] = [];
  const anomalies: string[] = [];
  const ids = new Set<string>();
  const asked = new Set<string>();
  let next: N | undefined = first;
  if (first !== undefined) asked.add(String(first));
  for (let page = 1; ; page++) {
    const result = await read(next);
    if (!result.ok) return result;
    // A page has no id twice (readList sees to it): only later pages are checked against earlier ones.
    if (page === 1 && result.page.next === undefined)
      return { ok: true, integrations: result.page.integrations, anomalies: [...(result.page.anomalies ?? [])] };
    for (const found of result.page.integrations) {
      const integration =
        page > 1 && found.rawStatus === UNREADABLE_STATUS && PLACEHOLDER.test(found.id)
          ? { ...found, id: `#${page}.${found.id.slice(1)}` }
          : found;
      if (ids.has(integration.id)) {
        anomalies.push(`Two ${noun}s share the id "${integration.id}"; the first is watched.`);
        continue;
      }
      ids.add(integration.id);
      integrations.push(integration);
    }
    anomalies.push(...(result.page.anomalies ?? []));
    next = result.page.next;
    if (next === undefined) break;
    if (asked.has(String(next))) {
      anomalies.push(`The API pointed back to a page already read; the list stops at ${integrations.length} ${noun}s.`);
      break;
    }
    asked.add(String(next));
    if (page >= maxPages) {
      anomalies.push(
        `The list goes on past ${maxPages} pages; the first ${integrations.length} ${noun}s are watched, the rest are not.`,
      );
      break;
    }
  }
  return { ok: true, integrations, anomalies };
}

/**
 * A parsed answer read by `parse`; an answer that is not in the expected shape keeps its shape (keys and
 * value types, no values) for the diagnostic sample.
 */
export function readJson<R extends { ok: true } | { ok: false; error: FeedError }>(
  json: Json,
  parse: (value: unknown) => R,
): R | { ok: false; error: FeedError } {
  if (!json.ok) return json;
  const result = parse(json.value);
  if (result.ok || result.error.kind !== 'format-changed') return result;
  return { ok: false, error: { ...result.error, shape: describeShape(json.value) } };
}

/** What a pipeline's source keeps: the integrations read, and what was off while reading them. */
export function listData(feed: string, integrations: Integration[], anomalies: readonly string[]): ListData {
  const data: ListData = { feed, integrations };
  const kept = capped(anomalies);
  if (kept) data.anomalies = kept;
  return data;
}

/** An id as it may stand in a link's path: what the vendors issue (letters, digits, `_`, `-`), nothing else. */
export const linkId = (id: string | undefined): string | undefined =>
  id !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;

/** Where each vendor takes support cases. */
export const SUPPORT_PAGES: Readonly<Record<OtherPipeline, string>> = {
  fivetran: 'https://support.fivetran.com/hc/en-us/requests/new',
  airbyte: 'https://support.airbyte.com/hc/en-us/requests/new',
  // Stitch is part of Qlik; its documentation and support contacts live on Qlik's help site.
  stitch: 'https://help.qlik.com/en-US/stitch/',
};

/**
 * A pipeline's source: one list per account, read with the account's credential (without one it still
 * runs and says "key rejected": an account must never just sit unchecked), merged as MBI's list is, fixed
 * on the page `fixPage` names, supported on the vendor's support page.
 */
export function pipelineSource(
  pipeline: OtherPipeline,
  fetch: (account: AccountSettings, key: StoredKey | undefined, limits: RequestLimits) => Promise<FeedResult<ListData>>,
  fixPage: (account: AccountSettings, integration: Integration) => string,
): Source {
  return {
    feed: pipeline,
    pipeline,
    credential: (account, secrets) => storedKeyFor(secrets, account),
    fetch,
    merge: (accountId, before, next, now) =>
      applySnapshot(accountId, isListData(before) ? before : undefined, next as ListData, now),
    reauthorize: (account, integration) => [fixPage(account, integration)],
    supportUrl: SUPPORT_PAGES[pipeline],
  };
}
