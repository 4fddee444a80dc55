// Adobe asks for at least 60 s between Update Cycle Status calls per client. The time of each call is
// kept per client (API host + client id) in storage.session, so polls, "Test connection" and a restarted
// worker all see the same last call.
import browser from '../shared/browser';
import type { AccountSettings } from '../shared/settings';

const KEY = 'updateCycleCalls';

export function clientKey(account: Pick<AccountSettings, 'apiOrigin' | 'clientId'>): string {
  return `${account.apiOrigin}|${account.clientId}`;
}

async function calls(): Promise<Record<string, number>> {
  const stored = (await browser.storage.session.get(KEY))[KEY];
  return typeof stored === 'object' && stored !== null ? (stored as Record<string, number>) : {};
}

export async function lastCycleCallOf(account: Pick<AccountSettings, 'apiOrigin' | 'clientId'>): Promise<number> {
  const at = (await calls())[clientKey(account)];
  return typeof at === 'number' ? at : -Infinity;
}

/** Noted before the request goes out, so that nothing else calls for the same client meanwhile. */
export async function noteCycleCall(
  account: Pick<AccountSettings, 'apiOrigin' | 'clientId'>,
  at: number,
): Promise<void> {
  await browser.storage.session.set({ [KEY]: { ...(await calls()), [clientKey(account)]: at } });
}
