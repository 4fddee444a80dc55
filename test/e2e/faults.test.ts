// Every simulator fault mode as a user meets it: the badge, the popup banner, the last good list kept,
// and the way back once MBI answers normally again.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeedName, FeedRecord, PollLogEntry } from '../../src/core/types';
import { SIM_TIMING } from '../../scripts/sim-timing';
import {
  applyToConnections,
  HOSTILE_NAMES,
  RETRY_AFTER_SECONDS,
  type FaultMode,
  type FaultSetting,
} from '../simulator/faults';
import type { Connection } from '../simulator/server';
import {
  badgeText,
  badgeTitle,
  checkNow,
  CLIENT,
  configure,
  launchWatch,
  openPopup,
  readStore,
  rowNames,
  signIn,
  type Watch,
} from './harness';

const HEALTHY_OR_PAUSED = new Set(['0', '1']);

/** Badge and banner heading of each state a fault leads to, as the README and the popup word them. */
const LOOK = {
  'signed-out': { badge: '?', title: 'Signed out of MBI' },
  'key-rejected': { badge: 'key', title: 'Export API key rejected' },
  'format-changed': { badge: 'fmt', title: 'MBI changed its format' },
  'too-large': { badge: 'big', title: 'Response too large' },
  'server-error': { badge: 'err', title: 'MBI server error' },
  'rate-limited': { badge: 'wait', title: 'Rate limited by MBI' },
  timeout: { badge: 'slow', title: 'MBI did not answer in time' },
  unreachable: { badge: 'off', title: 'MBI unreachable' },
} as const;
type Issue = keyof typeof LOOK;
/** Adobe's one call a minute per client (shortened in the simulator build), kept even for Check now. */
const UPDATE_CYCLE_WINDOW_MS = SIM_TIMING.updateCycleMinIntervalMs;
/** The simulator's Retry-After on 429. */
const RETRY_AFTER_MS = RETRY_AFTER_SECONDS * 1_000;
/** How long before Retry-After runs out the last check that must still ask nothing is made. */
const JUST_BEFORE_RETRY_AFTER_MS = 3_000;
/** The simulator build's request timeout, and answers just under and just over it. */
const TIMEOUT_MS = SIM_TIMING.requestTimeoutMs;
const JUST_UNDER_TIMEOUT_MS = TIMEOUT_MS - 2_000;
const JUST_OVER_TIMEOUT_MS = TIMEOUT_MS + 3_000;
const seconds = (ms: number): number => ms / 1_000;

function connections(watch: Watch): Connection[] {
  return watch.sim.state().clients.find((c) => String(c.id) === CLIENT.id)?.connections ?? [];
}

/** Names of the problem integrations in a connections list, as the popup names them. */
function problemNames(list: Connection[]): string[] {
  return list
    .filter((c) => !HEALTHY_OR_PAUSED.has(String(c.properties.status)))
    .map((c) => c.display_name ?? c.name)
    .sort();
}

interface Seen {
  badge: string;
  /** Headings of the popup's banners. */
  banner: string[];
  rows: string[];
  /** "Showing the last good status" is shown. */
  lastGood: boolean;
}

/** What a user sees: the badge, the banner, the listed integrations and the last-good note. */
async function seen(watch: Watch, popup: Page): Promise<Seen> {
  return {
    badge: await badgeText(watch),
    banner: await popup.getByRole('status').getByRole('heading').allTextContents(),
    rows: (await rowNames(popup)).sort(),
    lastGood: (await popup.getByText('Showing the last good status').count()) > 0,
  };
}

function failing(issue: Issue, rows: string[], lastGood: boolean): Seen {
  return { badge: LOOK[issue].badge, banner: [LOOK[issue].title], rows, lastGood };
}

function healthy(rows: string[]): Seen {
  return { badge: String(rows.length), banner: [], rows, lastGood: false };
}

interface Healthy {
  watch: Watch;
  popup: Page;
  problems: string[];
}

/** A browser signed in to its own simulator, configured for client 194, showing the seeded problems. */
async function healthyWatch(): Promise<Healthy> {
  const watch = await launchWatch();
  await signIn(watch);
  // An hour between automatic checks: during a test only Check now polls.
  await configure(watch, { pollMinutes: 60 });
  const popup = await openPopup(watch);
  const problems = problemNames(connections(watch));
  expect(problems).toHaveLength(4);
  // Not expect.poll: this also runs outside any test, in beforeAll.
  await vi.waitFor(async () => expect(await seen(watch, popup)).toEqual(healthy(problems)), {
    timeout: 20_000,
    interval: 200,
  });
  return { watch, popup, problems };
}

async function attempts(watch: Watch, feed: FeedName): Promise<number> {
  return (await readStore<PollLogEntry>(watch, 'polls')).filter((p) => p.feed === feed).length;
}

/** Waits until a minute has passed since the extension last asked for the update status. */
async function waitForUpdateCycleWindow(watch: Watch): Promise<void> {
  const record = (await readStore<FeedRecord>(watch, 'feeds')).find((r) => r.feed === 'update-cycle');
  if (!record) throw new Error('the update status was never asked for');
  await sleep(Math.max(0, record.lastAttemptAt + UPDATE_CYCLE_WINDOW_MS + 1_000 - Date.now()));
}

interface FailureRow {
  fault: string;
  setting: FaultSetting;
  issue: Issue;
  badge: string;
}

const row = (fault: string, mode: FaultMode, issue: Issue, delayMs?: number): FailureRow => ({
  fault,
  setting: delayMs === undefined ? { mode } : { mode, delayMs },
  issue,
  badge: LOOK[issue].badge,
});

const CONNECTION_FAILURES: FailureRow[] = [
  row('500', '500', 'server-error'),
  row('503', '503', 'server-error'),
  row('401', '401', 'signed-out'),
  row('403', '403', 'signed-out'),
  row('a redirect to the sign-in page', 'redirect', 'signed-out'),
  row('the sign-in page with status 200', 'login-page', 'signed-out'),
  row('a maintenance page (HTML)', 'html', 'format-changed'),
  row('malformed JSON', 'malformed-json', 'format-changed'),
  row('JSON of another shape', 'wrong-shape', 'format-changed'),
  row('a 20 MB body', 'huge', 'too-large'),
  row('a dropped connection', 'drop', 'unreachable'),
  row('a body that never finishes', 'hang', 'timeout'),
  row('no answer at all', 'hang-headers', 'timeout'),
  row(
    `an answer just over the ${seconds(TIMEOUT_MS)} s timeout (${seconds(JUST_OVER_TIMEOUT_MS)} s)`,
    'slow',
    'timeout',
    JUST_OVER_TIMEOUT_MS,
  ),
];

const UPDATE_CYCLE_FAILURES: FailureRow[] = [
  row('403', '403', 'key-rejected'),
  row('500', '500', 'server-error'),
  row('malformed JSON', 'malformed-json', 'format-changed'),
  row('JSON of another shape', 'wrong-shape', 'format-changed'),
];

// The update status may be asked once a minute, counted from each browser's first check. Its browsers
// start with the file, so that minute passes while the connection faults run.
const updateCycleWatches = new Map<FaultMode, Promise<Healthy>>();

beforeAll(() => {
  for (const mode of [...UPDATE_CYCLE_FAILURES.map((r) => r.setting.mode), '429' as const]) {
    const starting = healthyWatch();
    // Its test reports a failure to start; until then it must not count as unhandled.
    starting.catch(() => undefined);
    updateCycleWatches.set(mode, starting);
  }
});

afterAll(async () => {
  await Promise.allSettled([...updateCycleWatches.values()].map(async (starting) => (await starting).watch.close()));
});

function updateCycleWatch(mode: FaultMode): Promise<Healthy> {
  const starting = updateCycleWatches.get(mode);
  if (!starting) throw new Error(`no browser was started for the update-status fault ${mode}`);
  return starting;
}

describe('faults on the connections list, answered at once (one browser)', () => {
  let watch: Watch;
  let popup: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ watch, popup, problems } = await healthyWatch());
    await popup.close();
  });

  beforeEach(async () => {
    watch.sim.reset();
    popup = await openPopup(watch);
    await checkNow(popup);
    await expect.poll(() => seen(watch, popup), { timeout: 10_000 }).toEqual(healthy(problems));
  });

  afterEach(async () => {
    await popup.close();
  });

  afterAll(async () => {
    await watch?.close();
  });

  it.each(CONNECTION_FAILURES)(
    '$fault: shows $badge ($issue) over the last good list, then recovers',
    async ({ setting, issue }) => {
      watch.sim.setFault('connections', setting);
      await checkNow(popup);
      await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(failing(issue, problems, true));
      expect(await badgeTitle(watch)).toContain(LOOK[issue].title);

      watch.sim.setFault('connections', 'none');
      await checkNow(popup);
      await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(problems));
    },
    60_000,
  );

  it(`an answer just under the timeout (${seconds(JUST_UNDER_TIMEOUT_MS)} s): waits for it and shows the fresh status, flagging nothing`, async () => {
    watch.sim.setFault('connections', { mode: 'slow', delayMs: JUST_UNDER_TIMEOUT_MS });
    const before = await attempts(watch, 'connections');
    const button = popup.locator('header').getByRole('button');
    const started = Date.now();
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Checking…');
    // While it waits, the popup keeps showing the last status, unflagged.
    expect(await seen(watch, popup)).toEqual(healthy(problems));
    await expect.poll(() => button.textContent(), { timeout: 20_000, interval: 100 }).toBe('Check now');
    expect(Date.now() - started).toBeGreaterThanOrEqual(JUST_UNDER_TIMEOUT_MS);
    await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(problems));
    const polls = (await readStore<PollLogEntry>(watch, 'polls')).filter((p) => p.feed === 'connections');
    expect(polls.slice(before).map((p) => p.outcome)).toEqual(['ok']);
  }, 60_000);

  it('unknown status values: counts those integrations as problems and shows the raw value', async () => {
    watch.sim.setFault('connections', 'unknown-status');
    await checkNow(popup);
    const all = connections(watch)
      .map((c) => c.display_name ?? c.name)
      .sort();
    // The popup opens with the first 10 rows of an account; the rest on "Show all".
    await popup.getByRole('button', { name: `Show all ${all.length}` }).click();
    await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(all));
    const states = new Set(await popup.locator('li.row .state strong').allTextContents());
    expect(states).toEqual(new Set(['Unknown status "7"', 'Unknown status "RECONNECTING"']));
    await expect
      .poll(() => popup.getByRole('heading', { level: 1 }).textContent())
      .toBe(`${all.length} integrations need attention`);

    watch.sim.setFault('connections', 'none');
    await checkNow(popup);
    await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(problems));
  });

  it('markup in names and error texts: shows it as literal text, runs nothing', async () => {
    const dialogs: string[] = [];
    popup.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    watch.sim.setFault('connections', 'hostile-names');
    await checkNow(popup);
    const hostile = problemNames(applyToConnections(connections(watch), 'hostile-names'));
    expect(hostile.every((name) => HOSTILE_NAMES.includes(name))).toBe(true);
    await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(hostile));
    expect(await popup.getByText('<img src=x onerror=alert(1)>', { exact: true }).count()).toBeGreaterThan(0);
    expect(await popup.getByText('<script>alert(1)</script>', { exact: true }).count()).toBeGreaterThan(0);
    // Give an injected image or handler the time it would need to fire.
    await popup.waitForTimeout(500);
    expect(await popup.locator('main img, main script, main svg, [onerror], [onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);

    watch.sim.setFault('connections', 'none');
    await checkNow(popup);
    await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(problems));
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});

// These wait out MBI's pauses (Retry-After, the update status's once a minute), so each runs in its own
// browser, side by side; concurrent tests must use the `expect` of their own context.
describe.concurrent('faults that make the extension wait (one browser each, side by side)', () => {
  it(`429 on the connections list: shows "wait", asks MBI nothing before Retry-After (${RETRY_AFTER_SECONDS} s), then recovers`, async ({
    expect,
  }) => {
    const { watch, popup, problems } = await healthyWatch();
    try {
      watch.sim.setFault('connections', '429');
      const asked = Date.now();
      await checkNow(popup);
      const answered = Date.now();
      await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(failing('rate-limited', problems, true));

      // MBI would answer normally now: a check that asked it would clear the banner.
      watch.sim.setFault('connections', 'none');
      const before = await attempts(watch, 'connections');
      for (const at of [answered, asked + RETRY_AFTER_MS - JUST_BEFORE_RETRY_AFTER_MS]) {
        await sleep(Math.max(0, at - Date.now()));
        await checkNow(popup);
        expect(await seen(watch, popup)).toEqual(failing('rate-limited', problems, true));
        expect(await attempts(watch, 'connections')).toBe(before);
      }

      await sleep(Math.max(0, answered + RETRY_AFTER_MS + 1_000 - Date.now()));
      await checkNow(popup);
      await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(problems));
      expect(watch.errors).toEqual([]);
    } finally {
      await watch.close();
    }
  }, 240_000);

  it(`429 on the update status: shows "wait", asks nothing before Retry-After (${RETRY_AFTER_SECONDS} s), then recovers`, async ({
    expect,
  }) => {
    const { watch, popup, problems } = await updateCycleWatch('429');
    try {
      watch.sim.setFault('update-cycle', '429');
      await waitForUpdateCycleWindow(watch);
      const asked = Date.now();
      await checkNow(popup);
      const answered = Date.now();
      await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(failing('rate-limited', problems, false));

      // Past the minute, but not past Retry-After: still no call, though MBI would answer.
      expect(RETRY_AFTER_MS - JUST_BEFORE_RETRY_AFTER_MS).toBeGreaterThan(UPDATE_CYCLE_WINDOW_MS + 1_000);
      watch.sim.setFault('update-cycle', 'none');
      const before = await attempts(watch, 'update-cycle');
      await sleep(Math.max(0, asked + RETRY_AFTER_MS - JUST_BEFORE_RETRY_AFTER_MS - Date.now()));
      await checkNow(popup);
      expect(await seen(watch, popup)).toEqual(failing('rate-limited', problems, false));
      expect(await attempts(watch, 'update-cycle')).toBe(before);

      await sleep(Math.max(0, answered + RETRY_AFTER_MS + 1_000 - Date.now()));
      await checkNow(popup);
      await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(problems));
      expect(watch.errors).toEqual([]);
    } finally {
      await watch.close();
    }
  }, 240_000);

  describe('on the update status, which is asked at most once a minute', () => {
    it.for(UPDATE_CYCLE_FAILURES)(
      '$fault: shows $badge ($issue) beside the current list, then recovers',
      { timeout: 200_000 },
      async ({ setting, issue }, { expect }) => {
        const { watch, popup, problems } = await updateCycleWatch(setting.mode);
        try {
          const lastUpdate = popup.getByText('Last data update: Completed Successfully');
          await expect.poll(() => lastUpdate.count()).toBe(1);

          watch.sim.setFault('update-cycle', setting);
          await waitForUpdateCycleWindow(watch);
          await checkNow(popup);
          await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(failing(issue, problems, false));
          expect(await badgeTitle(watch)).toContain(LOOK[issue].title);
          // The last good update status stays on show.
          expect(await lastUpdate.count()).toBe(1);

          // MBI answers normally again, but within the minute even Check now does not ask it.
          watch.sim.setFault('update-cycle', 'none');
          await checkNow(popup);
          expect(await seen(watch, popup)).toEqual(failing(issue, problems, false));

          await waitForUpdateCycleWindow(watch);
          await checkNow(popup);
          await expect.poll(() => seen(watch, popup), { timeout: 5_000 }).toEqual(healthy(problems));
          expect(watch.errors).toEqual([]);
        } finally {
          await watch.close();
        }
      },
    );
  });
});
