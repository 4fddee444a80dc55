// Pure: when a healthy integration is expected to stop, from a dated rule per provider. MBI holds every
// credential, so no expiry can be read: a due date comes from a vendor's calendar deadline, an interval
// counted from an event the extension saw (or MBI reported), a policy the admin enters, or a heuristic.
// Facts and sources: DOMAIN-NEXT.md §1.
import type { MessageKey } from './i18n';
import type { Integration } from './types';

export type RuleKind = 'fixed' | 'interval' | 'policy' | 'heuristic';

/** What a rule counts from, most reliable first. */
export type EventName = 'reauthorizedAt' | 'authorizedAt' | 'firstSeenOkAt';

export interface Rule {
  id: string;
  /** MBI integration types (keys of PROVIDERS) it applies to. */
  types: readonly string[];
  kind: RuleKind;
  /** Fixed: the day everything stops, as a UTC date. */
  date?: string;
  /** Interval or heuristic: how long a credential lasts after the event. */
  days?: number;
  years?: number;
  /** The events it may count from, in the order they are tried. */
  from?: readonly EventName[];
  /** What resets the clock: a re-authorization, or (fixed dates) a support case about moving off the credential. */
  action: 'reauthorize' | 'support';
  /** The rule in English, for the support summary (Adobe support reads English). */
  english: string;
  /** Words for the rule and for what to do, in the UI language. */
  what: MessageKey;
  todo: MessageKey;
  source: string;
}

const DAY = 86_400_000;

export const RULES: readonly Rule[] = [
  {
    id: 'zendesk-api-tokens',
    english: 'Zendesk deactivates all API tokens on 2027-04-30',
    types: ['zendesk'],
    kind: 'fixed',
    date: '2027-04-30',
    action: 'support',
    what: 'rule_zendesk_what',
    todo: 'rule_zendesk_todo',
    source: 'https://developer.zendesk.com/documentation/api-basics/authentication/oauth-migration/',
  },
  {
    id: 'mixpanel-project-secret',
    english: 'Mixpanel retires Project Secret authentication on 2027-03-03',
    types: ['mixpanel'],
    kind: 'fixed',
    date: '2027-03-03',
    action: 'support',
    what: 'rule_mixpanel_what',
    todo: 'rule_mixpanel_todo',
    source: 'https://docs.mixpanel.com/reference/project-secret',
  },
  {
    id: 'adobe-analytics-two-weeks',
    english: 'Adobe Analytics must be re-authorized every 14 days',
    types: ['adobe_analytics'],
    kind: 'interval',
    days: 14,
    from: ['reauthorizedAt', 'authorizedAt', 'firstSeenOkAt'],
    action: 'reauthorize',
    what: 'rule_adobe_analytics_what',
    todo: 'rule_reauthorize_todo',
    source:
      'https://github.com/AdobeDocs/commerce-business-intelligence.en/blob/main/help/mbi/data-analyst/importing-data/integrations/adobe-analytics.md',
  },
  {
    id: 'quickbooks-five-years',
    english: 'QuickBooks refresh tokens end 5 years after connecting',
    types: ['quickbooks'],
    kind: 'interval',
    years: 5,
    from: ['authorizedAt'],
    action: 'reauthorize',
    what: 'rule_quickbooks_what',
    todo: 'rule_reauthorize_todo',
    source: 'https://github.com/intuit/QuickBooks-V3-Java-SDK/releases/tag/v6.5.4',
  },
  {
    id: 'salesforce-org-policy',
    english: "the org's Salesforce refresh-token policy",
    types: ['salesforce'],
    kind: 'policy',
    from: ['reauthorizedAt', 'authorizedAt'],
    action: 'reauthorize',
    what: 'rule_salesforce_what',
    todo: 'rule_reauthorize_todo',
    source: 'https://help.salesforce.com/s/articleView?id=xcloud.connected_app_manage_oauth.htm',
  },
  {
    id: 'facebook-sixty-days',
    english: 'Facebook access tokens last about 60 days',
    types: ['facebook_ads'],
    kind: 'heuristic',
    days: 60,
    from: ['reauthorizedAt', 'authorizedAt'],
    action: 'reauthorize',
    what: 'rule_facebook_what',
    todo: 'rule_reauthorize_todo',
    source: 'https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived',
  },
];

export function ruleFor(type: string): Rule | undefined {
  return RULES.find((r) => r.types.includes(type));
}

/** What the extension knows of an integration's credential: from MBI's list and from its own history. */
export interface Events {
  /** When MBI says the connection was last established (its `established`, read as UTC). */
  authorizedAt?: number;
  /** When the admin re-authorized it through the extension and it turned healthy. */
  reauthorizedAt?: number;
  /** When the extension first saw it healthy. */
  firstSeenOkAt?: number;
}

export interface Policy {
  /** Salesforce: "expire refresh token after N days", per account; unset means none is set. */
  salesforceDays?: number;
}

export type Confidence = 'fixed' | 'observed' | 'policy' | 'heuristic';

export interface Prediction {
  rule: Rule;
  confidence: Confidence;
  /** Undefined when the event it counts from has not been seen: never an invented date. */
  due?: number;
  /** The event counted from (intervals, policies and heuristics). */
  from?: { event: EventName; at: number };
}

/** `at` plus whole UTC calendar years; 29 February becomes 1 March in a year without it. */
export function addYears(at: number, years: number): number {
  const date = new Date(at);
  // Setting a common year on 29 February rolls the date to 1 March.
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

/**
 * The event a credential's clock counts from: the latest authorization (the extension's re-authorization or
 * MBI's established time), since each restarts it; only when none is known, the first healthy sight.
 */
function latest(events: Events, names: readonly EventName[]): { event: EventName; at: number } | undefined {
  let best: { event: EventName; at: number } | undefined;
  for (const event of names) {
    const at = events[event];
    if (event === 'firstSeenOkAt' || at === undefined || !Number.isFinite(at)) continue;
    if (best === undefined || at > best.at) best = { event, at };
  }
  const first = events.firstSeenOkAt;
  if (!best && names.includes('firstSeenOkAt') && first !== undefined && Number.isFinite(first))
    return { event: 'firstSeenOkAt', at: first };
  return best;
}

/**
 * When the integration's credential is expected to stop, with the confidence and what it counts from; undefined
 * when no rule applies (or, for a policy, none is set). The due date is never before the event it counts from.
 */
export function predict(
  integration: Pick<Integration, 'type'>,
  events: Events,
  policy: Policy,
): Prediction | undefined {
  const rule = ruleFor(integration.type);
  if (!rule) return undefined;
  if (rule.kind === 'fixed') return { rule, confidence: 'fixed', due: Date.parse(`${rule.date}T00:00:00Z`) };
  const days = rule.kind === 'policy' ? policy.salesforceDays : rule.days;
  if (rule.kind === 'policy' && days === undefined) return undefined;
  const confidence: Confidence = rule.kind === 'interval' ? 'observed' : rule.kind;
  const from = latest(events, rule.from ?? []);
  if (!from) return { rule, confidence };
  const due = rule.years !== undefined ? addYears(from.at, rule.years) : from.at + (days ?? 0) * DAY;
  return { rule, confidence, due, from };
}

/**
 * The re-authorizations to remember after a check: each that was judged fixed now, and not before, counts
 * from when it began. Returns `known` itself when nothing is new.
 */
export function noteReauthorized(
  known: Readonly<Record<string, number>>,
  before: Readonly<Record<string, { result?: string }>>,
  after: Readonly<Record<string, { result?: string; startedAt: number }>>,
): Readonly<Record<string, number>> {
  const fresh = Object.entries(after).filter(([key, v]) => v.result === 'fixed' && before[key]?.result !== 'fixed');
  if (fresh.length === 0) return known;
  return { ...known, ...Object.fromEntries(fresh.map(([key, v]) => [key, v.startedAt])) };
}

export interface Windows {
  /** Days before an interval's due date that it counts as due soon. */
  intervalDays: number;
  /** Days before a fixed deadline that it counts as due soon. */
  fixedDays: number;
}

export const DEFAULT_WINDOWS: Windows = { intervalDays: 7, fixedDays: 30 };

/** Due within its warning window, or past due while MBI still reports it healthy. */
export function isDueSoon(prediction: Prediction, windows: Windows, now: number): boolean {
  if (prediction.due === undefined) return false;
  const days = prediction.rule.kind === 'fixed' ? windows.fixedDays : windows.intervalDays;
  return prediction.due - now <= days * DAY;
}
