// An MBI account and a Fivetran account, both set up through the options page as an admin does: one badge
// counts both, the popup groups them, Re-authorize opens Fivetran's setup page, a rejected Fivetran key is
// that account's issue only, and a Fivetran connection is notified, counted in history and snoozed as MBI's are.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  CLIENT,
  checkNow,
  closeWebTabs,
  expectBadge,
  launchWatch,
  openPopup,
  signIn,
  webTabUrls,
  type Watch,
} from './harness';

const FIVETRAN = { label: 'Warehouse loads', key: 'sim-fivetran-key', secret: 'sim-fivetran-secret' } as const;

const section = (popup: Page, pipeline: string) => popup.locator(`section.account[data-pipeline="${pipeline}"]`);
const namesIn = (popup: Page, pipeline: string) => section(popup, pipeline).locator('li.row .name').allTextContents();
const row = (popup: Page, name: string) =>
  section(popup, 'fivetran').locator('li.row', { has: popup.locator('.name', { hasText: new RegExp(`^${name}$`) }) });

describe('MBI and Fivetran side by side', () => {
  let watch: Watch;
  let options: Page;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchWatch();
    await signIn(watch);
    options = await watch.context.newPage();
    await options.goto(watch.url('options'));
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('sets up the MBI account through the options page', async () => {
    await options.getByRole('button', { name: 'Add an account' }).click();
    await options.getByLabel('Name', { exact: true }).fill(CLIENT.label);
    await options.getByLabel('MBI client id', { exact: true }).fill(CLIENT.id);
    await options.getByLabel('MBI app host', { exact: true }).fill(watch.sim.url);
    await options.getByLabel('MBI API host', { exact: true }).fill(watch.sim.url);
    await options.getByLabel('Export API key (optional)').fill(CLIENT.key);
    await options.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => options.locator('li.account').count()).toBe(1);
    await expectBadge(watch, '4');
  });

  it('tests a Fivetran key before saving: a wrong secret is rejected, the right one lists the connections', async () => {
    await options.getByRole('button', { name: 'Add an account' }).click();
    await options.getByLabel('Data pipeline', { exact: true }).selectOption({ label: 'Fivetran' });
    await options.getByLabel('Name', { exact: true }).fill(FIVETRAN.label);
    await options.getByLabel('API base URL', { exact: true }).fill(`${watch.sim.url}/fivetran/v1`);
    await options.getByLabel('App address (advanced)', { exact: true }).fill(watch.sim.url);
    await options.getByLabel('API key', { exact: true }).fill(FIVETRAN.key);
    await options.getByLabel('API secret', { exact: true }).fill('not-the-secret');
    await options
      .getByRole('form', { name: 'New Fivetran account' })
      .getByRole('button', { name: 'Test connection' })
      .click();
    await expect
      .poll(() => options.getByRole('form', { name: 'New Fivetran account' }).textContent())
      .toContain('Fivetran: Key rejected');
    await options.getByLabel('API secret', { exact: true }).fill(FIVETRAN.secret);
    await options
      .getByRole('form', { name: 'New Fivetran account' })
      .getByRole('button', { name: 'Test connection' })
      .click();
    await expect
      .poll(() => options.getByRole('form', { name: 'New Fivetran account' }).textContent())
      .toContain('Fivetran: 12 connections, 3 need attention.');
  });

  it('saves the Fivetran account, keeps its key and secret out of sync storage, and badges both accounts', async () => {
    await options.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => options.locator('li.account').count()).toBe(2);
    await expectBadge(watch, '7');
    const sync = JSON.stringify(await watch.worker.evaluate(() => chrome.storage.sync.get(null)));
    expect(sync).toContain('"pipeline":"fivetran"');
    expect(sync).not.toContain(FIVETRAN.key);
    expect(sync).not.toContain(FIVETRAN.secret);
    const local = JSON.stringify(await watch.worker.evaluate(() => chrome.storage.local.get('secrets')));
    expect(local).toContain(FIVETRAN.secret);
    expect(await options.locator('li.account').allTextContents()).toEqual([
      expect.stringContaining(CLIENT.label),
      expect.stringContaining('Fivetran'),
    ]);
  });

  it('groups the popup by pipeline: MBI first, then Fivetran, each with its own problems', async () => {
    popup = await openPopup(watch);
    await expect.poll(() => popup.locator('section.account').count()).toBe(2);
    expect(
      await popup.locator('section.account').evaluateAll((s) => s.map((e) => e.getAttribute('data-pipeline'))),
    ).toEqual(['mbi', 'fivetran']);
    expect(await section(popup, 'fivetran').locator('h2.account-title').textContent()).toMatch(
      /^Fivetran\s*Warehouse loads/,
    );
    await expect.poll(() => namesIn(popup, 'fivetran')).toHaveLength(3);
    expect((await namesIn(popup, 'fivetran')).sort()).toEqual(['google_ads', 'salesforce', 'stripe']);
    expect(await namesIn(popup, 'mbi')).toHaveLength(3);
    expect(await row(popup, 'salesforce').locator('.hint').textContent()).toContain('Opens the connection in Fivetran');
    expect(await section(popup, 'mbi').locator('h2.account-title').textContent()).toMatch(/^MBI\s*Vandelay Industries/);
    expect(await row(popup, 'salesforce').locator('.row-actions').textContent()).toContain('Check Fivetran status');
    expect(await row(popup, 'salesforce').locator('.row-actions').textContent()).not.toContain('Adobe');
    mkdirSync('docs/screenshots', { recursive: true });
    await popup.locator('main').screenshot({ path: 'docs/screenshots/pipelines-popup.png' });
  });

  it("opens the connection's setup page in Fivetran, where reconnecting fixes it", async () => {
    await closeWebTabs(watch);
    const r = row(popup, 'salesforce');
    const [tab] = await Promise.all([
      watch.context.waitForEvent('page'),
      r.getByRole('button', { name: 'Re-authorize', exact: true }).click(),
    ]);
    await tab.waitForURL(`${watch.sim.url}/dashboard/connectors/warm_dissolve/setup`);
    await tab.getByRole('button', { name: 'Save & Test' }).click();
    await tab.getByText('Connection re-authorized').waitFor();
    await tab.close();
    await expect
      .poll(() => popup.locator('.fixed li', { hasText: 'salesforce' }).textContent(), { timeout: 20_000 })
      .toMatch(/^Fixed: salesforce \(confirmed .+\)$/);
    expect(await namesIn(popup, 'fivetran')).not.toContain('salesforce');
    await expectBadge(watch, '6');
  });

  it("opens Fivetran's support with a summary in its words, and no key", async () => {
    await closeWebTabs(watch);
    const r = row(popup, 'stripe');
    await r.click().catch(() => undefined);
    await r.getByRole('button', { name: 'Open support case' }).click();
    await expect.poll(() => webTabUrls(watch)).toEqual(['https://support.fivetran.com/hc/en-us/requests/new']);
    const shown = await r.locator('.copied pre').textContent();
    expect(shown).toContain('Product: Fivetran');
    expect(shown).toContain('Account: Warehouse loads (Fivetran account)');
    expect(shown).not.toContain(FIVETRAN.key);
    expect(shown).not.toContain(FIVETRAN.secret);
    await closeWebTabs(watch);
  });

  it('shows a rejected Fivetran key on that account only; MBI keeps its rows', async () => {
    watch.sim.setPipelineFault('fivetran', '401');
    await checkNow(popup);
    await expectBadge(watch, 'key');
    const banner = section(popup, 'fivetran').locator('.banner');
    await expect.poll(() => banner.first().textContent()).toContain('Key rejected');
    expect(await banner.first().textContent()).toContain('Fivetran refused the API credentials');
    expect(await section(popup, 'mbi').locator('.banner').count()).toBe(0);
    expect(await namesIn(popup, 'mbi')).toHaveLength(3);
    // The last good list stays, marked as such.
    expect(await namesIn(popup, 'fivetran')).toHaveLength(2);
    watch.sim.setPipelineFault('fivetran', 'none');
    await checkNow(popup);
    await expectBadge(watch, '6');
  });

  it('notifies when a Fivetran connection breaks and recovers, counts its breaks, and snoozes it off the badge', async () => {
    const healthy = watch.sim.pipelines().connections.fivetran.find((c) => c.state === 'ok');
    if (!healthy) throw new Error('The seed has no healthy Fivetran connection.');
    const notified = async () => Object.keys(await watch.worker.evaluate(() => chrome.notifications.getAll()));
    const clear = () =>
      watch.worker.evaluate(async () => {
        for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
      });
    const once = (kind: string): unknown[] => [expect.stringMatching(new RegExp(`^${kind}\\|[^|]+\\|${healthy.id}$`))];
    await clear();
    watch.sim.setPipelineConnection('fivetran', healthy.id, 'broken');
    await checkNow(popup);
    await expectBadge(watch, '7');
    await expect.poll(notified).toEqual(once('new-problem'));
    await expect.poll(() => row(popup, healthy.name).locator('.history').textContent()).toBe('Broken once in 30 days');

    await clear();
    watch.sim.setPipelineConnection('fivetran', healthy.id, 'ok');
    await checkNow(popup);
    await expectBadge(watch, '6');
    await expect.poll(notified).toEqual(once('recovered'));

    watch.sim.setPipelineConnection('fivetran', healthy.id, 'broken');
    await checkNow(popup);
    await expectBadge(watch, '7');
    await expect
      .poll(() => row(popup, healthy.name).locator('.history').textContent())
      .toMatch(/^Broken 2 times in 30 days; last fixed /);
    const r = row(popup, healthy.name);
    await r.getByRole('button', { name: 'Snooze…' }).click();
    await r.getByRole('button', { name: 'Until it changes' }).click();
    await expectBadge(watch, '6');
    await expect.poll(() => popup.locator('details.snoozed summary').textContent()).toBe('Snoozed (1)');
    expect(await namesIn(popup, 'fivetran')).not.toContain(healthy.name);
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
