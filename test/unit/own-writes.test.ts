// The cycle's own writes ask for no other cycle; anyone else's do.
import { describe, expect, it } from 'vitest';
import { isOwnWrite, noteOwnWrite } from '../../src/background/own-writes';
import { pruneSnoozes } from '../../src/background/snoozes';
import { SNOOZES } from '../../src/core/stored-items';
import { write } from '../../src/shared/stored';
import { connectionsRecord } from './fixtures';

const NOW = Date.parse('2026-11-30T12:00:00Z');

describe('own writes', () => {
  it('recognizes what the cycle wrote once, whatever the order of its keys, and nothing else', () => {
    noteOwnWrite('snoozes', { 'a/1': { until: 5 }, 'a/2': { whileState: 'failing' } });
    expect(isOwnWrite('snoozes', { 'a/1': { until: 6 } })).toBe(false);
    expect(isOwnWrite('verifications', { 'a/2': { whileState: 'failing' }, 'a/1': { until: 5 } })).toBe(false);
    expect(isOwnWrite('snoozes', { 'a/2': { whileState: 'failing' }, 'a/1': { until: 5 } })).toBe(true);
    expect(isOwnWrite('snoozes', { 'a/2': { whileState: 'failing' }, 'a/1': { until: 5 } })).toBe(false);
  });

  it('marks the snoozes a check drops as its own write', async () => {
    await write(SNOOZES, { 's/1': { until: NOW - 1 }, 's/2': { until: NOW + 60_000 } });
    const records = [
      connectionsRecord(
        ['1', '2'].map((id) => ({
          id,
          name: id,
          type: 'mysql',
          provider: 'MySQL',
          kind: 'database' as const,
          state: 'failing' as const,
          rawStatus: '3',
        })),
        NOW,
      ),
    ];
    const live = await pruneSnoozes(records, NOW, { 's/1': { until: NOW - 1 }, 's/2': { until: NOW + 60_000 } });
    expect(live).toEqual({ 's/2': { until: NOW + 60_000 } });
    expect(isOwnWrite('snoozes', { 's/2': { until: NOW + 60_000 } })).toBe(true);
  });
});
