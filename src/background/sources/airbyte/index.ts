// Adapter: every connection of an Airbyte account (`GET /v1/connections`, offset-paged) with the verdict
// of its last sync job (`GET /v1/jobs`), read with a short-lived access token (DOMAIN-NEXT §3.3).
import type { AccountSettings, StoredKey } from '../../../core/settings';
import type { FeedError, FeedResult, Integration, ListData } from '../../../core/types';
import type { RequestLimits } from '../../http';
import { apiBase, pipelineSource, getJson, readJson, linkId, listData, readPages, send } from '../pipeline-http';
import type { Source } from '../source';
import { parseAirbyteConnections, parseAirbyteJobs, parseAirbyteToken } from './parse';
import { applyLastJob, latestFinishedJob, type AirbyteJob } from './status';

export { parseAirbyteConnections, parseAirbyteJobs, parseAirbyteToken } from './parse';

/** The most Airbyte returns per page. */
export const AIRBYTE_PAGE_SIZE = 100;
/** Pages of jobs read per poll at most, latest first: enough to find each connection's last sync. */
export const MAX_JOB_PAGES = 5;

/**
 * Access tokens by account, API host and client id: in this worker's memory only, never stored. A token
 * lives 3 minutes on Airbyte Cloud; it is reused until shortly before it expires.
 */
const tokens = new Map<string, { token: string; expiresAt: number }>();

/** Forgets every token (a test, or a changed account). */
export function forgetAirbyteTokens(): void {
  tokens.clear();
}

type Token = { ok: true; token: string; reused: boolean } | { ok: false; error: FeedError };

/**
 * The bearer token: one entered as such, or one requested with the client id and secret and reused until
 * shortly before it expires, for exactly that API, client id and secret (a token of the old secret never
 * answers for a new one, nor one requested for a test for the saved account).
 */
async function tokenFor(
  account: AccountSettings,
  key: StoredKey,
  limits: RequestLimits,
  fresh: boolean,
): Promise<Token> {
  if (key.secret === undefined) return { ok: true, token: key.exportApiKey, reused: false };
  const now = limits.now ?? Date.now;
  const cacheKey = JSON.stringify([apiBase(account), key.exportApiKey, key.secret]);
  const cached = tokens.get(cacheKey);
  if (!fresh && cached && cached.expiresAt > now()) return { ok: true, token: cached.token, reused: true };
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
  tokens.set(cacheKey, { token: token.token, expiresAt: token.expiresAt });
  return { ok: true, token: token.token, reused: false };
}

const pageUrl = (account: AccountSettings, path: string, offset: number, extra: Record<string, string> = {}) =>
  `${apiBase(account)}${path}?${new URLSearchParams({ limit: String(AIRBYTE_PAGE_SIZE), offset: String(offset), ...extra }).toString()}`;

/** The latest jobs, until every connection has a finished one or MAX_JOB_PAGES are read. */
async function recentJobs(
  account: AccountSettings,
  headers: Record<string, string>,
  running: readonly Integration[],
  limits: RequestLimits,
): Promise<{ ok: true; jobs: AirbyteJob[] } | { ok: false; error: FeedError }> {
  const jobs: AirbyteJob[] = [];
  let offset: number | undefined = 0;
  for (let page = 0; page < MAX_JOB_PAGES && offset !== undefined; page++) {
    const url = pageUrl(account, '/jobs', offset, { orderBy: 'createdAt|DESC' });
    const json = await getJson('airbyte', url, { headers }, limits);
    const read = readJson(json, parseAirbyteJobs);
    if (!read.ok) return read;
    jobs.push(...read.page.jobs);
    if (running.every((c) => latestFinishedJob(jobs, c.id))) break;
    offset = read.page.next;
  }
  return { ok: true, jobs };
}

/** Connections looked up one by one when their last sync was not among the latest jobs. */
export const MAX_LOOKUPS = 10;

/** The jobs of one connection, latest first: one page. */
async function jobsOf(
  account: AccountSettings,
  headers: Record<string, string>,
  connectionId: string,
  limits: RequestLimits,
) {
  const url = pageUrl(account, '/jobs', 0, { connectionId, orderBy: 'createdAt|DESC' });
  return readJson(await getJson('airbyte', url, { headers }, limits), parseAirbyteJobs);
}

async function readAirbyte(account: AccountSettings, key: StoredKey, limits: RequestLimits, fresh: boolean) {
  const token = await tokenFor(account, key, limits, fresh);
  if (!token.ok) return { ...token, reused: false };
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token.token}` };
  const list = await readPages<number>(async (offset) => {
    const json = await getJson('airbyte', pageUrl(account, '/connections', offset ?? 0), { headers }, limits);
    return readJson(json, parseAirbyteConnections);
  }, 'connection');
  if (!list.ok) return { ...list, reused: token.reused };
  // Every connection takes its last finished sync's verdict, a switched-off one too (Airbyte switches off a
  // connection whose syncs keep failing).
  const connections = list.integrations;
  const jobs =
    connections.length === 0
      ? { ok: true as const, jobs: [] }
      : await recentJobs(account, headers, connections, limits);
  if (!jobs.ok) return { ...jobs, reused: token.reused };
  const anomalies = [...list.anomalies];
  const unmatched = connections.filter((c) => !latestFinishedJob(jobs.jobs, c.id));
  for (const connection of unmatched.slice(0, MAX_LOOKUPS)) {
    const own = await jobsOf(account, headers, connection.id, limits);
    if (!own.ok) return { ...own, reused: token.reused };
    jobs.jobs.push(...own.page.jobs);
  }
  if (unmatched.length > MAX_LOOKUPS)
    anomalies.push(
      `The last sync of ${unmatched.length - MAX_LOOKUPS} connections was not among the latest jobs; they show their connection's status only.`,
    );
  const now = limits.now?.() ?? Date.now();
  const integrations = connections.map((c) => {
    const job = latestFinishedJob(jobs.jobs, c.id);
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
