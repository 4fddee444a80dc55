// What a source of integration status is to the engine: one request per account, its limits and rules,
// and where its integrations are fixed. The engine, the badge, the popup and the notifications know
// sources only through this.
import type { AccountSettings, Pipeline, Secrets, StoredKey } from '../../core/settings';
import type { FeedData, FeedName, FeedResult, Integration, Transition } from '../../core/types';
import type { RequestLimits } from '../http';

export interface Source {
  /** Names the one record kept per account for this source. */
  readonly feed: FeedName;
  /** The accounts it serves: those of this pipeline. */
  readonly pipeline: Pipeline;
  /**
   * The secret this source sends for the account: undefined when it needs none, null when it needs one
   * the account does not have (then it does not run).
   */
  credential(account: AccountSettings, secrets: Secrets): StoredKey | null | undefined;
  /** The provider's spacing rule: calls of one group (e.g. one API client) at least this far apart. */
  readonly rate?: { group(account: AccountSettings): string; minIntervalMs: number };
  /** One request, within the limits, parsed: never throws. */
  fetch(account: AccountSettings, credential: StoredKey | undefined, limits: RequestLimits): Promise<FeedResult>;
  /** Carries what the last answer knew into this one (since when a state holds) and lists the changes to log. */
  merge?(accountId: string, before: FeedData | undefined, next: FeedData, now: number): Merged;
  /** What Re-authorize opens for one of its integrations, in order. */
  reauthorize?(account: AccountSettings, integration: Integration): string[];
  /** Where its vendor takes support cases (Adobe's for MBI). */
  readonly supportUrl?: string;
}

export interface Merged {
  data: FeedData;
  transitions: Transition[];
}
