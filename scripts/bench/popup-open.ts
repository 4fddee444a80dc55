// Popup open → list painted, against the floor: an empty page of the same extension, and beside it two pages
// with one script (adding a line; reading the stored model, then adding a line). Same browser, the four in
// rotation. Stored state is written straight into IndexedDB, so every sample sees the same data.
import type { Page } from 'playwright-core';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { firstRows } from '../../src/shared/popup-model';
import type { FeedRecord, Integration } from '../../src/shared/types';
import { generateConnections } from '../../test/simulator/data';
import { BENCH_DIST, EMPTY_PAGE, ONE_SCRIPT_PAGE, SCRIPTED_PAGE, SCRIPTED_SELECTOR, type BenchBrowser, type BenchSettingsSource } from './browser';
import { startCpuProfile, stopCpuProfile, type HotFunction } from './cpu-profile';
import { median, within } from './stats';

export const ACCOUNTS = 5;
/** Healthy and broken integrations stored per account; only the broken ones become rows. */
const PER_ACCOUNT = 300;
const DAY = 86_400_000;
const WARM_UP = 5;
const SAMPLES = 21;

export interface PaintTimes {
  /** The last row (or, for the empty page, the load event) is in the DOM. */
  dom: number;
  /** A frame was produced after that: requestAnimationFrame, then a task after the frame. */
  frame: number;
}

/** Chromium's own counters for one page load (CDP Performance.getMetrics), in ms. */
export interface PageProfile {
  script: number;
  style: number;
  layout: number;
  task: number;
  /** Functions with the most self time in the same load (sampled CPU profile). */
  hot: HotFunction[];
}

export interface PopupResult {
  problems: number;
  stored: number;
  popup: { dom: number; frame: number; profile: PageProfile };
  empty: { dom: number; frame: number; profile: PageProfile };
  /** The page whose one script adds a line (ONE_SCRIPT_PAGE). */
  oneScript: PaintTimes;
  /** The page whose one script reads the model, then adds a line (SCRIPTED_PAGE). */
  scripted: PaintTimes;
  /** popup / empty, on the frame times. */
  ratio: number;
  samples: number;
}

/** Installed before any script of the page runs; resolves `__benchPaint` once the target is painted. */
function probe(selector: string | null, expected: number): string {
  return `(() => {
  globalThis.__name ??= (f) => f;
  if (location.protocol !== 'chrome-extension:') return;
  let done;
  window.__benchPaint = new Promise((resolve) => { done = resolve; });
  const painted = (dom) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done({ dom, frame: performance.now() });
    channel.port2.postMessage(null);
  });
  const selector = ${JSON.stringify(selector)};
  if (selector === null) {
    addEventListener('load', () => painted(performance.now()), { once: true });
    return;
  }
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll(selector).length < ${expected}) return;
    observer.disconnect();
    painted(performance.now());
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}

export function accountSources(origin: string): BenchSettingsSource[] {
  return Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `bench-${i + 1}`, label: `Bench account ${i + 1}`, clientId: String(9001 + i), origin }));
}

/** What a poll would have stored for each account: PER_ACCOUNT integrations, `problems / ACCOUNTS` of them broken. */
export function storedFeeds(sources: readonly BenchSettingsSource[], problems: number, now: number): FeedRecord[] {
  const broken = problems / sources.length;
  return sources.map((source, a) => {
    const parsed = parseConnections(generateConnections(Number(source.clientId), PER_ACCOUNT, (broken + 0.5) / PER_ACCOUNT, now));
    if (!parsed.ok) throw new Error(`The generated connections did not parse: ${parsed.error.message}`);
    const integrations = parsed.data.integrations.map((i, n): Integration => ({ ...i, since: now - ((n + a) % 30) * DAY - n * 60_000 }));
    const found = integrations.filter((i) => i.state !== 'ok').length;
    if (found !== broken) throw new Error(`Expected ${broken} broken integrations per account, generated ${found}.`);
    return { key: `${source.id}:connections`, sourceId: source.id, feed: 'connections', lastAttemptAt: now, lastSuccessAt: now, failures: 0, data: { feed: 'connections', integrations } };
  });
}

/** Waits for the probe; when it never fires, says what the page shows instead. */
async function painted(page: Page, selector: string | null, expected: number, errors: readonly string[]): Promise<PaintTimes> {
  try {
    return await within(20_000, 'painting', page.evaluate<PaintTimes>('window.__benchPaint'));
  } catch (error) {
    const shown = await page.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '');
    const what = selector === null ? 'the load event' : `${expected} × ${selector}`;
    throw new Error(`${page.url()} never showed ${what} (${error instanceof Error ? error.message : String(error)}). ` +
      `Page errors: ${errors.join('; ') || 'none'}. Text: ${JSON.stringify(shown)}`, { cause: error });
  }
}

async function paint(browser: BenchBrowser, path: string, selector: string | null, expected: number): Promise<PaintTimes> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(probe(selector, expected));
    await page.goto(browser.url(path), { timeout: 20_000 });
    return await painted(page, selector, expected, errors);
  } finally {
    await page.close();
  }
}

/** One more load, profiled: Chromium's counters (script, style, layout, all tasks) and a CPU profile. */
async function profile(browser: BenchBrowser, path: string, selector: string | null, expected: number): Promise<PageProfile> {
  const page = await browser.context.newPage();
  const session = await browser.context.newCDPSession(page);
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await session.send('Performance.enable');
    await startCpuProfile(session);
    await page.addInitScript(probe(selector, expected));
    await page.goto(browser.url(path), { timeout: 20_000 });
    await painted(page, selector, expected, []);
    const hot = await stopCpuProfile(session, BENCH_DIST);
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name: string) => (metrics.find((m) => m.name === name)?.value ?? Number.NaN) * 1000;
    return { script: metric('ScriptDuration'), style: metric('RecalcStyleDuration'), layout: metric('LayoutDuration'), task: metric('TaskDuration'), hot };
  } finally {
    await session.detach().catch(() => undefined);
    await page.close();
  }
}

export async function measurePopup(browser: BenchBrowser, sources: readonly BenchSettingsSource[], problems: number): Promise<PopupResult> {
  await browser.writeFeeds(storedFeeds(sources, problems, Date.now()));
  // The popup paints the first rows of each account and the rest on request.
  const perAccount = Math.min(firstRows(sources.length), Math.ceil(problems / sources.length));
  const [selector, expected] = problems > 0 ? ['li.row', perAccount * sources.length] : ['[data-testid="all-good"]', sources.length];
  const pages = {
    popup: () => paint(browser, 'src/popup/index.html', selector, expected),
    empty: () => paint(browser, EMPTY_PAGE, null, 0),
    oneScript: () => paint(browser, ONE_SCRIPT_PAGE, SCRIPTED_SELECTOR, 1),
    scripted: () => paint(browser, SCRIPTED_PAGE, SCRIPTED_SELECTOR, 1),
  };
  const times: Record<keyof typeof pages, PaintTimes[]> = { popup: [], empty: [], oneScript: [], scripted: [] };
  const names = Object.keys(pages) as (keyof typeof pages)[];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    // Rotate which page goes first, so none always follows another.
    for (let k = 0; k < names.length; k++) {
      const which = names[(i + k) % names.length] ?? 'popup';
      const measured = await pages[which]();
      if (i >= WARM_UP) times[which].push(measured);
    }
  }
  const plain = (list: PaintTimes[]): PaintTimes => ({ dom: median(list.map((t) => t.dom)), frame: median(list.map((t) => t.frame)) });
  const p = { ...plain(times.popup), profile: await profile(browser, 'src/popup/index.html', selector, expected) };
  const e = { ...plain(times.empty), profile: await profile(browser, EMPTY_PAGE, null, 0) };
  return { problems, stored: sources.length * PER_ACCOUNT, popup: p, empty: e, oneScript: plain(times.oneScript), scripted: plain(times.scripted), ratio: p.frame / e.frame, samples: SAMPLES };
}
