// Drives the Firefox simulator build (dist-firefox-sim/) in real Firefox against the local simulator, as a
// user would. Firefox runs over WebDriver BiDi (puppeteer-core), whose ARIA selectors (::-p-aria) find
// nothing in Firefox, so fields are found by their label's text and buttons by theirs, as a person reads them.
import { expect } from 'vitest';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { launchFirefoxWithExtension, type FirefoxLaunched } from '../../scripts/firefox';
import { startSimulator, type Simulator } from '../simulator/server';

export const FIREFOX_SIM_DIST = 'dist-firefox-sim';
export const CLIENT = { id: '194', label: 'Vandelay Industries', key: 'sim-export-key-194' } as const;

export interface FirefoxWatch extends FirefoxLaunched {
  sim: Simulator;
}

export async function launchFirefoxWatch(): Promise<FirefoxWatch> {
  const sim = await startSimulator();
  try {
    const launched = await launchFirefoxWithExtension({ extensionDir: FIREFOX_SIM_DIST, headless: true });
    return {
      ...launched,
      sim,
      async close() {
        await launched.close();
        await sim.close();
      },
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

/** The control a label names (its text, without the control's own). */
async function labelled(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  const found = await page.waitForFunction(
    (text) => [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)?.control ?? null,
    { timeout: 10_000 },
    label,
  );
  return found as ElementHandle<HTMLInputElement>;
}

/** Replaces what a labelled field holds by typing, as a person does. */
export async function fill(page: Page, label: string, value: string): Promise<void> {
  const field = await labelled(page, label);
  await field.evaluate((input) => input.select());
  await field.type(value);
}

/** Clicks the button whose text is `name`, inside `scope` (a CSS selector). */
export async function press(page: Page, name: string, scope = 'body'): Promise<void> {
  const found = await page.waitForFunction(
    (name, scope) =>
      [...document.querySelectorAll(`${scope} button`)].find((b) => b.textContent?.trim() === name) ?? null,
    { timeout: 10_000 },
    name,
    scope,
  );
  await (found as ElementHandle<HTMLButtonElement>).click();
}

/** Clicks the button whose text is `name` in the popup row of the integration named `row`. */
export async function pressInRow(popup: Page, row: string, name: string): Promise<void> {
  const found = await popup.waitForFunction(
    (row, name) => {
      const li = [...document.querySelectorAll('li.row')].find((l) => l.querySelector('.name')?.textContent === row);
      return [...(li?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === name) ?? null;
    },
    { timeout: 10_000 },
    row,
    name,
  );
  await (found as ElementHandle<HTMLButtonElement>).click();
}

/** Signs in on the simulator's sign-in page, like a person, and leaves the tab closed. */
export async function signIn(watch: FirefoxWatch): Promise<void> {
  const page = await watch.browser.newPage();
  await page.goto(`${watch.sim.url}/v2/session/create`);
  await fill(page, 'E-mail', 'admin@vandelay.example');
  await fill(page, 'Password', 'art-vandelay');
  await Promise.all([page.waitForNavigation(), press(page, 'Sign in')]);
  expect(page.url()).toMatch(/integrations/);
  await page.close();
}

export async function badgeText(watch: FirefoxWatch): Promise<string> {
  return watch.extensionPage.evaluate(() =>
    (globalThis as unknown as { browser: WebExtensionApi }).browser.action.getBadgeText({}),
  );
}

export async function badgeTitle(watch: FirefoxWatch): Promise<string> {
  return watch.extensionPage.evaluate(() =>
    (globalThis as unknown as { browser: WebExtensionApi }).browser.action.getTitle({}),
  );
}

export async function expectBadge(watch: FirefoxWatch, text: string, timeout = 20_000): Promise<void> {
  await expect.poll(() => badgeText(watch), { timeout, interval: 200 }).toBe(text);
}

/** Names of the problem rows the popup lists. */
export async function rowNames(popup: Page): Promise<string[]> {
  return popup.$$eval('li.row .name', (names) => names.map((n) => n.textContent ?? ''));
}

/** Addresses of the web tabs that are open. */
export async function webTabUrls(watch: FirefoxWatch): Promise<string[]> {
  return (await watch.browser.pages())
    .map((p) => p.url())
    .filter((u) => /^https?:/.test(u))
    .sort();
}
