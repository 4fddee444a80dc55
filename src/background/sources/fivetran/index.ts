// Adapter: every connection of a Fivetran account (`GET /v1/connections`, cursor-paged), read with the
// account's API key and secret (DOMAIN-NEXT §3.1).
import type { AccountSettings, StoredKey } from '../../../core/settings';
import type { FeedResult, Integration, ListData } from '../../../core/types';
import type { RequestLimits } from '../../http';
import { apiBase, pipelineSource, getJson, readJson, linkId, listData, readPages } from '../pipeline-http';
import type { Source } from '../source';
import { parseFivetranConnections } from './parse';

export { parseFivetranConnections } from './parse';

/** Fivetran answers 406 to a request without it. */
export const FIVETRAN_ACCEPT = 'application/json;version=2';
/** The most Fivetran returns per page. */
export const FIVETRAN_PAGE_SIZE = 1000;

/** `Basic base64(key:secret)`; undefined for a pair that cannot be sent (the form refuses such input). */
export function fivetranAuth(key: StoredKey): string | undefined {
  const pair = `${key.exportApiKey}:${key.secret ?? ''}`;
  return key.secret && /^[\x21-\x7E]+$/.test(pair) ? `Basic ${btoa(pair)}` : undefined;
}

export function fivetranListUrl(account: AccountSettings, cursor?: string): string {
  const query = new URLSearchParams({ limit: String(FIVETRAN_PAGE_SIZE) });
  if (cursor !== undefined) query.set('cursor', cursor);
  return `${apiBase(account)}/connections?${query.toString()}`;
}

export async function fetchFivetran(
  account: AccountSettings,
  key: StoredKey | undefined,
  limits: RequestLimits,
): Promise<FeedResult<ListData>> {
  const auth = key && fivetranAuth(key);
  if (!auth) return { ok: false, error: { kind: 'key-rejected', message: 'No Fivetran API key and secret are set.' } };
  const now = limits.now?.() ?? Date.now();
  const headers = { Accept: FIVETRAN_ACCEPT, Authorization: auth };
  const list = await readPages<string>(async (cursor) => {
    const json = await getJson('fivetran', fivetranListUrl(account, cursor), { headers }, limits);
    return readJson(json, (value) => parseFivetranConnections(value, now));
  }, 'connection');
  return list.ok ? { ok: true, data: listData('fivetran', list.integrations, list.anomalies) } : list;
}

/** The connection's setup page in Fivetran's dashboard, where a broken or unauthorized connection is fixed. */
export function fivetranSetupPage(account: AccountSettings, integration: Pick<Integration, 'id'>): string {
  const id = linkId(integration.id);
  return id ? `${account.appOrigin}/dashboard/connectors/${id}/setup` : `${account.appOrigin}/dashboard`;
}

export const fivetran: Source = pipelineSource('fivetran', fetchFivetran, fivetranSetupPage);
