// The one place that maps Stitch's source fields, connection checks and extractions to our states
// (DOMAIN-NEXT §3.2, §3.4). Stitch names no status: the report card's step, the two pause times and the
// exit codes of its jobs say it.
import { isRecord } from '../../../core/keyed-record';
import type { Obj } from '../../../core/pipeline-page';
import { minute, text } from '../../../core/remote-text';
import { decide, detailOf, mentionsAuth, overdue, overdueText, rawOf } from '../../../core/pipeline-state';
import type { Integration, IntegrationKind, IntegrationState } from '../../../core/types';

/** The report card's current step: only `fully_configured` ("a successful connection and field_selection is complete") is healthy. */
export const STEP_STATE: Readonly<Record<string, IntegrationState>> = {
  fully_configured: 'ok',
  // Credentials or their profile are missing: opening the source in Stitch fixes it.
  form: 'needs-reauth',
  oauth: 'needs-reauth',
  profile: 'needs-reauth',
  // Connected, but nothing is selected to load yet: no data flows.
  discover_schema: 'failing',
  field_selection: 'failing',
};
/** `paused_at`: paused by the admin, a decision (not counted). */
export const USER_PAUSED: IntegrationState = 'paused';
/** `system_paused_at`: "paused by the system", Stitch's sign that the source broke. */
export const SYSTEM_PAUSED: IntegrationState = 'failing';

/** What a connection check or an extraction says about a source. */
export type Outcome = 'running' | 'succeeded' | 'failed' | 'unknown';
export const CHECK_STATUS: Readonly<Record<string, Outcome>> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
};

/** A source's last connection check or last extraction, as parse.ts reads it. */
export interface StitchJob {
  mode: 'check' | 'extraction';
  outcome: Outcome;
  sourceId?: string;
  /** The raw values, e.g. "tap_exit_status=1". */
  raw: string;
  /** When an extraction completed (ms since epoch). */
  completedAt?: number;
  error?: string;
}

/** What one job says, before parse.ts adds which job and which source. */
type Reading = Omit<StitchJob, 'mode' | 'sourceId'>;

/** A time field that is set: Stitch writes a timestamp, or null when it does not apply. */
const isSet = (value: unknown): boolean => text(value, 40) !== undefined;

/** The current step: `current_step_type` where given, else the 1-based `current_step` into `steps`. */
function currentStep(card: Obj): string | undefined {
  const named = text(card.current_step_type, 40);
  if (named !== undefined || !Array.isArray(card.steps) || typeof card.current_step !== 'number') return named;
  const step: unknown = card.steps[card.current_step - 1];
  return isRecord(step) ? text(step.type, 40) : undefined;
}

export function stateForSource(raw: Obj): {
  state: IntegrationState;
  rawStatus: string;
  detail?: string;
  kind: IntegrationKind;
} {
  const card = isRecord(raw.report_card) ? raw.report_card : {};
  const step = currentStep(card)?.toLowerCase();
  const stepState = step !== undefined && Object.hasOwn(STEP_STATE, step) ? STEP_STATE[step] : undefined;
  const userPaused = isSet(raw.paused_at);
  const systemPaused = isSet(raw.system_paused_at);
  const state = decide([stepState ?? 'unknown', userPaused ? USER_PAUSED : 'ok', systemPaused ? SYSTEM_PAUSED : 'ok']);
  const steps = Array.isArray(card.steps) ? card.steps : [];
  const result: ReturnType<typeof stateForSource> = {
    state,
    rawStatus: rawOf([
      `step=${step ?? '(none)'}`,
      userPaused ? `paused_at=${text(raw.paused_at, 40)}` : undefined,
      systemPaused ? `system_paused_at=${text(raw.system_paused_at, 40)}` : undefined,
    ]),
    kind: steps.some((s) => isRecord(s) && s.type === 'oauth') ? 'oauth' : 'unknown',
  };
  const detail = detailOf([
    systemPaused ? `Stitch paused this source (${text(raw.system_paused_at, 40)}).` : undefined,
    stepState !== undefined && stepState !== 'ok' ? `The source's setup waits at the "${step}" step.` : undefined,
  ]);
  if (detail !== undefined && state !== 'ok') result.detail = detail;
  return result;
}

const EXITS = ['check_exit_status', 'discovery_exit_status', 'tap_exit_status', 'target_exit_status'] as const;

/** Exit codes: null while running, 0 for success, anything else a failure; the first failure's text with it. */
function failedExit(raw: Obj, messages: readonly string[]): { raw: string; error?: string } | undefined {
  for (const [index, field] of EXITS.entries()) {
    const code = raw[field];
    if (typeof code !== 'number' || code === 0) continue;
    const error = text(raw[messages[index] ?? ''], 500);
    return error === undefined ? { raw: `${field}=${code}` } : { raw: `${field}=${code}`, error };
  }
  return undefined;
}

/** A connection check: its `status`, `error` flag and exit codes; any one of them failing fails it. */
export function checkOutcome(raw: Obj): Reading {
  const status = text(raw.status, 40)?.toLowerCase();
  const named = status !== undefined && Object.hasOwn(CHECK_STATUS, status) ? CHECK_STATUS[status] : undefined;
  const exit = failedExit(raw, ['', 'discovery_error_message', 'tap_error_message', 'target_error_message']);
  const outcome: Outcome = exit || raw.error === true ? 'failed' : (named ?? 'unknown');
  const error = exit?.error ?? text(raw.discovery_error_message, 500) ?? text(raw.tap_error_message, 500);
  const job: Reading = { outcome, raw: rawOf([`check=${status ?? '(none)'}`, exit?.raw]) };
  if (error !== undefined && outcome === 'failed') job.error = error;
  return job;
}

/** An extraction: failed on any non-zero exit code, succeeded when the tap exited 0; a terminated job says neither. */
export function extractionOutcome(raw: Obj): Reading {
  const exit = failedExit(raw, ['', 'discovery_description', 'tap_description', 'target_description']);
  let outcome: Outcome = 'failed';
  if (!exit && raw.tap_exit_status === 0) outcome = 'succeeded';
  // No exit code yet: running until it has a completion time; a completed one without any was terminated.
  else if (!exit) outcome = raw.completion_time === null || raw.completion_time === undefined ? 'running' : 'unknown';
  const job: Reading = { outcome, raw: rawOf([`extraction=${outcome}`, exit?.raw]) };
  if (exit?.error !== undefined) job.error = exit.error;
  return job;
}

/**
 * Pure: a source read from the list, with what its last connection check or extraction says. A failure
 * that names credentials asks for re-authorization (§3.4), any other makes it failing; a pause still wins.
 */
export function applyStitchJob(integration: Integration, job: StitchJob, now?: number): Integration {
  if (job.sourceId !== undefined && job.sourceId !== integration.id) return integration;
  const failed = job.outcome === 'failed';
  // The stale rule: its last extraction succeeded, but longer ago than its frequency allows.
  const stale =
    job.mode === 'extraction' &&
    job.outcome === 'succeeded' &&
    integration.state === 'ok' &&
    now !== undefined &&
    overdue(job.completedAt, integration.scheduleMinutes, now);
  let state = integration.state;
  if (failed) state = decide([integration.state, mentionsAuth(job.error) ? 'needs-reauth' : 'failing']);
  else if (stale) state = 'failing';
  const next: Integration = { ...integration, rawStatus: rawOf([integration.rawStatus, `last ${job.raw}`]), state };
  if (stale && job.completedAt !== undefined && integration.scheduleMinutes !== undefined)
    next.detail = overdueText('extraction', minute(job.completedAt), integration.scheduleMinutes);
  const what = job.mode === 'check' ? 'The last connection check' : 'The last extraction';
  const detail = failed
    ? detailOf([`${what} failed${job.error ? `: ${job.error}` : '.'}`, integration.detail])
    : undefined;
  if (detail !== undefined) next.detail = detail;
  return next;
}
