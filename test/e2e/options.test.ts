// Setting up an account through the options page, as an admin does on first use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT, expectBadge, launchWatch, signIn, type Watch } from './harness';

describe('options page', () => {
  let watch: Watch;
  let options: Page;

  beforeAll(async () => {
    watch = await launchWatch();
    await signIn(watch);
    options = await watch.context.newPage();
    await options.goto(watch.url('options'));
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('shows "set" on the badge before any account exists', async () => {
    await expectBadge(watch, 'set');
  });

  it('refuses a non-numeric client id and an http host, saving nothing', async () => {
    await options.getByRole('button', { name: 'Add an account' }).click();
    await options.getByLabel('Name').fill('Vandelay');
    await options.getByLabel('MBI client id').fill('abc');
    await options.getByLabel('MBI app host').fill('http://dashboard.example.com');
    await options.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => options.getByText('The client id is a number').count()).toBe(1);
    expect(await options.getByText('must use https').count()).toBe(1);
    const stored = await watch.worker.evaluate(() => chrome.storage.sync.get('settings'));
    expect(stored.settings).toBeUndefined();
  });

  it('saves a valid account, keeps its key out of sync storage, and badges its problems', async () => {
    await options.getByLabel('MBI client id').fill(CLIENT.id);
    await options.getByLabel('MBI app host').fill(watch.sim.url);
    await options.getByLabel('MBI API host').fill(watch.sim.url);
    await options.getByLabel('Export API key (optional)').fill(CLIENT.key);
    await options.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => options.locator('li.account').count()).toBe(1);
    await expectBadge(watch, '4');
    const sync = JSON.stringify(await watch.worker.evaluate(() => chrome.storage.sync.get(null)));
    expect(sync).toContain(CLIENT.id);
    expect(sync).not.toContain(CLIENT.key);
    const local = JSON.stringify(await watch.worker.evaluate(() => chrome.storage.local.get(null)));
    expect(local).toContain(CLIENT.key);
  });

  it('copies a diagnostic sample of an answer it does not understand, without names or hosts', async () => {
    watch.sim.setFault('connections', 'wrong-shape');
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'check-now' }));
    await expectBadge(watch, 'fmt');
    await options.getByRole('button', { name: 'Copy diagnostic sample' }).click();
    await expect.poll(() => options.getByText('Copied: the shape of MBI').count()).toBe(1);
    await watch.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: watch.sim.url });
    const reader = await watch.context.newPage();
    await reader.goto(`${watch.sim.url}/support`);
    const sample = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    expect(sample).toContain('outcome: format-changed');
    expect(sample).toContain('"items"');
    expect(sample).not.toContain('127.0.0.1');
    expect(sample).not.toContain(CLIENT.key);
    watch.sim.setFault('connections', 'none');
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'check-now' }));
    await expectBadge(watch, '4');
  });

  it('removes the account and its problems from the badge', async () => {
    await options.getByRole('button', { name: 'Remove' }).click();
    await expectBadge(watch, 'set');
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
