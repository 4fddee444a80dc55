// Finds Firefox, and launches it over WebDriver BiDi (puppeteer-core) with the extension installed as a
// temporary add-on on a fresh profile.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Browser as WebExtensionApi } from 'webextension-polyfill';
import { GECKO_ID } from './manifest-targets';

const CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

export const FIREFOX_INSTALL_HINT =
  'Install one (Debian/Ubuntu: sudo apt-get install firefox-esr) or set FIREFOX_PATH to a Firefox binary.';

export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export function requireFirefox(): string {
  const path = findFirefox();
  if (!path)
    throw new Error(
      `No Firefox found${process.env.FIREFOX_PATH ? ` at FIREFOX_PATH=${process.env.FIREFOX_PATH}` : ''}. ${FIREFOX_INSTALL_HINT}`,
    );
  return path;
}

export type ExtensionPage = 'popup' | 'options';

export interface FirefoxLaunched {
  browser: Browser;
  /** The options tab the extension opens by itself on its first install (a fresh profile has no account). */
  extensionPage: Page;
  /** The host of the extension's pages, fixed before launch: moz-extension://<uuid>/. */
  uuid: string;
  profileDir: string;
  /**
   * The extension's uncaught errors and its console errors, as Firefox prints them (BiDi reports neither
   * for moz-extension: pages, nor sees the background page at all).
   */
  errors: string[];
  url(page: ExtensionPage): string;
  /**
   * Opens one of the extension's pages in a new tab, asked of the extension itself: WebDriver BiDi refuses to
   * navigate to a moz-extension: address, but a tab the extension opens can be driven.
   */
  openTab(page: ExtensionPage): Promise<Page>;
  close(): Promise<void>;
}

/** The address a page is at, read inside it: puppeteer reads about:blank for a tab the extension opened. */
export async function hrefOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

/** Waits for a tab outside `known` whose address is `url`. */
async function waitForTab(browser: Browser, url: string, known: Set<Page>, what: string): Promise<Page> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const page of await browser.pages()) if (!known.has(page) && (await hrefOf(page)) === url) return page;
    if (Date.now() > deadline) throw new Error(`${what} did not open within 30 s (${url}).`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * Collects what Firefox prints about the extension: uncaught errors and rejections of its pages
 * ("JavaScript error: moz-extension://<uuid>/…") and its own console errors, which all start with its name.
 */
function followErrors(browser: Browser, uuid: string): string[] {
  const errors: string[] = [];
  const ours = new RegExp(`^(JavaScript error: moz-extension://${uuid}/|console\\.error: "MBI Integration Watch)`);
  const child = browser.process();
  for (const stream of [child?.stdout, child?.stderr])
    if (stream)
      createInterface({ input: stream }).on('line', (line) => {
        if (ours.test(line)) errors.push(line);
      });
  return errors;
}

export async function launchFirefoxWithExtension({
  extensionDir,
  headless,
}: {
  extensionDir: string;
  headless: boolean;
}): Promise<FirefoxLaunched> {
  const dir = resolve(extensionDir);
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`${dir}/manifest.json is missing: build the extension first.`);
  const executablePath = requireFirefox();
  const uuid = randomUUID();
  const profileDir = mkdtempSync(join(tmpdir(), 'mbi-watch-firefox-'));
  const browser = await puppeteer
    .launch({
      browser: 'firefox',
      executablePath,
      headless,
      userDataDir: profileDir,
      extraPrefsFirefox: {
        // Firefox picks a random host per add-on; this fixes it, so the extension's addresses are known.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // Console calls of web and extension pages, the background page included, go to stdout too.
        'devtools.console.stdout.content': true,
      },
    })
    .catch((error: unknown) => {
      rmSync(profileDir, { recursive: true, force: true });
      throw error;
    });
  const errors = followErrors(browser, uuid);
  const close = async () => {
    await browser.close();
    rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    await browser.installExtension(dir);
    const url = (page: ExtensionPage) => `moz-extension://${uuid}/src/${page}/index.html`;
    const extensionPage = await waitForTab(browser, url('options'), new Set(), 'The first-run options page');
    return {
      browser,
      extensionPage,
      uuid,
      profileDir,
      errors,
      url,
      async openTab(page) {
        const before = new Set(await browser.pages());
        await extensionPage.evaluate(async (address) => {
          await (globalThis as unknown as { browser: WebExtensionApi }).browser.tabs.create({ url: address });
        }, url(page));
        return waitForTab(browser, url(page), before, `The ${page} tab`);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
