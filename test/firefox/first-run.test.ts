// The extension in real Firefox, as a user meets it: the options page on install, an account set up there,
// the badge, the popup, Re-authorize and Check now, then a Fivetran account beside it, against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { hrefOf } from '../../scripts/firefox';
import { PIPELINE_CREDENTIALS } from '../simulator/pipelines';
import {
  badgeTitle,
  CLIENT,
  expectBadge,
  fill,
  launchFirefoxWatch,
  press,
  pressInRow,
  rowNames,
  signIn,
  webTabUrls,
  type FirefoxWatch,
} from './harness';

const HEALTHY_OR_PAUSED = new Set(['0', '1']);
const FIVETRAN = PIPELINE_CREDENTIALS.fivetran;

function brokenNames(watch: FirefoxWatch): string[] {
  const client = watch.sim.state().clients.find((c) => String(c.id) === CLIENT.id);
  return (client?.connections ?? [])
    .filter((c) => !HEALTHY_OR_PAUSED.has(String(c.properties.status)))
    .map((c) => c.display_name ?? c.name);
}

function connectionId(watch: FirefoxWatch, name: string): number {
  const client = watch.sim.state().clients.find((c) => String(c.id) === CLIENT.id);
  const found = client?.connections.find((c) => c.name === name);
  if (!found) throw new Error(`no connection named ${name}`);
  return found.id;
}

describe('Firefox: first run against the simulator', () => {
  let watch: FirefoxWatch;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchFirefoxWatch();
    await signIn(watch);
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('opens the options page by itself on install, with "set" on the badge', async () => {
    expect(await hrefOf(watch.extensionPage)).toBe(watch.url('options'));
    await expectBadge(watch, 'set');
  });

  it('saves the account entered on the options page, keeps its key out of sync storage, and badges its 4 problems', async () => {
    const options = watch.extensionPage;
    await press(options, 'Add an account');
    await fill(options, 'Name', CLIENT.label);
    await fill(options, 'MBI client id', CLIENT.id);
    await fill(options, 'MBI app host', watch.sim.url);
    await fill(options, 'MBI API host', watch.sim.url);
    await fill(options, 'Export API key (optional)', CLIENT.key);
    await press(options, 'Save account');
    await expect.poll(() => options.$$eval('li.account', (accounts) => accounts.length)).toBe(1);
    expect(brokenNames(watch)).toHaveLength(4);
    await expectBadge(watch, '4');
    expect(await badgeTitle(watch)).toContain('4 integrations need attention');
    const stored = await options.evaluate(async () => {
      const { storage } = (globalThis as unknown as { browser: WebExtensionApi }).browser;
      return {
        sync: JSON.stringify(await storage.sync.get(null)),
        local: JSON.stringify(await storage.local.get(null)),
      };
    });
    expect(stored.sync).toContain(CLIENT.id);
    expect(stored.sync).not.toContain(CLIENT.key);
    expect(stored.local).toContain(CLIENT.key);
  });

  it('lists exactly the problem integrations, by name, in the popup', async () => {
    popup = await watch.openTab('popup');
    await popup.setViewport({ width: 400, height: 600 });
    await expect.poll(() => rowNames(popup)).toHaveLength(4);
    expect((await rowNames(popup)).sort()).toEqual(brokenNames(watch).sort());
  });

  it('opens the MBI connection page of an OAuth integration in a new tab on Re-authorize', async () => {
    await pressInRow(popup, 'Vandelay Latex Ads', 'Re-authorize');
    const connectionPage = `${watch.sim.url}/v2/client/194/dashapp/settings/connection/${connectionId(watch, 'Vandelay Latex Ads')}/`;
    await expect.poll(() => webTabUrls(watch)).toEqual([connectionPage]);
    const tab = (await watch.browser.pages()).find((p) => p.url() === connectionPage);
    await expect
      .poll(() => tab?.$$eval('button', (buttons) => buttons.map((b) => b.textContent)))
      .toContain('Re-authorize');
    await tab?.close();
  });

  it('drops a fixed integration from the popup and lowers the badge after Check now', async () => {
    watch.sim.setConnection(CLIENT.id, connectionId(watch, 'Vandelay Latex Ads'), { status: '1', error: null });
    await popup.bringToFront();
    await press(popup, 'Check now', 'header');
    await expect.poll(() => rowNames(popup)).toHaveLength(3);
    expect(await rowNames(popup)).not.toContain('Vandelay Latex Ads');
    await expectBadge(watch, '3');
  });

  it('adds a Fivetran account beside it: one badge for both, and Re-authorize opens the setup page in Fivetran', async () => {
    const options = watch.extensionPage;
    await options.bringToFront();
    await press(options, 'Add an account');
    await options.select('#pipeline', 'fivetran');
    await fill(options, 'Name', 'Warehouse loads');
    await fill(options, 'API base URL', `${watch.sim.url}/fivetran/v1`);
    await fill(options, 'App address (advanced)', watch.sim.url);
    await fill(options, 'API key', FIVETRAN.apiKey);
    await fill(options, 'API secret', FIVETRAN.apiSecret);
    await press(options, 'Save account');
    await expect.poll(() => options.$$eval('li.account', (accounts) => accounts.length)).toBe(2);
    const broken = watch.sim.pipelines().connections.fivetran.filter((c) => c.state !== 'ok' && c.state !== 'paused');
    await expectBadge(watch, String(3 + broken.length));
    const stored = await options.evaluate(async () =>
      JSON.stringify(await (globalThis as unknown as { browser: WebExtensionApi }).browser.storage.sync.get(null)),
    );
    expect(stored).not.toContain(FIVETRAN.apiSecret);

    await popup.bringToFront();
    await press(popup, 'Check now', 'header');
    await expect.poll(() => rowNames(popup)).toHaveLength(3 + broken.length);
    const sections = await popup.$$eval('section.account', (list) => list.map((e) => e.getAttribute('data-pipeline')));
    expect(sections).toEqual(['mbi', 'fivetran']);
    const salesforce = watch.sim.pipelines().connections.fivetran.find((c) => c.name === 'salesforce');
    if (!salesforce) throw new Error('The seed has no salesforce connection.');
    await pressInRow(popup, 'salesforce', 'Re-authorize');
    const setupPage = `${watch.sim.url}/dashboard/connectors/${salesforce.id}/setup`;
    await expect.poll(() => webTabUrls(watch)).toEqual([setupPage]);
    const tab = (await watch.browser.pages()).find((p) => p.url() === setupPage);
    await expect
      .poll(() => tab?.$$eval('button', (buttons) => buttons.map((b) => b.textContent)))
      .toContain('Save & Test');
    await tab?.close();
  });

  it('threw nothing uncaught and logged no error in the background or any extension page', () => {
    expect(watch.errors).toEqual([]);
  });
});
