// The bench's browser: a copy of dist-sim/ plus the floor page, loaded in headless Chromium, and the few
// ways the bench talks to it (worker, an extension page, the extension's own IndexedDB).
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchWithExtension } from '../chromium';
import { within } from './stats';

export const BENCH_DIST = 'bench/.dist-bench';
/** The least a page showing stored state can do: one script that reads the popup's model and adds a line. */
export const FLOOR_PAGE = 'floor.html';

// tsx keeps function names with a `__name(...)` helper that does not exist in the browser; functions
// handed to evaluate() may contain such calls, so every context gets a no-op stand-in first.
const NAME_SHIM = 'globalThis.__name ??= (f) => f; 0';

/** A copy of the simulator build with the floor page: one classic `async` script in the head, nothing else. */
function prepareBenchDist(): string {
  rmSync(BENCH_DIST, { recursive: true, force: true });
  cpSync('dist-sim', BENCH_DIST, { recursive: true });
  writeFileSync(join(BENCH_DIST, FLOOR_PAGE), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>floor</title><script async src="floor.js"></script></head><body></body></html>\n');
  writeFileSync(join(BENCH_DIST, 'floor.js'), `chrome.storage.local.get('popupModel').then(({ popupModel }) => {
  const line = document.createElement('p');
  line.className = 'floor';
  line.textContent = String(popupModel?.problemCount);
  (document.body ?? document.documentElement).append(line);
});\n`);
  return BENCH_DIST;
}

export interface BenchAccount { id: string; label: string; clientId: string; origin: string }

export class BenchBrowser {
  /** `page`: an extension page kept open to send commands and read the badge, as the popup would. */
  private constructor(readonly context: BrowserContext, readonly extensionId: string, readonly page: Page, private readonly profileDir: string) {}

  static async launch(): Promise<BenchBrowser> {
    const { context, extensionId, profileDir } = await launchWithExtension({ extensionDir: prepareBenchDist(), headless: true });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${FLOOR_PAGE}`);
    await page.evaluate(NAME_SHIM);
    return new BenchBrowser(context, extensionId, page, profileDir);
  }

  url(path: string): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  /** The running worker, woken by a message when it was stopped. */
  private async worker(): Promise<Worker> {
    const prefix = this.url('');
    let worker = this.context.serviceWorkers().find((w) => w.url().startsWith(prefix));
    if (!worker) {
      const started = this.context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix), timeout: 30_000 });
      await this.page.evaluate(() => chrome.runtime.sendMessage({ type: 'bench-wake' }).catch(() => undefined));
      worker = await started;
    }
    await worker.evaluate(NAME_SHIM);
    return worker;
  }

  async inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const worker = await this.worker();
    // Only plain data is passed, which Playwright hands over unchanged (its Unboxed<A> is A).
    const evaluate = worker.evaluate.bind(worker) as (fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;
    return within(120_000, 'a step in the worker', evaluate(fn, arg));
  }

  /** Saves settings as the options page would (hourly, so no alarm fires meanwhile); saving starts a poll unless paused. */
  async configure(accounts: readonly BenchAccount[], notify: boolean, paused = false): Promise<void> {
    const settings = {
      version: 2, pollMinutes: 60, staleHours: 26, paused,
      notifications: { newProblem: notify, recovered: notify, escalation: notify, quietStart: 0, quietEnd: 0 },
      accounts: accounts.map((s) => ({ id: s.id, label: s.label, clientId: s.clientId, appOrigin: s.origin, apiOrigin: s.origin, enabled: true })),
    };
    await this.inWorker(async (settings) => {
      await chrome.storage.local.set({ secrets: {} });
      await chrome.storage.sync.set({ settings });
    }, settings);
  }

  async badge(): Promise<string> {
    return this.page.evaluate(() => chrome.action.getBadgeText({}));
  }

  /** Check now from the extension page, as the popup sends it; the time of its answer (after the badge is drawn). */
  async checkNow(): Promise<number> {
    return within(120_000, 'Check now', this.page.evaluate(async () => {
      await chrome.runtime.sendMessage({ type: 'check-now' });
      return performance.timeOrigin + performance.now();
    }));
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
    rmSync(BENCH_DIST, { recursive: true, force: true });
  }
}
