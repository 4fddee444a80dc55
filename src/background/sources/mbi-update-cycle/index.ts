// Adapter: the documented Update Cycle Status API (account-wide), read with the Export API key.
import { isRecord } from '../../../core/keyed-record';
import { inertText } from '../../../core/inert-text';
import type { AccountSettings } from '../../../core/settings';
import type { FeedResult, FactsData } from '../../../core/types';
import { errorForStatus, parseJsonBody, request, type RequestLimits } from '../../http';
import { keyFor } from '../../../core/key-binding';
import type { Source } from '../source';

/** Adobe asks for at least 60 s between calls per client (shortened in the simulator build only). */
export const UPDATE_CYCLE_MIN_INTERVAL_MS = Number(import.meta.env.VITE_UPDATE_CYCLE_MIN_MS ?? 60_000);

// UTC offsets in hours of the abbreviations MBI may write; an unknown one is a format change.
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  WET: 0,
  BST: 1,
  CET: 1,
  CEST: 2,
  EET: 2,
  EEST: 3,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  AEST: 10,
  AEDT: 11,
  IST: 5.5,
  JST: 9,
};

export function updateCycleUrl(account: AccountSettings): string {
  return `${account.apiOrigin}/0.1/client/${encodeURIComponent(account.clientId)}/fullupdatestatus`;
}

/** "2025-12-09 03:29:03" in zone "EST" → ms since epoch, or null. */
export function parseZonedTime(value: unknown, zone: string): number | null {
  if (typeof value !== 'string' || !Object.hasOwn(ZONES, zone)) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  // Years before 1970 are no MBI update (and Date.UTC would read 0050 as 1950).
  if (y < 1970 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(utc) || new Date(utc).getUTCDate() !== d) return null;
  return utc - (ZONES[zone] ?? 0) * 3_600_000;
}

const changed = (message: string): FeedResult<FactsData> => ({
  ok: false,
  error: { kind: 'format-changed', message },
});
/** A string from MBI, inert (no control or bidi-control character), trimmed and capped; anything else → ''. */
const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? inertText(value).trim().slice(0, max) : '';

export function parseUpdateCycle(body: unknown): FeedResult<FactsData> {
  if (!isRecord(body) || !('lastCompletedUpdateJob' in body))
    return changed('The update status has no "lastCompletedUpdateJob".');
  const job = body.lastCompletedUpdateJob;
  if (job === null) return { ok: true, data: { feed: 'update-cycle', lastJob: null } };
  const zone = text(body.timezoneAbbreviation, 40).toUpperCase();
  if (!isRecord(job) || !isRecord(job.status) || !isRecord(job.type))
    return changed('The last update job is not in the documented shape.');
  const endedAt = parseZonedTime(job.end, zone);
  const { id } = job;
  const statusId = job.status.id;
  const endText = typeof job.end === 'string' ? text(job.end, 40) : `(${typeof job.end})`;
  if (endedAt === null)
    return changed(`The update end time "${endText}" in zone "${zone.slice(0, 8)}" is not understood.`);
  if (typeof id !== 'number' || typeof statusId !== 'number')
    return changed('The update job id or status id is not a number.');
  return {
    ok: true,
    data: {
      feed: 'update-cycle',
      lastJob: {
        id,
        typeName: text(job.type.name, 80),
        statusId,
        statusName: text(job.status.name, 80) || `status ${statusId}`,
        endedAt,
        endedRaw: `${endText} ${zone}`,
      },
    },
  };
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
  // Only a key entered for this API host and client: settings may have changed since it was stored.
  credential: (account, secrets) => keyFor(secrets, account) ?? null,
  rate: { group: (account) => `${account.apiOrigin}|${account.clientId}`, minIntervalMs: UPDATE_CYCLE_MIN_INTERVAL_MS },
  fetch: (account, key, limits) => fetchUpdateCycle(account, key ?? '', limits),
};
