// Commands the popup and options send to the worker, and the channel the worker announces changes on.

export const MSG = {
  checkNow: 'check-now',
} as const;

export type Command = { type: typeof MSG.checkNow; sourceId?: string };

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
    default:
      return null;
  }
}

export const POLL_ALARM = 'poll';
