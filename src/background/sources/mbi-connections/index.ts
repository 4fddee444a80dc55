// Adapter: per-integration status from the MBI app's connections list, read with the signed-in session.
import type { AccountSettings } from '../../../core/settings';
import { isListData, type ListData, type FeedResult } from '../../../core/types';
import { errorForStatus, parseJsonBody, request, type RequestLimits } from '../../http';
import { applySnapshot } from '../../../core/diff';
import { reauthPages } from '../../../core/links';
import type { Source } from '../source';
import { describeShape } from '../../../core/shape';
import { parseConnections } from './parse';

export { parseConnections } from './parse';

export function connectionsUrl(account: AccountSettings): string {
  return `${account.apiOrigin}/v1/v2/clients/${encodeURIComponent(account.clientId)}/connections/input-connections?include_deleted=false`;
}

export async function fetchConnections(
  account: AccountSettings,
  limits?: RequestLimits,
): Promise<FeedResult<ListData>> {
  const response = await request(
    connectionsUrl(account),
    { credentials: 'include', headers: { Accept: 'application/json' } },
    limits,
  );
  if (!response.ok) return response;
  const statusError = errorForStatus(response, 'signed-out');
  if (statusError) return { ok: false, error: statusError };
  const json = parseJsonBody(response, 'signed-out');
  if (!json.ok) return json;
  const result = parseConnections(json.value);
  // The shape serves the diagnostic sample of an answer not wholly read; describing it walks the whole answer.
  if (result.ok && !result.data.anomalies) return result;
  const shape = describeShape(json.value);
  return result.ok ? { ok: true, data: { ...result.data, shape } } : { ok: false, error: { ...result.error, shape } };
}

/** MBI's connections list: every integration of the account, read with the admin's MBI session. */
export const mbiConnections: Source = {
  feed: 'connections',
  pipeline: 'mbi',
  credential: () => undefined,
  fetch: (account, _credential, limits) => fetchConnections(account, limits),
  merge: (accountId, before, next, now) =>
    applySnapshot(
      accountId,
      isListData(before) ? before : undefined,
      next as ListData, // a connections answer, as fetch above returns
      now,
    ),
  reauthorize: reauthPages,
};
