// The one place that maps Airbyte's connection and job statuses to our states (DOMAIN-NEXT §3.3, §3.4).
// A connection's own status says whether it runs; its last finished sync job says whether that worked.
import { minute } from '../../../core/remote-text';
import { decide, detailOf, mentionsAuth, overdue, overdueText, rawOf } from '../../../core/pipeline-state';
import type { Integration, IntegrationState } from '../../../core/types';

/** `deleted`: Airbyte marks a deleted connection `deprecated`; it is no longer watched. */
export const CONNECTION_STATUS: Readonly<Record<string, IntegrationState | 'deleted'>> = {
  active: 'ok',
  // Switched off by the admin; with a statusReason, by Airbyte itself (see reasonState).
  inactive: 'paused',
  locked: 'failing',
  deprecated: 'deleted',
};

/**
 * An inactive or locked connection with a `statusReason`: Airbyte stopped it. A reason about credentials
 * asks for re-authorization [unconfirmed wording, §3.4]; any other is a failure (e.g. disabled after
 * repeated failed syncs, §3.3 auto-pause).
 */
export function reasonState(reason: string): IntegrationState {
  return mentionsAuth(reason) ? 'needs-reauth' : 'failing';
}

/** A job's verdict on the data; null: no verdict yet (pending, running) or none at all (cancelled by someone). */
export const JOB_STATUS: Readonly<Record<string, IntegrationState | null>> = {
  succeeded: 'ok',
  failed: 'failing',
  // Some streams landed and others did not: not a success.
  incomplete: 'failing',
  pending: null,
  running: null,
  cancelled: null,
};

/** Job types that remove data on purpose: their outcome says nothing about fresh data. */
const NOT_SYNCS = new Set(['reset', 'clear']);

export interface AirbyteJob {
  id: string;
  /** As Airbyte sent it (inert, lower case). */
  status: string;
  connectionId?: string;
  jobType?: string;
  startedAt?: number;
}

const verdictOf = (status: string): IntegrationState | null | undefined =>
  Object.hasOwn(JOB_STATUS, status) ? JOB_STATUS[status] : undefined;

export function stateForConnection(
  status: string | undefined,
  reason: string | undefined,
): { state: IntegrationState | 'deleted'; rawStatus: string } {
  const mapped =
    status !== undefined && Object.hasOwn(CONNECTION_STATUS, status) ? CONNECTION_STATUS[status] : undefined;
  const stopped = (mapped === 'paused' || mapped === 'failing') && reason !== undefined;
  return {
    state: stopped ? reasonState(reason) : (mapped ?? 'unknown'),
    rawStatus: rawOf([`status=${status ?? '(none)'}`]),
  };
}

/**
 * The job that says how a connection's syncs go: the latest (by start) of `connectionId`'s that ended with a
 * verdict (not pending, running or cancelled); one with a status not in the table counts (it reads as unknown). Jobs come
 * latest first: of two that started alike, the earlier in the list wins.
 */
export function latestFinishedJob(jobs: readonly AirbyteJob[], connectionId: string): AirbyteJob | undefined {
  let latest: AirbyteJob | undefined;
  for (const job of jobs) {
    if (job.connectionId !== connectionId) continue;
    if (verdictOf(job.status) === null || NOT_SYNCS.has(job.jobType ?? '')) continue;
    if (!latest || (job.startedAt ?? -Infinity) > (latest.startedAt ?? -Infinity)) latest = job;
  }
  return latest;
}

/**
 * Pure: an integration read from the connections list, with the verdict of its last job. A failed or
 * incomplete job makes an active connection failing; a pause or a needed re-authorization still wins.
 */
export function applyLastJob(integration: Integration, job: AirbyteJob, now?: number): Integration {
  if (job.connectionId !== undefined && job.connectionId !== integration.id) return integration;
  const verdict = verdictOf(job.status);
  // Switched off after a failed sync: Airbyte switches off a connection whose syncs keep failing (after 7 days
  // and 30 failures), and says so nowhere in the API; such a connection counts as failing, not as paused.
  const switchedOff = integration.state === 'paused' && verdict === 'failing';
  // The stale rule: its last sync succeeded, but longer ago than its schedule allows (checks stopped running).
  const stale =
    verdict === 'ok' && now !== undefined && integration.state === 'ok'
      ? overdue(job.startedAt, integration.scheduleMinutes, now)
      : false;
  let state = integration.state;
  if (switchedOff || stale) state = 'failing';
  else if (verdict !== null) state = decide([integration.state, verdict ?? 'unknown']);
  const next: Integration = {
    ...integration,
    rawStatus: rawOf([integration.rawStatus, `last job=${job.status}`]),
    state,
  };
  if (stale && job.startedAt !== undefined && integration.scheduleMinutes !== undefined)
    next.detail = overdueText('sync', minute(job.startedAt), integration.scheduleMinutes);
  if (verdict === 'failing') {
    const started = job.startedAt === undefined ? '' : `, started ${minute(job.startedAt)}`;
    const how = job.status === 'incomplete' ? 'was incomplete: some streams did not load' : job.status;
    const off = switchedOff
      ? 'It is switched off: Airbyte switches off a connection whose syncs keep failing.'
      : undefined;
    const detail = detailOf([`The last sync (job ${job.id}${started}) ${how}.`, off, integration.detail]);
    if (detail !== undefined) next.detail = detail;
  }
  return next;
}
