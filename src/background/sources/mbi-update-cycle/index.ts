// Adapter: the documented Update Cycle Status API (account-wide), read with the Export API key.
import type { AccountSettings } from '../../../core/settings';
import type { FeedResult, FactsData } from '../../../core/types';
import { errorForStatus, parseJsonBody, request, type RequestLimits } from '../../http';
import { storedKeyFor } from '../../../core/key-binding';
import type { Source } from '../source';
import { parseUpdateCycle } from './parse';

export { parseUpdateCycle, parseZonedTime } from './parse';

/** Adobe asks for at least 60 s between calls per client (shortened in the simulator build only). */
export const UPDATE_CYCLE_MIN_INTERVAL_MS = Number(import.meta.env.VITE_UPDATE_CYCLE_MIN_MS ?? 60_000);

export function updateCycleUrl(account: AccountSettings): string {
  return `${account.apiOrigin}/0.1/client/${encodeURIComponent(account.clientId)}/fullupdatestatus`;
}

export async function fetchUpdateCycle(
  account: AccountSettings,
  apiKey: string,
  limits?: RequestLimits,
): Promise<FeedResult<FactsData>> {
  const headers = { Accept: 'application/json', 'X-RJM-API-Key': apiKey };
  const response = await request(updateCycleUrl(account), { credentials: 'omit', headers }, limits);
  // A redirect here means the key was not accepted, not that a browser session ended.
  if (!response.ok)
    return response.error.kind === 'signed-out'
      ? { ok: false, error: { ...response.error, kind: 'key-rejected' } }
      : response;
  const statusError = errorForStatus(response, 'key-rejected');
  if (statusError) return { ok: false, error: statusError };
  const json = parseJsonBody(response, 'key-rejected');
  return json.ok ? parseUpdateCycle(json.value) : json;
}

/** MBI's Update Cycle Status API: the account's last data update, read with its Export API key. */
export const mbiUpdateCycle: Source = {
  feed: 'update-cycle',
  pipeline: 'mbi',
  // Only a key entered for this API host and client: settings may have changed since it was stored.
  credential: (account, secrets) => storedKeyFor(secrets, account) ?? null,
  rate: { group: (account) => `${account.apiOrigin}|${account.clientId}`, minIntervalMs: UPDATE_CYCLE_MIN_INTERVAL_MS },
  fetch: (account, key, limits) => fetchUpdateCycle(account, key?.exportApiKey ?? '', limits),
};
