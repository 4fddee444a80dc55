// Finds a Chromium or Chrome to drive, and launches it with the extension loaded on a fresh profile.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT =
  'Install one (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome binary.';

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export function requireChromium(): string {
  const path = findChromium();
  if (!path)
    throw new Error(
      `No Chromium found${process.env.CHROME_PATH ? ` at CHROME_PATH=${process.env.CHROME_PATH}` : ''}. ${INSTALL_HINT}`,
    );
  return path;
}

/** Chrome's id for an unpacked extension: the first 128 bits of SHA-256 of its path, in letters a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export interface LaunchOptions {
  extensionDir: string;
  headless: boolean;
  /** Extra Chromium switches, e.g. --lang=de. */
  args?: string[];
  profileDir?: string;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  profileDir: string;
}

export async function launchWithExtension({
  extensionDir,
  headless,
  args = [],
  profileDir,
}: LaunchOptions): Promise<Launched> {
  const dir = resolve(extensionDir);
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`${dir}/manifest.json is missing: build the extension first.`);
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'mbi-watch-profile-'));
  // Pin the extension so its badge is visible in the toolbar (a profile preference, set before launch).
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ extensions: { pinned_extensions: [unpackedExtensionId(dir)] } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireChromium(),
    headless,
    viewport: null,
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  if (!profileDir) await firstRunPage(context, extensionId);
  return { context, worker, extensionId, profileDir: profile };
}

/**
 * A fresh install with no account opens the options page by itself: waits for it, so that no page the
 * caller opens meanwhile is the tab that navigation takes over. It stays open, as it would for a person.
 */
async function firstRunPage(context: BrowserContext, extensionId: string): Promise<void> {
  const options = `chrome-extension://${extensionId}/src/options/index.html`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && !context.pages().some((p) => p.url() === options))
    await new Promise((resolve) => setTimeout(resolve, 50));
}
