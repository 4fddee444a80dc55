// Handlers for what the popup and options ask of the worker, and for the worker's own events.
import { MSG, type Command, type TestResult } from '../shared/messages';
import { migrateStoredSettings } from '../shared/storage';
import { notifyChanges } from './notifier';
import { isPolling, pollAll, type PollOptions } from './poll';
import { announce, refreshBadge } from './refresh';
import { ensurePollAlarm } from './scheduler';
import { testSource } from './test-source';

function report(what: string) {
  return (error: unknown) => console.error(`MBI Integration Watch: ${what} failed`, error);
}

/** Runs a poll and always ends with a fresh badge, whatever failed on the way. */
export async function pollAndRender(options: PollOptions, sourceId?: string): Promise<void> {
  announce(true);
  try {
    await pollAll(options, sourceId);
    await notifyChanges().catch(report('notifications'));
  } finally {
    await refreshBadge();
    announce(isPolling());
  }
}

export async function onCommand(command: Command): Promise<{ ok: true } | TestResult> {
  switch (command.type) {
    case MSG.checkNow:
      await pollAndRender({ force: true }, command.sourceId);
      return { ok: true };
    case MSG.testSource:
      return testSource(command.source, command.exportApiKey);
  }
}

export async function onInstalled(): Promise<void> {
  // A migration that rewrites settings also triggers onSettingsChanged through storage.onChanged.
  await migrateStoredSettings();
  await onStartup();
}

export async function onSettingsChanged(): Promise<void> {
  await ensurePollAlarm();
  await pollAndRender({ force: true });
}

export async function onStartup(): Promise<void> {
  await ensurePollAlarm();
  await pollAndRender({ force: false });
}

/** Every wake: the badge from stored state at once, the alarm if it went missing, and a catch-up poll
 * when the last one is older than the interval (the computer slept, or the browser was closed). */
export async function onWake(): Promise<void> {
  await refreshBadge();
  await ensurePollAlarm();
  await pollAndRender({ force: false, onlyOverdue: true });
}

export { report };
