// Desktop notifications: on transitions only, once each, and never again after a worker restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT, expectBadge, launchSignedIn, openPopup, type Watch } from './harness';

const STRIPE = 1106;
/** Integrations of client 194 that work at the start: Google Analytics, AdWords, Salesforce, QuickBooks, Mixpanel. */
const WORKING = [1103, 1104, 1105, 1107, 1109];

async function shownIds(watch: Watch): Promise<string[]> {
  return Object.keys(await watch.worker.evaluate(() => chrome.notifications.getAll())).sort();
}

async function clearAll(watch: Watch): Promise<void> {
  await watch.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
}

async function checkNow(popup: Page): Promise<void> {
  await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'check-now' }));
}

describe('notifications', () => {
  let watch: Watch;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchSignedIn();
    popup = await openPopup(watch);
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('shows nothing for what was already broken when the account was added', async () => {
    await expectBadge(watch, '4');
    await checkNow(popup);
    expect(await shownIds(watch)).toEqual([]);
  });

  it('shows one notification when an integration breaks', async () => {
    watch.sim.setConnection(CLIENT.id, STRIPE, { status: '2', error: 'OAuth token revoked' });
    await checkNow(popup);
    await expect.poll(() => shownIds(watch)).toEqual([`new-problem|sim-194|${STRIPE}`]);
  });

  it('does not show it again on later polls, even after the worker restarts', async () => {
    await clearAll(watch);
    await checkNow(popup);
    const session = await watch.context.newCDPSession(popup);
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
    await checkNow(popup);
    await expectBadge(watch, '5');
    expect(await shownIds(watch)).toEqual([]);
  });

  it('shows a recovery when it works again', async () => {
    watch.sim.setConnection(CLIENT.id, STRIPE, { status: '1' });
    await checkNow(popup);
    await expect.poll(() => shownIds(watch)).toEqual([`recovered|sim-194|${STRIPE}`]);
    await expectBadge(watch, '4');
  });

  it('sums up five integrations that break at once in one notification for the account, shown once', async () => {
    await clearAll(watch);
    for (const id of WORKING) watch.sim.setConnection(CLIENT.id, id, { status: '2' });
    await checkNow(popup);
    await expect.poll(() => shownIds(watch)).toEqual(['new-problem|sim-194|*']);
    await expectBadge(watch, '9');
    await clearAll(watch);
    await checkNow(popup);
    expect(await shownIds(watch)).toEqual([]);
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
