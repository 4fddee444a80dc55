// Adapter: every connection of an Airbyte account (`GET /v1/connections`, offset-paged) with the verdict
// of its last sync job (`GET /v1/jobs`), read with a short-lived access token (DOMAIN-NEXT §3.3).
import type { JobsResult } from '../../../core/pipeline-page';
import type { AccountSettings, StoredKey } from '../../../core/settings';
import type { FeedError, FeedResult, Integration, ListData } from '../../../core/types';
import type { RequestLimits } from '../../http';
import {
  apiBase,
  getJson,
  linkId,
  listData,
  pipelineSource,
  readJson,
  readPages,
  send,
  sendable,
  type Json,
} from '../pipeline-http';
import type { Source } from '../source';
import { parseAirbyteConnections, parseAirbyteJobs, parseAirbyteToken } from './parse';
import { applyLastJob, latestFinishedJob, type AirbyteJob } from './status';

export { parseAirbyteConnections, parseAirbyteJobs, parseAirbyteToken } from './parse';

/** The most Airbyte returns per page. */
export const AIRBYTE_PAGE_SIZE = 100;
/** Pages of jobs read per poll at most, latest first: enough to find each connection's last sync. */
export const MAX_JOB_PAGES = 5;

/**
 * Access tokens by API and client id, each with the secret it was requested with: in this worker's memory
 * only, never stored. A token lives 3 minutes on Airbyte Cloud; it is reused until shortly before it expires.
 */
const tokens = new Map<string, { secret: string; token: string; expiresAt: number }>();

/** Forgets every token (a test, or a changed account). */
export function forgetAirbyteTokens(): void {
  tokens.clear();
}

type Token = { ok: true; token: string; reused: boolean } | { ok: false; error: FeedError };

/**
 * The bearer token: one entered as such, or one requested with the client id and secret and reused until
 * shortly before it expires, for exactly that API, client id and secret (a token of the old secret never
 * answers for a new one, and a new secret replaces the old one in memory).
 */
async function tokenFor(
  account: AccountSettings,
  key: StoredKey,
  limits: RequestLimits,
  fresh: boolean,
): Promise<Token> {
  if (key.secret === undefined)
    return sendable(key.exportApiKey)
      ? { ok: true, token: key.exportApiKey, reused: false }
      : { ok: false, error: { kind: 'key-rejected', message: 'The Airbyte access token cannot be sent as it is.' } };
  const now = limits.now ?? Date.now;
  const cacheKey = JSON.stringify([apiBase(account), key.exportApiKey]);
  const cached = tokens.get(cacheKey);
  if (!fresh && cached?.secret === key.secret && cached.expiresAt > now())
    return { ok: true, token: cached.token, reused: true };
  tokens.delete(cacheKey);
  const response = await send(
    'airbyte',
    `${apiBase(account)}/applications/token`,
    {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        client_id: key.exportApiKey,
        client_secret: key.secret,
        'grant-type': 'client_credentials',
      }),
    },
    limits,
  );
  if (!response.ok) return response;
  let body: unknown;
  try {
    body = JSON.parse(response.body) as unknown;
  } catch {
    body = undefined;
  }
  const token = parseAirbyteToken(response.status, body, now());
  if (!token.ok) {
    if (token.error.kind === 'rate-limited' && response.retryAt !== undefined) token.error.retryAt = response.retryAt;
    return token;
  }
  tokens.set(cacheKey, { secret: key.secret, token: token.token, expiresAt: token.expiresAt });
  return { ok: true, token: token.token, reused: false };
}

const pageUrl = (account: AccountSettings, path: string, offset: number, extra: Record<string, string> = {}) =>
  `${apiBase(account)}${path}?${new URLSearchParams({ limit: String(AIRBYTE_PAGE_SIZE), offset: String(offset), ...extra }).toString()}`;

type Failed = { ok: false; error: FeedError };
/** One authorized GET: the token is asked for before each request, so that none expires during a long read. */
type Get = (url: string) => Promise<Json>;

/** The latest jobs, until every connection has a finished one or MAX_JOB_PAGES are read; with what was off. */
async function recentJobs(
  get: Get,
  account: AccountSettings,
  connections: readonly Integration[],
): Promise<{ ok: true; jobs: AirbyteJob[]; anomalies: string[] } | Failed> {
  const jobs: AirbyteJob[] = [];
  const anomalies: string[] = [];
  let offset: number | undefined = 0;
  for (let page = 0; page < MAX_JOB_PAGES && offset !== undefined; page++) {
    const url = pageUrl(account, '/jobs', offset, { orderBy: 'createdAt|DESC' });
    const read: JobsResult<AirbyteJob, number> = readJson(await get(url), parseAirbyteJobs);
    if (!read.ok) return read;
    // In the account's list, a job that names no connection belongs to none of them.
    jobs.push(...read.page.jobs.filter((job) => job.connectionId !== undefined));
    anomalies.push(...(read.page.anomalies ?? []));
    if (connections.every((c) => latestFinishedJob(jobs, c.id))) break;
    const next: number | undefined = read.page.next;
    offset = next !== undefined && next > offset ? next : undefined;
  }
  return { ok: true, jobs, anomalies };
}

/** Connections looked up one by one when their last sync was not among the latest jobs. */
export const MAX_LOOKUPS = 10;

/** The jobs of one connection, latest first: one page; a job that names no connection is this one's. */
async function jobsOf(get: Get, account: AccountSettings, connectionId: string) {
  const url = pageUrl(account, '/jobs', 0, { connectionId, orderBy: 'createdAt|DESC' });
  const read = readJson(await get(url), parseAirbyteJobs);
  if (!read.ok) return read;
  return { ...read, jobs: read.page.jobs.map((job) => ({ connectionId, ...job })) };
}

async function readAirbyte(account: AccountSettings, key: StoredKey, limits: RequestLimits, fresh: boolean) {
  // Whether any request of this read went out with a token from before it (then a refusal may be its age).
  let reused = false;
  let first = fresh;
  const get: Get = async (url) => {
    const token = await tokenFor(account, key, limits, first);
    if (!token.ok) return token;
    first = false;
    reused ||= token.reused;
    const headers = { Accept: 'application/json', Authorization: `Bearer ${token.token}` };
    return getJson('airbyte', url, { headers }, limits);
  };
  const failed = (result: Failed) => ({ ...result, reused });
  const list = await readPages<number>(
    async (offset) => readJson(await get(pageUrl(account, '/connections', offset ?? 0)), parseAirbyteConnections),
    'connection',
    0,
  );
  if (!list.ok) return failed(list);
  // Every connection takes its last finished sync's verdict, a switched-off one too (Airbyte switches off a
  // connection whose syncs keep failing).
  const connections = list.integrations;
  const recent =
    connections.length === 0
      ? { ok: true as const, jobs: [], anomalies: [] }
      : await recentJobs(get, account, connections);
  if (!recent.ok) return failed(recent);
  const jobs = [...recent.jobs];
  const anomalies = [...list.anomalies, ...recent.anomalies];
  const unmatched = connections.filter((c) => !latestFinishedJob(jobs, c.id));
  for (const connection of unmatched.slice(0, MAX_LOOKUPS)) {
    const own = await jobsOf(get, account, connection.id);
    if (own.ok) {
      jobs.push(...own.jobs);
      anomalies.push(...(own.page.anomalies ?? []));
      continue;
    }
    // A refused token or the rate limit concern the whole account; one list of jobs not read only its connection.
    if (own.error.kind === 'key-rejected' || own.error.kind === 'rate-limited') return failed(own);
    anomalies.push(`The jobs of "${connection.name}" could not be read; it shows its connection's status only.`);
  }
  if (unmatched.length > MAX_LOOKUPS)
    anomalies.push(
      `The last sync of ${unmatched.length - MAX_LOOKUPS} connections was not among the latest jobs; they show their connection's status only.`,
    );
  const now = limits.now?.() ?? Date.now();
  const integrations = connections.map((c) => {
    const job = latestFinishedJob(jobs, c.id);
    return job ? applyLastJob(c, job, now) : c;
  });
  return { ok: true as const, data: listData('airbyte', integrations, anomalies) };
}

export async function fetchAirbyte(
  account: AccountSettings,
  key: StoredKey | undefined,
  limits: RequestLimits,
): Promise<FeedResult<ListData>> {
  if (!key) return { ok: false, error: { kind: 'key-rejected', message: 'No Airbyte credentials are set.' } };
  const first = await readAirbyte(account, key, limits, false);
  if (first.ok) return first;
  // A reused token may have been revoked or have expired early: one fresh token, once.
  if (first.error.kind === 'key-rejected' && first.reused) {
    const again = await readAirbyte(account, key, limits, true);
    return again.ok ? again : { ok: false, error: again.error };
  }
  return { ok: false, error: first.error };
}

/** The connection's page in Airbyte's app: its workspace and id; the app's start page without them. */
export function airbyteConnectionPage(
  account: AccountSettings,
  integration: Pick<Integration, 'id' | 'group'>,
): string {
  const workspace = linkId(integration.group);
  const id = linkId(integration.id);
  if (workspace && id) return `${account.appOrigin}/workspaces/${workspace}/connections/${id}`;
  return workspace ? `${account.appOrigin}/workspaces/${workspace}/connections` : `${account.appOrigin}/`;
}

export const airbyte: Source = pipelineSource('airbyte', fetchAirbyte, airbyteConnectionPage);
