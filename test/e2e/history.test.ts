// History with readers, as an admin meets it: a row that says how often the integration broke and when it
// was last fixed, the same in the support summary, and the options page's Recent checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkNow, CLIENT, closeWebTabs, launchSignedIn, openPopup, rowNames, type Watch } from './harness';

const NAME = 'vandelay.com';
const row = (popup: Page) =>
  popup.locator('li.row', { has: popup.locator('.name', { hasText: new RegExp(`^${NAME}$`) }) });
const checkRows = (options: Page) => options.locator('table.checks tbody tr');

describe('history with readers', () => {
  let watch: Watch;
  let popup: Page;
  let options: Page;

  beforeAll(async () => {
    // No Export API key: each check is then one row of Recent checks (no update-status call beside it).
    watch = await launchSignedIn([], { withKey: false });
    popup = await openPopup(watch);
    options = await watch.context.newPage();
    await options.goto(watch.url('options'));
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('says on the row how often it broke in 30 days and the day it was last fixed', async () => {
    watch.sim.setConnection(CLIENT.id, 1103, { status: '3', error: 'Access denied for user' });
    await checkNow(popup);
    await expect.poll(() => rowNames(popup)).toContain(NAME);
    await expect.poll(() => row(popup).locator('.history').textContent()).toBe('Broken once in 30 days');
    watch.sim.setConnection(CLIENT.id, 1103, { status: '1', error: null });
    await checkNow(popup);
    await expect.poll(() => rowNames(popup)).not.toContain(NAME);
    watch.sim.setConnection(CLIENT.id, 1103, { status: '3', error: 'Access denied for user' });
    await checkNow(popup);
    const today = await popup.evaluate(() =>
      new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).format(Date.now()),
    );
    await expect
      .poll(() => row(popup).locator('.history').textContent())
      .toBe(`Broken 2 times in 30 days; last fixed ${today}`);
  });

  it('puts the same in the support summary on the clipboard', async () => {
    await row(popup).getByRole('button', { name: 'Open support case' }).click();
    const shown = (await row(popup).locator('.copied pre').textContent()) ?? '';
    expect(shown).toMatch(/^History: broken 2 times in the last 30 days; last fixed \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    await watch.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: watch.sim.url });
    const reader = await watch.context.newPage();
    await reader.goto(`${watch.sim.url}/support`);
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await reader.close();
    await closeWebTabs(watch);
  });

  it('lists the checks on the options page with account and outcome, and follows new ones', async () => {
    const panel = options.locator('section', { has: options.getByRole('heading', { name: 'Recent checks' }) });
    await expect.poll(() => checkRows(options).count()).toBeGreaterThanOrEqual(4);
    expect(await panel.getByRole('columnheader').allTextContents()).toEqual([
      'When',
      'Account',
      'Outcome',
      'Duration (ms)',
    ]);
    const first = await checkRows(options).first().locator('td').allTextContents();
    expect(first.slice(1, 3)).toEqual([CLIENT.label, 'OK']);
    expect(first[3]).toMatch(/^\d[\d,]*$/);

    watch.sim.setFault('connections', '500');
    await checkNow(popup);
    watch.sim.setFault('connections', 'none');
    // The update status may be checked after it, so the failed check is one of the first rows, not the first.
    const failed = checkRows(options).filter({ hasText: 'MBI server error' });
    await expect.poll(() => failed.count()).toBe(1);
    expect((await failed.locator('td').allTextContents()).slice(1, 3)).toEqual([CLIENT.label, 'MBI server error']);
  });

  it('lists at most the last 20 checks', async () => {
    // 25 more checks than a test can wait for, written to the poll log as the worker writes them.
    await watch.worker.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('mbi-watch');
          open.onerror = () => reject(open.error ?? new Error('not opened'));
          open.onsuccess = () => {
            const tx = open.result.transaction('polls', 'readwrite');
            for (let i = 0; i < 25; i++)
              tx.objectStore('polls').add({
                accountId: 'sim-194',
                feed: 'connections',
                at: Date.now() - 3_600_000 + i,
                outcome: 'ok',
                durationMs: 5,
              });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error ?? new Error('not written'));
          };
        }),
    );
    await options.reload();
    await expect.poll(() => checkRows(options).count()).toBe(20);
  });
});
