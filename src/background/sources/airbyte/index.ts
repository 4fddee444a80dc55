// Adapter: every connection of an Airbyte account (`GET /v1/connections`, offset-paged) with the verdict
// of its last sync job (`GET /v1/jobs`), read with a short-lived access token (DOMAIN-NEXT §3.3).
import { applySnapshot } from '../../../core/diff';
import { storedKeyFor } from '../../../core/key-binding';
import type { AccountSettings, StoredKey } from '../../../core/settings';
import { isListData, type FeedError, type FeedResult, type Integration, type ListData } from '../../../core/types';
import type { RequestLimits } from '../../http';
import { apiBase, getJson, readJson, linkId, listData, readPages, send, SUPPORT_PAGES } from '../pipeline-http';
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

type Token = { ok: true; token: string } | { ok: false; error: FeedError };

/** The bearer token: one entered as such, or one requested with the client id and secret (and reused). */
async function tokenFor(
  account: AccountSettings,
  key: StoredKey,
  limits: RequestLimits,
  fresh: boolean,
): Promise<Token> {
  if (key.secret === undefined) return { ok: true, token: key.exportApiKey };
  const now = limits.now ?? Date.now;
  const cacheKey = `${account.id}|${apiBase(account)}|${key.exportApiKey}`;
  const cached = tokens.get(cacheKey);
  if (!fresh && cached && cached.expiresAt > now()) return { ok: true, token: cached.token };
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
  return { ok: true, token: token.token };
}

const pageUrl = (account: AccountSettings, path: string, offset: number, extra: Record<string, string> = {}) =>
  `${apiBase(account)}${path}?${new URLSearchParams({ limit: String(AIRBYTE_PAGE_SIZE), offset: String(offset), ...extra }).toString()}`;

/** The latest jobs, until every connection that runs has a finished one or MAX_JOB_PAGES are read. */
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

async function readAirbyte(account: AccountSettings, key: StoredKey, limits: RequestLimits, fresh: boolean) {
  const token = await tokenFor(account, key, limits, fresh);
  if (!token.ok) return token;
  const headers = { Accept: 'application/json', Authorization: `Bearer ${token.token}` };
  const list = await readPages<number>(async (offset) => {
    const json = await getJson('airbyte', pageUrl(account, '/connections', offset ?? 0), { headers }, limits);
    return readJson(json, parseAirbyteConnections);
  }, 'connection');
  if (!list.ok) return list;
  // Paused connections need no verdict; the others take their last finished sync's.
  const running = list.integrations.filter((c) => c.state !== 'paused');
  const jobs =
    running.length === 0 ? { ok: true as const, jobs: [] } : await recentJobs(account, headers, running, limits);
  if (!jobs.ok) return jobs;
  const integrations = list.integrations.map((c) => {
    const job = latestFinishedJob(jobs.jobs, c.id);
    return job ? applyLastJob(c, job) : c;
  });
  return { ok: true as const, data: listData('airbyte', integrations, list.anomalies) };
}

export async function fetchAirbyte(
  account: AccountSettings,
  key: StoredKey | undefined,
  limits: RequestLimits,
): Promise<FeedResult<ListData>> {
  if (!key) return { ok: false, error: { kind: 'key-rejected', message: 'No Airbyte credentials are set.' } };
  const first = await readAirbyte(account, key, limits, false);
  // A reused token may have been revoked or have expired early: one fresh token, once.
  if (!first.ok && first.error.kind === 'key-rejected' && key.secret !== undefined)
    return readAirbyte(account, key, limits, true);
  return first;
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

export const airbyte: Source = {
  feed: 'airbyte',
  pipeline: 'airbyte',
  // Without one it still runs, and says so ("key rejected"): an account must never just sit unchecked.
  credential: (account, secrets) => storedKeyFor(secrets, account),
  fetch: fetchAirbyte,
  merge: (accountId, before, next, now) =>
    applySnapshot(accountId, isListData(before) ? before : undefined, next as ListData, now),
  reauthorize: (account, integration) => [airbyteConnectionPage(account, integration)],
  supportUrl: SUPPORT_PAGES.airbyte,
};
