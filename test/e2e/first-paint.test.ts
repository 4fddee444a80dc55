// The first popup after install paints at once what it knows, never a blank page while the worker is busy:
// the set-up prompt with no account, "Checking … for the first time…" with one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CLIENT, configure, launchWatch, openPopup, signIn, type Watch } from './harness';

/** Text painted within this long of opening counts as "at once" (later opens measure 50–70 ms). */
const AT_ONCE_MS = 1_500;

describe('the first popup on a fresh profile', () => {
  let watch: Watch;

  /** Keeps the worker's thread busy for `ms`, so it answers no message meanwhile. */
  function holdWorker(ms: number): Promise<unknown> {
    return watch.worker
      .evaluate((ms) => {
        const end = Date.now() + ms;
        while (Date.now() < end);
      }, ms)
      .catch(() => undefined);
  }

  /** Forgets the model the worker wrote, as on a profile where it has not written one yet. */
  async function dropModel(): Promise<void> {
    await watch.worker.evaluate(() => chrome.storage.local.remove('popupModel'));
  }

  async function textAfterOpening(): Promise<{ popup: Page; text: string }> {
    const popup = await openPopup(watch);
    await popup.locator('main').filter({ hasText: /\S/ }).waitFor({ timeout: AT_ONCE_MS });
    return { popup, text: (await popup.locator('main').textContent()) ?? '' };
  }

  beforeAll(async () => {
    watch = await launchWatch();
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('shows the set-up prompt at once when no account exists, while the worker is held back', async () => {
    // The worker's first check after install writes a model; it is let finish, then its model dropped, so
    // that nothing writes one again while the worker is held.
    await expect
      .poll(() =>
        watch.worker.evaluate(async () => (await chrome.storage.local.get('popupModel')).popupModel !== undefined),
      )
      .toBe(true);
    await dropModel();
    const held = holdWorker(4_000);
    const { popup, text } = await textAfterOpening();
    expect(text).toContain('Add your MBI account to start watching its integrations.');
    expect(await popup.getByRole('button', { name: 'Open options' }).count()).toBe(1);
    expect(await popup.locator('main[aria-busy]').count()).toBe(0);
    await held;
    await popup.close();
  });

  it('says the account is being checked for the first time while its first check waits on MBI', async () => {
    watch.sim.setFault('connections', 'hang');
    await signIn(watch);
    await configure(watch, { withKey: false });
    const first = `Checking ${CLIENT.label} for the first time…`;
    // The model the worker writes when the account is added, before its check answers.
    const { popup } = await textAfterOpening();
    await expect.poll(() => popup.locator('main').textContent()).toContain(first);
    expect(await popup.locator('main').textContent()).not.toContain('No MBI account set up');
    await popup.close();
    // And with no model written yet: the account's name is read from the settings.
    await dropModel();
    const again = await textAfterOpening();
    expect(again.text).toContain(first);
    await again.popup.close();
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
