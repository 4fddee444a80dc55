// Turns the measurements into the one table (with PASS/MISS against the targets) and bench/results.md.
import type { ColdStartResult } from './cold-start';
import type { FirstOpenResult } from './first-open';
import type { PollResult } from './poll-cost';
import type { PageProfile, PaintTimes, PopupResult } from './popup-open';
import { SIZE_BUDGETS, type BuildSizes } from './sizes';
import { int, kb, mb, ms, verdict } from './stats';
import type { StorageResult } from './storage-growth';

export interface Environment {
  chromium: string;
  cpus: string;
  memory: string;
  node: string;
  date: string;
  /** 1-minute load average when the bench started and ended: other work on the machine skews timings. */
  load: [number, number];
}

export interface PollSeries {
  notifications: boolean;
  results: PollResult[];
}

export interface BenchResults {
  env: Environment;
  popup: PopupResult[];
  firstOpen: FirstOpenResult;
  /** A failure to measure is reported, not hidden: the table says why. */
  coldStart: ColdStartResult | { error: string };
  poll: PollSeries[];
  sizes: BuildSizes;
  storage: StorageResult;
  elapsedMs: number;
}

interface Row {
  measure: string;
  result: string;
  target: string;
  verdict: string;
}

const POPUP_RATIO = 1.25;
const POLL_1000_MS = 50;
const POLL_RATIO = 11;
const STORAGE_BYTES = 10 * 1024 * 1024;
/** "Flat": later checkpoints within this share of the day-90 size. */
const FLAT_TOLERANCE = 0.05;

/** "62.1 ms = 1.31×" of the empty page. */
const times = (page: PaintTimes, empty: PaintTimes) => `${ms(page.frame)} = ${(page.frame / empty.frame).toFixed(2)}×`;

function popupRows(results: readonly PopupResult[]): Row[] {
  return results.map((r) => ({
    measure: `Popup open → ${int(r.problems)} rows painted (5 accounts, ${int(r.stored)} integrations stored)`,
    result: `${ms(r.popup.frame)} vs empty page ${ms(r.empty.frame)} = ${r.ratio.toFixed(2)}× (floors: a page with one script ${times(r.oneScript, r.empty)}, ` +
      `one script reading the model ${times(r.scripted, r.empty)})`,
    target: r.problems === 500 ? `≤ ${POPUP_RATIO}× empty page` : '',
    verdict: r.problems === 500 ? verdict(r.ratio <= POPUP_RATIO) : '',
  }));
}

function pollRows({ notifications, results }: PollSeries): Row[] {
  const label = notifications ? 'notifications on' : 'notifications off';
  const at = (n: number) => results.find((r) => r.integrations === n);
  const thousand = at(1_000);
  const ratio = (at(10_000)?.median.afterResponse ?? Number.NaN) / (thousand?.median.afterResponse ?? Number.NaN);
  return [
    {
      measure: `Poll, response → badge, ${label}: ${results.map((r) => int(r.integrations)).join(' / ')} integrations`,
      result: `${results.map((r) => ms(r.median.afterResponse)).join(' / ')} (${results.map((r) => `${int(Math.round(r.perIntegrationUs))} µs`).join(' / ')} per integration)`,
      target: '', verdict: '',
    },
    { measure: `Poll of 1,000 integrations, ${label}`, result: ms(thousand?.median.afterResponse ?? Number.NaN), target: `< ${POLL_1000_MS} ms`, verdict: verdict((thousand?.median.afterResponse ?? Infinity) < POLL_1000_MS) },
    { measure: `Poll 10,000 / 1,000 ratio, ${label}`, result: ratio.toFixed(1), target: `≤ ${POLL_RATIO} (linear = 10)`, verdict: verdict(ratio <= POLL_RATIO) },
  ];
}

function sizeRows(sizes: BuildSizes): Row[] {
  const budget: Record<string, number | undefined> = { worker: SIZE_BUDGETS.workerGzip, popup: SIZE_BUDGETS.popupGzip };
  const entries = sizes.entries.map((e): Row => {
    const limit = budget[e.entry];
    return {
      measure: `${e.entry} script + its chunks (${e.scripts.length} files)`,
      result: `${kb(e.gzip)} gzip (${kb(e.raw)} raw)`,
      target: limit === undefined ? '' : `≤ ${kb(limit)} gzip`,
      verdict: limit === undefined ? '' : verdict(e.gzip <= limit),
    };
  });
  const chunks = sizes.chunks.map((c): Row => ({
    measure: `  ${c.path} (${c.entries.length > 1 ? `shared: ${c.entries.join(', ')}` : c.entries[0] ?? ''})`,
    result: `${kb(c.gzip)} gzip (${kb(c.raw)} raw)`,
    target: '', verdict: '',
  }));
  const total: Row = {
    measure: `whole dist/ (${sizes.total.files} files)`,
    result: `${kb(sizes.total.raw)} raw (${kb(sizes.total.gzip)} gzip)`,
    target: `≤ ${kb(SIZE_BUDGETS.distRaw)} raw`,
    verdict: verdict(sizes.total.raw <= SIZE_BUDGETS.distRaw),
  };
  return [...entries, ...chunks, total];
}

function storageRows(storage: StorageResult): Row[] {
  const at = (day: number) => storage.checkpoints.find((c) => c.day === day);
  const day90 = at(90);
  const later = storage.checkpoints.filter((c) => c.day > 90);
  const flat = day90 !== undefined && later.length > 0 && later.every((c) => Math.abs(c.bytes - day90.bytes) <= FLAT_TOLERANCE * day90.bytes);
  return [
    {
      measure: `IndexedDB after 90 days (${int(storage.integrations)} integrations, 5 %/day change, pruning on)`,
      result: day90 ? `${mb(day90.bytes)} (${int(day90.rows.transitions + day90.rows.polls + day90.rows.feeds)} rows)` : 'not reached',
      target: `≤ ${mb(STORAGE_BYTES)}`,
      verdict: verdict(day90 !== undefined && day90.bytes <= STORAGE_BYTES),
    },
    {
      measure: `IndexedDB at day ${storage.checkpoints.map((c) => c.day).join(' / ')}`,
      result: storage.checkpoints.map((c) => mb(c.bytes).replace(' MB', '')).join(' / ') + ' MB',
      target: `flat after day 90 (±${FLAT_TOLERANCE * 100} %)`,
      verdict: verdict(flat),
    },
  ];
}

export function rows(r: BenchResults): Row[] {
  const cold: Row = {
    measure: 'Worker cold start → badge from stored state (500 problems)',
    result: 'error' in r.coldStart
      ? `not measured: ${r.coldStart.error}`
      : `${ms(r.coldStart.wakeToBadge)} from the waking message (${ms(r.coldStart.scriptToBadge)} from worker start)`,
    target: '', verdict: '',
  };
  const firstOpen: Row = {
    measure: 'Popup, first text: first open after install (fresh profiles) / later opens',
    result: `${r.firstOpen.first.map(ms).join(', ')} / ${ms(r.firstOpen.later)} (median)`,
    target: '', verdict: '',
  };
  return [...popupRows(r.popup), firstOpen, ...r.poll.flatMap(pollRows), cold, ...sizeRows(r.sizes), ...storageRows(r.storage)];
}

export function table(list: readonly Row[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| measure | result | target | |',
    '|---|---|---|---|',
    ...list.map((row) => `| ${cell(row.measure)} | ${cell(row.result)} | ${cell(row.target)} | ${row.verdict} |`),
  ].join('\n');
}

function wherePollTimeGoes(series: readonly PollSeries[]): string[] {
  return series.flatMap(({ notifications, results }) => results.map((r) => {
    const apis = r.profile.apis.filter((a) => a.ms >= 1).slice(0, 4).map((a) => `${a.api} ×${a.calls} ${ms(a.ms)}`).join(', ');
    const fetches = new Map<string, number>();
    for (const path of r.profile.otherFetches) fetches.set(path, (fetches.get(path) ?? 0) + 1);
    const extra = [...fetches].map(([path, n]) => `${n} × ${path}`).join(', ');
    return `- Poll of ${int(r.integrations)}, notifications ${notifications ? 'on' : 'off'}: excluded from the figure above, the work before the request ` +
      `${ms(r.median.beforeRequest)} and the request itself ${ms(r.median.network)} (the poll log's durationMs: ${ms(r.median.logged)}). One profiled Check now took ${ms(r.profile.total)}; ` +
      `awaiting ${apis || 'no browser API for 1 ms or more'}${extra ? `; other fetches by the worker: ${extra}` : ''}. ` +
      `In the same worker, JSON.parse of the ${kb(r.median.bytes)} body ${ms(r.parts.jsonParse)}, ` +
      `reading the stored list from IndexedDB ${ms(r.parts.idbRead)}, rewriting it ${ms(r.parts.idbWrite)}.`;
  }));
}

export function markdown(r: BenchResults): string {
  const big = r.popup.find((p) => p.problems === 500) ?? r.popup[r.popup.length - 1];
  const profile = (p: PageProfile) => `script ${ms(p.script)}, style ${ms(p.style)}, layout ${ms(p.layout)}, all main-thread tasks ${ms(p.task)}`;
  const hot = (big?.popup.profile.hot ?? []).map((h) => `  - ${ms(h.ms)} \`${h.name}\` ${h.where}${h.code ? ` — \`${h.code}…\`` : ''}`);
  return `# Benchmarks

Written by \`npm run bench\` on ${r.env.date} in ${Math.round(r.elapsedMs / 1000)} s.

- Browser: ${r.env.chromium}, headless, extension \`dist-sim/\` (copied to \`bench/.dist-bench/\` with three reference pages added)
- Machine: ${r.env.cpus}, ${r.env.memory}; Node ${r.env.node}
- Load average (1 min) at start / end: ${r.env.load.map((l) => l.toFixed(2)).join(' / ')} — other processes on the machine slow every timing below

${table(rows(r))}

## What the numbers include

- **Popup open**: navigation start (\`performance.now()\` origin) to the first frame after the last row is in the
  DOM (a MutationObserver sees the count, then \`requestAnimationFrame\` and one task after it). The empty page is
  \`empty.html\` in the same extension, with no script or style: the same moment after its load event. Beside it,
  two floors, each a page with one classic \`async\` script in its head (a module script, an \`async\` module and
  a classic script at the end of the body measured no faster): \`one-script.html\`, whose script adds one
  line of text, the least any page with a script does; and \`scripted.html\`, whose script first reads the popup's stored model, the least any page showing
  stored state does (the moment the line is in the DOM, then the same frame).
  A new tab of 400 × 600 px per sample, the four pages in rotation, ${big?.samples ?? 0} samples each after 5
  warm-up rounds; medians. The popup paints the first 3 rows of each of the 5 accounts (the rest follow on "Show
  all"). Stored state is written directly into IndexedDB (\`feeds\`): 5 accounts × 300 integrations from the
  simulator's generator, normalized by the extension's own adapter; the worker then writes the popup's model.
- **Poll**: Check now sent from an extension page; the worker's \`fetch\` is wrapped so it records when the
  connections body has fully arrived (the wrapper reads it, then hands the same bytes on). "Response → badge"
  runs from that moment to the answer of Check now, which the worker sends after storing, notifications and the
  badge: decoding, JSON.parse, normalizing, the diff, the IndexedDB transaction, pruning, the notification
  step and the badge. Network/transfer time and the work before the request (settings, the IndexedDB reads,
  host-access check) are excluded. 5 % of the integrations change state before every run (broken, then fixed);
  2 warm-up polls, then 11 timed; medians. One account on simulator client 194, no Export API key. "On" runs with
  the notifications permission granted (the simulator build requires it) and every kind enabled; "off" with the
  three kinds switched off in settings, as for a user who never granted the optional permission. The poll
  log's \`durationMs\` measures something else: request start to parsed, before the diff and every write.
- **First text after install**: a fresh profile per run, the popup opened as soon as the worker runs (no
  account, nothing stored yet), navigation start to the first text in the body (a MutationObserver); then
  five more opens of the same popup, whose median is the later figure.
- **Cold start**: the badge is cleared, every worker stopped (CDP \`ServiceWorker.stopAllWorkers\`), then an
  extension page sends a message the worker ignores and polls \`chrome.action.getBadgeText\` until it shows the
  stored count again. Measured from outside, so it includes Chromium starting the worker and the test driver
  attaching to it; "from worker start" uses the worker's \`performance.timeOrigin\`. 2 warm-up, 11 timed; medians.
- **Sizes**: the shipped build \`dist/\`; entries from \`manifest.json\` and the module scripts of the HTML pages,
  chunks by following the \`import\` statements of the built JS. gzip -9 per file, summed. KB = 1,024 bytes.
- **Storage**: in Node with fake-indexeddb, the extension's own \`recordPoll\`, \`pruneLogs\` and diff on a simulated
  clock: one account of ${int(r.storage.integrations)} integrations polled every 5 minutes (${r.storage.pollsPerDay} polls a
  day, both feeds), 5 % of them changing state each day, pruned to ${r.storage.retentionDays} days once a day (the same rows as
  pruning after every poll). Size = the V8 structured-clone bytes of every row (what Chromium serializes into
  IndexedDB, before its own compression and index overhead).

## Where the time goes

- Popup with ${int(big?.problems ?? 0)} rows, one more load with Chromium's counters and a CPU profile on: ${big ? profile(big.popup.profile) : ''}. Empty page: ${big ? profile(big.empty.profile) : ''}. Most self time (minified; the start of each function's built code):
${hot.join('\n')}
${wherePollTimeGoes(r.poll).join('\n')}
`;
}
