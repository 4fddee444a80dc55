// The bench's browser: a copy of dist-sim/ plus three reference pages, loaded in headless Chromium, and
// the few ways the bench talks to it (worker, an extension page, the extension's own IndexedDB).
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchWithExtension } from '../chromium';
import { waitFor, within } from './stats';

export const BENCH_DIST = 'bench/.dist-bench';
export const EMPTY_PAGE = 'empty.html';
/** The least a page with a script can do: one script that adds one line, with no storage read. */
export const ONE_SCRIPT_PAGE = 'one-script.html';
/** The least a page showing stored state can do: one script that reads the popup's model and adds one line. */
export const SCRIPTED_PAGE = 'scripted.html';
/** The line both pages add. */
export const SCRIPTED_SELECTOR = 'p.scripted';

// tsx keeps function names with a `__name(...)` helper that does not exist in the browser; functions
// handed to evaluate() may contain such calls, so every context gets a no-op stand-in first.
const NAME_SHIM = 'globalThis.__name ??= (f) => f; 0';

/** A page whose only content is `script`, a classic `async` script in the head (the other ways measured no faster). */
function floorPage(name: string, script: string): void {
  writeFileSync(join(BENCH_DIST, `${name}.html`), `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${name}</title><script async src="${name}.js"></script></head><body></body></html>\n`);
  writeFileSync(join(BENCH_DIST, `${name}.js`), script);
}

const ADD_LINE = [
  "  const line = document.createElement('p');",
  "  line.className = 'scripted';",
  '  line.textContent = text;',
  '  (document.body ?? document.documentElement).append(line);',
].join('\n');

/**
 * A copy of the simulator build with three extra pages: one with no script and no style, the floor for any
 * page; one whose only script adds a line, the floor for any page with a script; and one whose only script
 * reads the popup's model from storage first, the floor for any page that shows stored state.
 */
export function prepareBenchDist(): string {
  rmSync(BENCH_DIST, { recursive: true, force: true });
  cpSync('dist-sim', BENCH_DIST, { recursive: true });
  writeFileSync(join(BENCH_DIST, EMPTY_PAGE), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>empty</title></head><body></body></html>\n');
  floorPage('one-script', `((text) => {\n${ADD_LINE}\n})('one script');\n`);
  floorPage('scripted', `chrome.storage.local.get('popupModel').then(({ popupModel }) => {\n  const text = String(popupModel?.problemCount);\n${ADD_LINE}\n});\n`);
  return BENCH_DIST;
}

export interface BenchSettingsSource {
  id: string;
  label: string;
  clientId: string;
  origin: string;
}

export class BenchBrowser {
  private constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    /** An extension page kept open to send commands and read the badge, as the popup would. */
    readonly page: Page,
    private readonly profileDir: string,
  ) {}

  static async launch(): Promise<BenchBrowser> {
    const { context, extensionId, profileDir } = await launchWithExtension({ extensionDir: prepareBenchDist(), headless: true });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${EMPTY_PAGE}`);
    await page.evaluate(NAME_SHIM);
    return new BenchBrowser(context, extensionId, page, profileDir);
  }

  url(path: string): string {
    return `chrome-extension://${this.extensionId}/${path}`;
  }

  async version(): Promise<string> {
    const session = await this.context.newCDPSession(this.page);
    try {
      const { product } = await session.send('Browser.getVersion');
      return product;
    } finally {
      await session.detach();
    }
  }

  /** The running worker, woken by a message when it was stopped. */
  async worker(): Promise<Worker> {
    const prefix = `chrome-extension://${this.extensionId}/`;
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

  /**
   * Saves settings as the options page would (the interval is long, so no alarm fires meanwhile) and waits
   * for the poll that saving starts to finish for every source.
   */
  async configure(sources: readonly BenchSettingsSource[], notify = true): Promise<void> {
    const settings = {
      version: 1, pollMinutes: 60, staleHours: 26, paused: false,
      notifications: { newProblem: notify, recovered: notify, escalation: notify, quietStart: 0, quietEnd: 0 },
      sources: sources.map((s) => ({ id: s.id, label: s.label, clientId: s.clientId, appOrigin: s.origin, apiOrigin: s.origin, enabled: true })),
    };
    const since = Date.now();
    await this.inWorker(async (settings) => {
      await chrome.storage.local.set({ secrets: {} });
      await chrome.storage.sync.set({ settings });
    }, settings);
    const polled = await waitFor(30_000, async () => {
      const log = await this.readStore<{ sourceId: string; at: number }>('polls');
      return sources.every((s) => log.some((p) => p.sourceId === s.id && p.at >= since)) ? true : undefined;
    });
    if (!polled) throw new Error('The poll after saving the settings did not finish within 30 s.');
  }

  /** Pauses checks, so that no poll replaces the rows the popup benchmark writes (configure resumes). */
  async pause(): Promise<void> {
    await this.inWorker(async () => {
      const { settings } = await chrome.storage.sync.get('settings');
      await chrome.storage.sync.set({ settings: { ...(settings as object), paused: true } });
    }, null);
  }

  async badge(): Promise<string> {
    return this.page.evaluate(() => chrome.action.getBadgeText({}));
  }

  /** Every row of one store of the extension's IndexedDB, read with a connection of its own. */
  async readStore<T>(store: 'feeds' | 'polls' | 'transitions'): Promise<T[]> {
    return this.inWorker(async (store) => {
      const open = indexedDB.open('mbi-watch');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      try {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        return await new Promise<T[]>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error ?? new Error('getAll failed'));
        });
      } finally {
        db.close();
      }
    }, store);
  }

  /** Puts rows into the extension's `feeds` store, as a poll would have left them. */
  async writeFeeds(records: readonly unknown[]): Promise<void> {
    await this.inWorker(async (records) => {
      const open = indexedDB.open('mbi-watch');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      const tx = db.transaction('feeds', 'readwrite');
      for (const record of records) tx.objectStore('feeds').put(record);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('write failed'));
      });
      db.close();
      // A storage change makes the worker re-derive the popup's model from the rows just written (an
      // expired snooze, ignored otherwise); then wait until the model says so.
      await chrome.storage.local.set({ popupModel: null, snoozes: { 'bench/none': { until: Date.now() } } });
    }, records);
    const built = await waitFor(15_000, async () => {
      const model = await this.inWorker(async () => (await chrome.storage.local.get('popupModel')).popupModel as { builtAt?: number } | null, null);
      return model?.builtAt ? true : undefined;
    });
    if (!built) throw new Error('The worker did not rebuild the popup model within 15 s.');
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    rmSync(this.profileDir, { recursive: true, force: true });
    rmSync(BENCH_DIST, { recursive: true, force: true });
  }
}
