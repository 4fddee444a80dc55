// An Airbyte and a Stitch account set up through the options page: the real worker requests Airbyte's
// short-lived token, reuses it, never writes it down and asks again after a restart or when Airbyte stops
// taking it; one badge counts both accounts; Re-authorize opens the Airbyte connection and the Stitch source
// where the fix is made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PIPELINE_CREDENTIALS } from '../simulator/pipelines';
import {
  checkNow,
  closeWebTabs,
  expectBadge,
  followWorker,
  launchWatch,
  openPopup,
  readStore,
  type FollowedWorker,
  type Watch,
} from './harness';

const AIRBYTE = { label: 'Event loads', ...PIPELINE_CREDENTIALS.airbyte } as const;
const STITCH = { label: 'Legacy loads', ...PIPELINE_CREDENTIALS.stitch } as const;
/** How every token the simulator issues begins (base64url of its JWT header). */
const TOKEN_HEAD = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');

const section = (popup: Page, pipeline: string) => popup.locator(`section.account[data-pipeline="${pipeline}"]`);
const namesIn = (popup: Page, pipeline: string) => section(popup, pipeline).locator('li.row .name').allTextContents();
/** The first row of a pipeline's section that offers Re-authorize, and its name. */
async function reauthorizable(
  popup: Page,
  pipeline: string,
): Promise<{ row: ReturnType<Page['locator']>; name: string }> {
  const row = section(popup, pipeline)
    .locator('li.row', { has: popup.getByRole('button', { name: 'Re-authorize', exact: true }) })
    .first();
  const name = await row.locator('.name').textContent();
  if (!name) throw new Error(`No ${pipeline} row offers Re-authorize.`);
  return { row, name };
}

describe('Airbyte and Stitch beside each other', () => {
  let watch: Watch;
  let options: Page;
  let popup: Page;
  let worker: FollowedWorker;
  const tokens = () => watch.sim.pipelines().airbyteTokensIssued;
  const badge = () => popup.evaluate(() => chrome.action.getBadgeText({}));
  const form = (pipeline: string) => options.getByRole('form', { name: `New ${pipeline} account` });
  const problems = { airbyte: 0, stitch: 0 };

  /** Test connection on the new account's form: how many connections need attention, as it answers. */
  async function tested(pipeline: string): Promise<number> {
    await form(pipeline).getByRole('button', { name: 'Test connection' }).click();
    const answer = new RegExp(`${pipeline}: \\d+ connections?, (\\d+) need attention\\.`);
    await expect.poll(() => form(pipeline).textContent()).toMatch(answer);
    return Number(answer.exec((await form(pipeline).textContent()) ?? '')?.[1]);
  }

  beforeAll(async () => {
    watch = await launchWatch();
    options = await watch.context.newPage();
    await options.goto(watch.url('options'));
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('sets up the Airbyte account with a client id and secret, tested before it is saved', async () => {
    await options.getByRole('button', { name: 'Add an account' }).click();
    await options.getByLabel('Data pipeline', { exact: true }).selectOption({ label: 'Airbyte' });
    await options.getByLabel('Name', { exact: true }).fill(AIRBYTE.label);
    await options.getByLabel('API base URL', { exact: true }).fill(`${watch.sim.url}/airbyte/v1`);
    await options.getByLabel('App address (advanced)', { exact: true }).fill(watch.sim.url);
    await options.getByLabel('Client id', { exact: true }).fill(AIRBYTE.clientId);
    await options.getByLabel('Client secret', { exact: true }).fill('not-the-secret');
    await form('Airbyte').getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => form('Airbyte').textContent()).toContain('Airbyte: Key rejected');
    await options.getByLabel('Client secret', { exact: true }).fill(AIRBYTE.clientSecret);
    problems.airbyte = await tested('Airbyte');
    expect(problems.airbyte).toBeGreaterThan(0);
    await options.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => options.locator('li.account').count()).toBe(1);
    await expectBadge(watch, String(problems.airbyte));
  });

  it('sets up the Stitch account with its token, and badges both accounts', async () => {
    await options.getByRole('button', { name: 'Add an account' }).click();
    await options.getByLabel('Data pipeline', { exact: true }).selectOption({ label: 'Stitch' });
    await options.getByLabel('Name', { exact: true }).fill(STITCH.label);
    await options.getByLabel('API base URL', { exact: true }).fill(`${watch.sim.url}/stitch`);
    await options.getByLabel('App address (advanced)', { exact: true }).fill(watch.sim.url);
    await options.getByLabel('Access token', { exact: true }).fill(STITCH.token);
    problems.stitch = await tested('Stitch');
    expect(problems.stitch).toBeGreaterThan(0);
    await options.getByRole('button', { name: 'Save account' }).click();
    await expect.poll(() => options.locator('li.account').count()).toBe(2);
    await expectBadge(watch, String(problems.airbyte + problems.stitch));
    const sync = JSON.stringify(await watch.worker.evaluate(() => chrome.storage.sync.get(null)));
    for (const secret of [AIRBYTE.clientSecret, STITCH.token]) expect(sync).not.toContain(secret);
  });

  it('groups the popup: Airbyte, then Stitch, each with its own problems', async () => {
    popup = await openPopup(watch);
    await expect.poll(() => popup.locator('section.account').count()).toBe(2);
    expect(
      await popup.locator('section.account').evaluateAll((s) => s.map((e) => e.getAttribute('data-pipeline'))),
    ).toEqual(['airbyte', 'stitch']);
    await expect.poll(() => namesIn(popup, 'airbyte')).toHaveLength(problems.airbyte);
    await expect.poll(() => namesIn(popup, 'stitch')).toHaveLength(problems.stitch);
    expect(await section(popup, 'airbyte').locator('h2.account-title').textContent()).toMatch(/^Airbyte\s*Event loads/);
    expect(await section(popup, 'stitch').locator('h2.account-title').textContent()).toMatch(/^Stitch\s*Legacy loads/);
  });

  it("reuses Airbyte's token across checks and writes it nowhere", async () => {
    worker = await followWorker(watch, popup);
    const before = tokens();
    await checkNow(popup);
    await checkNow(popup);
    expect(tokens()).toBe(before);
    const stored = JSON.stringify([
      await popup.evaluate(() => chrome.storage.local.get(null)),
      await popup.evaluate(() => chrome.storage.session.get(null)),
      await popup.evaluate(() => chrome.storage.sync.get(null)),
      await readStore(watch, 'feeds'),
      await readStore(watch, 'transitions'),
      await readStore(watch, 'polls'),
    ]);
    expect(stored).not.toContain(TOKEN_HEAD);
    expect(stored).toContain('Event loads');
  });

  it('asks for a new token after the worker restarts, and when Airbyte stops taking the one it has', async () => {
    const before = tokens();
    await worker.stop();
    await checkNow(popup);
    expect(tokens()).toBe(before + 1);
    watch.sim.expireAirbyteTokens();
    await checkNow(popup);
    expect(tokens()).toBe(before + 2);
    await expect.poll(badge).toBe(String(problems.airbyte + problems.stitch));
    expect(await section(popup, 'airbyte').locator('.banner').count()).toBe(0);
  });

  /** Re-authorize on the first row of `pipeline` that offers it; `fix` on the page it opens mends the connection. */
  async function fixThroughReauthorize(pipeline: string, page: RegExp, fix: string): Promise<void> {
    await closeWebTabs(watch);
    const { row, name } = await reauthorizable(popup, pipeline);
    const before = Number(await badge());
    const [tab] = await Promise.all([
      watch.context.waitForEvent('page'),
      row.getByRole('button', { name: 'Re-authorize', exact: true }).click(),
    ]);
    await tab.waitForURL(page);
    await tab.getByRole('button', { name: fix }).click();
    await tab.getByText('Connection re-authorized').waitFor();
    await tab.close();
    await expect
      .poll(() => popup.locator('.fixed li', { hasText: name }).textContent(), { timeout: 20_000 })
      .toMatch(/^Fixed: .+ \(confirmed .+\)$/);
    await expect.poll(badge).toBe(String(before - 1));
  }

  it('opens the Airbyte connection on Re-authorize, where re-authorizing fixes it', async () => {
    const page = new RegExp(`^${watch.sim.url}/workspaces/[\\w-]+/connections/[\\w-]+$`);
    await fixThroughReauthorize('airbyte', page, 'Re-authorize source');
  });

  it('opens the Stitch source on Re-authorize, where reconnecting fixes it', async () => {
    const page = new RegExp(`^${watch.sim.url}/client/\\d+/pipeline/v2/sources/\\d+$`);
    await fixThroughReauthorize('stitch', page, 'Reconnect');
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
