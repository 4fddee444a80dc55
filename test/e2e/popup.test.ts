// The popup an admin acts on: causes, the right action per kind, the fix-verification loop, the support
// case, snoozes and the keyboard — against the simulator, as a user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  badgeText,
  CLIENT,
  closeWebTabs,
  expectBadge,
  launchSignedIn,
  openPopup,
  rowNames,
  webTabUrls,
  type Watch,
} from './harness';

const row = (popup: Page, name: string) =>
  popup.locator('li.row', { has: popup.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
const connectionPage = (watch: Watch, id: number) =>
  `${watch.sim.url}/v2/client/194/dashapp/settings/connection/${id}/`;

async function checkNow(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => popup.getByRole('button', { name: 'Check now' }).isEnabled()).toBe(true);
}

/** The web tabs once some are open and two reads a moment apart agree (an action may open two). */
async function settledWebTabUrls(watch: Watch): Promise<string[]> {
  let last: string[] = [];
  await expect
    .poll(
      async () => {
        const previous = last;
        last = await webTabUrls(watch);
        return last.length > 0 && JSON.stringify(last) === JSON.stringify(previous);
      },
      { interval: 300, timeout: 10_000 },
    )
    .toBe(true);
  return last;
}

describe('the popup', () => {
  let watch: Watch;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchSignedIn();
  });

  afterAll(async () => {
    await watch?.close();
  });

  it.each([
    {
      name: 'Vandelay Web Analytics',
      cause: 'the authorization token expired',
      evidence: 'Adobe Analytics must be re-authorized every two weeks.',
    },
    {
      name: 'Vandelay Latex Ads',
      cause: 'the authorization token expired',
      evidence: 'Facebook tokens last about 60 days.',
    },
    {
      name: 'Vandelay Support',
      cause: 'the authorization token expired',
      evidence: 'The error reads "Invalid API token".',
    },
    {
      name: 'warehouse',
      cause: 'a problem at the provider',
      evidence: 'The error reads "SSH host key verification failed".',
    },
  ])('names the likely cause of $name with its evidence', async ({ name, cause, evidence }) => {
    await expectBadge(watch, '4');
    popup ??= await openPopup(watch);
    const line = row(popup, name).locator('.cause');
    await expect.poll(() => line.textContent()).toContain(cause);
    expect(await line.textContent()).toContain(evidence);
  });

  it.each([
    {
      name: 'Vandelay Web Analytics',
      id: 1101,
      button: 'Re-authorize',
      hint: 'Re-Authorize with Adobe Analytics',
      pages: [] as string[],
    },
    {
      name: 'Vandelay Support',
      id: 1108,
      button: 'Re-authorize',
      hint: 'Zendesk stopped issuing API tokens',
      pages: [],
    },
    { name: 'warehouse', id: 1111, button: 'Refresh SSH host keys', hint: 'Refresh SSH Host Keys', pages: [] },
  ])('offers "$button" for $name and opens its pages', async ({ name, id, button, hint, pages }) => {
    const r = row(popup, name);
    expect(await r.locator('.hint').textContent()).toContain(hint);
    await closeWebTabs(watch);
    await r.getByRole('button', { name: button, exact: true }).click();
    await expect.poll(() => webTabUrls(watch)).toEqual([connectionPage(watch, id), ...pages].sort());
    await closeWebTabs(watch);
  });

  it('gives every kind of integration in the catalogue its own action once they all break', async () => {
    for (const id of [1103, 1104, 1105, 1106, 1107, 1109, 1110, 1112])
      watch.sim.setConnection(CLIENT.id, id, { status: '3', error: 'Access denied for user' });
    await checkNow(popup);
    await expectBadge(watch, '12');
    // A single account opens with its first 10 rows; the other 2 follow on "Show all", focus on the first of them.
    await expect.poll(() => rowNames(popup)).toHaveLength(10);
    await popup.getByRole('button', { name: 'Show all 12' }).click();
    await expect.poll(() => rowNames(popup)).toHaveLength(12);
    await expect
      .poll(() =>
        popup.evaluate(() => [...document.querySelectorAll('li.row')].indexOf(document.activeElement as Element)),
      )
      .toBe(10);
    expect(await popup.getByRole('button', { name: /^Show all/ }).count()).toBe(0);
    // The rows shown beyond the first ones follow later checks too.
    const last = (await rowNames(popup))[11] ?? '';
    const fixed = watch.sim
      .state()
      .clients.find((c) => String(c.id) === CLIENT.id)
      ?.connections.find((c) => (c.display_name ?? c.name) === last);
    watch.sim.setConnection(CLIENT.id, fixed?.id ?? 0, { status: '1', error: null });
    await checkNow(popup);
    await expect.poll(() => rowNames(popup)).toHaveLength(11);
    expect(await rowNames(popup)).not.toContain(last);
    watch.sim.setConnection(CLIENT.id, fixed?.id ?? 0, { status: '3', error: 'Access denied for user' });
    await checkNow(popup);
    await expect.poll(() => rowNames(popup)).toHaveLength(12);
    const expected: Record<string, { button: string; hint: string }> = {
      'vandelay.com': { button: 'Re-authorize', hint: 'Sign in with Google' },
      'Vandelay Search Ads': { button: 'Re-authorize', hint: 'Sign in with Google' },
      'Vandelay CRM': { button: 'Re-authorize', hint: 'Connect to Salesforce' },
      'Vandelay Payments': { button: 'Re-authorize', hint: 'Connect with Stripe' },
      'Vandelay Books': { button: 'Re-authorize', hint: 'Connect to QuickBooks' },
      'Vandelay Product Events': { button: 'Re-authorize', hint: 'Mixpanel' },
      vandelay: { button: 'Fix credentials', hint: 'Save & Test' },
      'Vandelay Import Feed': { button: 'Re-authorize', hint: 'Create a new key under Manage Data > Integrations' },
    };
    for (const [name, { button, hint }] of Object.entries(expected)) {
      const r = row(popup, name);
      expect(await r.getByRole('button', { name: button, exact: true }).count(), name).toBe(1);
      expect(await r.locator('.hint').textContent(), name).toContain(hint);
      expect(await r.locator('.cause').count(), name).toBe(1);
    }
    await closeWebTabs(watch);
    await row(popup, 'Vandelay Product Events').getByRole('button', { name: 'Re-authorize' }).click();
    await expect
      .poll(() => webTabUrls(watch))
      .toEqual([connectionPage(watch, 1109), 'https://mixpanel.com/settings/project/'].sort());
    await closeWebTabs(watch);
    watch.sim.reset();
    await checkNow(popup);
    await expectBadge(watch, '4');
  });

  it('shows "Fixed" once a re-authorization worked and its tab was closed', async () => {
    await closeWebTabs(watch);
    const [tab] = await Promise.all([
      watch.context.waitForEvent('page'),
      row(popup, 'Vandelay Latex Ads').getByRole('button', { name: 'Re-authorize' }).click(),
    ]);
    await tab.waitForURL(connectionPage(watch, 1102));
    await tab.getByRole('button', { name: 'Re-authorize' }).click();
    await tab.getByText('Connection re-authorized').waitFor();
    await tab.close();
    await expect
      .poll(() => popup.locator('.fixed li', { hasText: 'Vandelay Latex Ads' }).textContent(), { timeout: 15_000 })
      .toContain('Fixed');
    expect(await rowNames(popup)).not.toContain('Vandelay Latex Ads');
    await expectBadge(watch, '3');
  });

  it('shows "Still failing" and puts the support case first when re-authorizing did not help', async () => {
    const r = row(popup, 'Vandelay Web Analytics');
    const [tab] = await Promise.all([
      watch.context.waitForEvent('page'),
      r.getByRole('button', { name: 'Re-authorize' }).click(),
    ]);
    await tab.waitForURL(connectionPage(watch, 1101));
    // A re-authorization in progress first, whatever an earlier one said.
    await expect.poll(() => r.locator('.verify').textContent()).toContain('Re-authorization opened');
    await tab.close();
    await expect
      .poll(() => r.locator('.verify').textContent(), { timeout: 15_000 })
      .toContain('Still failing after re-authorization');
    const buttons = await r.locator('.row-actions button').allTextContents();
    expect(buttons[0]).toBe('Open support case');
    expect(await r.locator('[data-primary]').textContent()).toBe('Open support case');
  });

  it('copies a case summary that says what was already tried, and shows it', async () => {
    const r = row(popup, 'Vandelay Web Analytics');
    await r.getByRole('button', { name: 'Open support case' }).click();
    await expect.poll(() => webTabUrls(watch)).toEqual(['https://experienceleague.adobe.com/home#support']);
    const shown = await r.locator('.copied pre').textContent();
    expect(shown).toContain('Re-authorized the integration from the MBI connection page at');
    expect(shown).toContain('Vandelay Web Analytics');
    expect(shown).not.toContain(CLIENT.key);
    await watch.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: watch.sim.url });
    const reader = await watch.context.newPage();
    await reader.goto(`${watch.sim.url}/support`);
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    await reader.close();
    await closeWebTabs(watch);
  });

  it('snoozes a row until its state changes, and wakes it when it does', async () => {
    const before = Number(await badgeText(watch));
    const r = row(popup, 'Vandelay Support');
    await r.getByRole('button', { name: 'Snooze…' }).click();
    await r.getByRole('button', { name: 'Until it changes' }).click();
    await expectBadge(watch, String(before - 1));
    await expect.poll(() => popup.locator('details.snoozed summary').textContent()).toBe('Snoozed (1)');
    expect(await rowNames(popup)).not.toContain('Vandelay Support');
    watch.sim.setConnection(CLIENT.id, 1108, { status: '3', error: 'Zendesk answered 500' });
    await checkNow(popup);
    await expectBadge(watch, String(before));
    await expect.poll(() => rowNames(popup)).toContain('Vandelay Support');
    expect(await popup.locator('details.snoozed').count()).toBe(0);
  });

  it('moves between rows with the arrow keys and runs the primary action with Enter', async () => {
    await closeWebTabs(watch);
    const fresh = await openPopup(watch);
    await expect.poll(() => fresh.evaluate(() => document.activeElement?.classList.contains('row'))).toBe(true);
    const names = await rowNames(fresh);
    await fresh.keyboard.press('ArrowDown');
    expect(await fresh.evaluate(() => document.activeElement?.querySelector('.name')?.textContent)).toBe(names[1]);
    await fresh.keyboard.press('Enter');
    // Rows are ordered by when they broke, so which kind is second varies: Enter must open exactly what
    // a click on that row's primary button opens.
    const opened = await settledWebTabUrls(watch);
    await closeWebTabs(watch);
    await row(fresh, names[1] ?? '')
      .locator('button[data-primary]')
      .click();
    expect(await settledWebTabUrls(watch)).toEqual(opened);
    await fresh.close();
    await closeWebTabs(watch);
  });

  it('opens on a model left by an earlier version (no counts) by waiting for the current one', async () => {
    const rows = (await rowNames(popup)).length;
    // What an earlier version stored: every problem in one list, no count and no version of the rest.
    await watch.worker.evaluate(async () => {
      const { popupModel } = await chrome.storage.local.get('popupModel');
      const old = popupModel as { moreVersion?: string; accounts: { problemCount?: number }[] };
      delete old.moreVersion;
      for (const account of old.accounts) delete account.problemCount;
      await chrome.storage.local.set({ popupModel: old });
    });
    const fresh = await openPopup(watch);
    await expect.poll(() => rowNames(fresh)).toHaveLength(rows);
    expect(await fresh.getByRole('heading', { level: 1 }).textContent()).toBe(`${rows} integrations need attention`);
    await fresh.close();
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });

  // After the check above: the worker reports the write it is made to fail.
  it('says why when a check brings no stored status, and shows the list once one is written', async () => {
    const rows = (await rowNames(popup)).length;
    await watch.worker.evaluate(async () => {
      const area = ((globalThis as { browser?: typeof chrome }).browser ?? chrome).storage.local;
      const set = area.set.bind(area);
      // A full disk, say: every write of the popup's model fails until the test restores it.
      Object.assign(area, {
        set: (items: Record<string, unknown>) =>
          'popupModel' in items ? Promise.reject(new Error('disk full')) : set(items),
      });
      Object.assign(globalThis, { restoreSet: () => Object.assign(area, { set }) });
      await chrome.storage.local.remove('popupModel');
    });
    const fresh = await openPopup(watch);
    const alert = fresh.getByRole('alert');
    await expect
      .poll(() => alert.textContent(), { timeout: 20_000 })
      .toContain("The stored status could not be read: the extension's background worker did not write it");
    expect(await fresh.locator('li.row').count()).toBe(0);
    await watch.worker.evaluate(() => (globalThis as unknown as { restoreSet: () => void }).restoreSet());
    // From now on any check writes the model: the alert's Check now, unless a check already under way wrote it
    // first (then the alert is gone, which is what this step waits for anyway).
    await alert
      .getByRole('button', { name: 'Check now' })
      .click({ timeout: 5_000 })
      .catch(async (error: unknown) => {
        if ((await fresh.getByRole('alert').count()) > 0) throw error;
      });
    await expect.poll(() => rowNames(fresh), { timeout: 20_000 }).toHaveLength(rows);
    expect(await fresh.getByRole('alert').count()).toBe(0);
    await fresh.close();
  });
});
