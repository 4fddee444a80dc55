// See it coming: a healthy integration that a dated rule expects to stop shows under "Coming up", with an
// amber mark on the badge, days before it breaks; re-authorizing restarts its clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  badgeText,
  badgeTitle,
  checkNow,
  CLIENT,
  closeWebTabs,
  expectBadge,
  launchSignedIn,
  openPopup,
  readStore,
  webTabUrls,
  type Watch,
} from './harness';

const ADOBE = 1101;
const DAY = 86_400_000;
const BROKEN = [1101, 1102, 1108, 1111];
const comingUp = (popup: Page) => popup.getByRole('region', { name: 'Coming up' });
const dueRow = (popup: Page, name: string) =>
  comingUp(popup).locator('li.row', { has: popup.locator('.name', { hasText: new RegExp(`^${name}$`) }) });
const connectionPage = (watch: Watch, id: number) =>
  `${watch.sim.url}/v2/client/194/dashapp/settings/connection/${id}/`;
/** "Dec 2" for a moment `days` from now, as the popup writes it (en-US). */
const day = (popup: Page, days: number) =>
  popup.evaluate(
    (ms) => new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).format(Date.now() + ms),
    days * DAY,
  );

const notificationIds = async (watch: Watch) =>
  Object.keys(await watch.worker.evaluate(() => chrome.notifications.getAll())).sort();

async function clearNotifications(watch: Watch): Promise<void> {
  await watch.worker.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
}

/** Sets one field of the options page's Deadlines form and saves it. */
async function saveDeadlineField(watch: Watch, label: string, value: string): Promise<void> {
  const options = await watch.context.newPage();
  await options.goto(watch.url('options'));
  await options.getByLabel(label).fill(value);
  await options.getByRole('button', { name: 'Save deadlines' }).click();
  await expect.poll(() => options.getByRole('status').allTextContents()).toContain('Saved.');
  await options.close();
}

describe('coming up: deadlines before the dashboards go stale', () => {
  let watch: Watch;
  let popup: Page;

  beforeAll(async () => {
    watch = await launchSignedIn([], { withKey: false });
    // Everything healthy; the Adobe Analytics integration was last authorized 12 days ago.
    for (const id of BROKEN) watch.sim.setConnection(CLIENT.id, id, { status: '1' });
    watch.sim.setConnection(CLIENT.id, ADOBE, { authorizedDaysAgo: 12 });
    popup = await openPopup(watch);
    await checkNow(popup);
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('shows an Adobe Analytics integration authorized 12 days ago as due in 2 days, with an amber mark', async () => {
    await expectBadge(watch, '!');
    const color = await watch.worker.evaluate(() => chrome.action.getBadgeBackgroundColor({}));
    expect(color).toEqual([180, 83, 9, 255]);
    expect(await badgeTitle(watch)).toContain('1 integration due soon');
    expect(await badgeTitle(watch)).toContain('Vandelay Web Analytics');
    const row = dueRow(popup, 'Vandelay Web Analytics');
    await expect.poll(() => row.locator('.when').textContent()).toBe(`in 2 days, ${await day(popup, 2)}`);
    expect(await row.textContent()).toContain('counted from the last authorization');
    expect(await row.textContent()).toContain('Adobe Analytics must be re-authorized every two weeks');
    await popup.screenshot({ path: 'docs/screenshots/coming-up.png' });
  });

  it('notifies once as it enters its window, not again on the next check', async () => {
    await expect.poll(() => notificationIds(watch)).toContain('due-soon|sim-194|1101');
    await clearNotifications(watch);
    await checkNow(popup);
    expect(await notificationIds(watch)).toEqual([]);
  });

  it('says the date has passed, and to check it, while MBI still reports it healthy', async () => {
    // Three days on: authorized 15 days ago, due yesterday.
    watch.sim.advanceClock(3 * DAY);
    await checkNow(popup);
    await expect
      .poll(() => dueRow(popup, 'Vandelay Web Analytics').locator('.when').textContent())
      .toBe(`expected to have expired on ${await day(popup, -1)} — check it`);
    expect(await badgeText(watch)).toBe('!');
    // Its due day has come (and gone): one more note, once.
    await expect.poll(() => notificationIds(watch)).toEqual(['due-today|sim-194|1101']);
  });

  it('opens the MBI connection page on "Re-authorize now", and a re-authorization restarts the 14 days', async () => {
    await closeWebTabs(watch);
    await dueRow(popup, 'Vandelay Web Analytics').getByRole('button', { name: 'Re-authorize now' }).click();
    await expect.poll(() => webTabUrls(watch)).toEqual([connectionPage(watch, ADOBE)]);
    // What re-authorizing on that page does; closing its tab is the cue to check again.
    watch.sim.setConnection(CLIENT.id, ADOBE, { status: '1' });
    await closeWebTabs(watch);
    await expectBadge(watch, '');
    await expect.poll(() => comingUp(popup).count()).toBe(0);
    // With a 20-day window it shows again: due 14 days from the re-authorization.
    await saveDeadlineField(watch, 'Warn this many days before a re-authorization is due', '20');
    await checkNow(popup);
    await expect
      .poll(() => dueRow(popup, 'Vandelay Web Analytics').locator('.when').textContent())
      .toBe(`in 14 days, ${await day(popup, 14)}`);
    await saveDeadlineField(watch, 'Warn this many days before a re-authorization is due', '7');
  });

  it('shows Zendesk’s 2027-04-30 deadline with the support action once the warning window reaches it', async () => {
    await saveDeadlineField(watch, 'Warn this many days before a vendor deadline', '200');
    await checkNow(popup);
    const zendesk = dueRow(popup, 'Vandelay Support');
    await expect.poll(() => zendesk.locator('.when').textContent()).toMatch(/^in \d+ days, Apr 30, 2027$/);
    expect(await zendesk.getByRole('button', { name: 'Open support case' }).count()).toBe(1);
    expect(await zendesk.getByRole('button', { name: 'Re-authorize now' }).count()).toBe(0);
    expect(await zendesk.textContent()).toContain('Open a support case about moving this integration off API tokens');
    // Mixpanel's March 3 deadline falls in the window too; a Stripe integration has no rule.
    expect(await dueRow(popup, 'Vandelay Product Events').count()).toBe(1);
    expect(await dueRow(popup, 'Vandelay Payments').count()).toBe(0);
    // "Snooze until due" hides the row until its date.
    await dueRow(popup, 'Vandelay Product Events').getByRole('button', { name: 'Snooze until due' }).click();
    await expect.poll(() => dueRow(popup, 'Vandelay Product Events').count()).toBe(0);
    const snoozes = await watch.worker.evaluate(async () => (await chrome.storage.local.get('snoozes')).snoozes);
    expect(snoozes).toEqual({ 'sim-194/1109': { until: Date.parse('2027-03-03T00:00:00Z') } });
  });

  it('counts a Salesforce integration from the policy entered for its account', async () => {
    // Authorized three days before (the clock moved): five days of policy leave two.
    expect(await dueRow(popup, 'Vandelay CRM').count()).toBe(0);
    await saveDeadlineField(
      watch,
      `Salesforce refresh tokens of ${CLIENT.label} expire after (days, empty for no policy)`,
      '5',
    );
    await checkNow(popup);
    const crm = dueRow(popup, 'Vandelay CRM');
    // Five days from when MBI says it was authorized, counted in calendar days as the popup counts them
    // (about two: the seed authorized it half an hour before the clock moved, so near midnight it is one).
    const feeds = await readStore<{ feed: string; data?: { integrations?: { id: string; authorizedAt?: number }[] } }>(
      watch,
      'feeds',
    );
    const authorizedAt = feeds
      .flatMap((r) => (r.feed === 'connections' ? (r.data?.integrations ?? []) : []))
      .find((i) => i.id === '1105')?.authorizedAt;
    expect(authorizedAt).toBeTypeOf('number');
    const due = (authorizedAt ?? 0) + 5 * DAY;
    const expected = await popup.evaluate((at) => {
      const midnight = (t: number) => new Date(new Date(t).toDateString()).getTime();
      const days = Math.round((midnight(at) - midnight(Date.now())) / 86_400_000);
      const date = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).format(at);
      return `in ${days} ${days === 1 ? 'day' : 'days'}, ${date}`;
    }, due);
    expect(expected).toMatch(/^in [12] days?, /);
    await expect.poll(() => crm.locator('.when').textContent()).toBe(expected);
    expect(await crm.textContent()).toContain('Your Salesforce policy expires refresh tokens after 5 days');
    expect(await crm.textContent()).toContain('from your policy');
  });

  it('leaves a rule out once it is switched off in options', async () => {
    const options = await watch.context.newPage();
    await options.goto(watch.url('options'));
    await options.getByRole('checkbox', { name: 'Warn for Zendesk' }).uncheck();
    await options.getByRole('button', { name: 'Save deadlines' }).click();
    await expect.poll(() => options.getByRole('status').allTextContents()).toContain('Saved.');
    await options.close();
    await checkNow(popup);
    await expect.poll(() => dueRow(popup, 'Vandelay Support').count()).toBe(0);
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
