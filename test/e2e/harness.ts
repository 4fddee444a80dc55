// Drives the built extension (dist-sim/) in real Chromium against the local simulator, as a user would.
import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchWithExtension } from '../../scripts/chromium';
import { startSimulator, type Simulator } from '../simulator/server';

export const SIM_DIST = 'dist-sim';
export const CLIENT = { id: '194', label: 'Vandelay Industries', key: 'sim-export-key-194' } as const;

export interface Watch {
  sim: Simulator;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Console errors of the worker and uncaught errors of any page. */
  errors: string[];
  url(page: 'popup' | 'options'): string;
  close(): Promise<void>;
}

export async function launchWatch(args: string[] = []): Promise<Watch> {
  const sim = await startSimulator();
  const { context, worker, extensionId, profileDir } = await launchWithExtension({
    extensionDir: SIM_DIST,
    headless: true,
    args,
  });
  const errors: string[] = [];
  worker.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`worker: ${msg.text()}`);
  });
  context.on('page', (page) => page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`)));
  return {
    sim,
    context,
    worker,
    extensionId,
    errors,
    url: (page) => `chrome-extension://${extensionId}/src/${page}/index.html`,
    async close() {
      await context.close();
      await sim.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** What first-run configuration writes: one account on the simulator, with its Export API key. */
export async function configure(watch: Watch, extra: { pollMinutes?: number; withKey?: boolean } = {}): Promise<void> {
  const settings = {
    version: 2,
    pollMinutes: extra.pollMinutes ?? 5,
    staleHours: 26,
    paused: false,
    accounts: [
      {
        id: 'sim-194',
        label: CLIENT.label,
        clientId: CLIENT.id,
        appOrigin: watch.sim.url,
        apiOrigin: watch.sim.url,
        enabled: true,
      },
    ],
  };
  // A key is stored with the API host and client it is for, and after its account (else it is dropped).
  const secrets =
    extra.withKey === false
      ? {}
      : { 'sim-194': { exportApiKey: CLIENT.key, apiOrigin: watch.sim.url, clientId: CLIENT.id } };
  await watch.worker.evaluate(
    async ({ settings, secrets }) => {
      await chrome.storage.sync.set({ settings });
      await chrome.storage.local.set({ secrets });
    },
    { settings, secrets },
  );
}

/** Signs in on the simulator's sign-in page, like a person, and leaves the tab closed. */
export async function signIn(watch: Watch): Promise<void> {
  const page = await watch.context.newPage();
  await page.goto(`${watch.sim.url}/v2/session/create`);
  await page.getByLabel(/e-?mail/i).fill('admin@vandelay.example');
  await page.getByLabel(/password/i).fill('art-vandelay');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.waitForURL(/integrations/);
  await page.close();
}

/** A browser signed in to the simulator with its client-194 account configured: where most tests start. */
export async function launchSignedIn(args: string[] = [], extra: Parameters<typeof configure>[1] = {}): Promise<Watch> {
  const watch = await launchWatch(args);
  await signIn(watch);
  await configure(watch, extra);
  return watch;
}

export async function badgeText(watch: Watch): Promise<string> {
  return watch.worker.evaluate(() => chrome.action.getBadgeText({}));
}

export async function badgeTitle(watch: Watch): Promise<string> {
  return watch.worker.evaluate(() => chrome.action.getTitle({}));
}

export async function expectBadge(watch: Watch, text: string, timeout = 20_000): Promise<void> {
  await expect.poll(() => badgeText(watch), { timeout, interval: 200 }).toBe(text);
}

/** The popup, opened as a page of popup size. */
export async function openPopup(watch: Watch): Promise<Page> {
  const page = await watch.context.newPage();
  await page.setViewportSize({ width: 400, height: 600 });
  await page.goto(watch.url('popup'));
  return page;
}

/** Names of the problem rows the popup lists. */
export async function rowNames(popup: Page): Promise<string[]> {
  return popup.locator('li.row .name').allTextContents();
}

interface TargetInfo {
  type: string;
  url: string;
  targetId: string;
}

async function pageTargets(watch: Watch): Promise<TargetInfo[]> {
  const session = await watch.context.newCDPSession(watch.context.pages()[0] ?? (await watch.context.newPage()));
  try {
    const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    return targetInfos.filter((t) => t.type === 'page');
  } finally {
    await session.detach();
  }
}

/**
 * Addresses of the web tabs that are open, as the browser holds them. Outside pages (Adobe, providers)
 * cannot load here, and their tabs show an error page, so the address the extension asked for is read
 * from the browser's target list rather than from the page.
 */
export async function webTabUrls(watch: Watch): Promise<string[]> {
  return (await pageTargets(watch))
    .map((t) => t.url)
    .filter((u) => /^https?:/.test(u))
    .sort();
}

/**
 * Closes every web tab, keeping the extension pages and the first page, and waits until the browser no
 * longer lists them. Tabs are closed through the browser's target list, so a tab opened a moment ago
 * that Playwright has not attached yet is closed too.
 */
export async function closeWebTabs(watch: Watch): Promise<void> {
  const first = watch.context.pages()[0] ?? (await watch.context.newPage());
  const session = await watch.context.newCDPSession(first);
  try {
    const { targetInfo: keep } = (await session.send('Target.getTargetInfo')) as { targetInfo: TargetInfo };
    const web = (targets: TargetInfo[]) =>
      targets.filter((t) => t.targetId !== keep.targetId && /^https?:/.test(t.url));
    const listed = async () =>
      ((await session.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos.filter(
        (t) => t.type === 'page',
      );
    // A tab still loading can outlive a close, so whatever is left is closed again until none is.
    const deadline = Date.now() + 10_000;
    for (let left = web(await listed()); left.length > 0; left = web(await listed())) {
      if (Date.now() > deadline) throw new Error(`web tabs did not close: ${left.map((t) => t.url).join(', ')}`);
      for (const target of left)
        await session.send('Target.closeTarget', { targetId: target.targetId }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await session.detach();
  }
}

/** Runs `action` and returns the tab it opened. */
export async function newTabFrom(watch: Watch, action: () => Promise<unknown>): Promise<Page> {
  const [tab] = await Promise.all([watch.context.waitForEvent('page'), action()]);
  await tab.waitForLoadState('domcontentloaded');
  return tab;
}

/** Presses the popup's Check now (waiting while a check already runs) and waits until the check is done. */
export async function checkNow(popup: Page, timeout = 30_000): Promise<void> {
  // The button reads "Checking…" from the click until the check is done (no vitest expect here: this
  // also serves concurrent tests, which must use their own).
  const button = popup.locator('header').getByRole('button', { name: 'Check now', exact: true });
  await button.click({ timeout });
  await button.waitFor({ timeout });
}

export type StoreName = 'feeds' | 'transitions' | 'polls';

/** Every record of one of the extension's IndexedDB stores, read inside its worker. */
export async function readStore<T>(watch: Watch, store: StoreName): Promise<T[]> {
  return watch.worker.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('mbi-watch');
        // Never create the database: that would keep the extension's own upgrade from running.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => reject(open.error ?? new Error('mbi-watch could not be opened'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => resolve(all.result as T[]);
          all.onerror = () => reject(all.error ?? new Error(`${name} could not be read`));
          db.close();
        };
      }),
    store,
  );
}

export type RunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

/** The extension's worker as the browser reports it: its status now, how often it started and stopped. */
export interface FollowedWorker {
  status(): RunningStatus;
  starts(): number;
  stops(): number;
  /**
   * Stops the worker, as Chrome does when it is idle, and waits until it was down: counted, as an alarm may
   * start it again before a look at its current status would see it stopped.
   */
  stop(): Promise<void>;
}

export async function followWorker(watch: Watch, page: Page): Promise<FollowedWorker> {
  const cdp = await watch.context.newCDPSession(page);
  const origin = `chrome-extension://${watch.extensionId}/`;
  let status: RunningStatus = 'running';
  let starts = 0;
  let stops = 0;
  cdp.on(
    'ServiceWorker.workerVersionUpdated',
    ({ versions }: { versions: { scriptURL: string; runningStatus: RunningStatus }[] }) => {
      const version = versions.find((v) => v.scriptURL.startsWith(origin));
      if (!version) return;
      if (version.runningStatus === 'running' && status !== 'running') starts++;
      if (version.runningStatus === 'stopped' && status !== 'stopped') stops++;
      status = version.runningStatus;
    },
  );
  await cdp.send('ServiceWorker.enable');
  return {
    status: () => status,
    starts: () => starts,
    stops: () => stops,
    async stop() {
      const before = stops;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect.poll(() => stops, { timeout: 5_000, interval: 20 }).toBeGreaterThan(before);
    },
  };
}
