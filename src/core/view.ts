// Pure: settings + stored feed records → what the badge, the popup and the tooltip show.
import { isDueSoon, predict, type Events, type Prediction } from './deadlines';
import { ISSUES, type IssueKind } from './issues';
import { PIPELINES, pipelineOf, type Settings, type AccountSettings, type OtherPipeline } from './settings';
import { integrationKey, isSnoozed, type Snoozes } from './snooze';
import {
  COMPLETED_STATUS_ID,
  integrationsOf,
  isListData,
  type FeedError,
  type FeedRecord,
  type Integration,
  type IntegrationState,
  type FactsData,
} from './types';

export const PROBLEM_STATES: ReadonlySet<IntegrationState> = new Set(['needs-reauth', 'failing', 'unknown']);

/** Broken for the escalation threshold or longer: a notification says so, and the support case comes first. */
export function isOverdue(integration: Pick<Integration, 'since'>, escalationHours: number, now: number): boolean {
  return integration.since !== undefined && now - integration.since >= escalationHours * 3_600_000;
}

export interface AccountIssue {
  kind: IssueKind;
  message: string;
  /** The account's pipeline, when not MBI: the issue is told in its vendor's words. */
  pipeline?: OtherPipeline;
}

export interface AccountView {
  account: AccountSettings;
  issue?: AccountIssue;
  /** Problem integrations from the last good data, most recent first; snoozed ones are left out. */
  problems: Integration[];
  /** Problem integrations the admin snoozed. */
  snoozed: Integration[];
  total: number;
  lastCheckedAt?: number;
  lastSuccessAt?: number;
  lastJob?: FactsData['lastJob'];
  /** True when the shown list comes from an earlier poll because the latest one failed. */
  showingLastGood: boolean;
  /** What was off in the list shown, though it was read (a repeated id, an element that could not be read). */
  anomalies?: string[];
  /** Healthy integrations a rule expects to stop soon (or whose date is not known yet), soonest first. */
  comingUp: ComingUp[];
}

export interface ComingUp {
  integration: Integration;
  prediction: Prediction;
  /** Within its warning window or past due: counted on the badge's amber mark. */
  dueSoon: boolean;
}

export interface WatchView {
  accounts: AccountView[];
  problemCount: number;
  /** Healthy integrations due soon, over every account. */
  dueSoonCount: number;
  /** The most urgent account-wide issue, if any. */
  issue?: AccountIssue & { label: string };
  lastCheckedAt?: number;
}

const HOUR = 3_600_000;
/** The most two clocks' zones can differ (UTC−12 to UTC+14): a time further ahead no zone mix-up explains. */
const ZONE_SPAN_MS = 26 * HOUR;

function feedIssue(error: FeedError | undefined): AccountIssue | undefined {
  return error ? { kind: error.kind, message: error.message } : undefined;
}

/** The last good list is too old, or the account's last data update is missing, failed or old. */
function staleIssue(
  settings: Settings,
  list: FeedRecord | undefined,
  lastJob: FactsData['lastJob'] | undefined,
  now: number,
): AccountIssue | undefined {
  const interval = settings.pollMinutes * 60_000;
  const lastSuccess = list?.lastSuccessAt;
  if (lastSuccess !== undefined && now - lastSuccess > 2 * interval) {
    return { kind: 'stale', message: `No successful check for ${Math.round((now - lastSuccess) / 60_000)} minutes.` };
  }
  if (lastJob === undefined) return undefined;
  if (lastJob === null) return { kind: 'stale', message: 'MBI reports no completed update for this account.' };
  if (lastJob.statusId !== COMPLETED_STATUS_ID) {
    return { kind: 'stale', message: `The last update ended ${lastJob.endedRaw} with "${lastJob.statusName}".` };
  }
  // An end time ahead of the clock cannot be placed, so its age is not judged (the popup shows it as MBI
  // wrote it); but one further ahead than any zone explains would otherwise count as fresh for ever.
  if (lastJob.endedAt - now > ZONE_SPAN_MS) {
    return {
      kind: 'stale',
      message: `The last completed update ended ${lastJob.endedRaw}, more than a day ahead of this computer's clock.`,
    };
  }
  if (now - lastJob.endedAt > settings.staleHours * HOUR) {
    return {
      kind: 'stale',
      message: `The last completed update ended ${lastJob.endedRaw}, over ${settings.staleHours} h ago.`,
    };
  }
  return undefined;
}

function byRank(a: AccountIssue, b: AccountIssue): number {
  return ISSUES[a.kind].rank - ISSUES[b.kind].rank;
}

/**
 * One account from the records of its sources, whatever they are: integrations from those that list them,
 * facts (the last data update) from the others, and every error.
 */
export function accountView(
  settings: Settings,
  account: AccountSettings,
  records: readonly FeedRecord[],
  now: number,
  snoozes: Snoozes = {},
  reauthorized: Readonly<Record<string, number>> = {},
): AccountView {
  const lists = records.filter((r) => isListData(r.data));
  const list = lists[0];
  const integrations = lists.flatMap((r) => integrationsOf(r) ?? []);
  const facts = records.find((r) => r.data !== undefined && 'lastJob' in r.data)?.data as FactsData | undefined;
  const issues = [...records.map((r) => feedIssue(r.error)), staleIssue(settings, list, facts?.lastJob, now)]
    .filter((i): i is AccountIssue => i !== undefined)
    .sort(byRank);
  const problems = integrations
    .filter((i) => PROBLEM_STATES.has(i.state))
    .sort((a, b) => (b.since ?? 0) - (a.since ?? 0));
  const snoozed = (i: Integration) => isSnoozed(snoozes[integrationKey(account.id, i.id)], i, now);
  const view: AccountView = {
    account,
    problems: problems.filter((i) => !snoozed(i)),
    snoozed: problems.filter(snoozed),
    total: integrations.length,
    showingLastGood: lists.some((r) => r.error !== undefined),
    comingUp: comingUp(settings, account, integrations, now, snoozes, reauthorized),
  };
  if (issues[0]) view.issue = account.pipeline ? { ...issues[0], pipeline: account.pipeline } : issues[0];
  if (records.length > 0) view.lastCheckedAt = Math.max(...records.map((r) => r.lastAttemptAt));
  if (list?.lastSuccessAt !== undefined) view.lastSuccessAt = list.lastSuccessAt;
  if (facts) view.lastJob = facts.lastJob;
  const anomalies = lists.flatMap((r) => (isListData(r.data) ? (r.data.anomalies ?? []) : []));
  if (anomalies.length) view.anomalies = anomalies;
  return view;
}

/** The rule's prediction for an integration, unless the rule is switched off. */
export function predictFor(
  settings: Settings,
  account: AccountSettings,
  integration: Integration,
  reauthorizedAt: number | undefined,
): Prediction | undefined {
  const events: Events = {};
  if (integration.authorizedAt !== undefined) events.authorizedAt = integration.authorizedAt;
  if (integration.firstSeenOkAt !== undefined) events.firstSeenOkAt = integration.firstSeenOkAt;
  if (reauthorizedAt !== undefined) events.reauthorizedAt = reauthorizedAt;
  const policy = account.salesforceDays === undefined ? {} : { salesforceDays: account.salesforceDays };
  const prediction = predict(integration, events, policy);
  return prediction && !settings.deadlines.off.includes(prediction.rule.id) ? prediction : undefined;
}

/** The healthy integrations of an account that a rule (not switched off) expects to stop, soonest first. */
function comingUp(
  settings: Settings,
  account: AccountSettings,
  integrations: readonly Integration[],
  now: number,
  snoozes: Snoozes,
  reauthorized: Readonly<Record<string, number>>,
): ComingUp[] {
  const out: ComingUp[] = [];
  for (const integration of integrations) {
    if (integration.state !== 'ok') continue;
    const key = integrationKey(account.id, integration.id);
    const prediction = predictFor(settings, account, integration, reauthorized[key]);
    if (!prediction) continue;
    if (isSnoozed(snoozes[key], integration, now)) continue;
    const dueSoon = isDueSoon(prediction, settings.deadlines, now);
    if (dueSoon || prediction.due === undefined) out.push({ integration, prediction, dueSoon });
  }
  return out.sort((a, b) => (a.prediction.due ?? Infinity) - (b.prediction.due ?? Infinity));
}

export function deriveView(
  settings: Settings,
  records: readonly FeedRecord[],
  now: number,
  snoozes: Snoozes = {},
  reauthorized: Readonly<Record<string, number>> = {},
): WatchView {
  const byAccount = new Map<string, FeedRecord[]>();
  for (const r of records) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
  // Grouped by pipeline (MBI first), in the admin's order within each.
  const accounts = settings.accounts
    .filter((s) => s.enabled)
    .sort((a, b) => PIPELINES.indexOf(pipelineOf(a)) - PIPELINES.indexOf(pipelineOf(b)))
    .map((s) => accountView(settings, s, byAccount.get(s.id) ?? [], now, snoozes, reauthorized));
  const view: WatchView = {
    accounts,
    problemCount: accounts.reduce((n, a) => n + a.problems.length, 0),
    dueSoonCount: accounts.reduce((n, a) => n + a.comingUp.filter((c) => c.dueSoon).length, 0),
  };
  const checked = accounts.map((a) => a.lastCheckedAt).filter((t): t is number => t !== undefined);
  if (checked.length > 0) view.lastCheckedAt = Math.max(...checked);
  if (settings.paused) {
    view.issue = { ...issueOf('paused'), label: '' };
  } else if (accounts.length === 0) {
    view.issue = { ...issueOf('not-configured'), label: '' };
  } else {
    const worst = accounts.flatMap((a) => (a.issue ? [{ ...a.issue, label: a.account.label }] : [])).sort(byRank)[0];
    if (worst) view.issue = worst;
  }
  return view;
}

function issueOf(kind: IssueKind): AccountIssue {
  return { kind, message: ISSUES[kind].advice };
}
