// What one poll costs as the number of integrations grows: "Check now" from an extension page, timed from
// the moment the connections response has fully arrived in the worker to the answer after the badge is drawn.
import type { Simulator } from '../../test/simulator/server';
import type { BenchBrowser } from './browser';
import { median, within } from './stats';
import { installProfile, uninstallProfile, type ApiTime } from './worker-profile';

const CLIENT = 194;
const SOURCE_ID = 'bench-poll';
const WARM_UP = 2;
const RUNS = 11;
/** Every 20th integration changes state before each run: 5 % of the list, broken and fixed in turn. */
const FLIP_EVERY = 20;
const FLIP_OFFSET = 3;

export interface PollRun {
  /** Connections response fully received in the worker → Check now answered (badge drawn). */
  afterResponse: number;
  /** Check now sent → connections request started: settings, IndexedDB reads, host-access check. */
  beforeRequest: number;
  /** Request started → body fully received (simulator serialisation and transfer). */
  network: number;
  /** The poll log's durationMs for the same poll. */
  logged: number;
  bytes: number;
  /** Other requests the worker's fetch made during the run, e.g. a notification's icon. */
  otherFetches: string[];
}

export interface PollResult {
  integrations: number;
  runs: number;
  median: PollRun;
  perIntegrationUs: number;
  /** Single operations on the stored record of this size, timed in the same worker. */
  parts: { jsonParse: number; idbRead: number; idbWrite: number };
  /** One more poll with the worker's browser APIs wrapped: time awaited per API, whole command. */
  profile: { total: number; apis: ApiTime[]; otherFetches: string[] };
}

interface FetchTiming {
  url: string;
  start: number;
  end: number;
  bytes: number;
}

/** Wraps the worker's fetch so it records when each body has fully arrived; re-installed after a restart. */
async function installFetchProbe(browser: BenchBrowser): Promise<void> {
  await browser.inWorker(() => {
    const g = globalThis as unknown as { __benchFetch?: FetchTiming[]; __benchBody?: string; fetch: typeof fetch };
    if (g.__benchFetch) return;
    const original = g.fetch.bind(globalThis);
    const log: FetchTiming[] = [];
    g.__benchFetch = log;
    g.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const start = performance.timeOrigin + performance.now();
      const response = await original(input, init);
      if (response.type === 'opaqueredirect' || response.status < 200 || [204, 205, 304].includes(response.status)) return response;
      const body = await response.arrayBuffer();
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      log.push({ url, start, end: performance.timeOrigin + performance.now(), bytes: body.byteLength });
      if (url.includes('/input-connections')) g.__benchBody = new TextDecoder().decode(body);
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }, undefined);
}

async function checkNow(browser: BenchBrowser): Promise<{ sent: number; answered: number }> {
  return within(120_000, 'Check now', browser.page.evaluate(async () => {
    const sent = performance.timeOrigin + performance.now();
    await chrome.runtime.sendMessage({ type: 'check-now' });
    return { sent, answered: performance.timeOrigin + performance.now() };
  }));
}

async function timedPoll(browser: BenchBrowser): Promise<PollRun | undefined> {
  await installFetchProbe(browser);
  const { sent, answered } = await checkNow(browser);
  const fetched = await browser.inWorker(() => (globalThis as unknown as { __benchFetch?: FetchTiming[] }).__benchFetch?.splice(0) ?? [], undefined);
  const request = fetched.find((f) => f.url.includes('/input-connections'));
  const polls = await browser.readStore<{ sourceId: string; at: number; durationMs: number }>('polls');
  const logged = polls.filter((p) => p.sourceId === SOURCE_ID).sort((a, b) => b.at - a.at)[0];
  if (!request || !logged) return undefined; // The worker restarted mid-run and lost the probe.
  const otherFetches = fetched.filter((f) => f !== request).map((f) => new URL(f.url).pathname);
  return { afterResponse: answered - request.end, beforeRequest: request.start - sent, network: request.end - request.start, logged: logged.durationMs, bytes: request.bytes, otherFetches };
}

/** JSON.parse of the last body, and a read and an unchanged rewrite of the stored feed record. */
async function measureParts(browser: BenchBrowser): Promise<PollResult['parts']> {
  return browser.inWorker(async (key) => {
    const body = (globalThis as unknown as { __benchBody?: string }).__benchBody ?? '[]';
    const t0 = performance.now();
    JSON.parse(body);
    const t1 = performance.now();
    const open = indexedDB.open('mbi-watch');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    const t2 = performance.now();
    const get = db.transaction('feeds', 'readonly').objectStore('feeds').get(key);
    const record: unknown = await new Promise((resolve, reject) => {
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error ?? new Error('get failed'));
    });
    const t3 = performance.now();
    const tx = db.transaction('feeds', 'readwrite');
    tx.objectStore('feeds').put(record);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('put failed'));
    });
    const t4 = performance.now();
    db.close();
    return { jsonParse: t1 - t0, idbRead: t3 - t2, idbWrite: t4 - t3 };
  }, `${SOURCE_ID}:connections`);
}

function flip(sim: Simulator, integrations: number, broken: boolean): void {
  for (let i = FLIP_OFFSET; i < integrations; i += FLIP_EVERY) sim.setConnection(CLIENT, 100_000 + i, { status: broken ? '2' : '1' });
}

export function pollSources(origin: string) {
  return [{ id: SOURCE_ID, label: 'Bench poll account', clientId: String(CLIENT), origin }];
}

export async function measurePoll(browser: BenchBrowser, sim: Simulator, integrations: number): Promise<PollResult> {
  const { broken } = sim.generate(CLIENT, integrations, 0.1);
  for (let i = 0; i < WARM_UP; i++) await checkNow(browser);
  const runs: PollRun[] = [];
  let flippedBroken = false;
  for (let i = 0; i < RUNS + 3 && runs.length < RUNS; i++) {
    flippedBroken = !flippedBroken;
    flip(sim, integrations, flippedBroken);
    const run = await timedPoll(browser);
    if (run) runs.push(run);
  }
  if (runs.length < RUNS) throw new Error(`Only ${runs.length} of ${RUNS} polls of ${integrations} integrations could be timed.`);
  // The badge must show the generated broken ones plus the flipped ones, if the last flip broke them.
  const flipped = flippedBroken ? Math.ceil((integrations - FLIP_OFFSET) / FLIP_EVERY) : 0;
  const badge = await browser.badge();
  const want = broken + flipped > 999 ? '999+' : String(broken + flipped);
  if (badge !== want) throw new Error(`After polling ${integrations} integrations the badge reads "${badge}", expected "${want}".`);
  flip(sim, integrations, !flippedBroken);
  await installProfile(browser);
  const profiled = await timedPoll(browser);
  const apis = await uninstallProfile(browser);
  const pick = (f: (r: PollRun) => number) => median(runs.map(f));
  const m: PollRun = { afterResponse: pick((r) => r.afterResponse), beforeRequest: pick((r) => r.beforeRequest), network: pick((r) => r.network), logged: pick((r) => r.logged), bytes: pick((r) => r.bytes), otherFetches: [] };
  const profile = { total: profiled ? profiled.beforeRequest + profiled.network + profiled.afterResponse : Number.NaN, apis, otherFetches: profiled?.otherFetches ?? [] };
  return { integrations, runs: runs.length, median: m, perIntegrationUs: (m.afterResponse / integrations) * 1000, parts: await measureParts(browser), profile };
}
