// `npm run bench`: builds both variants, then measures issue 11's performance targets, each against its
// floor measured in the same run: the popup with 500 problems, a poll of 1,000 and 10,000 integrations,
// the shipped sizes, IndexedDB after 90 days; and the first popup after install. Writes bench/results.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { createServer } from 'vite';
import { startSimulator } from '../test/simulator/server';
import { BenchBrowser } from './bench/browser';
import { measureFirstOpen } from './bench/first-open';
import { measurePoll, pollAccounts } from './bench/poll-cost';
import { measurePopup } from './bench/popup-open';
import { markdown, rows, table, type BenchResults } from './bench/report';
import { buildSizes } from './bench/sizes';
import { within } from './bench/stats';
import type * as StorageGrowth from './bench/storage-growth';
import { findChromium, INSTALL_HINT } from './chromium';

const MINUTE = 60_000;
const started = Date.now();
const loadAtStart = loadavg()[0] ?? 0;
const step = (text: string) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${text}`);

function build(...mode: string[]): void {
  const result = spawnSync('npx', ['vite', 'build', ...mode, '--logLevel', 'warn'], {
    stdio: 'inherit',
    timeout: 4 * MINUTE,
  });
  if (result.status !== 0) throw new Error(`vite build ${mode.join(' ')} failed.`);
}

async function inBrowser(): Promise<Pick<BenchResults, 'popup' | 'poll'>> {
  const sim = await startSimulator();
  const browser = await BenchBrowser.launch();
  try {
    await browser.context.addCookies([
      { name: 'rjm_session', value: sim.mintSession(), url: sim.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    step('Popup with 500 problems, against the floor page');
    const popup = await within(3 * MINUTE, 'the popup benchmark', measurePopup(browser, sim));
    const poll: BenchResults['poll'] = [];
    for (const notifications of [false, true]) {
      await browser.configure(pollAccounts(sim.url), notifications);
      const results = [];
      for (const size of [1_000, 10_000]) {
        step(`Poll of ${size} integrations, notifications ${notifications ? 'on' : 'off'}`);
        results.push(await within(3 * MINUTE, 'the poll benchmark', measurePoll(browser, sim, size)));
      }
      poll.push({ notifications, results });
    }
    return { popup, poll };
  } finally {
    await browser.close();
    await sim.close();
  }
}

/** The storage simulation runs src/ in Node through Vite, which defines `import.meta.env` as the build does. */
async function measureStorage(): Promise<BenchResults['storage']> {
  const vite = await createServer({
    configFile: false,
    logLevel: 'warn',
    server: { middlewareMode: true, hmr: false, ws: false },
    appType: 'custom',
  });
  try {
    return await (
      (await vite.ssrLoadModule('/scripts/bench/storage-growth.ts')) as typeof StorageGrowth
    ).measureStorage();
  } finally {
    await vite.close();
  }
}

async function main(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) throw new Error(`The benchmark needs Chromium and none was found. ${INSTALL_HINT}`);
  step('Building dist/ and dist-sim/');
  build();
  build('--mode', 'sim');
  const sizes = buildSizes('dist');
  step('First popup after install, on fresh profiles');
  const firstOpen = await within(3 * MINUTE, 'the first-open benchmark', measureFirstOpen('dist-sim'));
  const { popup, poll } = await inBrowser();
  step('IndexedDB after 90 simulated days');
  const storage = await within(5 * MINUTE, 'the storage benchmark', measureStorage());
  const cpu = cpus();
  const env = [
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${Math.round((Date.now() - started) / 1000)} s`,
    `${execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()} (${chromium}), headless, extension \`dist-sim/\` plus the floor page`,
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`,
    `1-minute load average at start / end ${loadAtStart.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)}: other work on the machine slows every timing`,
  ];
  const results: BenchResults = { env, popup, firstOpen, poll, sizes, storage };
  writeFileSync('bench/results.md', markdown(results));
  console.log(`\n${table(rows(results))}\n\nWritten to bench/results.md.`);
}

main().catch((error: unknown) => {
  console.error(`\nThe benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
