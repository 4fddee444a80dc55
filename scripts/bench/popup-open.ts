// Popup open → rows painted, against the floor page (one script that reads the stored model and adds a
// line), in the same browser and in alternation. The stored state comes from a real poll of the simulator.
import type { BrowserContext } from 'playwright-core';
import { firstRows } from '../../src/shared/popup-model';
import type { Simulator } from '../../test/simulator/server';
import { FLOOR_PAGE, type BenchBrowser } from './browser';
import { median, within } from './stats';

export const PROBLEMS = 500;
const ACCOUNTS = 5;
/** Healthy and broken integrations per account; only the broken ones become rows. */
const PER_ACCOUNT = 300;
const WARM_UP = 5;
export const SAMPLES = 21;
const FLOOR_SHOWN = "document.querySelector('p.floor')";

export interface PopupResult {
  /** Navigation start → the first frame after the rows are in the DOM, median. */
  popup: number;
  /** The same for the floor page's line. */
  floor: number;
}

/**
 * Opens `url` in a new 400 × 600 tab with a probe installed before any of its scripts: the moment the JS
 * expression `shown` first holds (a MutationObserver) and the first frame after it (rAF, then one task).
 */
export async function openTimed(context: BrowserContext, url: string, shown: string): Promise<{ dom: number; frame: number }> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(`(() => {
  if (location.protocol !== 'chrome-extension:') return;
  let done;
  window.__benchShown = new Promise((resolve) => { done = resolve; });
  const observer = new MutationObserver(() => {
    if (!(${shown})) return;
    observer.disconnect();
    const dom = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done({ dom, frame: performance.now() });
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`);
    await page.goto(url, { timeout: 20_000 });
    return await within(20_000, `${shown} on ${url}`, page.evaluate<{ dom: number; frame: number }>('window.__benchShown'));
  } finally {
    await page.close();
  }
}

/** Stores ACCOUNTS accounts of PER_ACCOUNT integrations, PROBLEMS of them broken, by one Check now; then pauses checks. */
async function storeProblems(browser: BenchBrowser, sim: Simulator): Promise<void> {
  // The simulator has two clients: every account reads client 2, each storing its own copy.
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `bench-${i + 1}`, label: `Bench account ${i + 1}`, clientId: '2', origin: sim.url }));
  sim.generate(2, PER_ACCOUNT, (PROBLEMS / ACCOUNTS + 0.5) / PER_ACCOUNT);
  await browser.configure(accounts, false);
  await browser.checkNow();
  const badge = await browser.badge();
  if (badge !== String(PROBLEMS)) throw new Error(`With ${PROBLEMS} problems stored the badge reads "${badge}".`);
  // Paused, so that no poll replaces the stored rows while the pages are timed.
  await browser.configure(accounts, false, true);
}

export async function measurePopup(browser: BenchBrowser, sim: Simulator): Promise<PopupResult> {
  await storeProblems(browser, sim);
  // The popup paints the first rows of each account and the rest on request.
  const rows = Math.min(firstRows(ACCOUNTS), PROBLEMS / ACCOUNTS) * ACCOUNTS;
  const popup: number[] = [];
  const floor: number[] = [];
  const open = async (path: string, shown: string) => (await openTimed(browser.context, browser.url(path), shown)).frame;
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    // Alternate which page goes first, so neither always follows the other.
    const floorFirst = i % 2 === 1 ? await open(FLOOR_PAGE, FLOOR_SHOWN) : undefined;
    const popupTime = await open('src/popup/index.html', `document.querySelectorAll('li.row').length >= ${rows}`);
    const floorTime = floorFirst ?? (await open(FLOOR_PAGE, FLOOR_SHOWN));
    if (i < WARM_UP) continue;
    popup.push(popupTime);
    floor.push(floorTime);
  }
  return { popup: median(popup), floor: median(floor) };
}
