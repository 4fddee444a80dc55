// What the popup shows, built by the worker after every change and kept in storage.local, so the popup
// paints from one read with no parsing, catalogue or derivation code of its own. Texts are already in
// the browser's language; times stay numbers so the popup can say "5 minutes ago" when it opens.
import type { IssueAction, IssueKind } from './issues';
import type { IntegrationKind, IntegrationState } from './types';

// (Its storage key, POPUP_MODEL_KEY, lives in messages.ts with the other names the parts share.)

export interface PopupRow {
  accountId: string;
  id: string;
  name: string;
  provider: string;
  kind: IntegrationKind;
  state: IntegrationState;
  stateLabel: string;
  since?: number;
  firstSeen?: boolean;
  detail?: string;
  /** How often it broke in the last 30 days and when it was last fixed, when it broke within them. */
  history?: { breaks: number; lastFixedAt?: number };
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
  total: number;
  /** Its problems, all of them. */
  problemCount: number;
  /** The first `firstRows` of them; the rest the popup asks the worker for (PopupMore). */
  problems: PopupRow[];
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

/** Problem rows beyond each account's first ones, by account id: the popup asks for them on "Show all". */
export type PopupMore = Record<string, PopupRow[]>;

/**
 * How many problem rows of each account the model carries and the popup paints at first: a row is about
 * 180 px and the popup at most 600, so with several accounts each shows its latest 3, and a single
 * account 10. A popup over hundreds of problems then opens as fast as one over a few; the rest follow on
 * "Show all".
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
    typeof m.moreVersion === 'string' &&
    Array.isArray(m.accounts) &&
    m.accounts.every((a) => typeof a.problemCount === 'number' && Array.isArray(a.problems))
  );
}

export interface PopupModel {
  builtAt: number;
  /** Changes whenever the rows beyond the first ones change: a popup showing them asks again. */
  moreVersion: string;
  problemCount: number;
  escalationHours: number;
  lastCheckedAt?: number;
  /** Paused or not configured: shown above every account. */
  globalIssue?: PopupIssue;
  accounts: PopupAccount[];
  /** Re-authorized integrations that were fixed, or that MBI no longer lists (`removed`). */
  fixed: { key: string; name: string; checkedAt?: number; removed?: true }[];
}
