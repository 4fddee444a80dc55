// Handlers for what the popup and options ask of the worker, and for the worker's own events.
import { pruneSnoozes } from '../shared/snooze';
import { MSG, type Command, type SupportAnswer, type TestResult } from '../shared/messages';
import type { PopupMore } from '../shared/popup-model';
import { bindLegacyStoredKeys, migrateStoredSettings, reconcileStoredKeys } from '../shared/storage';
import { diagnosticOf } from './diagnostic';
import { onTabClosed, accountsToRecheck, startReauthorization, updateVerifications } from './follow-up';
import { notifyChanges } from './notifier';
import { openPage, openSupportCase, resume, snooze } from './page-actions';
import { isPolling, pollAll, type PollOptions } from './poll';
import { announce, moreRows, refreshBadge } from './refresh';
import { loadWatchState, type WatchState } from './watch-state';
import { ensurePollAlarm } from './scheduler';
import { testAccount } from './test-account';

function report(what: string) {
  return (error: unknown) => console.error(`MBI Integration Watch: ${what} failed`, error);
}

/** Runs a poll and always ends with a fresh badge, whatever failed on the way. */
export async function pollAndRender(options: PollOptions, accountId?: string): Promise<void> {
  announce(true);
  let state: WatchState | undefined;
  try {
    await pollAll(options, accountId);
    // Read once, then handed on: each step below sees what the one before it left.
    const read = await loadWatchState();
    const now = Date.now();
    read.verifications = await updateVerifications(read.verifications, read.records, now).catch(
      failed(report('re-authorization follow-up'), read.verifications),
    );
    read.snoozes = await pruneSnoozes(read.records, now, read.snoozes).catch(
      failed(report('snooze clean-up'), read.snoozes),
    );
    state = read;
  } finally {
    try {
      await refreshBadge(Date.now(), state);
    } finally {
      announce(isPolling());
      // After the badge, so they do not hold up what the admin sees; and whatever failed before them.
      await notifyChanges(Date.now(), state).catch(report('notifications'));
    }
  }
}

/** Reports a failed step and goes on with what was there before it. */
function failed<T>(onError: (error: unknown) => void, before: T): (error: unknown) => T {
  return (error) => {
    onError(error);
    return before;
  };
}

export async function onCommand(
  command: Command,
): Promise<{ ok: boolean } | TestResult | SupportAnswer | PopupMore | string | null> {
  switch (command.type) {
    case MSG.supportCase:
      return openSupportCase(command.accountId, command.integrationId);
    case MSG.openPage:
      return { ok: await openPage(command.page, command.accountId) };
    case MSG.snooze:
      await snooze(command.accountId, command.integrationId, command.snooze);
      return { ok: true };
    case MSG.resume:
      await resume();
      return { ok: true };
    case MSG.diagnostic:
      return diagnosticOf(command.accountId);
    case MSG.moreRows:
      return moreRows();
    case MSG.checkNow:
      await pollAndRender({ force: true }, command.accountId);
      return { ok: true };
    case MSG.reauthorize:
      return { ok: await startReauthorization(command.accountId, command.integrationId) };
    case MSG.testAccount:
      return testAccount(command.account, command.exportApiKey);
  }
}

export async function onInstalled(): Promise<void> {
  // Keys of an older version are bound before a settings migration's change sets off a reconcile.
  await bindLegacyStoredKeys().catch(report('binding stored keys'));
  // A migration that rewrites settings also triggers onSettingsChanged through storage.onChanged.
  await migrateStoredSettings();
  await onStartup();
}

export async function onSettingsChanged(): Promise<void> {
  // Keys follow their accounts first; a failure here still leaves every use of a key to keyFor's check.
  await reconcileStoredKeys().catch(report('key clean-up'));
  // Badge and popup show the accounts as they are now (a new one "checked for the first time") while the
  // check runs, not the last state of the ones before.
  await refreshBadge().catch(report('badge'));
  await ensurePollAlarm();
  await pollAndRender({ force: true });
}

export async function onStartup(): Promise<void> {
  await reconcileStoredKeys().catch(report('key clean-up'));
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

/** Re-checks the accounts of re-authorizations that are being followed (tab closed, or a minute passed). */
export async function recheck(accountIds: readonly string[]): Promise<void> {
  for (const id of accountIds) await pollAndRender({ force: true }, id);
}

export async function onVerifyAlarm(): Promise<void> {
  await recheck(await accountsToRecheck());
}

export async function onTabRemoved(tabId: number): Promise<void> {
  await recheck(await onTabClosed(tabId));
}

export { report };
