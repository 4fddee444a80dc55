// What the popup shows, built by the worker after every change and kept in storage.local, so the popup
// paints from one read with no parsing, catalogue or derivation code of its own. Texts are already in
// the browser's language; times stay numbers so the popup can say "5 minutes ago" when it opens.
import type { IssueAction, IssueKind } from './issues';
import { isRecord } from './keyed-record';
import type { IntegrationKind, IntegrationState } from './types';

// The stored-items table (stored-items.ts) lists every item; the popup's own are declared here, so that the
// popup loads none of the other items' parsers.
export type Area = 'sync' | 'local' | 'session';

export interface StoredItem<T> {
  key: string;
  area: Area;
  parse(raw: unknown): T;
}

export const item = <T>(key: string, area: Area, parse: (raw: unknown) => T): StoredItem<T> => ({ key, area, parse });

/** Where the admin's settings are: the popup reads only their account names from there. */
export const SETTINGS_PLACE = { key: 'settings', area: 'sync' } as const;

export interface PopupRow {
  accountId: string;
  id: string;
  name: string;
  provider: string;
  kind: IntegrationKind;
  state: IntegrationState;
  stateLabel: string;
  /** Whose status page "Check … status" opens: "Adobe" for MBI, the vendor's name; none for Stitch. */
  statusPage?: string;
  since?: number;
  firstSeen?: boolean;
  detail?: string;
  /** How often it broke in the last 30 days and when it was last fixed, when it broke within them. */
  history?: { breaks: number; lastFixedAt?: number };
  /**
   * What the provider's status page (or Adobe's, for MBI itself) reports while it is broken. `holds`: an
   * incident, so re-authorizing will not help until it is resolved; `internal`: MBI's own incident while
   * several broke at once, the likely cause.
   */
  outage?: PopupOutage;
  /** "Likely cause: …" and its evidence, when something points to a cause. */
  cause?: { text: string; kind: string; evidence?: string; evidenceAt?: number; evidenceRaw?: string };
  actionLabel: string;
  hint: string;
  escalated: boolean;
  /** Support case first: escalated, still failing after a re-authorization, or not fixable by one (Zendesk's tokens). */
  supportFirst: boolean;
  verification?: { result?: 'fixed' | 'still-failing'; checkedAt?: number };
  /** For snoozed rows: until when, or until the state changes. */
  wakeAt?: number;
}

export interface PopupOutage {
  /** Who reports it ("Zendesk"). */
  source: string;
  kind: 'incident' | 'component' | 'maintenance';
  /** As the status page wrote it. */
  title: string;
  since?: number;
  /** Reported on MBI itself (Adobe's page). */
  mbi?: true;
  holds?: true;
  internal?: true;
  /** The status page can be opened from the row. */
  link?: true;
}

export interface PopupIssue {
  kind: IssueKind;
  title: string;
  advice: string;
  /** Detail beyond the advice (the technical message), when there is one. */
  message?: string;
  action: IssueAction;
  actionLabel: string;
}

export interface PopupAccount {
  accountId: string;
  label: string;
  /** Its pipeline's name ("Fivetran") when it is not MBI's. */
  pipeline?: string;
  /** The pipeline's name shown before the label, when accounts of several pipelines are listed ("MBI" too). */
  tag?: string;
  total: number;
  /** Its problems, all of them. */
  problemCount: number;
  /** The first `firstRows` entries of them, alike ones folded into groups; all are in the full list. */
  entries: PopupEntry[];
  /** How many entries there are in all. */
  entryCount: number;
  snoozed: PopupRow[];
  issue?: PopupIssue;
  showingLastGood: boolean;
  lastSuccessAt?: number;
  /** `endedRaw`: the end time as MBI wrote it, shown when it cannot be placed on this computer's clock. */
  lastJob?: { statusName: string; endedAt: number; endedRaw: string };
  /** What was off in MBI's list, though it was read: shown with the diagnostic sample to copy. */
  anomalies?: string[];
  /** MBI's last good list for the account is empty: there is nothing to watch yet. */
  listsNone?: true;
}

/**
 * Several problems of one account alike in provider, state and error, shown as one row that expands in
 * place: 38 broken MySQL integrations read as one line, not 38.
 */
export interface PopupGroup {
  group: true;
  /** Stable while its members stay alike: provider, state and error. */
  key: string;
  provider: string;
  kind: IntegrationKind;
  state: IntegrationState;
  stateLabel: string;
  detail?: string;
  hint: string;
  count: number;
  /** When the latest of them broke. */
  since?: number;
  /** The incident all of them are held by, if one is. */
  outage?: PopupOutage;
  /** Its rows: in the full list (STORED.popupRows) only, read when it expands. */
  rows?: PopupRow[];
}

export type PopupEntry = PopupRow | PopupGroup;

export const isGroup = (entry: PopupEntry): entry is PopupGroup => 'group' in entry;

/** Every entry of every account, groups with their rows, by account id: read on "Show all" or a group's expand. */
export type PopupRows = Record<string, PopupEntry[]>;

/** Alike problems of one account fold into a group from this many on. */
export const GROUP_FROM = 3;

/**
 * How many entries of each account the model carries: a row is about 180 px and the popup at most 600,
 * so with several accounts each shows its latest 3, and a single account 10. The rest are a "Show all"
 * away, read from the full list.
 */
export function firstRows(accounts: number): number {
  return accounts > 1 ? 3 : 10;
}

/**
 * Whether a stored value is a model of this version's shape. One written by an earlier version (before the
 * worker rewrites it after an update) is not: the popup then waits for the new one rather than painting
 * an account with no count.
 */
export function isPopupModel(value: unknown): value is PopupModel {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<PopupModel>;
  return (
    typeof m.builtAt === 'number' &&
    Array.isArray(m.comingUp) &&
    Array.isArray(m.accounts) &&
    m.accounts.every((a) => typeof a.problemCount === 'number' && Array.isArray(a.entries))
  );
}

/** A healthy integration a rule expects to stop: the "Coming up" section. */
export interface PopupComingUp {
  accountId: string;
  accountLabel: string;
  id: string;
  name: string;
  provider: string;
  kind: IntegrationKind;
  /** Undefined while the event it counts from has not been seen. */
  due?: number;
  /** A vendor's calendar deadline (shown as that date everywhere), not an interval. */
  fixed: boolean;
  dueSoon: boolean;
  /** The rule and the confidence, in words; what to do now. */
  what: string;
  confidence: string;
  todo: string;
  action: 'reauthorize' | 'support';
  source: string;
  /** The provider's incident now: re-authorizing during it may fail. */
  outage?: PopupOutage;
}

export interface PopupModel {
  builtAt: number;
  problemCount: number;
  escalationHours: number;
  lastCheckedAt?: number;
  /** Paused or not configured: shown above every account. */
  globalIssue?: PopupIssue;
  accounts: PopupAccount[];
  /** Re-authorized integrations that were fixed, or that MBI no longer lists (`removed`). */
  fixed: { key: string; name: string; checkedAt?: number; removed?: true }[];
  /** Due soon (or not dated yet) over every account, soonest first: the first of them. */
  comingUp: PopupComingUp[];
  /** How many there are in all. */
  comingUpCount: number;
  /**
   * Status pages a broken integration's provider has that the extension may not read, and the admin has not
   * said "Not now": who they are, and the host patterns to ask for (all status hosts, asked once).
   */
  statusAccess?: { sources: string[]; hosts: string[]; origins: string[] };
}

/** The stored full list as far as it has this version's shape: lists of entries by account id. */
export function parseRows(raw: unknown): PopupRows {
  if (!isRecord(raw)) return {};
  const rows: PopupRows = {};
  for (const [id, entries] of Object.entries(raw)) if (Array.isArray(entries)) rows[id] = entries as PopupEntry[];
  return rows;
}

/** The popup's model: what it paints from one read. */
export const POPUP_MODEL = /* @__PURE__ */ item<PopupModel | undefined>('popupModel', 'local', (raw) =>
  isPopupModel(raw) ? raw : undefined,
);
/** Every account's entries, read on "Show all". */
export const POPUP_ROWS = /* @__PURE__ */ item<PopupRows>('popupRows', 'local', parseRows);
