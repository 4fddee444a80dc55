// One typed settings model: defaults, the type derived from them, and a parser that never trusts storage.
import { isRecord } from './keyed-record';
import { t } from './i18n';
import { isPart } from './status';

export const MBI_APP_ORIGIN = 'https://dashboard.rjmetrics.com';
export const MBI_API_ORIGIN = 'https://api.rjmetrics.com';

/** The pipelines whose accounts are watched: MBI's own integrations, and those that load what MBI reads. */
export const PIPELINES = ['mbi', 'fivetran', 'airbyte', 'stitch'] as const;
export type Pipeline = (typeof PIPELINES)[number];
export type OtherPipeline = Exclude<Pipeline, 'mbi'>;

/** Each other pipeline's public API base and the app where its connectors are fixed (DOMAIN-NEXT §3). */
export const PIPELINE_DEFAULTS: Readonly<Record<OtherPipeline, { apiBase: string; appOrigin: string }>> = {
  fivetran: { apiBase: 'https://api.fivetran.com/v1', appOrigin: 'https://fivetran.com' },
  airbyte: { apiBase: 'https://api.airbyte.com/v1', appOrigin: 'https://cloud.airbyte.com' },
  stitch: { apiBase: 'https://api.stitchdata.com', appOrigin: 'https://app.stitchdata.com' },
};

export const PIPELINE_NAMES: Readonly<Record<Pipeline, string>> = {
  mbi: 'MBI',
  fivetran: 'Fivetran',
  airbyte: 'Airbyte',
  stitch: 'Stitch',
};

export const isOtherPipeline = (value: unknown): value is OtherPipeline =>
  value === 'fivetran' || value === 'airbyte' || value === 'stitch';

export const pipelineOf = (account: Pick<AccountSettings, 'pipeline'>): Pipeline => account.pipeline ?? 'mbi';

export interface AccountSettings {
  id: string;
  label: string;
  /** Absent for an MBI account; else the pipeline whose API lists the account's connectors. */
  pipeline?: OtherPipeline;
  /** Numeric MBI client id, kept as digits; empty for the other pipelines. */
  clientId: string;
  /** MBI's app; for the other pipelines, the app where a connector is fixed. */
  appOrigin: string;
  /** The API's origin: what host access is asked for and what a key is bound to. */
  apiOrigin: string;
  /** The other pipelines: the API's base URL (its origin and path, "https://api.fivetran.com/v1"). */
  apiBase?: string;
  enabled: boolean;
  /** Set by organization policy (storage.managed): shown locked, never written to sync. */
  managed?: boolean;
  /** Salesforce: the org's "expire refresh token after N days" policy, when the admin entered one. */
  salesforceDays?: number;
  /** Salesforce: the org's instance ("NA45"), for its status on Salesforce Trust. */
  salesforceInstance?: string;
  /** Amazon RDS: the database's AWS region ("us-east-1"), for its status on AWS Health. */
  awsRegion?: string;
}

/** Warnings before an integration is expected to stop (core/deadlines.ts). */
export interface DeadlineSettings {
  /** Days before a re-authorization is due. */
  intervalDays: number;
  /** Days before a vendor's fixed deadline. */
  fixedDays: number;
  /** Rule ids switched off. */
  off: string[];
}

export interface NotificationSettings {
  newProblem: boolean;
  recovered: boolean;
  escalation: boolean;
  /** Quiet hours in minutes after local midnight; equal start and end means none. */
  quietStart: number;
  quietEnd: number;
}

export const DEFAULT_SETTINGS = {
  version: 3,
  pollMinutes: 5,
  /** The account's data counts as stale when its last completed update is older than this. */
  staleHours: 26,
  /** How long an integration may stay broken before a support case is suggested. */
  escalationHours: 24,
  /** How long transition and poll history is kept. */
  retentionDays: 90,
  paused: false,
  /** Keep keys and credentials only until the browser closes (storage.session) instead of on disk. */
  secretsInSession: false,
  notifications: {
    newProblem: true,
    recovered: true,
    escalation: true,
    quietStart: 0,
    quietEnd: 0,
  } as NotificationSettings,
  deadlines: { intervalDays: 7, fixedDays: 30, off: [] } as DeadlineSettings,
  accounts: [] as AccountSettings[],
};

export type Settings = typeof DEFAULT_SETTINGS;

/** Test builds (VITE_MIN_POLL_MINUTES) may poll every few seconds; shipped builds never below a minute. */
export const POLL_MINUTES = { min: Number(import.meta.env.VITE_MIN_POLL_MINUTES ?? 1), max: 60 } as const;
export const STALE_HOURS = { min: 1, max: 24 * 14 } as const;
export const ESCALATION_HOURS = { min: 1, max: 24 * 30 } as const;
export const RETENTION_DAYS = { min: 7, max: 365 } as const;
export const WARN_INTERVAL_DAYS = { min: 1, max: 60 } as const;
export const WARN_FIXED_DAYS = { min: 1, max: 365 } as const;
export const SALESFORCE_DAYS = { min: 1, max: 3650 } as const;
const MINUTE_OF_DAY = { min: 0, max: 24 * 60 - 1 } as const;

/**
 * A credential with the API host and client it was entered for: it is never sent anywhere else. For MBI,
 * the Export API key; Fivetran: the API key and its secret; Airbyte: the application's client id and
 * secret, or an access token alone; Stitch: the access token.
 */
export interface StoredKey {
  exportApiKey: string;
  secret?: string;
  apiOrigin: string;
  /** MBI's client id; empty for the other pipelines. */
  clientId: string;
}

/** Secrets live on this computer only (storage.local or storage.session), keyed by account id. */
export type Secrets = Record<string, StoredKey>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * A plain host as typed: an LDH name of two labels or more (or localhost) whose last label starts with a
 * letter (URL would read "1.2.3" or "0x7f.1" as an address), a dotted IPv4 address, or a bracketed IPv6
 * one. Nothing else: `*`, `%2A` or Unicode would become a wildcard or another host once URL or a
 * permission pattern reads them.
 */
function isPlainHost(host: string): boolean {
  if (IPV4.test(host) || /^\[[0-9a-f:.]*:[0-9a-f:.]*\]$/.test(host)) return true;
  const labels = host.split('.');
  if (host.length > 253 || !labels.every((l) => LABEL.test(l))) return false;
  return host === 'localhost' || (labels.length > 1 && /^[a-z]/.test(labels[labels.length - 1] ?? ''));
}

/**
 * Accepts "host", "host:port" or a full origin; returns the origin. https is required except for
 * localhost / 127.0.0.1, which may be http for local testing. The text itself is checked before URL
 * parses it, since URL turns odd input into some other host.
 */
export function parseOrigin(input: string): Parsed<string> {
  const text = input.trim().toLowerCase();
  if (text === '') return { ok: false, error: t('validate_host_empty') };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(text);
  const rest = scheme ? text.slice(scheme[0].length) : text;
  const authority = rest.replace(/\/$/, '');
  if (/[/?#\\]/.test(authority)) return { ok: false, error: t('validate_host_path') };
  if (authority.includes('@')) return { ok: false, error: t('validate_host_credentials') };
  const parts = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(authority);
  const host = parts?.[1] ?? '';
  const port = Number(parts?.[2] ?? 443);
  if (!parts || !isPlainHost(host) || port < 1 || port > 65_535)
    return { ok: false, error: t('validate_host_invalid') };
  const protocol = scheme ? scheme[1] : 'https';
  if (protocol !== 'https' && !(protocol === 'http' && LOCAL_HOSTS.has(host)))
    return { ok: false, error: t('validate_host_https') };
  try {
    // Canonical form: default port dropped, IPv6 compressed; an invalid IPv6 address throws.
    return { ok: true, value: new URL(`${protocol}://${authority}`).origin };
  } catch {
    return { ok: false, error: t('validate_host_invalid') };
  }
}

export function parseClientId(input: string): Parsed<string> {
  const text = input.trim();
  if (!/^\d{1,12}$/.test(text)) return { ok: false, error: t('validate_client_id') };
  return { ok: true, value: String(Number(text)) };
}

function clamp(value: unknown, range: { min: number; max: number }, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(range.max, Math.max(range.min, value));
}

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Account ids become object keys and parts of notification ids: plain characters, never a prototype name. */
export function isSafeId(id: string): boolean {
  return /^[A-Za-z0-9_.-]{1,80}$/.test(id) && id !== '__proto__' && id !== 'constructor' && id !== 'prototype';
}

/**
 * An API base URL as typed ("api.fivetran.com/v1" or a full URL): an origin as parseOrigin accepts it and
 * a plain path (letters, digits, `-._~`, slashes); returns it without a trailing slash, with its origin.
 */
export function parseApiBase(input: string): Parsed<{ base: string; origin: string }> {
  const text = input.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text)?.[0] ?? '';
  const rest = text.slice(scheme.length);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash).replace(/\/+$/, '');
  if (path !== '' && !/^(?:\/[A-Za-z0-9._~-]+)+$/.test(path)) return { ok: false, error: t('validate_base_path') };
  if (/(?:^|\/)\.{1,2}(?:\/|$)/.test(path)) return { ok: false, error: t('validate_base_path') };
  const origin = parseOrigin(scheme + authority);
  return origin.ok ? { ok: true, value: { base: origin.value + path, origin: origin.value } } : origin;
}

/** An account of Fivetran, Airbyte or Stitch: its API base and app, with the public defaults. */
function parseOtherAccount(r: Record<string, unknown>, pipeline: OtherPipeline, index: number): AccountSettings | null {
  const defaults = PIPELINE_DEFAULTS[pipeline];
  const base = parseApiBase(str(r.apiBase, defaults.apiBase));
  const app = parseOrigin(str(r.appOrigin, defaults.appOrigin));
  if (!base.ok || !app.ok) return null;
  return {
    id: isSafeId(str(r.id, '')) ? str(r.id, '') : `${pipeline}-${index}`,
    label: str(r.label, '').trim().slice(0, 80).trim() || PIPELINE_NAMES[pipeline],
    pipeline,
    clientId: '',
    appOrigin: app.value,
    apiOrigin: base.value.origin,
    apiBase: base.value.base,
    enabled: r.enabled !== false,
  };
}

function parseAccount(raw: unknown, index: number): AccountSettings | null {
  if (!isRecord(raw)) return null;
  const r = raw;
  if (isOtherPipeline(r.pipeline)) return parseOtherAccount(r, r.pipeline, index);
  // A pipeline this version does not know is not read as an MBI account.
  if (r.pipeline !== undefined && r.pipeline !== 'mbi') return null;
  const clientId = parseClientId(str(r.clientId, ''));
  if (!clientId.ok) return null;
  // A host that is there but invalid drops the account: never silently point it at MBI's own hosts.
  const app = parseOrigin(str(r.appOrigin, MBI_APP_ORIGIN));
  const api = parseOrigin(str(r.apiOrigin, MBI_API_ORIGIN));
  if (!app.ok || !api.ok) return null;
  const account: AccountSettings = {
    id: isSafeId(str(r.id, '')) ? str(r.id, '') : `mbi-${clientId.value}-${index}`,
    label: str(r.label, '').trim().slice(0, 80).trim() || `MBI ${clientId.value}`,
    clientId: clientId.value,
    appOrigin: app.value,
    apiOrigin: api.value,
    enabled: r.enabled !== false,
  };
  if (typeof r.salesforceDays === 'number' && Number.isFinite(r.salesforceDays))
    account.salesforceDays = Math.round(clamp(r.salesforceDays, SALESFORCE_DAYS, 1));
  // What cannot be an instance or a region is left out: the status page is then not read, never read wrong.
  for (const part of ['salesforceInstance', 'awsRegion'] as const) {
    const value = r[part];
    if (typeof value === 'string' && isPart(part, value.trim())) account[part] = value.trim();
  }
  return account;
}

/**
 * An own account never takes a policy account's `managed-` id, and an id already taken is renamed, never
 * merged: two accounts keep two sets of records. A key stays with the id it was stored under, and its
 * binding keeps it from the renamed account's hosts anyway.
 */
function ownId(id: string, taken: ReadonlySet<string>): string {
  const base = id.startsWith('managed-') ? `own-${id.slice('managed-'.length)}` : id;
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 79 - String(n).length)}-${n}`;
  return candidate;
}

/** True when stored settings were written by a newer version of the extension than this one. */
export function isNewerSettings(raw: unknown): boolean {
  const version = isRecord(raw) ? raw.version : undefined;
  return typeof version === 'number' && version > DEFAULT_SETTINGS.version;
}

/** Clamps and falls back field by field; unknown keys are dropped, invalid accounts skipped. */
export function parseSettings(raw: unknown): Settings {
  const r = isRecord(raw) ? raw : {};
  const taken = new Set<string>();
  const accounts: AccountSettings[] = [];
  (Array.isArray(r.accounts) ? r.accounts : []).forEach((item, i) => {
    const account = parseAccount(item, i);
    if (!account) return;
    const id = ownId(account.id, taken);
    taken.add(id);
    accounts.push({ ...account, id });
  });
  return {
    version: DEFAULT_SETTINGS.version,
    pollMinutes: clamp(r.pollMinutes, POLL_MINUTES, DEFAULT_SETTINGS.pollMinutes),
    staleHours: Math.round(clamp(r.staleHours, STALE_HOURS, DEFAULT_SETTINGS.staleHours)),
    escalationHours: Math.round(clamp(r.escalationHours, ESCALATION_HOURS, DEFAULT_SETTINGS.escalationHours)),
    retentionDays: Math.round(clamp(r.retentionDays, RETENTION_DAYS, DEFAULT_SETTINGS.retentionDays)),
    paused: r.paused === true,
    secretsInSession: r.secretsInSession === true,
    notifications: parseNotifications(r.notifications),
    deadlines: parseDeadlines(r.deadlines),
    accounts,
  };
}

function parseDeadlines(raw: unknown): DeadlineSettings {
  const r = isRecord(raw) ? raw : {};
  const d = DEFAULT_SETTINGS.deadlines;
  const off = Array.isArray(r.off) ? r.off.filter((id): id is string => typeof id === 'string' && isSafeId(id)) : [];
  return {
    intervalDays: Math.round(clamp(r.intervalDays, WARN_INTERVAL_DAYS, d.intervalDays)),
    fixedDays: Math.round(clamp(r.fixedDays, WARN_FIXED_DAYS, d.fixedDays)),
    off: [...new Set(off)].slice(0, 50),
  };
}

function parseNotifications(raw: unknown): NotificationSettings {
  const r = isRecord(raw) ? raw : {};
  const d = DEFAULT_SETTINGS.notifications;
  return {
    newProblem: typeof r.newProblem === 'boolean' ? r.newProblem : d.newProblem,
    recovered: typeof r.recovered === 'boolean' ? r.recovered : d.recovered,
    escalation: typeof r.escalation === 'boolean' ? r.escalation : d.escalation,
    quietStart: Math.round(clamp(r.quietStart, MINUTE_OF_DAY, d.quietStart)),
    quietEnd: Math.round(clamp(r.quietEnd, MINUTE_OF_DAY, d.quietEnd)),
  };
}

/** True when `at` falls in the quiet hours (local time), which may span midnight. */
export function inQuietHours(n: Pick<NotificationSettings, 'quietStart' | 'quietEnd'>, at: Date): boolean {
  if (n.quietStart === n.quietEnd) return false;
  const minute = at.getHours() * 60 + at.getMinutes();
  return n.quietStart < n.quietEnd
    ? minute >= n.quietStart && minute < n.quietEnd
    : minute >= n.quietStart || minute < n.quietEnd;
}

/** Keeps each key with its API host and client id; a key without them is dropped (see key-binding.ts). */
export function parseSecrets(raw: unknown): Secrets {
  const out: Secrets = {};
  if (!isRecord(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const key = parseStoredKey(value);
    if (isSafeId(id) && key) out[id] = key;
  }
  return out;
}

function parseStoredKey(raw: unknown): StoredKey | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const exportApiKey = str(r.exportApiKey, '').trim();
  const secret = str(r.secret, '').trim();
  const apiOrigin = parseOrigin(str(r.apiOrigin, ''));
  // The other pipelines have no client id: their keys are bound to the API host alone.
  const clientId = r.clientId === '' ? { ok: true as const, value: '' } : parseClientId(str(r.clientId, ''));
  if (exportApiKey === '' || !apiOrigin.ok || !clientId.ok) return null;
  const key: StoredKey = { exportApiKey, apiOrigin: apiOrigin.value, clientId: clientId.value };
  if (secret !== '') key.secret = secret;
  return key;
}

/** The origins an account needs host access to: MBI's app and API; the other pipelines' API only. */
export function accountOrigins(account: AccountSettings): string[] {
  return account.pipeline ? [account.apiOrigin] : [...new Set([account.appOrigin, account.apiOrigin])];
}

export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}
