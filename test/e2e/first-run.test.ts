// The first working extension, as a user meets it: badge, popup, re-authorize, support, check now, sign-in.
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  badgeTitle,
  checkNow,
  CLIENT,
  closeWebTabs,
  expectBadge,
  launchSignedIn,
  newTabFrom,
  openPopup,
  rowNames,
  webTabUrls,
  type Watch,
} from './harness';

const HEALTHY_OR_PAUSED = new Set(['0', '1']);

function brokenNames(watch: Watch): string[] {
  const client = watch.sim.state().clients.find((c) => String(c.id) === CLIENT.id);
  return (client?.connections ?? [])
    .filter((c) => !HEALTHY_OR_PAUSED.has(String(c.properties.status)))
    .map((c) => c.display_name ?? c.name);
}

function connectionId(watch: Watch, name: string): number {
  const client = watch.sim.state().clients.find((c) => String(c.id) === CLIENT.id);
  const found = client?.connections.find((c) => c.name === name);
  if (!found) throw new Error(`no connection named ${name}`);
  return found.id;
}

describe('first run against the simulator', () => {
  let watch: Watch;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchSignedIn();
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('shows the number of problem integrations on the badge', async () => {
    const expected = brokenNames(watch).length;
    expect(expected).toBe(4);
    await expectBadge(watch, String(expected));
    expect(await badgeTitle(watch)).toContain('4 integrations need attention');
  });

  it('lists exactly the problem integrations, by name, in the popup', async () => {
    popup = await openPopup(watch);
    await expect.poll(() => rowNames(popup)).toHaveLength(4);
    expect((await rowNames(popup)).sort()).toEqual(brokenNames(watch).sort());
    await expect.poll(() => popup.getByTestId('last-checked').textContent()).toMatch(/Last checked/);
    mkdirSync('docs/screenshots', { recursive: true });
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await popup.locator('main').screenshot({ path: 'docs/screenshots/popup.png' });
  });

  it('opens the MBI connection page of an OAuth integration in a new tab on Re-authorize', async () => {
    const row = popup.locator('li.row', { hasText: 'Vandelay Latex Ads' });
    const tab = await newTabFrom(watch, () => row.getByRole('button', { name: 'Re-authorize' }).click());
    expect(tab.url()).toBe(
      `${watch.sim.url}/v2/client/194/dashapp/settings/connection/${connectionId(watch, 'Vandelay Latex Ads')}/`,
    );
    await expect.poll(() => tab.getByRole('button', { name: 'Re-authorize' }).count()).toBe(1);
    await tab.close();
  });

  it('opens the provider key page, then the MBI connection page, for an API-token integration', async () => {
    await closeWebTabs(watch);
    // Mixpanel: Zendesk no longer issues API tokens, so its row leads with the support case instead.
    const mixpanel = connectionId(watch, 'Vandelay Product Events');
    watch.sim.setConnection(CLIENT.id, mixpanel, { status: '2', error: 'Invalid project secret' });
    await checkNow(popup);
    const row = popup.locator('li.row', { hasText: 'Vandelay Product Events' });
    await row.getByRole('button', { name: 'Re-authorize' }).click();
    const connectionPage = `${watch.sim.url}/v2/client/194/dashapp/settings/connection/${mixpanel}/`;
    await expect.poll(() => webTabUrls(watch)).toEqual([connectionPage, 'https://mixpanel.com/settings/project/']);
    // The MBI page is the one in front: the key is pasted there after it was made at the provider.
    const frontState = async () => {
      const front = watch.context.pages().find((p) => p.url() === connectionPage);
      return front ? front.evaluate(() => document.visibilityState) : 'not attached yet';
    };
    await expect.poll(frontState).toBe('visible');
    await closeWebTabs(watch);
    watch.sim.setConnection(CLIENT.id, mixpanel, { status: '1', error: null });
    await checkNow(popup);
    await expect.poll(() => rowNames(popup)).toHaveLength(4);
  });

  it('opens the support page and copies a case summary that names the integration and holds no key', async () => {
    const row = popup.locator('li.row', { hasText: 'Vandelay Latex Ads' });
    await row.getByRole('button', { name: 'Open support case' }).click();
    await expect.poll(() => webTabUrls(watch)).toEqual(['https://experienceleague.adobe.com/home#support']);
    await watch.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: watch.sim.url });
    const reader = await watch.context.newPage();
    await reader.goto(`${watch.sim.url}/support`);
    const clipboard = await reader.evaluate(() => navigator.clipboard.readText());
    expect(clipboard).toContain('Vandelay Latex Ads');
    expect(clipboard).toContain('Adobe Commerce Intelligence');
    expect(clipboard).toContain(`connection id ${connectionId(watch, 'Vandelay Latex Ads')}`);
    expect(clipboard).not.toContain(CLIENT.key);
    await expect.poll(() => popup.getByText('Case summary copied').count()).toBe(1);
    await closeWebTabs(watch);
  });

  it('drops a fixed integration from the popup and lowers the badge after Check now', async () => {
    watch.sim.setConnection(CLIENT.id, connectionId(watch, 'Vandelay Latex Ads'), { status: '1', error: null });
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => rowNames(popup)).toHaveLength(3);
    expect(await rowNames(popup)).not.toContain('Vandelay Latex Ads');
    await expectBadge(watch, '3');
  });

  it('shows "?" and "Sign in to MBI" when the session has expired', async () => {
    watch.sim.expireSessions();
    await popup.getByRole('button', { name: 'Check now' }).click();
    await expectBadge(watch, '?');
    await expect.poll(() => popup.getByRole('heading', { name: 'Signed out of MBI' }).count()).toBe(1);
    // The last good list stays visible, marked as such.
    expect(await rowNames(popup)).toHaveLength(3);
    await expect.poll(() => popup.getByText('Showing the last good status').count()).toBe(1);
    const tab = await newTabFrom(watch, () => popup.getByRole('button', { name: 'Sign in to MBI' }).click());
    expect(tab.url()).toBe(`${watch.sim.url}/v2/session/create`);
    await tab.close();
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
