// What one poll costs: "Check now" from an extension page, timed in the worker from the moment the
// connections response has fully arrived to the answer after the badge is drawn; beside it, in the same
// worker right after each poll, the floor: JSON.parse of the same body, reading the stored list, rewriting it.
import type { Simulator } from '../../test/simulator/server';
import type { BenchBrowser, BenchAccount } from './browser';
import { median } from './stats';

const CLIENT = 194;
const ACCOUNT_ID = 'bench-poll';
const RUNS = 11;
/** Every 20th integration changes state before each run: 5 % of the list, broken and fixed in turn. */
const FLIP_EVERY = 20;

export interface PollResult {
  integrations: number;
  /** Connections body fully received in the worker → Check now answered (badge drawn), median. */
  poll: number;
  /** JSON.parse of that body + reading the stored feed record + rewriting it, median. */
  floor: number;
}

type ProbeGlobals = { __benchProbe?: true; __benchEnd?: number; __benchBody?: string; fetch: typeof fetch };

/** One Check now; then, in the same worker, the floor on the body it fetched. Undefined when the worker restarted mid-run. */
async function timedPoll(browser: BenchBrowser): Promise<{ poll: number; floor: number } | undefined> {
  // Every poll starts from an empty transition log: after each poll the worker reads 30 days of it, and the
  // bench's 5 % per poll is far more change than real days bring (that cost grows with the log).
  // The worker's fetch notes when the connections body has fully arrived, then hands the same bytes on.
  await browser.inWorker(async () => {
    const g = globalThis as unknown as ProbeGlobals;
    const open = indexedDB.open('mbi-watch');
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const tx = db.transaction('transitions', 'readwrite');
    tx.objectStore('transitions').clear();
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    if (g.__benchProbe) return;
    g.__benchProbe = true;
    const original = g.fetch.bind(globalThis);
    g.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await original(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.includes('/input-connections') || response.status !== 200) return response;
      const body = await response.arrayBuffer();
      g.__benchEnd = performance.timeOrigin + performance.now();
      g.__benchBody = new TextDecoder().decode(body);
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }, undefined);
  const answered = await browser.checkNow();
  const measured = await browser.inWorker(async (key) => {
    const g = globalThis as unknown as ProbeGlobals;
    const { __benchEnd: end, __benchBody: body } = g;
    delete g.__benchEnd;
    if (end === undefined || body === undefined) return undefined;
    const t0 = performance.now();
    JSON.parse(body);
    const parsed = performance.now() - t0;
    const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => Object.assign(r, { onsuccess: () => resolve(r.result), onerror: () => reject(r.error ?? new Error('IndexedDB request failed')) }));
    const db = await request(indexedDB.open('mbi-watch'));
    const t1 = performance.now();
    const record: unknown = await request(db.transaction('feeds').objectStore('feeds').get(key));
    const tx = db.transaction('feeds', 'readwrite');
    tx.objectStore('feeds').put(record);
    await new Promise((resolve, reject) => Object.assign(tx, { oncomplete: resolve, onerror: () => reject(tx.error ?? new Error('IndexedDB write failed')) }));
    const floor = parsed + performance.now() - t1;
    db.close();
    return { end, floor };
  }, `${ACCOUNT_ID}:connections`);
  return measured && { poll: answered - measured.end, floor: measured.floor };
}

export function pollAccounts(origin: string): BenchAccount[] {
  return [{ id: ACCOUNT_ID, label: 'Bench poll account', clientId: String(CLIENT), origin }];
}

export async function measurePoll(browser: BenchBrowser, sim: Simulator, integrations: number): Promise<PollResult> {
  const { broken } = sim.generate(CLIENT, integrations, 0.1);
  const flipped = Math.ceil((integrations - 3) / FLIP_EVERY);
  const runs: { poll: number; floor: number }[] = [];
  // Two warm-up polls, then RUNS timed ones, with a few spare for a worker restart; odd runs break the flipped ones.
  for (let i = 0; i < RUNS + 5 && runs.length < RUNS; i++) {
    for (let n = 3; n < integrations; n += FLIP_EVERY) sim.setConnection(CLIENT, 100_000 + n, { status: i % 2 === 1 ? '2' : '1' });
    const run = await timedPoll(browser);
    // A warm-up Check now may be answered by the poll that saving the settings started, on the old list.
    if (i < 2) continue;
    if (run) runs.push(run);
    const want = broken + (i % 2 === 1 ? flipped : 0);
    const badge = await browser.badge();
    if (badge !== (want > 999 ? '999+' : String(want))) throw new Error(`After polling ${integrations} integrations the badge reads "${badge}", expected ${want}.`);
  }
  if (runs.length < RUNS) throw new Error(`Only ${runs.length} of ${RUNS} polls of ${integrations} integrations could be timed.`);
  return { integrations, poll: median(runs.map((r) => r.poll)), floor: median(runs.map((r) => r.floor)) };
}
