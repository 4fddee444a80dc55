// "Re-authorizing won't help yet": a provider's incident, read from its status page, joined to the broken
// integration it explains — the row says so and steps its re-authorize back, the notifications wait, and
// the incident's end brings the usual advice back with one notification. Status pages are read only for
// broken (or due-soon) integrations: never while everything is healthy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { checkNow, CLIENT, closeWebTabs, launchSignedIn, openPopup, webTabUrls, type Watch } from './harness';
import { SIM_TIMING } from '../../scripts/sim-timing';

const ZENDESK = 1108;
const BROKEN = [1101, 1102, 1108, 1111];
const ZENDESK_HOST = 'status.zendesk.com';
const ADOBE_HOST = 'data.status.adobe.com';
const MIXPANEL = 1109;
const MIXPANEL_HOST = 'www.mixpanelstatus.com';

const row = (popup: Page, name: string) =>
  popup.locator('li.row', { has: popup.locator('.name', { hasText: new RegExp(`^${name}$`) }) }).first();
const outageText = (popup: Page, name: string) => row(popup, name).locator('.outage').textContent();
const primaryButton = (popup: Page, name: string) =>
  row(popup, name).locator('.row-actions button[data-primary]').first().textContent();

const notificationIds = async (watch: Watch) =>
  Object.keys(await watch.worker.evaluate(() => chrome.notifications.getAll())).sort();

async function clearNotifications(watch: Watch): Promise<void> {
  await watch.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
}

/** Past the simulator build's shortest spacing between two reads of one status host. */
const pastStatusInterval = () => new Promise((resolve) => setTimeout(resolve, SIM_TIMING.statusIntervalMs + 200));

describe('provider outages joined to broken integrations', () => {
  let watch: Watch;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchSignedIn([], { withKey: false });
    for (const id of BROKEN) watch.sim.setConnection(CLIENT.id, id, { status: '1' });
    popup = await openPopup(watch);
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('asks no status host anything while every integration is healthy', async () => {
    watch.sim.resetStatus();
    await checkNow(popup);
    await pastStatusInterval();
    await checkNow(popup);
    expect(await popup.locator('li.row').count()).toBe(0);
    expect(watch.sim.statusRequests()).toEqual({});
  });

  it('says "re-authorizing will not help" on a Zendesk integration during a Zendesk incident, and its notification waits', async () => {
    await clearNotifications(watch);
    watch.sim.setStatus(ZENDESK_HOST, 'incident', { title: 'Ticket API errors' });
    watch.sim.setConnection(CLIENT.id, ZENDESK, { status: '2' });
    await checkNow(popup);
    await expect
      .poll(() => outageText(popup, 'Vandelay Support'), { timeout: 15_000 })
      .toMatch(
        /^Zendesk reports an incident: Ticket API errors \(since .+\)\. Re-authorizing will not help until it is resolved\./,
      );
    // The button steps back: checking again once it is resolved comes first, re-authorizing second.
    expect(await primaryButton(popup, 'Vandelay Support')).toBe('Check again when resolved');
    expect(
      await row(popup, 'Vandelay Support').getByRole('button', { name: 'Re-authorize' }).getAttribute('class'),
    ).toBe('secondary');
    // The status page was read for the broken Zendesk integration (narrowed to its Zendesk account), and
    // Adobe's for MBI itself; nothing else.
    expect(Object.keys(watch.sim.statusRequests()).sort()).toEqual([ADOBE_HOST, ZENDESK_HOST]);
    // Its "needs re-authorization" notification waits while the incident lasts.
    expect(await notificationIds(watch)).toEqual([]);
    await popup.screenshot({ path: 'docs/screenshots/outage-row.png' });
  });

  it('opens the status page from the row', async () => {
    await closeWebTabs(watch);
    await row(popup, 'Vandelay Support').getByRole('button', { name: 'Open the status page' }).click();
    await expect.poll(() => webTabUrls(watch)).toEqual(['https://status.zendesk.com/']);
    await closeWebTabs(watch);
  });

  it('puts the provider status, with the incident, into the support summary', async () => {
    await row(popup, 'Vandelay Support').getByRole('button', { name: 'Open support case' }).click();
    const copied = row(popup, 'Vandelay Support').locator('details.copied pre');
    await expect.poll(() => copied.textContent()).toContain('Provider status: Zendesk (status.zendesk.com), read ');
    expect(await copied.textContent()).toContain(': incident "Ticket API errors" (degraded) since ');
    expect(await copied.textContent()).toMatch(
      /Adobe status: Adobe \(status\.adobe\.com\), Adobe Commerce Intelligence, read .+: operational/,
    );
    await closeWebTabs(watch);
  });

  it('keeps the join through one failed read of the status page', async () => {
    const before = watch.sim.statusRequests()[ZENDESK_HOST] ?? 0;
    watch.sim.setStatus(ZENDESK_HOST, 'error-500');
    await pastStatusInterval();
    await checkNow(popup);
    await expect.poll(() => watch.sim.statusRequests()[ZENDESK_HOST] ?? 0).toBeGreaterThan(before);
    expect(await outageText(popup, 'Vandelay Support')).toContain('Ticket API errors');
  });

  it('brings the usual advice back with one notification when the incident is resolved and it is still broken', async () => {
    watch.sim.setStatus(ZENDESK_HOST, 'operational');
    await pastStatusInterval();
    await checkNow(popup);
    await expect.poll(() => row(popup, 'Vandelay Support').locator('.outage').count(), { timeout: 15_000 }).toBe(0);
    expect(await primaryButton(popup, 'Vandelay Support')).toBe('Open support case');
    await expect.poll(() => notificationIds(watch)).toEqual(['outage-over|sim-194|1108']);
    // Once: the next checks say nothing more.
    await clearNotifications(watch);
    await pastStatusInterval();
    await checkNow(popup);
    expect(await notificationIds(watch)).toEqual([]);
  });

  it('joins nothing for an incident on a component MBI does not use', async () => {
    watch.sim.setStatus(ZENDESK_HOST, 'incident-elsewhere');
    await pastStatusInterval();
    await checkNow(popup);
    await pastStatusInterval();
    await checkNow(popup);
    expect(await row(popup, 'Vandelay Support').locator('.outage').count()).toBe(0);
  });

  it('shows maintenance without stepping back and never notifies for it', async () => {
    await checkNow(popup);
    await clearNotifications(watch);
    watch.sim.setStatus(MIXPANEL_HOST, 'maintenance', { title: 'Export cluster upgrade' });
    watch.sim.setConnection(CLIENT.id, MIXPANEL, { status: '2' });
    await checkNow(popup);
    await expect
      .poll(() => outageText(popup, 'Vandelay Product Events'), { timeout: 15_000 })
      .toMatch(/^Mixpanel reports maintenance: Export cluster upgrade \(since [^)]+\)\. Open the status page$/);
    expect(await primaryButton(popup, 'Vandelay Product Events')).toBe('Re-authorize');
    watch.sim.setStatus(MIXPANEL_HOST, 'operational');
    await pastStatusInterval();
    await checkNow(popup);
    await expect.poll(() => row(popup, 'Vandelay Product Events').locator('.outage').count()).toBe(0);
    // Its breaking is announced as usual; the maintenance, its start or its end, never.
    expect(await notificationIds(watch)).toEqual(['new-problem|sim-194|1109']);
    watch.sim.setConnection(CLIENT.id, MIXPANEL, { status: '1' });
    await checkNow(popup);
    await clearNotifications(watch);
  });

  it.each([
    { scenario: 'page-changed', says: 'a watched component is gone: the status page changed' },
    { scenario: 'malformed', says: 'it could not be read 3 times in a row' },
  ] as const)(
    'treats a status page that is $scenario as unknown, never as down, and says so in options',
    async ({ scenario, says }) => {
      watch.sim.setStatus(ZENDESK_HOST, 'incident', { title: 'Ticket API errors' });
      await pastStatusInterval();
      await checkNow(popup);
      await expect.poll(() => row(popup, 'Vandelay Support').locator('.outage').count(), { timeout: 15_000 }).toBe(1);
      watch.sim.setStatus(ZENDESK_HOST, scenario);
      for (let i = 0; i < 3; i++) {
        await pastStatusInterval();
        await checkNow(popup);
      }
      await expect.poll(() => row(popup, 'Vandelay Support').locator('.outage').count()).toBe(0);
      const options = await watch.context.newPage();
      await options.goto(watch.url('options'));
      const readings = options.locator('.status-readings');
      // The Zendesk page as read for the integration's Zendesk account, "vandelay".
      await expect.poll(() => readings.textContent()).toContain(`Zendesk (vandelay): unknown (${says})`);
      await options.close();
    },
  );

  it('shows the badge and the popup before a slow status page answers', async () => {
    watch.sim.setStatus(ZENDESK_HOST, 'slow');
    watch.sim.setConnection(CLIENT.id, 1102, { status: '2' });
    await pastStatusInterval();
    await popup.locator('header').getByRole('button', { name: 'Check now', exact: true }).click();
    // The new problem shows while the status page has not answered (it takes longer than a request may).
    await expect.poll(() => row(popup, 'Vandelay Latex Ads').count(), { timeout: 5_000 }).toBe(1);
    await checkNow(popup);
    watch.sim.setStatus(ZENDESK_HOST, 'operational');
  });

  it('names an internal MBI problem when Adobe reports an incident on MBI and several broke at once', async () => {
    watch.sim.setStatus(ADOBE_HOST, 'incident', { title: 'Data synchronization delays' });
    for (const id of [1103, 1104, 1105]) watch.sim.setConnection(CLIENT.id, id, { status: '3' });
    await pastStatusInterval();
    await checkNow(popup);
    await expect
      .poll(() => outageText(popup, 'vandelay.com'), { timeout: 15_000 })
      .toMatch(
        /^Likely cause: an internal MBI problem\. Adobe reports an incident on Commerce Intelligence: Data synchronization delays \(since .+\)\. Re-authorizing will not help until it is resolved\./,
      );
    expect(await row(popup, 'vandelay.com').locator('.outage').getAttribute('data-cause')).toBe('internal');
  });

  it('lists the status hosts on the options page', async () => {
    const options = await watch.context.newPage();
    await options.goto(watch.url('options'));
    const hosts = await options.getByTestId('status-hosts').textContent();
    for (const host of [ADOBE_HOST, ZENDESK_HOST, 'ads.google.com', 'api.status.salesforce.com'])
      expect(hosts).toContain(host);
    await options.close();
    expect(watch.errors).toEqual([]);
  });
});
