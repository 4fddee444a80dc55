// Re-authorization follow-up: after the admin opens a re-authorization page, the account is checked
// again (when that tab closes, and a minute later) and the row says "Fixed" or "Still failing".
import { emptyRecord } from './keyed-record';
import { isListData, type FeedRecord, type IntegrationState } from './types';
import { PROBLEM_STATES } from './view';

export interface Verification {
  accountId: string;
  integrationId: string;
  name: string;
  startedAt: number;
  tabIds: number[];
  /** Unset while the re-authorization is still in progress; `removed` when MBI no longer lists the integration. */
  result?: 'fixed' | 'still-failing' | 'removed';
  checkedAt?: number;
}

export type Verifications = Record<string, Verification>;

/** Results stay visible for a day; a re-authorization still open after an hour is no longer followed. */
const KEEP_MS = 86_400_000;
export const FOLLOW_MS = 3_600_000;
/** Judged once its tabs are closed, or a minute after it began, whichever comes first. */
export const RECHECK_MS = 60_000;

export function parseVerifications(raw: unknown): Verifications {
  const out = emptyRecord<Verification>();
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [key, v] of Object.entries(raw as Record<string, Partial<Verification>>)) {
    if (typeof v?.accountId !== 'string' || typeof v.integrationId !== 'string' || typeof v.startedAt !== 'number')
      continue;
    const item: Verification = {
      accountId: v.accountId,
      integrationId: v.integrationId,
      name: typeof v.name === 'string' ? v.name : v.integrationId,
      startedAt: v.startedAt,
      tabIds: Array.isArray(v.tabIds) ? v.tabIds.filter((t): t is number => typeof t === 'number') : [],
    };
    if (v.result === 'fixed' || v.result === 'still-failing' || v.result === 'removed') item.result = v.result;
    if (typeof v.checkedAt === 'number') item.checkedAt = v.checkedAt;
    out[key] = item;
  }
  return out;
}

/** Pure: the verifications after a check, judged from the stored connections of each account. */
export function judge(verifications: Verifications, records: readonly FeedRecord[], now: number): Verifications {
  const out = emptyRecord<Verification>();
  for (const [key, v] of Object.entries(verifications)) {
    if (now - v.startedAt > KEEP_MS) continue;
    const record = records.find((r) => r.accountId === v.accountId && isListData(r.data));
    const due = v.tabIds.length === 0 || now - v.startedAt >= RECHECK_MS;
    // Judge only when due, and only on a successful check made after the re-authorization began.
    if (!due || !record || record.error || (record.lastSuccessAt ?? 0) <= v.startedAt || !isListData(record.data)) {
      out[key] = v;
      continue;
    }
    const state: IntegrationState | undefined = record.data.integrations.find((i) => i.id === v.integrationId)?.state;
    // Gone from MBI's list is not a fix: it says so.
    const result = state === undefined ? 'removed' : PROBLEM_STATES.has(state) ? 'still-failing' : 'fixed';
    out[key] = { ...v, result, checkedAt: record.lastSuccessAt ?? now };
  }
  return out;
}
