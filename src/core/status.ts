// Pure: what a status page said, kept per page; when it counts as unknown; and which pages a check needs.
import { emptyRecord, isRecord } from './keyed-record';
import {
  pageOf,
  STATUS_PAGES,
  MBI_PAGE,
  vendorPageOf,
  type PagePart,
  type StatusPage,
  type Watched,
} from './status-pages';
import type { AccountSettings } from './settings';
import type { Integration } from './types';

/** The one closed set every format maps to. */
export type StatusLevel = 'operational' | 'degraded' | 'outage' | 'maintenance' | 'unknown';

/** Why a page's status is unknown: it could not be read, it is not the page meant, or it was not asked. */
export type UnknownReason = 'unreadable' | 'page-changed' | 'component-missing' | 'no-access' | 'not-set';

/** The level of something a page reports. */
export type EventLevel = Exclude<StatusLevel, 'operational' | 'unknown'>;

export interface StatusEvent {
  /** An incident, a watched component that is not operational, or a maintenance. */
  kind: 'incident' | 'component' | 'maintenance';
  id: string;
  /** As the page wrote it: rendered as text. */
  title: string;
  level: EventLevel;
  /** When it began (ms since epoch), when the page says. */
  since?: number;
  /** Its page, on the status page's own host. */
  url?: string;
  /** The product it is on, when the page names one (Adobe's feed: which of Adobe's products). */
  product?: string;
}

export interface StatusReading {
  level: StatusLevel;
  /** What touches the watched components, worst first. */
  events: StatusEvent[];
  reason?: UnknownReason;
}

/** What is kept per page target: the last reading of a page that could be read, and the failures since. */
export interface StatusRecord {
  /** Page key, with the account's part for pages read per instance or region ("salesforce:NA45"). */
  target: string;
  checkedAt: number;
  /** Consecutive failed reads. */
  failures: number;
  reading?: StatusReading;
}

export type StatusRecords = Record<string, StatusRecord>;

/** How often one status host is read at most, whatever asks (the simulator build: a few seconds). */
export const STATUS_INTERVAL_MS = Number(import.meta.env.VITE_STATUS_INTERVAL_MS ?? 5 * 60_000);
/** A page that failed this many times in a row is unknown; before that its last reading stands. */
export const FAILURES_UNKNOWN = 3;

const LEVEL_RANK: Readonly<Record<StatusLevel, number>> = {
  outage: 0,
  degraded: 1,
  maintenance: 2,
  unknown: 3,
  operational: 4,
};

const KIND_RANK: Readonly<Record<StatusEvent['kind'], number>> = { incident: 0, maintenance: 1, component: 2 };

export const worse = (a: StatusLevel, b: StatusLevel): StatusLevel => (LEVEL_RANK[a] <= LEVEL_RANK[b] ? a : b);

/** The reading of a set of events: the worst of them, operational when there are none. */
export function readingOf(events: StatusEvent[]): StatusReading {
  // Worst first; of one level, an incident or a maintenance (they have a title and a link) before a component.
  const sorted = [...events].sort(
    (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || KIND_RANK[a.kind] - KIND_RANK[b.kind],
  );
  return { level: sorted.reduce<StatusLevel>((l, e) => worse(l, e.level), 'operational'), events: sorted };
}

export const unknownReading = (reason: UnknownReason): StatusReading => ({ level: 'unknown', events: [], reason });

/**
 * A reading older than this says nothing about now: checks run at most an hour apart, and a host whose
 * pages are many (one per Zendesk account) reads its stalest ones first.
 */
export const READING_MAX_AGE_MS = 2 * 3_600_000;

/**
 * The reading that counts: unknown after FAILURES_UNKNOWN failed reads in a row, when never read, or (given
 * `now`) when read too long ago.
 */
export function currentReading(record: StatusRecord | undefined, now?: number): StatusReading {
  if (!record) return unknownReading('unreadable');
  if (record.reading?.reason === 'no-access') return record.reading;
  if (record.failures >= FAILURES_UNKNOWN || !record.reading) return unknownReading('unreadable');
  if (now !== undefined && now - record.checkedAt > READING_MAX_AGE_MS) return unknownReading('unreadable');
  return record.reading;
}

/** The readings that count at `now`, from the stored records. */
export function readingsOf(records: StatusRecords, now: number): Map<string, StatusReading> {
  return new Map(Object.values(records).map((r) => [r.target, currentReading(r, now)]));
}

/** A page as read for one account: its part filled in ("NA45"), or undefined when the account has not given it. */
export interface PageTarget {
  target: string;
  page: StatusPage;
  urls: string[];
  human: string;
  /** The watched list with the account's part filled in. */
  watch: StatusPage['watch'];
}

const PART_PATTERN: Readonly<Record<PagePart, RegExp>> = {
  salesforceInstance: /^[A-Za-z]{1,6}\d{1,5}[A-Za-z]?$/,
  awsRegion: /^[a-z]{2}(-[a-z]+)+-\d$/,
};

/** Whether a value entered for a page's part can be one (an instance like NA45, a region like us-east-1). */
export function isPart(part: PagePart, value: string): boolean {
  return PART_PATTERN[part].test(value);
}

const TENANT = /^[a-z0-9][a-z0-9-]{0,62}$/i;

/**
 * A page as read for an account (the instance or region it gave) and an integration (its tenant, for a
 * page that can be narrowed to one); undefined when the account has not given what the page needs.
 */
export function targetOf(
  page: StatusPage,
  account: Partial<Pick<AccountSettings, PagePart>>,
  tenant?: string,
): PageTarget | undefined {
  const value = page.needs && account[page.needs];
  if (page.needs && (value === undefined || !isPart(page.needs, value))) return undefined;
  const fill = (s: string) => (value === undefined ? s : s.replace(/\{instance\}|\{region\}/g, value));
  const scoped =
    page.scope !== undefined && tenant !== undefined && TENANT.test(tenant) ? tenant.toLowerCase() : undefined;
  const part = value ?? scoped;
  return {
    target: part === undefined ? page.key : `${page.key}:${part}`,
    page,
    urls: page.urls.map((u) => (scoped === undefined ? fill(u) : `${u}?subdomain=${scoped}`)),
    human: fill(page.human),
    watch: page.watch.map((w) => ('id' in w ? { id: fill(w.id) } : w)),
  };
}

/** Targets already made for an account (settings are read afresh each check): one per type and tenant. */
const targetsOf = new WeakMap<AccountSettings, Map<string, PageTarget | undefined>>();

/**
 * The page target of an integration of this account, if its provider has one; for an account of another
 * pipeline (Fivetran, Airbyte), that pipeline's own page, whatever the connector's source.
 */
export function targetFor(
  integration: Pick<Integration, 'type' | 'subdomain'>,
  account: AccountSettings,
): PageTarget | undefined {
  let made = targetsOf.get(account);
  if (!made) targetsOf.set(account, (made = new Map<string, PageTarget | undefined>()));
  const key = `${integration.type}\u0000${integration.subdomain ?? ''}`;
  if (made.has(key)) return made.get(key);
  // A pipeline's page that speaks for one installation only (Airbyte Cloud) says nothing of another.
  const page = account.pipeline ? vendorPageOf(account) : pageOf(integration.type);
  const target = page ? targetOf(page, account, integration.subdomain) : undefined;
  made.set(key, target);
  return target;
}

export const MBI_TARGET = /* @__PURE__ */ targetOf(STATUS_PAGES[MBI_PAGE], {})!;

/** Adobe's page, which speaks for MBI: for MBI accounts only (it says nothing of Fivetran or Airbyte). */
export function mbiTargetOf(account: Pick<AccountSettings, 'pipeline'>): PageTarget | undefined {
  return account.pipeline === undefined ? MBI_TARGET : undefined;
}

const EVENT_KINDS = new Set(['incident', 'component', 'maintenance']);
const REASONS = new Set(['unreadable', 'page-changed', 'component-missing', 'no-access', 'not-set']);
const LEVELS = new Set(['operational', 'degraded', 'outage', 'maintenance', 'unknown']);

function parseEvent(raw: unknown): StatusEvent | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.title !== 'string') return undefined;
  if (!EVENT_KINDS.has(raw.kind as string) || !LEVELS.has(raw.level as string)) return undefined;
  if (raw.level === 'operational' || raw.level === 'unknown') return undefined;
  const event: StatusEvent = {
    kind: raw.kind as StatusEvent['kind'],
    id: raw.id,
    title: raw.title,
    level: raw.level as StatusEvent['level'],
  };
  if (typeof raw.since === 'number' && Math.abs(raw.since) <= 8.64e15) event.since = raw.since;
  if (typeof raw.url === 'string') event.url = raw.url;
  if (typeof raw.product === 'string') event.product = raw.product;
  return event;
}

/** The stored records as far as they can be read; anything else is dropped (the page is read again). */
export function parseStatusRecords(raw: unknown): StatusRecords {
  const out = emptyRecord<StatusRecord>();
  if (!isRecord(raw)) return out;
  for (const [target, r] of Object.entries(raw)) {
    if (!isRecord(r) || typeof r.checkedAt !== 'number' || typeof r.failures !== 'number') continue;
    const record: StatusRecord = { target, checkedAt: r.checkedAt, failures: r.failures };
    const reading = r.reading;
    if (isRecord(reading) && LEVELS.has(reading.level as string) && Array.isArray(reading.events)) {
      record.reading = {
        level: reading.level as StatusLevel,
        events: reading.events.map(parseEvent).filter((e): e is StatusEvent => e !== undefined),
      };
      if (REASONS.has(reading.reason as string)) record.reading.reason = reading.reason as UnknownReason;
    }
    out[target] = record;
  }
  return out;
}

/** Whether a component or product is one watched: by id, or by group and name together. */
export function isWatched(
  watch: readonly Watched[],
  item: { id?: string | undefined; group: string | null; name: string },
): boolean {
  return watch.some((w) => ('id' in w ? w.id === item.id : w.group === item.group && w.name === item.name));
}
