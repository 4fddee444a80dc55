// Commands the popup and options send to the worker, and the channel the worker announces changes on.

import { parseSettings, type SourceSettings } from './settings';
import type { FeedErrorKind } from './types';

export const MSG = {
  checkNow: 'check-now',
  testSource: 'test-source',
  reauthorize: 'reauthorize',
} as const;

export type Command =
  | { type: typeof MSG.checkNow; sourceId?: string }
  /** Opens the re-authorization pages of an integration and follows up on the result. */
  | { type: typeof MSG.reauthorize; sourceId: string; integrationId: string }
  /** Runs the adapters once for a source being edited; stores nothing. */
  | { type: typeof MSG.testSource; source: SourceSettings; exportApiKey?: string };

/** The answer to test-source, per feed. */
export type TestOutcome =
  | { ok: true; total: number; problems: number }
  | { ok: false; kind: FeedErrorKind; message: string }
  | { ok: 'skipped'; message: string };

export interface TestResult {
  connections: TestOutcome;
  updateCycle?: TestOutcome;
}

/** Name of the BroadcastChannel the worker posts to after every write. */
export const STATE_CHANNEL = 'mbi-watch-state';

export interface StateChanged {
  type: 'state-changed';
  /** True while a poll is running. */
  polling: boolean;
}

export function parseCommand(raw: unknown): Command | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  switch (r.type) {
    case MSG.checkNow:
      return typeof r.sourceId === 'string' ? { type: MSG.checkNow, sourceId: r.sourceId } : { type: MSG.checkNow };
    case MSG.reauthorize:
      return typeof r.sourceId === 'string' && typeof r.integrationId === 'string'
        ? { type: MSG.reauthorize, sourceId: r.sourceId, integrationId: r.integrationId }
        : null;
    case MSG.testSource: {
      const [source] = parseSettings({ sources: [r.source] }).sources;
      if (!source) return null;
      return typeof r.exportApiKey === 'string' && r.exportApiKey.trim() !== ''
        ? { type: MSG.testSource, source, exportApiKey: r.exportApiKey.trim() }
        : { type: MSG.testSource, source };
    }
    default:
      return null;
  }
}

export const POLL_ALARM = 'poll';
export const VERIFY_ALARM = 'verify';
