// Handlers for what the popup and options ask of the worker, and for the worker's own events: each ends
// in a request for the one check cycle.
import { MSG, type Answers, type AnswerTo, type Command } from '../core/messages';
import browser from '../shared/browser';
import { bindLegacyStoredKeys, loadSettings, migrateStoredSettings, reconcileStoredKeys } from '../shared/storage';
import { report, requestCycle } from './cycle';
import { diagnosticOf } from './diagnostic';
import { onTabClosed, accountsToRecheck, startReauthorization } from './follow-up';
import { openIncident, openPage, openSupportCase, resume, snooze } from './page-actions';
import { STATUS_DECLINED } from '../core/stored-items';
import { write } from '../shared/stored';
import { ensurePollAlarm } from './scheduler';
import { testAccount } from './test-account';

export { report };

type Handlers = { [K in Command['type']]: (command: Extract<Command, { type: K }>) => Promise<Answers[K]> };

/** Each command's handler, answering with the type the contract (core/messages.ts) names for it. */
const HANDLERS: Handlers = {
  [MSG.supportCase]: (c) => openSupportCase(c.accountId, c.integrationId),
  [MSG.openPage]: async (c) => ({ ok: await openPage(c.page, c.accountId) }),
  [MSG.snooze]: async (c) => {
    await snooze(c.accountId, c.integrationId, c.snooze);
    return { ok: true };
  },
  [MSG.resume]: async () => {
    await resume();
    return { ok: true };
  },
  [MSG.diagnostic]: (c) => diagnosticOf(c.accountId),
  [MSG.checkNow]: async (c) => {
    await requestCycle({ force: true, ...(c.accountId ? { accountIds: [c.accountId] } : {}) });
    return { ok: true };
  },
  [MSG.reauthorize]: async (c) => ({ ok: await startReauthorization(c.accountId, c.integrationId) }),
  [MSG.testAccount]: (c) => testAccount(c.account, c.exportApiKey, Date.now(), c.secret),
  [MSG.openIncident]: async (c) => ({ ok: await openIncident(c.accountId, c.integrationId) }),
  [MSG.declineStatus]: async () => {
    await write(STATUS_DECLINED, true);
    // The popup's model drops the offer; the popup follows the model, it need not wait for that.
    requestCycle({ force: false, onlyOverdue: true }).catch(report('check'));
    return { ok: true };
  },
};

export function onCommand<C extends Command>(command: C): Promise<AnswerTo<C>> {
  // The map's type ties each handler to its command; TypeScript cannot follow that through a lookup.
  return (HANDLERS[command.type] as unknown as (command: C) => Promise<AnswerTo<C>>)(command);
}

export async function onInstalled(reason: string): Promise<void> {
  // Keys of an older version are bound before a settings migration's change sets off a reconcile.
  await bindLegacyStoredKeys().catch(report('binding stored keys'));
  // A migration that rewrites settings also triggers onSettingsChanged through storage.onChanged.
  await migrateStoredSettings();
  // A first install with no account (own or by policy) starts where one is set up.
  if (reason === 'install' && (await loadSettings()).accounts.length === 0)
    await browser.runtime.openOptionsPage().catch(report('opening the options page'));
  await onStartup();
}

export async function onSettingsChanged(): Promise<void> {
  // Keys follow their accounts first; a failure here still leaves every use of a key to keyFor's check.
  await reconcileStoredKeys().catch(report('key clean-up'));
  await ensurePollAlarm();
  await requestCycle({ force: true });
}

export async function onStartup(): Promise<void> {
  await reconcileStoredKeys().catch(report('key clean-up'));
  await ensurePollAlarm();
  await requestCycle({ force: false });
}

/** Every wake: the alarm if it went missing, and a catch-up check of what is older than the interval (the
 * computer slept, or the browser was closed). */
export async function onWake(): Promise<void> {
  await ensurePollAlarm();
  await requestCycle({ force: false, onlyOverdue: true });
}

/** Re-checks the accounts of re-authorizations that are being followed (tab closed, or a minute passed). */
async function recheck(accountIds: readonly string[]): Promise<void> {
  if (accountIds.length > 0) await requestCycle({ force: true, accountIds });
}

export async function onVerifyAlarm(): Promise<void> {
  await recheck(await accountsToRecheck());
}

export async function onTabRemoved(tabId: number): Promise<void> {
  await recheck(await onTabClosed(tabId));
}
