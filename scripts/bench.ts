// `npm run bench`: builds both variants, then measures in real Chromium against the local simulator how fast
// the popup paints, what a poll costs as integrations grow, the worker's cold start, the shipped sizes and
// the IndexedDB growth; prints one table and writes it to bench/results.md. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { startSimulator } from '../test/simulator/server';
import { BenchBrowser } from './bench/browser';
import { measureColdStart, type ColdStartResult } from './bench/cold-start';
import { measureFirstOpen } from './bench/first-open';
import { measurePoll, pollSources } from './bench/poll-cost';
import { accountSources, measurePopup, type PopupResult } from './bench/popup-open';
import { markdown, rows, table, type BenchResults, type PollSeries } from './bench/report';
import { buildSizes } from './bench/sizes';
import { within } from './bench/stats';
import { measureStorage } from './bench/storage-growth';
import { findChromium, INSTALL_HINT } from './chromium';

const RESULTS = 'bench/results.md';
const POPUP_PROBLEMS = [0, 50, 500] as const;
const POLL_SIZES = [100, 1_000, 10_000] as const;
/** Everything together stays under ten minutes; the storage run gets what is left, at most five. */
const TOTAL_BUDGET_MS = 9.5 * 60_000;
const MINUTE = 60_000;

const started = Date.now();
const loadAtStart = loadavg()[0] ?? 0;

function step(text: string): void {
  console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${text}`);
}

function build(mode: string[]): void {
  const result = spawnSync('npx', ['vite', 'build', ...mode, '--logLevel', 'warn'], { stdio: 'inherit', timeout: 4 * MINUTE });
  if (result.status !== 0) throw new Error(`vite build ${mode.join(' ')} failed.`);
}

async function inBrowser(): Promise<Pick<BenchResults, 'popup' | 'coldStart' | 'poll'> & { chromium: string }> {
  const sim = await startSimulator();
  const browser = await BenchBrowser.launch();
  const stop = () => void browser.close().finally(() => void sim.close());
  process.once('SIGINT', stop);
  try {
    const chromium = await browser.version();
    const accounts = accountSources(sim.url);
    await browser.configure(accounts);
    await browser.pause();
    const popup: PopupResult[] = [];
    for (const problems of POPUP_PROBLEMS) {
      step(`Popup with ${problems} problem integrations, against the empty page`);
      popup.push(await within(3 * MINUTE, 'the popup benchmark', measurePopup(browser, accounts, problems)));
    }
    step('Worker cold start');
    // Checks are paused (so no poll replaces the stored rows): the badge reads "||", drawn from the same
    // stored state of 500 problems, and the worker builds the same popup model for it.
    const coldStart: ColdStartResult | { error: string } = await within(MINUTE, 'the cold-start benchmark', measureColdStart(browser, await browser.badge()))
      .catch((error: unknown) => ({ error: error instanceof Error ? error.message.slice(0, 120) : String(error) }));

    await browser.context.addCookies([{ name: 'rjm_session', value: sim.mintSession(), url: sim.url, httpOnly: true, sameSite: 'Lax' }]);
    const poll: PollSeries[] = [];
    for (const notifications of [false, true]) {
      await browser.configure(pollSources(sim.url), notifications);
      const results = [];
      for (const size of POLL_SIZES) {
        step(`Poll of ${size} integrations, notifications ${notifications ? 'on' : 'off'}`);
        results.push(await within(3 * MINUTE, 'the poll benchmark', measurePoll(browser, sim, size)));
      }
      poll.push({ notifications, results });
    }
    return { chromium, popup, coldStart, poll };
  } finally {
    process.off('SIGINT', stop);
    await browser.close();
    await sim.close();
  }
}

async function main(): Promise<void> {
  if (!findChromium()) throw new Error(`The benchmark needs Chromium and none was found. ${INSTALL_HINT}`);
  step('Building dist/ and dist-sim/');
  build([]);
  build(['--mode', 'sim']);
  const sizes = buildSizes('dist');
  step('First popup after install, on fresh profiles');
  const firstOpen = await measureFirstOpen('dist-sim');
  const measured = await inBrowser();

  step('IndexedDB growth over simulated days');
  const deadline = Math.min(Date.now() + 5 * MINUTE, started + TOTAL_BUDGET_MS);
  const storage = await measureStorage(deadline, (line) => console.log(line));

  const cpu = cpus();
  const results: BenchResults = {
    env: {
      chromium: `${measured.chromium} (${findChromium() ?? 'unknown path'})`,
      cpus: `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'})`,
      memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory`,
      node: process.version,
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      load: [loadAtStart, loadavg()[0] ?? 0],
    },
    popup: measured.popup,
    firstOpen,
    coldStart: measured.coldStart,
    poll: measured.poll,
    sizes,
    storage,
    elapsedMs: Date.now() - started,
  };
  mkdirSync('bench', { recursive: true });
  writeFileSync(RESULTS, markdown(results));
  console.log(`\n${table(rows(results))}\n\nWritten to ${RESULTS}.`);
}

main().catch((error: unknown) => {
  console.error(`\nThe benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
