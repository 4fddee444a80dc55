// `npm run bench`: builds both variants, then measures issue 11's performance targets, timings each against
// a floor measured in the same run: the popup with 500 problems, polls of 1,000 and 10,000 integrations and
// of 1,000 Fivetran connections, the shipped sizes and IndexedDB after 90 days. Prints one table and writes
// it to bench/results.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { createServer } from 'vite';
import { startSimulator } from '../test/simulator/server';
import { BenchBrowser } from './bench/browser';
import { FIVETRAN_CONNECTIONS, measureFivetranPoll, measurePolls } from './bench/poll-cost';
import { measurePopup } from './bench/popup-open';
import { markdown, table, type BenchResults } from './bench/report';
import { buildSizes } from './bench/sizes';
import type * as StorageGrowth from './bench/storage-growth';
import { findChromium, INSTALL_HINT } from './chromium';

const started = Date.now();
const step = (text: string) => console.log(`[${Math.round((Date.now() - started) / 1000)} s] ${text}`);
const build = (...mode: string[]) =>
  execFileSync('npx', ['vite', 'build', ...mode, '--logLevel', 'warn'], { stdio: 'inherit', timeout: 240_000 });

async function inBrowser(): Promise<Pick<BenchResults, 'popup' | 'poll' | 'fivetran'>> {
  const sim = await startSimulator();
  const browser = await BenchBrowser.launch(sim);
  try {
    step('Popup with 500 problems, against the floor page');
    const popup = await measurePopup(browser, sim);
    const poll = await measurePolls(browser, sim, step);
    step(`Poll of ${FIVETRAN_CONNECTIONS} Fivetran connections, notifications off`);
    return { popup, poll, fivetran: await measureFivetranPoll(browser, sim) };
  } finally {
    await browser.close();
    await sim.close();
  }
}

/** The storage simulation runs src/ in Node through Vite, which defines `import.meta.env` as the build does. */
async function measureStorage(): Promise<BenchResults['storage']> {
  const server = { middlewareMode: true, hmr: false, ws: false } as const;
  const vite = await createServer({ configFile: false, logLevel: 'warn', server, appType: 'custom' });
  const module = vite.ssrLoadModule('/scripts/bench/storage-growth.ts') as Promise<typeof StorageGrowth>;
  return module.then((m) => m.measureStorage()).finally(() => vite.close());
}

async function main(): Promise<void> {
  const chromium = findChromium();
  if (!chromium) throw new Error(`The benchmark needs Chromium and none was found. ${INSTALL_HINT}`);
  const loadAtStart = loadavg()[0] ?? 0;
  step('Building dist/ and dist-sim/');
  build();
  build('--mode', 'sim');
  const sizes = buildSizes('dist');
  const { popup, poll, fivetran } = await inBrowser();
  step('IndexedDB after 90 simulated days');
  const results: BenchResults = { popup, poll, fivetran, sizes, storage: await measureStorage() };
  const version = execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const cpu = cpus();
  const memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  const load = `${loadAtStart.toFixed(2)} / ${(loadavg()[0] ?? 0).toFixed(2)}`;
  const env = [
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${Math.round((Date.now() - started) / 1000)} s`,
    `${version.trim()} (${chromium}), headless, extension \`dist-sim/\` plus the floor page`,
    `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${memory}, Node ${process.version}`,
    `1-minute load average at start / end ${load}: other work on the machine slows every timing`,
  ];
  writeFileSync('bench/results.md', markdown(results, env));
  console.log(`\n${table(results)}\n\nWritten to bench/results.md.`);
}

main().catch((error: unknown) => {
  console.error(`\nThe benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
