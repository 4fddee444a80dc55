import { describe, expect, it } from 'vitest';
import { inQuietHours } from '../../src/core/settings';
import { fakeBrowser } from '@webext-core/fake-browser';
import { pruneSnoozes } from '../../src/background/snoozes';
import { isSnoozed, liveSnoozes, parseSnoozes } from '../../src/core/snooze';
import { SNOOZES } from '../../src/core/stored-items';
import { read } from '../../src/shared/stored';
import { deriveView } from '../../src/core/view';
import { parseSettings } from '../../src/core/settings';
import type { FeedRecord, Integration } from '../../src/core/types';
import { connectionsRecord } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12);

/** A broken Stripe integration with this id. */
const stripe = (id: string): Integration => ({
  id,
  name: id,
  type: 'stripe',
  provider: 'Stripe',
  kind: 'oauth',
  state: 'failing',
  rawStatus: '3',
});

describe('snoozes', () => {
  it.each([
    { snooze: { until: NOW + 1 }, state: 'failing' as const, expected: true },
    { snooze: { until: NOW }, state: 'failing' as const, expected: false },
    { snooze: { whileState: 'failing' as const }, state: 'failing' as const, expected: true },
    { snooze: { whileState: 'failing' as const }, state: 'needs-reauth' as const, expected: false },
    { snooze: undefined, state: 'failing' as const, expected: false },
  ])('$snooze on a $state integration → snoozed: $expected', ({ snooze, state, expected }) => {
    expect(isSnoozed(snooze, { state }, NOW)).toBe(expected);
  });

  it('keeps only well-formed snoozes from storage', () => {
    expect(
      parseSnoozes({
        a: { until: 5 },
        b: { whileState: 'failing' },
        c: { whileState: 'broken' },
        d: { until: 'soon' },
        e: null,
      }),
    ).toEqual({
      a: { until: 5 },
      b: { whileState: 'failing' },
    });
    expect(parseSnoozes('nonsense')).toEqual({});
  });

  it('drops snoozes that ran out, changed state, or whose integration is gone', () => {
    const current = new Map([
      ['s/1', { state: 'failing' as const }],
      ['s/2', { state: 'ok' as const }],
    ]);
    const snoozes = {
      's/1': { whileState: 'failing' as const },
      's/2': { whileState: 'failing' as const },
      's/3': { until: NOW + 1 },
    };
    expect(liveSnoozes(snoozes, current, NOW)).toEqual({ 's/1': { whileState: 'failing' } });
  });

  it('forgets, after a check, the snoozes that no longer hide anything, and keeps the others', async () => {
    const integrations = [stripe('1')];
    const records = [connectionsRecord(integrations, NOW)];
    await fakeBrowser.storage.local.set({
      snoozes: { 's/1': { whileState: 'failing' }, 's/2': { until: NOW + 1 }, 's/3': { until: NOW - 1 } },
    });
    expect(await pruneSnoozes(records, NOW, await read(SNOOZES))).toEqual({ 's/1': { whileState: 'failing' } });
    expect(await read(SNOOZES)).toEqual({ 's/1': { whileState: 'failing' } });
  });

  it('keeps a snooze set while a check was cleaning up the ones it had read', async () => {
    const integrations = ['1', '2'].map(stripe);
    const records = [connectionsRecord(integrations, NOW)];
    await fakeBrowser.storage.local.set({ snoozes: { 's/1': { until: NOW - 1 } } });
    const before = await read(SNOOZES);
    // The admin snoozes integration 2 from the popup after the check read the snoozes.
    await fakeBrowser.storage.local.set({ snoozes: { ...before, 's/2': { whileState: 'failing' } } });
    expect(await pruneSnoozes(records, NOW, before)).toEqual({ 's/2': { whileState: 'failing' } });
    expect(await read(SNOOZES)).toEqual({ 's/2': { whileState: 'failing' } });
  });

  it('leaves a snoozed integration out of the problem count and lists it apart', () => {
    const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '1' }] });
    const integrations = ['1', '2'].map(stripe);
    const records: FeedRecord[] = [connectionsRecord(integrations, NOW)];
    const view = deriveView(settings, records, NOW, { 's/2': { until: NOW + 60_000 } });
    expect(view.problemCount).toBe(1);
    expect(view.accounts[0]?.snoozed.map((i) => i.id)).toEqual(['2']);
  });
});

describe('quiet hours', () => {
  it.each([
    { start: 0, end: 0, hour: 3, expected: false },
    { start: 22 * 60, end: 7 * 60, hour: 23, expected: true },
    { start: 22 * 60, end: 7 * 60, hour: 6, expected: true },
    { start: 22 * 60, end: 7 * 60, hour: 7, expected: false },
    { start: 9 * 60, end: 17 * 60, hour: 12, expected: true },
    { start: 9 * 60, end: 17 * 60, hour: 17, expected: false },
  ])('$start–$end at $hour:00 → quiet: $expected', ({ start, end, hour, expected }) => {
    expect(inQuietHours({ quietStart: start, quietEnd: end }, new Date(2026, 10, 27, hour, 0))).toBe(expected);
  });
});
