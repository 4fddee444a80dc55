// Chrome stops an idle service worker and starts it again for the next event. Stopped before, during or
// right after a poll, the worker must come back with the right badge, its alarm, and every transition
// recorded exactly once.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PollLogEntry, Transition } from '../../src/core/types';
import {
  badgeTitle,
  CLIENT,
  configure,
  expectBadge,
  followWorker,
  type FollowedWorker,
  launchWatch,
  openPopup,
  readStore,
  rowNames,
  signIn,
  type Watch,
} from './harness';

/** Three seconds between polls (the simulator build allows it), so the alarm is seen firing within a test. */
const POLL_MINUTES = 0.05;

describe('worker restarts', () => {
  let watch: Watch;
  let popup: Page;
  let worker: FollowedWorker;
  const stopWorker = () => worker.stop();

  async function connectionPolls(): Promise<PollLogEntry[]> {
    return (await readStore<PollLogEntry>(watch, 'polls')).filter((p) => p.feed === 'connections');
  }

  async function transitionsOf(connectionId: number): Promise<string[]> {
    // One row per check, holding that check's changes.
    const all = (await readStore<{ items: Transition[] }>(watch, 'transitions')).flatMap((b) => b.items);
    return all.filter((t) => t.integrationId === String(connectionId)).map((t) => `${t.from} → ${t.to}`);
  }

  function nameOf(connectionId: number): string {
    const client = watch.sim.state().clients.find((c) => String(c.id) === CLIENT.id);
    const found = client?.connections.find((c) => c.id === connectionId);
    if (!found) throw new Error(`no connection ${connectionId}`);
    return found.display_name ?? found.name;
  }

  /** The break is on the badge and in the popup, recorded once, and the alarm goes on polling. */
  async function expectRecordedOnceAndPolling(connectionId: number): Promise<void> {
    await expectBadge(watch, '5');
    expect(await badgeTitle(watch)).toContain('5 integrations need attention');
    const name = nameOf(connectionId);
    await expect.poll(() => rowNames(popup), { timeout: 10_000 }).toContain(name);
    await expect
      .poll(() => popup.locator('header').getByRole('button').textContent(), { timeout: 10_000 })
      .toBe('Check now');

    const alarm = await watch.worker.evaluate(() => chrome.alarms.get('poll'));
    expect(alarm?.periodInMinutes).toBe(POLL_MINUTES);
    const polled = (await connectionPolls()).length;
    await expect
      .poll(async () => (await connectionPolls()).length, { timeout: 15_000, interval: 250 })
      .toBeGreaterThanOrEqual(polled + 2);

    expect(await transitionsOf(connectionId)).toEqual(['ok → needs-reauth']);
    await expectBadge(watch, '5');
  }

  beforeAll(async () => {
    watch = await launchWatch();
    await signIn(watch);
    await configure(watch, { pollMinutes: POLL_MINUTES });
    popup = await openPopup(watch);
    worker = await followWorker(watch, popup);
  });

  beforeEach(async () => {
    watch.sim.reset();
    await expectBadge(watch, '4');
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('stopped before a poll: the alarm starts it again and the next poll records the break once', async () => {
    const payments = 1106;
    // Between two polls: one has just ended, the next is about three seconds away.
    const polled = (await connectionPolls()).length;
    await expect
      .poll(async () => (await connectionPolls()).length, { timeout: 10_000, interval: 50 })
      .toBeGreaterThan(polled);
    await sleep(500);
    const started = worker.starts();
    await stopWorker();
    watch.sim.setConnection(CLIENT.id, payments, { status: '2' });
    // Nothing but the alarm wakes it: no page sends a message, the test does not evaluate in it.
    await expect.poll(() => worker.status(), { timeout: 10_000, interval: 50 }).toBe('running');
    expect(worker.starts()).toBe(started + 1);
    await expectRecordedOnceAndPolling(payments);
  });

  it('stopped in the middle of a poll: nothing half-written, the poll after the restart records the break once', async () => {
    const crm = 1105;
    watch.sim.setFault('connections', { mode: 'slow', delayMs: 3_000 });
    const button = popup.locator('header').getByRole('button');
    // A check that began before the fault may still be finishing: wait for one that stays busy, the held one.
    await expect
      .poll(
        async () => (await button.textContent()) === 'Checking…' && (await sleep(600), await button.textContent()),
        { timeout: 10_000, interval: 50 },
      )
      .toBe('Checking…');
    // The simulator holds the answer for three seconds; it will carry the break.
    watch.sim.setConnection(CLIENT.id, crm, { status: '2' });
    await sleep(1_000);
    // Still checking a second later: this is the held request, not a quick poll from before the fault.
    expect(await button.textContent()).toBe('Checking…');
    expect(await transitionsOf(crm)).toEqual([]);
    const polled = (await connectionPolls()).length;
    await stopWorker();
    watch.sim.setFault('connections', 'none');
    await expect.poll(() => worker.status(), { timeout: 10_000, interval: 50 }).toBe('running');
    await expectRecordedOnceAndPolling(crm);
    // The stopped poll left no entry: every logged poll after it ran to the end in the new worker.
    const after = (await connectionPolls()).slice(polled);
    expect(after.every((p) => p.outcome === 'ok' && p.durationMs < 3_000)).toBe(true);
  });

  it('stopped right after a poll recorded a break: the restarted worker does not record it again', async () => {
    const books = 1107;
    watch.sim.setConnection(CLIENT.id, books, { status: '2' });
    await expect.poll(() => transitionsOf(books), { timeout: 10_000, interval: 20 }).toEqual(['ok → needs-reauth']);
    await stopWorker();
    await expect.poll(() => worker.status(), { timeout: 10_000, interval: 50 }).toBe('running');
    await expectRecordedOnceAndPolling(books);
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
