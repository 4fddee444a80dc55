// What one poll costs: Check now from an extension page, timed in the worker from the moment the list
// response has fully arrived to the moment the badge's new text is set; beside it, in the same worker right
// after each poll, the floor: JSON.parse of the same body, reading the stored list and rewriting it. For an
// MBI account (its connections list) and a Fivetran account (one page of `GET /v1/connections`).
import type { Simulator } from '../../test/simulator/server';
import { FIVETRAN_ACCOUNT, type BenchBrowser } from './browser';
import { median } from './stats';

export const CLIENT = 194;
export const WARM_UP = 2;
export const RUNS = 11;
/** Every 20th integration changes state before each run: 5 % of the list, broken and fixed in turn. */
const FLIP_EVERY = 20;
export const FIVETRAN_CONNECTIONS = 1_000;

/** Medians of the poll (body received → badge text set) and of its floor, in ms. */
export type PollResult = { notifications: boolean; integrations: number; poll: number; floor: number };

type Probe = {
  __benchProbe?: true;
  __benchPath?: string;
  __benchEnd?: number;
  __benchBadge?: number;
  __benchBody?: string;
} & { fetch: typeof fetch };

/** What a poll is timed on: the path of the list request, and the stored record the floor reads and rewrites. */
type Watched = { path: string; key: string };
const MBI_LIST: Watched = { path: '/input-connections', key: `bench-${CLIENT}-1:connections` };
const FIVETRAN_LIST: Watched = { path: '/fivetran/v1/connections', key: `${FIVETRAN_ACCOUNT}:fivetran` };

/** One Check now, then the floor on the body it fetched; undefined when the worker restarted in between. */
async function timedPoll(
  browser: BenchBrowser,
  watched: Watched,
): Promise<{ poll: number; floor: number } | undefined> {
  // The worker's fetch notes when the list body has fully arrived, then hands the same bytes on.
  await browser.inWorker((listPath) => {
    const g = globalThis as unknown as Probe;
    g.__benchPath = listPath;
    if (g.__benchProbe) return;
    g.__benchProbe = true;
    const original = g.fetch.bind(globalThis);
    g.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await original(input, init);
      const url = input instanceof Request ? input.url : String(input);
      const path = g.__benchPath;
      if (path === undefined || !url.includes(path) || response.status !== 200) return response;
      const body = await response.arrayBuffer();
      g.__benchBody = new TextDecoder().decode(body);
      g.__benchEnd = performance.timeOrigin + performance.now();
      return new Response(body, response);
    };
    // The badge's text is set once per change (the bench changes the count on every poll).
    const setText = chrome.action.setBadgeText.bind(chrome.action);
    chrome.action.setBadgeText = (details: chrome.action.BadgeTextDetails) => {
      g.__benchBadge = performance.timeOrigin + performance.now();
      return setText(details);
    };
  }, watched.path);
  await browser.checkNow();
  return browser.inWorker(async (key) => {
    const g = globalThis as unknown as Probe;
    const { __benchEnd: end, __benchBody: body, __benchBadge: badge } = g;
    [g.__benchEnd, g.__benchBadge] = [undefined, undefined];
    const done = (r: IDBRequest | IDBTransaction) =>
      new Promise((resolve, reject) => {
        if (r instanceof IDBTransaction) r.oncomplete = resolve;
        else r.onsuccess = resolve;
        r.onerror = () => reject(r.error ?? new Error('IndexedDB failed'));
      });
    const open = indexedDB.open('mbi-watch');
    await done(open);
    const db = open.result;
    let timed: { poll: number; floor: number } | undefined;
    if (end !== undefined && body !== undefined && badge !== undefined && badge > end) {
      const t0 = performance.now();
      JSON.parse(body);
      const get = db.transaction('feeds').objectStore('feeds').get(key);
      await done(get);
      const tx = db.transaction('feeds', 'readwrite');
      tx.objectStore('feeds').put(get.result);
      await done(tx);
      timed = { poll: badge - end, floor: performance.now() - t0 };
    }
    // The next poll starts from an empty transition log: the worker reads each problem's log, and the bench's
    // 5 % change per poll is far more than real days bring.
    const clear = db.transaction('transitions', 'readwrite');
    clear.objectStore('transitions').clear();
    await done(clear);
    db.close();
    return timed;
  }, watched.key);
}

/**
 * WARM_UP polls, then RUNS timed ones (a few spare for a worker restart), `flip(i)` changing the list before
 * each; after each the badge must show `problems(i)`. Medians of the poll and of its floor.
 */
async function timeRuns(
  browser: BenchBrowser,
  watched: Watched,
  flip: (i: number) => void,
  problems: (i: number) => number,
): Promise<{ poll: number; floor: number }> {
  const runs: { poll: number; floor: number }[] = [];
  for (let i = 0; i < WARM_UP + RUNS + 3 && runs.length < RUNS; i++) {
    flip(i);
    const run = await timedPoll(browser, watched);
    // A warm-up Check now may be answered by the check that saving the settings started, on the old list.
    if (i < WARM_UP) continue;
    if (run) runs.push(run);
    const want = problems(i);
    const badge = await browser.page.evaluate(() => chrome.action.getBadgeText({}));
    if (badge !== (want > 999 ? '999+' : String(want)))
      throw new Error(`After polling ${watched.path} the badge reads "${badge}", expected ${want}.`);
  }
  if (runs.length < RUNS) throw new Error(`Only ${runs.length} of ${RUNS} polls of ${watched.path} were timed.`);
  return { poll: median(runs.map((r) => r.poll)), floor: median(runs.map((r) => r.floor)) };
}

/** Polls of each size, notifications off, then on ("on": permitted, every kind enabled). */
export async function measurePolls(browser: BenchBrowser, sim: Simulator, step: (text: string) => void) {
  const results: PollResult[] = [];
  for (const notifications of [false, true]) {
    await browser.configure(sim, [String(CLIENT)], notifications);
    for (const integrations of [1_000, 10_000]) {
      step(`Poll of ${integrations} integrations, notifications ${notifications ? 'on' : 'off'}`);
      const { broken } = sim.generate(CLIENT, integrations, 0.1);
      const flipped = Math.ceil((integrations - 3) / FLIP_EVERY);
      // Odd runs break the flipped ones, even runs fix them.
      const flip = (i: number) => {
        for (let n = 3; n < integrations; n += FLIP_EVERY)
          sim.setConnection(CLIENT, 100_000 + n, { status: i % 2 === 1 ? '2' : '1' });
      };
      const problems = (i: number) => broken + (i % 2 === 1 ? flipped : 0);
      const { poll, floor } = await timeRuns(browser, MBI_LIST, flip, problems);
      results.push({ notifications, integrations, poll, floor });
    }
  }
  return results;
}

/** The same poll of one Fivetran account with FIVETRAN_CONNECTIONS connections, notifications off. */
export async function measureFivetranPoll(browser: BenchBrowser, sim: Simulator): Promise<PollResult> {
  sim.seedPipeline('fivetran', FIVETRAN_CONNECTIONS);
  await browser.configureFivetran(sim, false);
  const connections = () => sim.pipelines().connections.fivetran;
  // One in ten broken (half to reconnect, half failing), the rest healthy: the share of MBI's polls above.
  // Of the healthy ones every 20th is broken on odd runs and fixed on even ones.
  for (const [n, { id }] of connections().entries())
    sim.setPipelineConnection('fivetran', id, n % 10 !== 2 ? 'ok' : n % 20 === 2 ? 'reconnect' : 'broken');
  const flipped = connections().filter((_, n) => n % FLIP_EVERY === 0);
  const flip = (i: number) => {
    for (const { id } of flipped) sim.setPipelineConnection('fivetran', id, i % 2 === 1 ? 'broken' : 'ok');
  };
  // What needs attention by the simulator's own reading: not healthy, not paused.
  const problems = () => connections().filter((c) => c.state !== 'ok' && c.state !== 'paused').length;
  const { poll, floor } = await timeRuns(browser, FIVETRAN_LIST, flip, problems);
  return { notifications: false, integrations: FIVETRAN_CONNECTIONS, poll, floor };
}
