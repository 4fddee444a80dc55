// The normalized model every part of the extension speaks, whatever the account.

export type IntegrationState = 'ok' | 'needs-reauth' | 'failing' | 'paused' | 'unknown';
export type IntegrationKind = 'oauth' | 'api-key' | 'database' | 'push' | 'unknown';

export interface Integration {
  /** Upstream connection id, as a string. */
  id: string;
  name: string;
  /** Raw upstream type code, e.g. "mysql" or "facebook_ads". */
  type: string;
  /** Display name of the provider ("MySQL", "Facebook Ads"). */
  provider: string;
  kind: IntegrationKind;
  state: IntegrationState;
  /** The upstream status value as received, kept for display when it is not recognised. */
  rawStatus: string;
  /** Upstream error text, if any. */
  detail?: string;
  /** Provider-side tenant (e.g. the Zendesk site prefix), when upstream names one. */
  subdomain?: string;
  /** What the pipeline files it under: Fivetran's group, Airbyte's workspace, Stitch's client account. */
  group?: string;
  /** How often the pipeline syncs it (minutes), when its schedule says: what "stale" is judged against. */
  scheduleMinutes?: number;
  /** When the current state began (ms since epoch), as far as the extension saw it change. */
  since?: number;
  /** True when `since` is only when the extension first saw the integration, not a change it saw. */
  firstSeen?: boolean;
  /** When MBI says the connection was last established (its `established`, read as UTC). */
  authorizedAt?: number;
  /** When the extension first saw it healthy: what an interval counts from when nothing newer is known. */
  firstSeenOkAt?: number;
  /** When the extension first saw it, and last saw it healthy. */
  firstSeenAt?: number;
  lastOkAt?: number;
}

/** Names a source (background/sources): one record is kept per account and source. */
export type FeedName = string;

/** The closed set of ways a poll can fail. Every kind has a row in ISSUES (issues.ts). */
export type FeedErrorKind =
  | 'signed-out'
  | 'key-rejected'
  | 'rate-limited'
  | 'server-error'
  | 'unreachable'
  | 'offline'
  | 'timeout'
  | 'format-changed'
  | 'too-large'
  | 'permission-missing';

export interface FeedError {
  kind: FeedErrorKind;
  /** Technical detail for the tooltip and support summary; never contains a secret. */
  message: string;
  httpStatus?: number;
  /** For rate-limited: when the server allows the next call (ms since epoch). */
  retryAt?: number;
  /** Keys and value types of the JSON received, for the diagnostic sample (describeShape). */
  shape?: string;
}

/** What a source that lists integrations keeps (MBI's connections list). */
export interface ListData {
  feed: FeedName;
  integrations: Integration[];
  /** Keys and value types of the JSON received, for the diagnostic sample (describeShape). */
  shape?: string;
  /** What was off in a list that was still read (a repeated id, an element that could not be read), in English. */
  anomalies?: string[];
}

/** What a source of account-wide facts keeps: the account's last data update (MBI's Update Cycle Status). */
export interface FactsData {
  feed: FeedName;
  /** Null when the account has never completed an update. */
  lastJob: null | {
    id: number;
    typeName: string;
    statusId: number;
    statusName: string;
    /** End of the job (ms since epoch), converted from the client's time zone. */
    endedAt: number;
    /** The time as MBI wrote it, with its zone abbreviation, for display. */
    endedRaw: string;
  };
}

/** Status id 4 ("Completed Successfully") is the only update-job status Adobe documents. */
export const COMPLETED_STATUS_ID = 4;

export type FeedData = ListData | FactsData;

export type FeedResult<D extends FeedData = FeedData> = { ok: true; data: D } | { ok: false; error: FeedError };

/** What IndexedDB keeps per account and feed: the last attempt and the last good data. */
export interface FeedRecord {
  key: string;
  accountId: string;
  feed: FeedName;
  lastAttemptAt: number;
  lastSuccessAt?: number;
  /** Set while the latest attempt failed; cleared by the next success. */
  error?: FeedError;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** Earliest time the next automatic poll may run (backoff, Retry-After, rate rule). */
  notBefore?: number;
  /** Last good data; kept through failures. */
  data?: FeedData;
}

export function feedKey(accountId: string, feed: FeedName): string {
  return `${accountId}:${feed}`;
}

export interface Transition {
  accountId: string;
  integrationId: string;
  name: string;
  from: IntegrationState | 'new' | 'removed';
  to: IntegrationState | 'removed';
  at: number;
  detail?: string;
}

export interface PollLogEntry {
  accountId: string;
  feed: FeedName;
  at: number;
  outcome: 'ok' | FeedErrorKind;
  durationMs: number;
}

/** The integrations a record lists, when its source lists integrations rather than account-wide facts. */
export function integrationsOf(record: FeedRecord | undefined): readonly Integration[] | undefined {
  const data = record?.data;
  return data && 'integrations' in data ? data.integrations : undefined;
}

export const isListData = (data: FeedData | undefined): data is ListData =>
  data !== undefined && 'integrations' in data;

/** An integration of an account as last listed, with the record (and so the source) that lists it. */
export function findIntegration(
  records: readonly FeedRecord[],
  accountId: string,
  integrationId: string,
): { record: FeedRecord; integration: Integration } | undefined {
  for (const record of records) {
    const integration =
      record.accountId === accountId ? integrationsOf(record)?.find((i) => i.id === integrationId) : undefined;
    if (integration) return { record, integration };
  }
  return undefined;
}
