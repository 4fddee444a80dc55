// Zendesk issues no API tokens since 2026-10-27 and turns them all off on 2027-04-30: the broken Zendesk
// row says so, leads with the support case, and Re-authorize opens only the MBI connection page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT, closeWebTabs, expectBadge, launchSignedIn, openPopup, webTabUrls, type Watch } from './harness';

const ZENDESK_ID = 1108;
const SENTENCE =
  "Zendesk stopped issuing API tokens on Oct 27, 2026 and turns all of them off on Apr 30, 2027; MBI's Zendesk integration depends on one, so open a support case.";
const NOTE =
  "Note: MBI's Zendesk integration depends on Zendesk API tokens; Zendesk stopped issuing new ones on 2026-10-27 and deactivates all of them on 2027-04-30.";

describe('the broken Zendesk integration', () => {
  let watch: Watch;
  let popup: Page;
  const row = () => popup.locator('li.row', { has: popup.locator('.name', { hasText: /^Vandelay Support$/ }) });

  beforeAll(async () => {
    watch = await launchSignedIn();
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('says in one sentence why re-authorizing cannot help, and no longer asks for a new API token', async () => {
    await expectBadge(watch, '4');
    popup = await openPopup(watch);
    await row().waitFor();
    expect(await row().locator('.hint').textContent()).toBe(SENTENCE);
    expect(await row().textContent()).not.toContain('Create an API token');
  });

  it('has the support case as its primary button, first in the row', async () => {
    expect(await row().locator('[data-primary]').textContent()).toBe('Open support case');
    expect((await row().locator('.row-actions button').allTextContents())[0]).toBe('Open support case');
  });

  it('copies a support summary with the note on the retired tokens', async () => {
    await closeWebTabs(watch);
    await row().locator('[data-primary]').click();
    await expect.poll(() => webTabUrls(watch)).toEqual(['https://experienceleague.adobe.com/home#support']);
    await watch.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: watch.sim.url });
    const reader = await watch.context.newPage();
    await reader.goto(`${watch.sim.url}/support`);
    const clipboard = await reader.evaluate(() => navigator.clipboard.readText());
    await reader.close();
    expect(clipboard.split('\n')).toContain(NOTE);
    expect(clipboard).toContain(`connection id ${ZENDESK_ID}`);
    await closeWebTabs(watch);
  });

  it("opens only the MBI connection page on Re-authorize, not Zendesk's token page", async () => {
    await closeWebTabs(watch);
    await row().getByRole('button', { name: 'Re-authorize', exact: true }).click();
    const connectionPage = `${watch.sim.url}/v2/client/${CLIENT.id}/dashapp/settings/connection/${ZENDESK_ID}/`;
    await expect.poll(() => webTabUrls(watch)).toEqual([connectionPage]);
    // A second tab would come from the same click: give it the time the popup test gives a pair of tabs.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await webTabUrls(watch)).toEqual([connectionPage]);
    await closeWebTabs(watch);
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
