// Popup open → rows painted, against the floor page (one script that reads the stored model and adds a
// line), in the same browser and in alternation. The stored state comes from a real poll of the simulator.
import { isGroup, type PopupModel } from '../../src/core/popup-model';
import type { Simulator } from '../../test/simulator/server';
import { FLOOR_PAGE, type BenchBrowser } from './browser';
import { median, within } from './stats';

export const PROBLEMS = 500;
export const ACCOUNTS = 5;
/** Integrations of each account, a third of them broken. */
export const PER_ACCOUNT = 300;
const CLIENT = 2;
export const WARM_UP = 5;
export const SAMPLES = 21;

// Medians of the popup (navigation start → first frame after the rows are in the DOM) and of the floor page;
// the model's entries shown (the first of each account), the groups and problems among them, and all entries.
export type PopupResult = { popup: number; floor: number; shown: number; groups: number; grouped: number; all: number };

// Opens `path` in a new 400 × 600 tab with a probe installed before any of its scripts: the time from
// navigation start to the first frame (rAF, then one task) after the JS expression `shown` first holds.
async function openTimed(browser: BenchBrowser, path: string, shown: string): Promise<number> {
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    await page.addInitScript(`(() => {
  if (location.protocol !== 'chrome-extension:') return;
  let done;
  window.__benchShown = new Promise((resolve) => { done = resolve; });
  const observer = new MutationObserver(() => {
    if (!(${shown})) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`);
    await page.goto(browser.origin + path, { timeout: 20_000 });
    return await within(20_000, `${shown} on ${path}`, page.evaluate<number>('window.__benchShown'));
  } finally {
    await page.close();
  }
}

// Breaks a third of client 2's integrations, over every provider, half needing re-authorization. Each error names
// its integration, as real ones name a host, except those of OAuth re-authorizations, so that alike ones fold.
function seedProblems(sim: Simulator): void {
  sim.generate(CLIENT, PER_ACCOUNT, 0);
  const connections = sim.state().clients.find((c) => c.id === CLIENT)?.connections ?? [];
  for (let k = 0; k < PROBLEMS / ACCOUNTS; k++) {
    const c = connections[3 * k + (k % 3)];
    if (!c) throw new Error(`The simulator's client ${CLIENT} has too few integrations.`);
    const reauth = k % 2 === 0;
    const { properties } = sim.setConnection(CLIENT, c.id, { status: reauth ? '2' : '3' });
    if (!reauth || c.integration_type.protocol !== 'oauth2')
      sim.setConnection(CLIENT, c.id, { error: `${properties.error} (${c.name})` });
  }
}

export async function measurePopup(browser: BenchBrowser, sim: Simulator): Promise<PopupResult> {
  // ACCOUNTS accounts reading client 2, PROBLEMS problems in all, stored by one Check now; then paused, so
  // that no poll replaces the stored rows while the pages are timed.
  seedProblems(sim);
  const clients = Array<string>(ACCOUNTS).fill(String(CLIENT));
  await browser.configure(sim, clients, false);
  await browser.checkNow();
  const badge = await browser.page.evaluate(() => chrome.action.getBadgeText({}));
  if (badge !== String(PROBLEMS)) throw new Error(`With ${PROBLEMS} problems stored the badge reads "${badge}".`);
  await browser.configure(sim, clients, false, true);
  const model = (await browser.page.evaluate(() => chrome.storage.local.get('popupModel'))).popupModel as PopupModel;
  const entries = model.accounts.flatMap((a) => a.entries);
  const groups = entries.filter(isGroup);
  const rowsShown = `document.querySelectorAll('section.account > ul.rows > li.row').length >= ${entries.length}`;
  const floorShown = "document.querySelector('p.floor')";
  const popup: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < WARM_UP + SAMPLES; i++) {
    // Alternate which page goes first, so neither always follows the other.
    const floorFirst = i % 2 === 1 ? await openTimed(browser, FLOOR_PAGE, floorShown) : undefined;
    const popupTime = await openTimed(browser, 'src/popup/index.html', rowsShown);
    const floorTime = floorFirst ?? (await openTimed(browser, FLOOR_PAGE, floorShown));
    if (i < WARM_UP) continue;
    popup.push(popupTime);
    floor.push(floorTime);
  }
  const grouped = groups.reduce((n, g) => n + g.count, 0);
  const all = model.accounts.reduce((n, a) => n + a.entryCount, 0);
  return { popup: median(popup), floor: median(floor), shown: entries.length, groups: groups.length, grouped, all };
}
