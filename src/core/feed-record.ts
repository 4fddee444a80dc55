// Pure: a stored feed record read back into its type. IndexedDB keeps whatever was written (by an older
// version, or damaged), so every read of the `feeds` store goes through here.
import { isRecord } from './keyed-record';
import {
  feedKey,
  type FeedError,
  type FeedErrorKind,
  type FeedName,
  type FeedRecord,
  type Integration,
  type IntegrationKind,
  type IntegrationState,
} from './types';

// Records rather than lists: the compiler refuses a new kind or state until it is readable here too.
const ERROR_KINDS: Readonly<Record<FeedErrorKind, true>> = {
  'signed-out': true,
  'key-rejected': true,
  'rate-limited': true,
  'server-error': true,
  unreachable: true,
  offline: true,
  timeout: true,
  'format-changed': true,
  'too-large': true,
  'permission-missing': true,
};
const STATES: Readonly<Record<IntegrationState, true>> = {
  ok: true,
  'needs-reauth': true,
  failing: true,
  paused: true,
  unknown: true,
};
const KINDS: Readonly<Record<IntegrationKind, true>> = {
  oauth: true,
  'api-key': true,
  database: true,
  push: true,
  unknown: true,
};

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isOneOf = (set: object, v: unknown): boolean => typeof v === 'string' && Object.hasOwn(set, v);
const optional = (v: unknown, is: (v: unknown) => boolean): boolean => v === undefined || is(v);

// Checked in place, field by field: a poll reads thousands of integrations, and copying them would cost.
function isIntegration(v: unknown): v is Integration {
  return (
    isRecord(v) &&
    isString(v.id) &&
    isString(v.name) &&
    isString(v.type) &&
    isString(v.provider) &&
    isOneOf(KINDS, v.kind) &&
    isOneOf(STATES, v.state) &&
    isString(v.rawStatus) &&
    optional(v.detail, isString) &&
    optional(v.subdomain, isString) &&
    optional(v.group, isString) &&
    optional(v.scheduleMinutes, isNumber) &&
    optional(v.since, isNumber) &&
    optional(v.firstSeen, (f) => typeof f === 'boolean') &&
    optional(v.authorizedAt, isNumber) &&
    optional(v.firstSeenOkAt, isNumber) &&
    optional(v.firstSeenAt, isNumber) &&
    optional(v.lastOkAt, isNumber)
  );
}

function isFeedError(v: unknown): v is FeedError {
  return (
    isRecord(v) &&
    isOneOf(ERROR_KINDS, v.kind) &&
    isString(v.message) &&
    optional(v.httpStatus, isNumber) &&
    optional(v.retryAt, isNumber) &&
    optional(v.shape, isString)
  );
}

/** A list of integrations, or account-wide facts (the last data update), of the record's own source. */
function isFeedData(v: unknown, feed: FeedName): boolean {
  if (!isRecord(v) || v.feed !== feed) return false;
  if ('integrations' in v)
    return (
      Array.isArray(v.integrations) &&
      v.integrations.every(isIntegration) &&
      optional(v.shape, isString) &&
      optional(v.anomalies, (a) => Array.isArray(a) && a.every(isString))
    );
  if (!('lastJob' in v)) return false;
  const job = v.lastJob;
  return (
    job === null ||
    (isRecord(job) &&
      isNumber(job.id) &&
      isString(job.typeName) &&
      isNumber(job.statusId) &&
      isString(job.statusName) &&
      isNumber(job.endedAt) &&
      isString(job.endedRaw))
  );
}

/**
 * The record, or null when it cannot be read (then it counts as missing and the next poll rewrites it).
 * Sound but for its data, it is returned as a copy without the data: its attempt times, failures and
 * notBefore still hold the backoff, Retry-After and Adobe's one-call-a-minute rule MBI's answers set.
 */
export function parseFeedRecord(raw: unknown): FeedRecord | null {
  if (!isRecord(raw) || !isString(raw.accountId) || !isString(raw.feed) || raw.feed === '') return null;
  if (raw.key !== feedKey(raw.accountId, raw.feed) || !isNumber(raw.lastAttemptAt) || !isNumber(raw.failures))
    return null;
  if (!optional(raw.lastSuccessAt, isNumber) || !optional(raw.notBefore, isNumber) || !optional(raw.error, isFeedError))
    return null;
  const record = raw as unknown as FeedRecord;
  if (raw.data === undefined || isFeedData(raw.data, raw.feed)) return record;
  const envelope = { ...record };
  delete envelope.data;
  return envelope;
}
