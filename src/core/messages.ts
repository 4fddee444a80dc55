// Commands the popup and options send to the worker, and the channel the worker announces changes on.
// Types and names only: the parser lives with the worker (background/parse-command.ts), so the popup
// carries none of the settings code it needs.
import type { AccountSettings } from './settings';
import type { FeedErrorKind, IntegrationState } from './types';

export const MSG = {
  checkNow: 'check-now',
  testAccount: 'test-account',
  reauthorize: 'reauthorize',
  supportCase: 'support-case',
  openPage: 'open-page',
  snooze: 'snooze',
  resume: 'resume',
  diagnostic: 'diagnostic',
  openIncident: 'open-incident',
  declineStatus: 'decline-status',
} as const;

/** Pages the popup asks the worker to open, for an account where one is named. */
export type PageName = 'sign-in' | 'integrations' | 'adobe-status';

export interface SnoozeRequest {
  until?: number;
  whileState?: IntegrationState;
}

export type Command =
  | { type: typeof MSG.checkNow; accountId?: string }
  /** Opens the re-authorization pages of an integration and follows up on the result. */
  | { type: typeof MSG.reauthorize; accountId: string; integrationId: string }
  /** Opens Adobe support and answers with the case summary for the clipboard. */
  | { type: typeof MSG.supportCase; accountId: string; integrationId: string }
  | { type: typeof MSG.openPage; page: PageName; accountId?: string }
  /** A snooze for one integration; null wakes it. */
  | { type: typeof MSG.snooze; accountId: string; integrationId: string; snooze: SnoozeRequest | null }
  | { type: typeof MSG.resume }
  /** Opens the status page of the outage a broken integration's row reports. */
  | { type: typeof MSG.openIncident; accountId: string; integrationId: string }
  /** "Not now" to reading status pages: the popup stops asking. */
  | { type: typeof MSG.declineStatus }
  /** Answers with the diagnostic sample of an account's last connections answer (string or null). */
  | { type: typeof MSG.diagnostic; accountId: string }
  /** Runs the adapters once for an account being edited; stores nothing. */
  | { type: typeof MSG.testAccount; account: AccountSettings; exportApiKey?: string; secret?: string };

/** The answer to test-account, per feed. */
export type TestOutcome =
  | { ok: true; total: number; problems: number }
  | { ok: false; kind: FeedErrorKind; message: string }
  | { ok: 'skipped'; message: string };

export interface TestResult {
  connections: TestOutcome;
  updateCycle?: TestOutcome;
}

/** The answer to support-case. */
export interface SupportAnswer {
  ok: boolean;
  summary?: string;
}

/** The contract: the answer each command gets (undefined when the worker could not answer). */
export interface Answers {
  [MSG.checkNow]: { ok: boolean };
  [MSG.testAccount]: TestResult;
  [MSG.reauthorize]: { ok: boolean };
  [MSG.supportCase]: SupportAnswer;
  [MSG.openPage]: { ok: boolean };
  [MSG.snooze]: { ok: boolean };
  [MSG.resume]: { ok: boolean };
  [MSG.diagnostic]: string | null;
  [MSG.openIncident]: { ok: boolean };
  [MSG.declineStatus]: { ok: boolean };
}

export type AnswerTo<C extends Command> = Answers[C['type']];

/** Name of the BroadcastChannel the worker posts to after every write. */
export const STATE_CHANNEL = 'mbi-watch-state';

export interface StateChanged {
  type: 'state-changed';
  /** True while a poll is running. */
  polling: boolean;
}

export const POLL_ALARM = 'poll';
export const VERIFY_ALARM = 'verify';
