// Pure: which desktop notifications a new state calls for. Driven by a remembered state per integration
// (not by the poll's transitions), so a worker restart never shows one twice and never loses one.
import { daysUntil } from './format';
import { emptyRecord, isRecord, recordFrom } from './keyed-record';
import { inQuietHours, type Settings } from './settings';
import { integrationKey, isSnoozed, type Snoozes } from './snooze';
import { integrationsOf, isListData, type FeedRecord, type Integration, type IntegrationState } from './types';
import { isOverdue, PROBLEM_STATES } from './view';

export type NoteKind = ProblemKind | DueKind | 'outage-over';
type ProblemKind = 'new-problem' | 'recovered' | 'escalation';
/** A healthy integration entering its warning window, and its due day. */
export type DueKind = 'due-soon' | 'due-today';

/** More notes than this of one kind for one account in one poll are shown as one summary instead. */
export const GROUP_ABOVE = 3;

interface NoteBase {
  /** Stable per kind and integration (or account, for a summary): showing it again replaces it. */
  id: string;
  kind: NoteKind;
  accountId: string;
}

export interface SingleNote extends NoteBase {
  integration: Integration;
}

/** Stands for several integrations of one account that changed the same way in one poll. */
export interface SummaryNote extends NoteBase {
  integrations: Integration[];
}

export type Note = SingleNote | SummaryNote;

interface Remembered {
  state: IntegrationState;
  escalated: boolean;
}

/**
 * Per account, the integrations that are not ok, by id: an integration without an entry is ok. An account
 * without an entry has not been seen yet (a seen account with everything ok is `{}`).
 */
export type NoteMemory = Record<string, Record<string, Remembered>>;

const KINDS: readonly ProblemKind[] = ['new-problem', 'escalation', 'recovered'];
const ALL_KINDS: readonly NoteKind[] = [...KINDS, 'due-soon', 'due-today', 'outage-over'];

const SETTING: Readonly<Record<ProblemKind, keyof Settings['notifications']>> = {
  'new-problem': 'newProblem',
  recovered: 'recovered',
  escalation: 'escalation',
};

/** Marks a summary's id in place of an integration id (which noteId() always escapes). */
const SUMMARY = '*';

function encodePart(part: string): string {
  return encodeURIComponent(part).replace(/\*/g, '%2A');
}

export function noteId(kind: NoteKind, accountId: string, integrationId: string): string {
  return [kind, accountId, integrationId].map(encodePart).join('|');
}

export function summaryNoteId(kind: NoteKind, accountId: string): string {
  return [kind, encodePart(accountId), SUMMARY].join('|');
}

/** The kind, account and integration of a note id; `integrationId` is null for an account's summary. */
export function parseNoteId(id: string): { kind: NoteKind; accountId: string; integrationId: string | null } | null {
  const raw = id.split('|');
  let parts: string[];
  try {
    parts = raw.map(decodeURIComponent);
  } catch {
    return null;
  }
  const [name, accountId, integrationId] = parts;
  const kind = ALL_KINDS.find((k) => k === name);
  if (parts.length !== 3 || !accountId || !integrationId || !kind) return null;
  return { kind, accountId, integrationId: raw[2] === SUMMARY ? null : integrationId };
}

export function isSummary(note: Note): note is SummaryNote {
  return 'integrations' in note;
}

export interface PlanInput {
  settings: Settings;
  records: readonly FeedRecord[];
  memory: NoteMemory;
  snoozes: Snoozes;
  now: number;
  /** Integrations (integrationKey) an outage holds: their re-authorize and escalation notes wait. */
  held?: ReadonlySet<string>;
}

function decide(
  prev: Remembered | undefined,
  item: Integration,
  settings: Settings,
  now: number,
  muted: boolean,
): { kinds: ProblemKind[]; escalated: boolean } {
  const problem = PROBLEM_STATES.has(item.state);
  const kinds: ProblemKind[] = [];
  const before = prev?.state ?? 'ok';
  if (before !== item.state) {
    if (problem) kinds.push('new-problem');
    else if (item.state === 'ok' && PROBLEM_STATES.has(before)) kinds.push('recovered');
  }
  let escalated = before === item.state && prev !== undefined && prev.escalated;
  const overdue = problem && isOverdue(item, settings.escalationHours, now);
  // While muted (quiet hours, snoozed) an escalation waits, so it still arrives afterwards.
  if (overdue && !escalated && !muted) {
    kinds.push('escalation');
    escalated = true;
  }
  return { kinds, escalated };
}

/** One note per integration, or one summary when there are more than GROUP_ABOVE. */
function notesFor(kind: NoteKind, accountId: string, items: Integration[]): Note[] {
  if (items.length > GROUP_ABOVE) return [{ id: summaryNoteId(kind, accountId), kind, accountId, integrations: items }];
  return items.map((integration) => ({ id: noteId(kind, accountId, integration.id), kind, accountId, integration }));
}

export function planNotes({ settings, records, memory, snoozes, now, held }: PlanInput): {
  notes: Note[];
  memory: NoteMemory;
} {
  const quiet = inQuietHours(settings.notifications, new Date(now));
  const notes: Note[] = [];
  const next: NoteMemory = emptyRecord();
  for (const account of settings.accounts.filter((s) => s.enabled)) {
    const integrations = integrationsOf(records.find((r) => r.accountId === account.id && isListData(r.data)));
    if (!integrations) {
      if (memory[account.id]) next[account.id] = memory[account.id]!;
      continue;
    }
    const seen = memory[account.id];
    // Keyed by MBI's ids: an id "__proto__" must be an entry, not this object's prototype.
    const remembered = emptyRecord<Remembered>();
    const due: Record<ProblemKind, Integration[]> = { 'new-problem': [], recovered: [], escalation: [] };
    for (const item of integrations) {
      const key = integrationKey(account.id, item.id);
      const muted = quiet || held?.has(key) === true || isSnoozed(snoozes[key], item, now);
      const { kinds, escalated } = decide(seen?.[item.id], item, settings, now, muted);
      if (item.state !== 'ok') remembered[item.id] = { state: item.state, escalated };
      // The first look at an account sets the baseline silently; the badge shows what is already broken.
      if (!seen || muted) continue;
      for (const kind of kinds) {
        if (settings.notifications[SETTING[kind]]) due[kind].push(item);
      }
    }
    next[account.id] = remembered;
    for (const kind of KINDS) notes.push(...notesFor(kind, account.id, due[kind]));
  }
  return { notes, memory: next };
}

/** Whether two memories hold the same entries: a few comparisons per integration that is not ok. */
export function sameMemory(a: NoteMemory, b: NoteMemory): boolean {
  const accounts = Object.keys(a);
  if (accounts.length !== Object.keys(b).length) return false;
  return accounts.every((accountId) => {
    const x = a[accountId];
    const y = b[accountId];
    if (!x || !y) return false;
    const ids = Object.keys(x);
    return (
      ids.length === Object.keys(y).length &&
      ids.every((id) => x[id]?.state === y[id]?.state && x[id]?.escalated === y[id]?.escalated)
    );
  });
}

/** Summary note id → the ids of the integrations it covers, for its Snooze button. */
export type Groups = Record<string, string[]>;

/** The stored groups; an entry that is not a list of ids is dropped, and anything else reads as none. */
export function parseGroups(raw: unknown): Groups {
  if (!isRecord(raw)) return emptyRecord();
  return recordFrom(
    Object.entries(raw).filter(
      (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((id) => typeof id === 'string'),
    ),
  );
}

/**
 * What was last notified. An entry that cannot be read is dropped: its account then counts as not seen
 * yet, so its next check sets a new baseline silently rather than announcing everything again.
 */
export function parseMemory(raw: unknown): NoteMemory {
  const memory: NoteMemory = emptyRecord();
  if (!isRecord(raw)) return memory;
  for (const [accountId, seen] of Object.entries(raw)) {
    if (!isRecord(seen)) continue;
    const valid = Object.values(seen).every(
      (r) => isRecord(r) && typeof r.state === 'string' && typeof r.escalated === 'boolean',
    );
    if (valid) memory[accountId] = recordFrom(Object.entries(seen) as [string, NoteMemory[string][string]][]);
  }
  return memory;
}

/** "<Source>'s incident is resolved; <integration> is still broken": once per integration it held. */
export interface OutageOverNote extends SingleNote {
  kind: 'outage-over';
  source: string;
}

export interface OutageOverSummary extends SummaryNote {
  kind: 'outage-over';
  source: string;
}

/**
 * One note per released integration, or one summary per account when there are more than GROUP_ABOVE
 * (`source` is then empty when they were held by more than one provider's incident).
 */
export function outageOverNotes(
  released: readonly { accountId: string; integration: Integration; by: { source: string } }[],
): (OutageOverNote | OutageOverSummary)[] {
  const byAccount = new Map<string, { integration: Integration; source: string }[]>();
  for (const r of released) {
    const item = { integration: r.integration, source: r.by.source };
    const list = byAccount.get(r.accountId);
    if (list) list.push(item);
    else byAccount.set(r.accountId, [item]);
  }
  return [...byAccount].flatMap(([accountId, items]): (OutageOverNote | OutageOverSummary)[] => {
    const sources = new Set(items.map((i) => i.source));
    if (items.length > GROUP_ABOVE) {
      const source = sources.size === 1 ? [...sources][0]! : '';
      const id = summaryNoteId('outage-over', accountId);
      return [{ id, kind: 'outage-over' as const, accountId, source, integrations: items.map((i) => i.integration) }];
    }
    return items.map(({ integration, source }) => ({
      id: noteId('outage-over', accountId, integration.id),
      kind: 'outage-over' as const,
      accountId,
      integration,
      source,
    }));
  });
}

/** A healthy integration due soon, as the view found it. */
export interface DueItem {
  accountId: string;
  integration: Integration;
  due: number;
}

export interface DueNote extends SingleNote {
  kind: DueKind;
  due: number;
}

/** What was announced of each due-soon integration (by integrationKey): its window, then its due day. */
export type DueMemory = Record<string, 'window' | 'day'>;

export function parseDueMemory(raw: unknown): DueMemory {
  return recordFrom(
    Object.entries(isRecord(raw) ? raw : {}).filter(
      (e): e is [string, 'window' | 'day'] => e[1] === 'window' || e[1] === 'day',
    ),
  );
}

/**
 * One note when an integration enters its warning window and one on its due day (on this computer's
 * calendar), outside quiet hours: a note held back by them comes once they end. An integration that leaves
 * the window (re-authorized, snoozed, rule switched off) is forgotten, so its next window is announced again.
 */
export function planDueNotes(
  items: readonly DueItem[],
  memory: DueMemory,
  settings: Settings,
  now: number,
): { notes: DueNote[]; memory: DueMemory } {
  const quiet = inQuietHours(settings.notifications, new Date(now));
  const next = emptyRecord<'window' | 'day'>();
  const notes: DueNote[] = [];
  for (const { accountId, integration, due } of items) {
    const key = integrationKey(accountId, integration.id);
    const stage = daysUntil(due, now) <= 0 ? 'day' : 'window';
    const told = memory[key];
    const owed = stage === 'day' ? told !== 'day' : told === undefined;
    if (owed && !quiet) {
      const kind: DueKind = stage === 'day' ? 'due-today' : 'due-soon';
      notes.push({ id: noteId(kind, accountId, integration.id), kind, accountId, integration, due });
      next[key] = stage;
    } else if (told) next[key] = told;
  }
  return { notes, memory: next };
}
