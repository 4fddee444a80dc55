// Worker cold start: the worker is stopped (CDP ServiceWorker.stopAllWorkers), the badge cleared, then a
// message wakes it; the time until the badge shows the stored count again is measured from the outside.
import type { CDPSession } from 'playwright-core';
import type { BenchBrowser } from './browser';
import { median, waitFor, within } from './stats';

const WARM_UP = 2;
const SAMPLES = 11;

export interface ColdStartResult {
  /** Message sent → badge text observed (ms), medians. */
  wakeToBadge: number;
  /** Worker global created (its performance.timeOrigin) → badge text observed. */
  scriptToBadge: number;
  samples: number;
}

async function stopWorker(browser: BenchBrowser, session: CDPSession, status: Map<string, string>, stops: Set<string>): Promise<void> {
  const prefix = browser.url('');
  const ours = () => [...status].filter(([url]) => url.startsWith(prefix));
  // A worker may start again at once, for an event queued while it stopped: then it is stopped again, so
  // that the wake below always meets a stopped worker.
  for (let attempt = 0; attempt < 5; attempt++) {
    stops.clear();
    await session.send('ServiceWorker.stopAllWorkers');
    const stopped = await waitFor(10_000, () => Promise.resolve(ours().some(([url]) => stops.has(url)) ? true : undefined), 20);
    if (!stopped) break;
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (ours().every(([, s]) => s === 'stopped')) return;
  }
  throw new Error(`The worker did not stay stopped (${JSON.stringify(ours())}).`);
}

/** Sends a message that wakes the worker (and that it ignores), then polls the badge until it reads `expected`. */
async function wakeAndWatch(browser: BenchBrowser, expected: string): Promise<{ sent: number; seen: number } | null> {
  return browser.page.evaluate(async (expected) => {
    const sent = performance.timeOrigin + performance.now();
    chrome.runtime.sendMessage({ type: 'bench-wake' }).catch(() => undefined);
    for (let i = 0; i < 50_000 && performance.timeOrigin + performance.now() - sent < 10_000; i++) {
      if ((await chrome.action.getBadgeText({})) === expected) return { sent, seen: performance.timeOrigin + performance.now() };
    }
    return null;
  }, expected);
}

export async function measureColdStart(browser: BenchBrowser, expected: string): Promise<ColdStartResult> {
  const session = await browser.context.newCDPSession(browser.page);
  const status = new Map<string, string>();
  /** Workers seen stopped since the last stop request: a quick restart must not hide the stop. */
  const stops = new Set<string>();
  session.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) {
      status.set(v.scriptURL, v.runningStatus);
      if (v.runningStatus === 'stopped') stops.add(v.scriptURL);
    }
  });
  await session.send('ServiceWorker.enable');
  const wake: number[] = [];
  const script: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      await browser.page.evaluate(() => chrome.action.setBadgeText({ text: '' }));
      await stopWorker(browser, session, status, stops);
      const seen = await within(15_000, 'the cold start', wakeAndWatch(browser, expected));
      if (!seen) throw new Error(`The badge did not show "${expected}" within 10 s of waking the worker.`);
      const started = await browser.inWorker(() => performance.timeOrigin, undefined);
      if (i < WARM_UP) continue;
      wake.push(seen.seen - seen.sent);
      script.push(seen.seen - started);
    }
  } finally {
    await session.detach();
  }
  return { wakeToBadge: median(wake), scriptToBadge: median(script), samples: SAMPLES };
}
