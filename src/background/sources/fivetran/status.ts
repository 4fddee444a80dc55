// The one place that maps a Fivetran connection's status to our states (DOMAIN-NEXT §3.1 enums, §3.4 table).
// Every signal gives a state; `decide` picks the one that wins. Values not in a table read as unknown.
import type { Obj } from '../../../core/pipeline-page';
import { isoTime, MAX_DETAIL, minute, text } from '../../../core/remote-text';
import { cappedRaw, detailOf, MAX_RAW, overdue, overdueText, worse } from '../../../core/pipeline-state';
import { isRecord } from '../../../core/keyed-record';
import type { IntegrationKind, IntegrationState } from '../../../core/types';

export const SETUP_STATE: Readonly<Record<string, IntegrationState>> = {
  connected: 'ok',
  // "setup config is broken" and "the setup tests never succeeded": both are fixed on the setup page.
  broken: 'needs-reauth',
  incomplete: 'needs-reauth',
};

export const SYNC_STATE: Readonly<Record<string, IntegrationState>> = {
  scheduled: 'ok',
  syncing: 'ok',
  // "Waiting until more API calls are available in the source service": the stale rule catches it if it lasts.
  rescheduled: 'ok',
  paused: 'paused',
};

/** Task codes with a state of their own; any other task is an action that blocks syncing until done. */
export const TASK_CODE: Readonly<Record<string, IntegrationState>> = { reconnect: 'needs-reauth' };
export const OTHER_TASK: IntegrationState = 'failing';
/** §3.4: a connection is ok only without warnings (the third-party reading calls it "incomplete data"). */
export const WITH_WARNINGS: IntegrationState = 'failing';

/** The values the tables and Fivetran's enums name: used as they came, with no text to clean (a list holds thousands). */
const KNOWN = new Set([...Object.keys(SETUP_STATE), ...Object.keys(SYNC_STATE), 'on_schedule', 'delayed']);

/** A status value: a known one as it is, any other read as remote text. */
const token = (value: unknown): string | undefined =>
  typeof value === 'string' && KNOWN.has(value) ? value : text(value, 40);

function lookup(
  table: Readonly<Record<string, IntegrationState>>,
  value: string | undefined,
  otherwise: IntegrationState = 'unknown',
): IntegrationState {
  const key = value?.toLowerCase();
  return key !== undefined && Object.hasOwn(table, key) ? (table[key] ?? otherwise) : otherwise;
}

interface Note {
  code?: string;
  text?: string;
}

const NO_NOTES: readonly Note[] = [];

/** `status.tasks[]` / `status.warnings[]`: `{code, message, details}`; a list holds few, more are not read. */
function notes(value: unknown): readonly Note[] {
  if (!Array.isArray(value) || value.length === 0) return NO_NOTES;
  // Array.from reads a hole as undefined (map would keep it): every entry below is a note.
  return Array.from(value.slice(0, 20), (item: unknown) => {
    if (!isRecord(item)) return {};
    const message = text(item.message, MAX_DETAIL);
    const details = text(item.details, MAX_DETAIL);
    const code = text(item.code, 40);
    const note: Note = {};
    if (code !== undefined) note.code = code;
    const shown = details && details !== message ? `${message ?? code ?? 'Task'}: ${details}` : (message ?? code);
    if (shown !== undefined) note.text = shown;
    return note;
  });
}

/** The codes of tasks or warnings, as the raw status shows them ("reconnect,resync"). */
const codes = (list: readonly Note[]): string => list.map((n) => n.code ?? '?').join(',');

/** Setup tests that failed, as "Title: message". */
function failedTests(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, 20)
    .filter((test): test is Obj => isRecord(test) && typeof test.status === 'string' && /fail/i.test(test.status))
    .map(
      (test) =>
        [text(test.title, 100), text(test.message, MAX_DETAIL)].filter(Boolean).join(': ') || 'A setup test failed.',
    );
}

/**
 * The stale rule: the last sync failed after the last success, or no sync has succeeded for longer than
 * the schedule allows (a manual schedule has none). `now` is the time of the check.
 */
export function syncRule(raw: Obj, now: number): string | undefined {
  const succeeded = isoTime(raw.succeeded_at);
  const failed = isoTime(raw.failed_at);
  if (failed !== undefined && (succeeded === undefined || failed > succeeded))
    return succeeded === undefined
      ? `The last sync failed (${minute(failed)}); no sync has succeeded yet.`
      : `The last sync failed (${minute(failed)}) after the last success (${minute(succeeded)}).`;
  const every =
    raw.schedule_type === 'manual' || typeof raw.sync_frequency !== 'number' ? undefined : raw.sync_frequency;
  return every !== undefined && succeeded !== undefined && overdue(succeeded, every, now)
    ? overdueText('sync', minute(succeeded), every)
    : undefined;
}

export interface ConnectionStatus {
  state: IntegrationState;
  rawStatus: string;
  detail?: string;
  kind: IntegrationKind;
}

/** One element of `data.items[]` (its `status` object and sync times) → state, raw status and detail. */
export function stateForConnection(raw: Obj, now: number): ConnectionStatus {
  const status = isRecord(raw.status) ? raw.status : {};
  const setup = token(status.setup_state);
  const sync = token(status.sync_state);
  const update = token(status.update_state);
  const tasks = notes(status.tasks);
  const warnings = notes(status.warnings);
  const stale = syncRule(raw, now);
  const paused = raw.paused === true;
  // A list holds thousands, most of them healthy: the signals are weighed and the raw status written without
  // building lists for them.
  let state = worse(paused ? 'paused' : 'ok', lookup(SETUP_STATE, setup));
  state = worse(state, lookup(SYNC_STATE, sync));
  for (const task of tasks) state = worse(state, lookup(TASK_CODE, task.code, OTHER_TASK));
  if (warnings.length > 0) state = worse(state, WITH_WARNINGS);
  if (stale !== undefined) state = worse(state, 'failing');
  let rawStatus = `setup_state=${setup ?? '(none)'}; sync_state=${sync ?? '(none)'}`;
  if (update) rawStatus += `; update_state=${update}`;
  if (paused) rawStatus += '; paused=true';
  if (tasks.length > 0) rawStatus += `; tasks=${codes(tasks)}`;
  if (warnings.length > 0) rawStatus += `; warnings=${codes(warnings)}`;
  const result: ConnectionStatus = {
    state,
    // Every part is a known value or remote text made inert, the first never blank: only the length is in question.
    rawStatus: rawStatus.length <= MAX_RAW ? rawStatus : cappedRaw(rawStatus),
    kind: tasks.some((task) => task.code?.toLowerCase() === 'reconnect') ? 'oauth' : 'unknown',
  };
  // A healthy connection carries no error text (an old failed setup test is history, not news): most of a
  // long list is healthy, so the text is only put together for the others.
  if (state === 'ok') return result;
  const detail = detailOf([
    stale,
    ...tasks.map((n) => n.text),
    ...warnings.map((n) => n.text),
    ...failedTests(raw.setup_tests),
  ]);
  if (detail !== undefined) result.detail = detail;
  return result;
}
