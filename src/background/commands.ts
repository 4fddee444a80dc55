// Handlers for what the popup and options ask of the worker, and for the worker's own events.
import { MSG, type Command } from '../shared/messages';
import { ensurePollAlarm } from './scheduler';
import { pollAll, isPolling, type PollOptions } from './poll';
import { announce, refreshBadge } from './refresh';

/** Runs a poll and always ends with a fresh badge, whatever failed on the way. */
export async function pollAndRender(options: PollOptions, sourceId?: string): Promise<void> {
  announce(true);
  try {
    await pollAll(options, sourceId);
  } finally {
    await refreshBadge();
    announce(isPolling());
  }
}

export async function onCommand(command: Command): Promise<{ ok: true }> {
  switch (command.type) {
    case MSG.checkNow:
      await pollAndRender({ force: true }, command.sourceId);
      return { ok: true };
  }
}

export async function onSettingsChanged(): Promise<void> {
  await ensurePollAlarm();
  await pollAndRender({ force: true });
}

export async function onStartup(): Promise<void> {
  await ensurePollAlarm();
  // Catch up after the browser or computer slept: stale feeds are due, fresh ones are skipped.
  await pollAndRender({ force: false });
}
