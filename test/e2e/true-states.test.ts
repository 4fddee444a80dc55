// States that say what is true, in real Chromium against the simulator: a list with a repeated id and an
// unreadable element still watches the rest; an integration MBI stops listing is "removed"; an account with
// no integrations says so; a check cut off by a stopped worker says it was interrupted; a failed command
// says that it did not work.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CLIENT,
  closeWebTabs,
  expectBadge,
  followWorker,
  type FollowedWorker,
  launchSignedIn,
  openPopup,
  rowNames,
  webTabUrls,
  type Watch,
} from './harness';

const PROBLEMS = ['Vandelay Web Analytics', 'Vandelay Latex Ads', 'Vandelay Support', 'warehouse'];
const row = (popup: Page, name: string) =>
  popup.locator('li.row', { has: popup.locator('.name', { hasText: new RegExp(`^${name}$`) }) });

describe('states that say what is true', () => {
  let watch: Watch;
  let popup: Page;
  let worker: FollowedWorker;
  const stopWorker = () => worker.stop();

  const checkButton = () => popup.locator('header').getByRole('button');

  async function checkNow(): Promise<void> {
    await popup.locator('header').getByRole('button', { name: 'Check now', exact: true }).click();
    await expect.poll(() => checkButton().textContent(), { timeout: 20_000 }).toBe('Check now');
  }

  beforeAll(async () => {
    watch = await launchSignedIn();
    popup = await openPopup(watch);
    worker = await followWorker(watch, popup);
  });

  beforeEach(async () => {
    watch.sim.reset();
    await popup.reload();
    await checkNow();
    await expectBadge(watch, '4');
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('keeps watching an account whose list repeats an id and holds an element it cannot read', async () => {
    watch.sim.setFault('connections', 'duplicate-ids');
    await checkNow();
    // The four problems, the first of the repeated id (a problem; its healthy twin is not watched) and the
    // unreadable last element.
    await expectBadge(watch, '5');
    await expect.poll(() => rowNames(popup)).toHaveLength(5);
    expect((await rowNames(popup)).sort()).toEqual([...PROBLEMS, 'Connection #13 (could not be read)'].sort());
    expect(
      await popup.locator('li.row', { hasText: 'Connection #13 (could not be read)' }).locator('.state').textContent(),
    ).toContain('Unknown status "(unreadable)"');
    const banner = popup.getByTestId('anomalies');
    expect(await banner.getAttribute('role')).toBe('status');
    expect(await banner.textContent()).toContain("Part of MBI's list could not be read");
    expect(await banner.textContent()).toContain('Two connections share the id "1101"; the first is watched.');
    expect(await banner.textContent()).toContain(
      'Connection #13 lacks an id, name, type or properties; it counts as unknown.',
    );

    await banner.getByRole('button', { name: 'Copy diagnostic sample' }).click();
    await expect.poll(() => banner.locator('.note').textContent()).toContain('Copied: the shape of MBI');
    await watch.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: watch.sim.url });
    const reader = await watch.context.newPage();
    await reader.goto(`${watch.sim.url}/support`);
    const sample = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    expect(sample).toContain('outcome: ok');
    expect(sample).not.toContain('Vandelay');
  });

  it('lists an integration that MBI stopped listing after a re-authorization as removed, not fixed', async () => {
    await closeWebTabs(watch);
    const [tab] = await Promise.all([
      watch.context.waitForEvent('page'),
      row(popup, 'Vandelay Latex Ads').getByRole('button', { name: 'Re-authorize' }).click(),
    ]);
    await tab.waitForLoadState('domcontentloaded');
    watch.sim.removeConnection(CLIENT.id, 1102);
    await tab.close();
    const entry = popup.locator('.fixed li', { hasText: 'Vandelay Latex Ads' });
    await expect
      .poll(() => entry.textContent(), { timeout: 15_000 })
      .toBe('Removed: Vandelay Latex Ads — no longer listed');
    expect(await popup.locator('.fixed').textContent()).not.toContain('Fixed');
    expect(await rowNames(popup)).not.toContain('Vandelay Latex Ads');
    await expectBadge(watch, '3');
  });

  it('says that MBI lists no integrations for an empty account, offers the Integrations page, and leaves the badge empty', async () => {
    watch.sim.generate(CLIENT.id, 0);
    await checkNow();
    await expectBadge(watch, '');
    const note = popup.getByTestId('lists-none');
    await expect
      .poll(() => note.textContent())
      .toContain('MBI lists no integrations for this account. Add them under Manage Data > Integrations.');
    expect(await popup.locator('main').textContent()).not.toContain('healthy');
    await closeWebTabs(watch);
    await note.getByRole('button', { name: 'Open the Integrations page' }).click();
    await expect
      .poll(() => webTabUrls(watch))
      .toEqual([`${watch.sim.url}/v2/client/194/dashapp/manage-data/integrations`]);
    await closeWebTabs(watch);
  });

  it('says a check cut off by a stopped worker was interrupted, keeps the last rows and offers Check now', async () => {
    watch.sim.setFault('connections', 'hang');
    await popup.locator('header').getByRole('button', { name: 'Check now', exact: true }).click();
    await expect.poll(() => checkButton().textContent()).toBe('Checking…');
    await stopWorker();
    const note = popup.getByTestId('interrupted');
    await expect
      .poll(() => note.textContent(), { timeout: 5_000 })
      .toBe("The check was interrupted (the extension's background worker restarted). Showing the last result.");
    expect(await note.getAttribute('role')).toBe('status');
    expect((await rowNames(popup)).sort()).toEqual([...PROBLEMS].sort());
    expect(await checkButton().textContent()).toBe('Check now');
    expect(await checkButton().isEnabled()).toBe(true);
    watch.sim.setFault('connections', 'none');
    await checkNow();
    await expect.poll(() => note.count()).toBe(0);
  });

  it('says that a snooze did not work when the worker stops before it answers', async () => {
    const r = row(popup, 'warehouse');
    await r.getByRole('button', { name: 'Snooze…' }).click();
    // The worker is kept busy, so the snooze waits for it, then stopped: the snooze is never answered.
    const busy = watch.worker
      .evaluate(() => {
        const end = Date.now() + 3_000;
        while (Date.now() < end);
      })
      .catch(() => undefined);
    await r.getByRole('button', { name: '1 hour' }).click();
    await stopWorker();
    await busy;
    await expect.poll(() => r.locator('.note').textContent(), { timeout: 10_000 }).toMatch(/^That did not work: ./);
    expect(await r.locator('.note').getAttribute('role')).toBe('status');
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
