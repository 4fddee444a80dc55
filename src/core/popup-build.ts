// Pure: the derived view, with verifications and snoozes, turned into the popup's model.
import { likelyCause, type Cause, type CauseFinding } from './causes';
import { stateLabel } from './format';
import type { History } from './history';
import { t, type MessageKey } from './i18n';
import { ISSUES, issueTexts } from './issues';
import { vendorPageOf } from './status-pages';
import { reauthHint } from './links';
import {
  firstRows,
  GROUP_FROM,
  type PopupAccount,
  type PopupComingUp,
  type PopupEntry,
  type PopupIssue,
  type PopupModel,
  type PopupRow,
  type PopupRows,
} from './popup-model';
import { PIPELINE_NAMES, type AccountSettings, type OtherPipeline, type Settings } from './settings';
import type { Confidence, Prediction } from './deadlines';
import { integrationKey, type Snoozes } from './snooze';
import type { Integration } from './types';
import type { Verifications } from './verification';
import { isOverdue, type AccountIssue, type AccountView, type WatchView } from './view';
import { primaryAction } from './primary-action';
import { incidentAhead, outageFor, type Outage, type Readings } from './outage';
import type { PopupOutage } from './popup-model';

/** What the status pages said, for the rows; and the access the popup may ask for. */
export interface StatusInput {
  readings: Readings;
  access?: PopupModel['statusAccess'];
}

const NO_STATUS: StatusInput = { readings: new Map() };

function popupOutage(outage: Outage, internal: boolean): PopupOutage {
  // The page's own words, without a closing full stop: the sentence around them has one.
  const title = outage.event.title.trim().replace(/\.+$/, '');
  const out: PopupOutage = { source: outage.source, kind: outage.event.kind, title };
  if (outage.event.url !== undefined) out.link = true;
  if (outage.event.since !== undefined) out.since = outage.event.since;
  if (outage.mbi) out.mbi = true;
  if (outage.holds) out.holds = true;
  if (internal) out.internal = true;
  return out;
}

const CAUSES: Readonly<Record<Cause, MessageKey>> = {
  provider: 'popup_cause_provider',
  token: 'popup_cause_token',
  account: 'popup_cause_account',
  internal: 'popup_cause_internal',
};

function cause(finding: CauseFinding, pipeline: OtherPipeline | undefined): PopupRow['cause'] {
  // Many of a pipeline's connections breaking at once point at the vendor or the destination they load, not MBI.
  const what =
    pipeline && finding.cause === 'internal'
      ? t('popup_cause_vendor', PIPELINE_NAMES[pipeline])
      : t(CAUSES[finding.cause]);
  const text = t('popup_cause', what);
  const e = finding.evidence;
  switch (e.kind) {
    case 'lapse':
      return { text, kind: finding.cause, evidence: e.text };
    case 'error':
      return { text, kind: finding.cause, evidence: t('popup_evidence_error', e.text) };
    case 'many':
      return { text, kind: finding.cause, evidence: t('popup_evidence_many', e.count) };
    case 'update':
      // The popup words this one itself: it says how long ago, counted from when it opens.
      return { text, kind: finding.cause, evidenceAt: e.at, evidenceRaw: e.raw };
  }
}

export function popupIssue(issue: AccountIssue): PopupIssue {
  const info = issueTexts(issue.kind, issue.pipeline);
  const out: PopupIssue = {
    kind: issue.kind,
    title: info.title,
    advice: info.advice,
    action: ISSUES[issue.kind].action,
    actionLabel: info.actionLabel,
  };
  if (issue.message !== info.advice) out.message = issue.message;
  return out;
}

/** Histories by integrationKey, from the transition log. */
export type Histories = ReadonlyMap<string, History>;

function row(
  integration: Integration,
  account: AccountView,
  settings: Settings,
  verifications: Verifications,
  histories: Histories,
  now: number,
  readings: Readings,
): PopupRow {
  const key = integrationKey(account.account.id, integration.id);
  const verification = verifications[key];
  const action = primaryAction(integration);
  const escalated = isOverdue(integration, settings.escalationHours, now);
  const out: PopupRow = {
    accountId: account.account.id,
    id: integration.id,
    name: integration.name,
    provider: integration.provider,
    kind: integration.kind,
    state: integration.state,
    stateLabel: stateLabel(integration),
    actionLabel: action.label,
    hint:
      action.hint ??
      reauthHint(integration) ??
      (account.account.pipeline ? t('popup_vendor_hint', PIPELINE_NAMES[account.account.pipeline]) : ''),
    escalated,
    supportFirst: escalated || verification?.result === 'still-failing' || action.supportFirst === true,
  };
  // "Check … status": Adobe's page for MBI, the vendor's for a pipeline whose page speaks for it (Stitch has
  // none; Airbyte Cloud's says nothing of a self-managed Airbyte).
  const { pipeline } = account.account;
  if (!pipeline) out.statusPage = 'Adobe';
  else if (vendorPageOf(account.account)) out.statusPage = PIPELINE_NAMES[pipeline];
  if (integration.since !== undefined) out.since = integration.since;
  if (integration.firstSeen) out.firstSeen = true;
  if (integration.detail !== undefined) out.detail = integration.detail;
  const history = histories.get(key);
  if (history?.breaks) out.history = history;
  const finding = likelyCause(integration, account);
  const outage = outageFor(integration, account.account, readings);
  if (outage) {
    // An incident explains the failure: it takes the cause line's place (MBI's own, with several broken at once,
    // is the seed's fourth cause, said with it). Support also waits: nothing to tell Adobe yet.
    const internal = outage.mbi && outage.holds && finding?.cause === 'internal';
    out.outage = popupOutage(outage, internal);
    if (outage.holds) out.supportFirst = false;
    if (finding && !outage.holds) out.cause = cause(finding, account.account.pipeline);
  } else if (finding) out.cause = cause(finding, account.account.pipeline);
  // A re-authorization judged "removed" belongs to the list below the rows, not to a row listed again.
  if (verification && verification.result !== 'removed') {
    out.verification = {};
    if (verification.result) out.verification.result = verification.result;
    if (verification.checkedAt !== undefined) out.verification.checkedAt = verification.checkedAt;
  }
  return out;
}

/**
 * The rows of an account's problems, most recent first, with problems alike in provider, state and error
 * folded into one group (from GROUP_FROM on) at the place of the latest of them.
 */
export function entriesOf(rows: readonly PopupRow[]): PopupEntry[] {
  const alike = new Map<string, PopupRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.provider, r.state, r.detail ?? '']);
    alike.set(key, [...(alike.get(key) ?? []), r]);
  }
  const placed = new Set<string>();
  const entries: PopupEntry[] = [];
  for (const r of rows) {
    const key = JSON.stringify([r.provider, r.state, r.detail ?? '']);
    const members = alike.get(key) ?? [];
    if (members.length < GROUP_FROM) {
      entries.push(r);
    } else if (!placed.has(key)) {
      placed.add(key);
      entries.push({
        group: true,
        key,
        provider: r.provider,
        kind: r.kind,
        state: r.state,
        stateLabel: r.stateLabel,
        ...(r.detail === undefined ? {} : { detail: r.detail }),
        hint: r.hint,
        count: members.length,
        ...(r.since === undefined ? {} : { since: r.since }),
        // One provider's incident is every member's.
        ...(r.outage && members.every((m) => m.outage?.title === r.outage?.title) ? { outage: r.outage } : {}),
        rows: members,
      });
    }
  }
  return entries;
}

/** An entry as the model carries it: a group without its rows (they are in the full list). */
const brief = (entry: PopupEntry): PopupEntry => ('group' in entry ? { ...entry, rows: undefined } : entry);

function account(
  view: AccountView,
  settings: Settings,
  verifications: Verifications,
  snoozes: Snoozes,
  entries: readonly PopupEntry[],
  histories: Histories,
  now: number,
  first: number,
  readings: Readings,
  tagged: boolean,
): PopupAccount {
  const out: PopupAccount = {
    accountId: view.account.id,
    label: view.account.label,
    total: view.total,
    problemCount: view.problems.length,
    entries: entries.slice(0, first).map(brief),
    entryCount: entries.length,
    snoozed: view.snoozed.map((i) => {
      const r = row(i, view, settings, verifications, histories, now, readings);
      const until = snoozes[integrationKey(view.account.id, i.id)]?.until;
      return until === undefined ? r : { ...r, wakeAt: until };
    }),
    showingLastGood: view.showingLastGood,
  };
  if (view.account.pipeline) out.pipeline = PIPELINE_NAMES[view.account.pipeline];
  if (tagged) out.tag = PIPELINE_NAMES[view.account.pipeline ?? 'mbi'];
  if (view.issue) out.issue = popupIssue(view.issue);
  if (view.lastSuccessAt !== undefined) out.lastSuccessAt = view.lastSuccessAt;
  if (view.lastJob)
    out.lastJob = {
      statusName: view.lastJob.statusName,
      endedAt: view.lastJob.endedAt,
      endedRaw: view.lastJob.endedRaw,
    };
  if (view.anomalies) out.anomalies = view.anomalies;
  if (view.total === 0 && view.lastSuccessAt !== undefined) out.listsNone = true;
  return out;
}

const CONFIDENCE: Readonly<Record<Confidence, MessageKey>> = {
  fixed: 'confidence_fixed',
  observed: 'confidence_observed',
  policy: 'confidence_policy',
  heuristic: 'confidence_heuristic',
};

/** The words for a rule: Salesforce's names the admin's policy. */
export function ruleWhat(prediction: Prediction, account: AccountSettings): string {
  const { rule } = prediction;
  return rule.kind === 'policy' ? t(rule.what, account.salesforceDays ?? 0) : t(rule.what);
}

function comingUpRows(view: WatchView, readings: Readings): PopupComingUp[] {
  const rows = view.accounts.flatMap((a) =>
    a.comingUp.map(({ integration: i, prediction: p, dueSoon }): PopupComingUp => {
      const row: PopupComingUp = {
        accountId: a.account.id,
        accountLabel: a.account.label,
        id: i.id,
        name: i.name,
        provider: i.provider,
        kind: i.kind,
        fixed: p.rule.kind === 'fixed',
        dueSoon,
        what: ruleWhat(p, a.account),
        confidence: t(CONFIDENCE[p.confidence]),
        todo: t(p.rule.todo),
        action: p.rule.action,
        source: p.rule.source,
      };
      if (p.due !== undefined) row.due = p.due;
      const outage = dueSoon ? incidentAhead(i, a.account, readings) : undefined;
      if (outage) row.outage = popupOutage(outage, false);
      return row;
    }),
  );
  // Soonest first, and only as many as a popup can show: the rest are counted.
  return rows.sort((x, y) => (x.due ?? Infinity) - (y.due ?? Infinity)).slice(0, COMING_UP_SHOWN);
}

/** Coming-up rows the model carries; beyond them the popup says how many more there are. */
export const COMING_UP_SHOWN = 20;

/**
 * The popup's model, carrying each account's first entries, and the full list of every account's entries
 * (groups with their rows), which the popup reads on "Show all" or when a group expands.
 */
export function buildPopupModel(
  view: WatchView,
  settings: Settings,
  verifications: Verifications,
  snoozes: Snoozes,
  now: number,
  histories: Histories = new Map(),
  status: StatusInput = NO_STATUS,
): { model: PopupModel; rows: PopupRows } {
  const first = firstRows(view.accounts.length);
  const { readings } = status;
  // Accounts of several pipelines: each section says which it is, MBI's included.
  const mixed = new Set(view.accounts.map((a) => a.account.pipeline ?? 'mbi')).size > 1;
  const rows: PopupRows = {};
  for (const a of view.accounts)
    rows[a.account.id] = entriesOf(a.problems.map((i) => row(i, a, settings, verifications, histories, now, readings)));
  const model: PopupModel = {
    builtAt: now,
    problemCount: view.problemCount,
    escalationHours: settings.escalationHours,
    accounts: view.accounts.map((a) =>
      account(a, settings, verifications, snoozes, rows[a.account.id] ?? [], histories, now, first, readings, mixed),
    ),
    comingUp: comingUpRows(view, readings),
    comingUpCount: view.accounts.reduce((n, a) => n + a.comingUp.length, 0),
    fixed: Object.entries(verifications).flatMap(([key, v]) => {
      if (v.result !== 'fixed' && v.result !== 'removed') return [];
      const entry: PopupModel['fixed'][number] = { key, name: v.name };
      if (v.checkedAt !== undefined) entry.checkedAt = v.checkedAt;
      if (v.result === 'removed') entry.removed = true;
      return [entry];
    }),
  };
  if (view.lastCheckedAt !== undefined) model.lastCheckedAt = view.lastCheckedAt;
  if (status.access) model.statusAccess = status.access;
  if (view.issue && (view.issue.kind === 'paused' || view.issue.kind === 'not-configured'))
    model.globalIssue = popupIssue(view.issue);
  return { model, rows };
}
