// Turns the measurements into the one table (PASS/MISS against issue 11's targets) and bench/results.md.
import type { FirstOpenResult } from './first-open';
import type { PollResult } from './poll-cost';
import { PROBLEMS, SAMPLES, type PopupResult } from './popup-open';
import { SIZE_BUDGETS, type BuildSizes } from './sizes';
import { kb, mb, ms } from './stats';
import type { StorageResult } from './storage-growth';

export interface BenchResults {
  /** Date, browser, machine, load: one sentence each. */
  env: string[];
  popup: PopupResult;
  firstOpen: FirstOpenResult;
  poll: { notifications: boolean; results: PollResult[] }[];
  sizes: BuildSizes;
  storage: StorageResult;
}

/** Issue 11's worker target; test/e2e/sizes.test.ts asserts SIZE_BUDGETS.workerGzip until the check cycle is simpler. */
const WORKER_TARGET = 20 * 1024;

type Row = [measure: string, median: string, target: string, pass?: boolean];

const int = (n: number) => n.toLocaleString('en-US');

export function rows({ popup, firstOpen, poll, sizes, storage }: BenchResults): Row[] {
  const ratio = (value: number, floor: number, limit: number) => [`${ms(value)} vs floor ${ms(floor)} = ${(value / floor).toFixed(2)}×`, `≤ ${limit}× floor`, value <= limit * floor] as const;
  const size = (name: string, limit: number): Row => {
    const e = sizes.entries.find((entry) => entry.entry === name);
    return [`${name} script + its chunks, gzip`, kb(e?.gzip ?? Number.NaN), `≤ ${kb(limit)}`, (e?.gzip ?? Infinity) <= limit];
  };
  return [
    [`Popup open → rows painted, ${PROBLEMS} problems stored`, ...ratio(popup.popup, popup.floor, 1.2)],
    ['Popup, first text: first open after install / later opens', `${firstOpen.first.map(ms).join(', ')} / ${ms(firstOpen.later)}`, ''],
    ...poll.flatMap(({ notifications, results }): Row[] => {
      const label = `notifications ${notifications ? 'on' : 'off'}`;
      const linear = (results.at(-1)?.poll ?? Number.NaN) / (results[0]?.poll ?? Number.NaN);
      return [
        ...results.map((p): Row => [`Poll, response → badge, ${int(p.integrations)} integrations, ${label}`, ...ratio(p.poll, p.floor, 2)]),
        [`Poll ${results.map((p) => int(p.integrations)).reverse().join(' / ')} ratio, ${label}`, linear.toFixed(1), '≤ 11', linear <= 11],
      ];
    }),
    size('popup', SIZE_BUDGETS.popupGzip),
    size('worker', WORKER_TARGET),
    [`whole dist/ (${sizes.total.files} files), raw`, kb(sizes.total.raw), `≤ ${kb(SIZE_BUDGETS.distRaw)}`, sizes.total.raw <= SIZE_BUDGETS.distRaw],
    [`IndexedDB after ${storage.days} days (${int(storage.integrations)} integrations)`, `${mb(storage.bytes)} (${int(storage.rows)} rows)`, '≤ 10.00 MB', storage.bytes <= 10 * 1024 * 1024],
  ];
}

export function table(list: readonly Row[]): string {
  const verdict = (pass?: boolean) => (pass === undefined ? '' : pass ? 'PASS' : 'MISS');
  return ['| measure | median | target | |', '|---|---|---|---|', ...list.map(([m, r, t, p]) => `| ${m} | ${r} | ${t} | ${verdict(p)} |`)].join('\n');
}

export function markdown(r: BenchResults): string {
  return `# Benchmarks

Written by \`npm run bench\`. ${r.env.join('. ')}.

${table(rows(r))}

## How it was measured

- **Popup**: 5 simulator accounts of 300 integrations, ${PROBLEMS} of them broken, stored by one Check now;
  then checks paused. The popup paints the first 3 rows of each account. Time = navigation start to the first
  frame after the last row is in the DOM (a MutationObserver, then \`requestAnimationFrame\` and one task).
  The floor is \`floor.html\` in the same extension: one classic \`async\` script that reads the popup's stored
  model and adds a line, timed the same way. A new 400 × 600 px tab per sample, the two pages alternating,
  ${SAMPLES} samples each after 5 warm-up pairs.
- **First text after install**: a fresh profile per run, the popup opened as soon as the worker runs,
  navigation start to the first text in the body; then five more opens, whose median is the later figure.
- **Poll**: Check now from an extension page, one account on simulator client 194. The worker's \`fetch\` is
  wrapped to note when the connections body has fully arrived; from there to the answer of Check now, sent
  after parsing, the diff, the IndexedDB write, pruning, notifications and the badge. 5 % of the integrations
  change state before every poll; 2 warm-up polls, then 11 timed. Right after each poll, in the same worker,
  the floor: \`JSON.parse\` of the same body plus reading the stored list from IndexedDB and rewriting it.
  "On": notifications permitted and every kind enabled; "off": all three kinds switched off.
- **Sizes**: the shipped \`dist/\`; each entry from \`manifest.json\` and its pages with every chunk reached
  through \`import\`, gzip -9 per file, summed; KB = 1,024 bytes. The worker's target is issue 11's 20 KB;
  \`test/e2e/sizes.test.ts\` asserts ${kb(SIZE_BUDGETS.workerGzip)} until the check cycle is simpler.
- **IndexedDB**: in Node on fake-indexeddb, the extension's own \`recordPoll\`, \`pruneLogs\` and diff on a
  simulated clock: ${int(r.storage.integrations)} integrations polled every 5 minutes (both feeds), 5 % changing
  state each day, pruned to 90 days. Size = the V8 structured-clone bytes of every row.
`;
}
