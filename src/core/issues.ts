// Account-wide states: every poll failure plus the derived ones. The Record types make the compiler
// refuse a new state until it has a badge, a colour, a tooltip, a banner and a fixing action.
import { t, type MessageKey } from './i18n';
import { PIPELINE_NAMES, type OtherPipeline } from './settings';
import type { FeedErrorKind } from './types';

export type IssueKind = FeedErrorKind | 'stale' | 'paused' | 'not-configured';

/** What the banner's button does. */
export type IssueAction = 'sign-in' | 'open-integrations' | 'open-options' | 'check-now' | 'resume';

export interface IssueInfo {
  /** At most 4 characters; Chrome shows about that many. */
  badge: string;
  color: string;
  /** Tooltip line and banner heading. */
  title: string;
  /** One sentence for the popup banner: what it means and what to do. */
  advice: string;
  action: IssueAction;
  actionLabel: string;
  /** Lower is more urgent; the badge shows the most urgent issue. */
  rank: number;
}

const RED = '#c5221f';
const ORANGE = '#b06000';
const GREY = '#5f6368';
const PURPLE = '#8430ce';
const BLUE = '#1a73e8';

/** What an issue looks like and does; its title and advice are the messages issue_<kind>_title/_advice. */
interface Look {
  badge: string;
  color: string;
  rank: number;
  action: IssueAction;
  label: MessageKey;
}

const LOOKS: Readonly<Record<IssueKind, Look>> = {
  'signed-out': { badge: '?', color: BLUE, rank: 1, action: 'sign-in', label: 'issue_action_sign_in' },
  'key-rejected': { badge: 'key', color: ORANGE, rank: 2, action: 'open-options', label: 'issue_action_check_key' },
  'permission-missing': {
    badge: 'perm',
    color: ORANGE,
    rank: 3,
    action: 'open-options',
    label: 'issue_action_grant_access',
  },
  'format-changed': {
    badge: 'fmt',
    color: PURPLE,
    rank: 4,
    action: 'open-integrations',
    label: 'issue_action_open_integrations',
  },
  'too-large': {
    badge: 'big',
    color: PURPLE,
    rank: 5,
    action: 'open-integrations',
    label: 'issue_action_open_integrations',
  },
  'server-error': { badge: 'err', color: GREY, rank: 6, action: 'check-now', label: 'issue_action_check_now' },
  'rate-limited': {
    badge: 'wait',
    color: GREY,
    rank: 7,
    action: 'open-integrations',
    label: 'issue_action_open_integrations',
  },
  timeout: { badge: 'slow', color: GREY, rank: 8, action: 'check-now', label: 'issue_action_check_now' },
  unreachable: { badge: 'off', color: GREY, rank: 9, action: 'check-now', label: 'issue_action_check_now' },
  offline: { badge: 'off', color: GREY, rank: 10, action: 'check-now', label: 'issue_action_check_now' },
  stale: {
    badge: 'old',
    color: ORANGE,
    rank: 11,
    action: 'open-integrations',
    label: 'issue_action_open_integrations',
  },
  paused: { badge: '||', color: GREY, rank: 12, action: 'resume', label: 'issue_action_resume' },
  'not-configured': { badge: 'set', color: GREY, rank: 13, action: 'open-options', label: 'issue_action_open_options' },
};

/** 'not-configured' → 'not_configured': message names allow no hyphen. */
type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;

function withTexts(kind: IssueKind, { label, ...look }: Look): IssueInfo {
  const id = kind.replaceAll('-', '_') as Snake<IssueKind>;
  // Getters: the text is looked up when read, so importing this module needs no browser.
  return {
    ...look,
    get title() {
      return t(`issue_${id}_title`);
    },
    get advice() {
      return t(`issue_${id}_advice`);
    },
    get actionLabel() {
      return t(label);
    },
  };
}

export const ISSUES = Object.fromEntries(
  (Object.keys(LOOKS) as IssueKind[]).map((kind) => [kind, withTexts(kind, LOOKS[kind])]),
) as Readonly<Record<IssueKind, IssueInfo>>;

/** The color of the problem count. */
export const PROBLEM_COLOR = RED;

/** Kinds whose MBI wording names MBI: a Fivetran, Airbyte or Stitch account has its own, naming its vendor. */
const VENDOR_WORDED = [
  'key-rejected',
  'format-changed',
  'too-large',
  'server-error',
  'rate-limited',
  'timeout',
  'unreachable',
  'stale',
] as const;
type VendorWorded = (typeof VENDOR_WORDED)[number];
const isVendorWorded = (kind: IssueKind): kind is VendorWorded => (VENDOR_WORDED as readonly string[]).includes(kind);

/** An issue's title, advice and button label in the words of the account's pipeline (MBI's without one). */
export function issueTexts(
  kind: IssueKind,
  pipeline?: OtherPipeline,
): Pick<IssueInfo, 'title' | 'advice' | 'actionLabel'> {
  const info = ISSUES[kind];
  if (!pipeline || !isVendorWorded(kind)) return info;
  const vendor = PIPELINE_NAMES[pipeline];
  const id = kind.replaceAll('-', '_') as Snake<VendorWorded>;
  return {
    title: t(`issue_vendor_${id}_title`, vendor),
    advice: t(`issue_vendor_${id}_advice`, vendor),
    actionLabel: info.action === 'open-integrations' ? t('issue_action_open_vendor', vendor) : info.actionLabel,
  };
}
