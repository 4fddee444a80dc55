// Account-wide states: every poll failure plus the derived ones. The Record types make the compiler
// refuse a new state until it has a badge, a colour, a tooltip, a banner and a fixing action.
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

export const ISSUES: Readonly<Record<IssueKind, IssueInfo>> = {
  'signed-out': {
    badge: '?', color: BLUE, rank: 1,
    title: 'Signed out of MBI',
    advice: 'MBI no longer accepts your session, so integration status cannot be read. Sign in again.',
    action: 'sign-in', actionLabel: 'Sign in to MBI',
  },
  'key-rejected': {
    badge: 'key', color: ORANGE, rank: 2,
    title: 'Export API key rejected',
    advice: 'MBI refused the Export API key (HTTP 403): it is wrong, revoked, or this IP is not allow-listed.',
    action: 'open-options', actionLabel: 'Check the key',
  },
  'permission-missing': {
    badge: 'perm', color: ORANGE, rank: 3,
    title: 'Host access not granted',
    advice: 'The extension may not contact this account\'s hosts. Grant access in the options.',
    action: 'open-options', actionLabel: 'Grant access',
  },
  'format-changed': {
    badge: 'fmt', color: PURPLE, rank: 4,
    title: 'MBI changed its format',
    advice: 'MBI answered in a shape this version does not understand. Check the Integrations page yourself.',
    action: 'open-integrations', actionLabel: 'Open the Integrations page',
  },
  'too-large': {
    badge: 'big', color: PURPLE, rank: 5,
    title: 'Response too large',
    advice: 'MBI sent more data than the extension will read. Check the Integrations page yourself.',
    action: 'open-integrations', actionLabel: 'Open the Integrations page',
  },
  'server-error': {
    badge: 'err', color: GREY, rank: 6,
    title: 'MBI server error',
    advice: 'MBI answered with a server error. The extension retries with growing pauses.',
    action: 'check-now', actionLabel: 'Check now',
  },
  'rate-limited': {
    badge: 'wait', color: GREY, rank: 7,
    title: 'Rate limited by MBI',
    advice: 'MBI asked the extension to slow down; it waits as long as MBI asked before the next check.',
    action: 'open-integrations', actionLabel: 'Open the Integrations page',
  },
  timeout: {
    badge: 'slow', color: GREY, rank: 8,
    title: 'MBI did not answer in time',
    advice: 'The request timed out. The extension retries with growing pauses.',
    action: 'check-now', actionLabel: 'Check now',
  },
  unreachable: {
    badge: 'off', color: GREY, rank: 9,
    title: 'MBI unreachable',
    advice: 'MBI could not be reached (network or DNS error). The extension retries with growing pauses.',
    action: 'check-now', actionLabel: 'Check now',
  },
  offline: {
    badge: 'off', color: GREY, rank: 10,
    title: 'Browser offline',
    advice: 'The browser reports no network. Checks resume as soon as it is back online.',
    action: 'check-now', actionLabel: 'Check now',
  },
  stale: {
    badge: 'old', color: ORANGE, rank: 11,
    title: 'Data is stale',
    advice: 'The last good status is older than expected: either MBI stopped updating or checks are failing.',
    action: 'open-integrations', actionLabel: 'Open the Integrations page',
  },
  paused: {
    badge: '||', color: GREY, rank: 12,
    title: 'Checks paused',
    advice: 'Checking is paused; the list shows the last known status.',
    action: 'resume', actionLabel: 'Resume checks',
  },
  'not-configured': {
    badge: 'set', color: GREY, rank: 13,
    title: 'No MBI account set up',
    advice: 'Add your MBI client id in the options to start watching integrations.',
    action: 'open-options', actionLabel: 'Open options',
  },
};

/** The color of the problem count. */
export const PROBLEM_COLOR = RED;
