// The bench's browser: a copy of dist-sim/ plus the floor page, loaded in headless Chromium and signed in
// to the simulator, and the few ways the bench talks to it: the worker, and an extension page kept open.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { PIPELINE_CREDENTIALS } from '../../test/simulator/pipelines';
import type { Simulator } from '../../test/simulator/server';
import { launchWithExtension } from '../chromium';
import { within } from './stats';

const DIST = 'bench/.dist-bench';
/** The id of the Fivetran account the bench saves. */
export const FIVETRAN_ACCOUNT = 'bench-fivetran';
/** The least a page showing stored state can do: one classic `async` script that reads the model and adds a line. */
export const FLOOR_PAGE = 'floor.html';
const FLOOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>floor</title>
<script async src="floor.js"></script></head><body></body></html>
`;
const FLOOR_JS = `chrome.storage.local.get('popupModel').then(({ popupModel }) => {
  const line = document.createElement('p');
  line.className = 'floor';
  line.textContent = String(popupModel?.problemCount);
  (document.body ?? document.documentElement).append(line);
});
`;

// tsx keeps function names with a `__name(...)` helper that does not exist in the browser; functions
// handed to evaluate() may contain such calls, so every context gets a no-op stand-in first.
const NAME_SHIM = 'globalThis.__name ??= (f) => f; 0';

export class BenchBrowser {
  private constructor(
    readonly context: BrowserContext,
    readonly origin: string,
    /** An extension page that sends commands and reads storage and the badge, as the popup would. */
    readonly page: Page,
    private readonly profileDir: string,
  ) {}

  static async launch(sim: Simulator): Promise<BenchBrowser> {
    rmSync(DIST, { recursive: true, force: true });
    cpSync('dist-sim', DIST, { recursive: true });
    writeFileSync(join(DIST, FLOOR_PAGE), FLOOR_HTML);
    writeFileSync(join(DIST, 'floor.js'), FLOOR_JS);
    const { context, extensionId, profileDir } = await launchWithExtension({ extensionDir: DIST, headless: true });
    const session = { name: 'rjm_session', value: sim.mintSession(), url: sim.url, httpOnly: true };
    await context.addCookies([{ ...session, sameSite: 'Lax' }]);
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${FLOOR_PAGE}`);
    await page.evaluate(NAME_SHIM);
    return new BenchBrowser(context, `chrome-extension://${extensionId}/`, page, profileDir);
  }

  /** Runs `fn` in the worker, woken by a message when it was stopped. Only plain data goes in and out. */
  async inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    const ours = (w: Worker) => w.url().startsWith(this.origin);
    let worker = this.context.serviceWorkers().find(ours);
    if (!worker) {
      const started = this.context.waitForEvent('serviceworker', { predicate: ours, timeout: 30_000 });
      await this.page.evaluate(() => chrome.runtime.sendMessage({ type: 'bench-wake' }).catch(() => undefined));
      worker = await started;
    }
    await worker.evaluate(NAME_SHIM);
    // Playwright hands plain data over unchanged (its Unboxed<A> is A).
    const evaluate = worker.evaluate.bind(worker) as (fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;
    return within(120_000, 'a step in the worker', evaluate(fn, arg));
  }

  /** Saves settings as the options page would, an account per client, hourly checks (no alarm fires meanwhile). */
  async configure(sim: Simulator, clientIds: readonly string[], notify: boolean, paused = false): Promise<void> {
    const accounts = clientIds.map((clientId, i) => {
      const id = `bench-${clientId}-${i + 1}`;
      return { id, label: `Bench account ${i + 1}`, clientId, appOrigin: sim.url, apiOrigin: sim.url, enabled: true };
    });
    await this.save(accounts, {}, notify, paused);
  }

  /** One Fivetran account on the simulator's API, with the key and secret it accepts; hourly checks. */
  async configureFivetran(sim: Simulator, notify: boolean): Promise<void> {
    const { apiKey, apiSecret } = PIPELINE_CREDENTIALS.fivetran;
    const apiBase = `${sim.url}/fivetran/v1`;
    const account = { id: FIVETRAN_ACCOUNT, label: 'Bench Fivetran', pipeline: 'fivetran', apiBase, enabled: true };
    const secret = { exportApiKey: apiKey, secret: apiSecret, apiOrigin: sim.url, clientId: '' };
    await this.save([account], { [FIVETRAN_ACCOUNT]: secret }, notify);
  }

  private async save(accounts: object[], secrets: object, notify: boolean, paused = false): Promise<void> {
    const notifications = { newProblem: notify, recovered: notify, escalation: notify, quietStart: 0, quietEnd: 0 };
    const settings = { version: 3, pollMinutes: 60, staleHours: 26, paused, notifications, accounts };
    await this.page.evaluate(
      async ({ settings, secrets }) => {
        // Settings first: the worker drops a key whose account is not in the settings it reads.
        await chrome.storage.sync.set({ settings });
        await chrome.storage.local.set({ secrets });
      },
      { settings, secrets },
    );
  }

  /** Check now from the extension page, as the popup sends it: the time of its answer, after the badge is drawn. */
  async checkNow(): Promise<number> {
    const answered = this.page.evaluate(async () => {
      await chrome.runtime.sendMessage({ type: 'check-now' });
      return performance.timeOrigin + performance.now();
    });
    return within(120_000, 'Check now', answered);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
    rmSync(DIST, { recursive: true, force: true });
  }
}
