import { describe, expect, it } from 'vitest';
import { noteId, parseNoteId, planNotes, type NoteMemory } from '../../src/background/notify-policy';
import { parseSettings, type Settings } from '../../src/shared/settings';
import type { FeedRecord, Integration, IntegrationState } from '../../src/shared/types';

const HOUR = 3_600_000;
const NOON = new Date(2026, 10, 27, 12, 0).getTime();

function settings(extra: Record<string, unknown> = {}): Settings {
  return parseSettings({ sources: [{ id: 's1', label: 'Main', clientId: '194' }], ...extra });
}

function integration(id: string, state: IntegrationState, since = NOON): Integration {
  return { id, name: `Integration ${id}`, type: 'facebook_ads', provider: 'Facebook Ads', kind: 'oauth', state, rawStatus: state, since };
}

function records(...integrations: Integration[]): FeedRecord[] {
  return [{ key: 's1:connections', sourceId: 's1', feed: 'connections', lastAttemptAt: NOON, failures: 0, data: { feed: 'connections', integrations } }];
}

function plan(memory: NoteMemory, items: Integration[], extra: { settings?: Settings; now?: number; snoozes?: Record<string, { until?: number; whileState?: IntegrationState }> } = {}) {
  return planNotes({ settings: extra.settings ?? settings(), records: records(...items), memory, snoozes: extra.snoozes ?? {}, now: extra.now ?? NOON });
}

describe('planNotes', () => {
  it('sets a silent baseline on the first look at an account', () => {
    const first = plan({}, [integration('1', 'needs-reauth'), integration('2', 'ok')]);
    expect(first.notes).toEqual([]);
    expect(first.memory.s1?.['1']?.state).toBe('needs-reauth');
  });

  it('announces a new problem once, however often the same state is polled', () => {
    const base = plan({}, [integration('1', 'ok')]).memory;
    const broken = plan(base, [integration('1', 'needs-reauth')]);
    expect(broken.notes.map((n) => n.kind)).toEqual(['new-problem']);
    const again = plan(broken.memory, [integration('1', 'needs-reauth')]);
    expect(again.notes).toEqual([]);
  });

  it('announces a recovery only after a problem', () => {
    const base = plan({}, [integration('1', 'failing'), integration('2', 'paused')]).memory;
    const next = plan(base, [integration('1', 'ok'), integration('2', 'ok')]);
    expect(next.notes.map((n) => [n.kind, n.integration.id])).toEqual([['recovered', '1']]);
  });

  it('escalates once when an integration stays broken past the threshold', () => {
    const base = plan({}, [integration('1', 'needs-reauth', NOON - 2 * HOUR)], { now: NOON - HOUR }).memory;
    const late = plan(base, [integration('1', 'needs-reauth', NOON - 30 * HOUR)], { now: NOON });
    expect(late.notes.map((n) => n.kind)).toEqual(['escalation']);
    expect(plan(late.memory, [integration('1', 'needs-reauth', NOON - 30 * HOUR)]).notes).toEqual([]);
  });

  it.each([
    { what: 'new problems are switched off', extra: { notifications: { newProblem: false } } },
    { what: 'it is quiet hours (11:00–13:00)', extra: { notifications: { quietStart: 11 * 60, quietEnd: 13 * 60 } } },
    { what: 'quiet hours span midnight and include noon (08:00–14:00 reversed is not)', extra: { notifications: { quietStart: 22 * 60, quietEnd: 13 * 60 } } },
  ])('shows nothing when $what', ({ extra }) => {
    const s = settings(extra);
    const base = plan({}, [integration('1', 'ok')], { settings: s }).memory;
    expect(plan(base, [integration('1', 'failing')], { settings: s }).notes).toEqual([]);
  });

  it('stays silent for a snoozed integration and escalates it only after the snooze', () => {
    const base = plan({}, [integration('1', 'ok')]).memory;
    const snoozes = { 's1/1': { whileState: 'needs-reauth' as const } };
    const snoozed = plan(base, [integration('1', 'needs-reauth', NOON - 30 * HOUR)], { snoozes });
    expect(snoozed.notes).toEqual([]);
    const after = plan(snoozed.memory, [integration('1', 'failing', NOON - 30 * HOUR)]);
    expect(after.notes.map((n) => n.kind).sort()).toEqual(['escalation', 'new-problem']);
  });

  it('forgets accounts that were removed', () => {
    const memory: NoteMemory = { gone: { '1': { state: 'ok', escalated: false } } };
    expect(plan(memory, [integration('1', 'ok')]).memory).not.toHaveProperty('gone');
  });
});

describe('notification ids', () => {
  it.each([
    { kind: 'new-problem' as const, sourceId: 's1', integrationId: '42' },
    { kind: 'escalation' as const, sourceId: 'a|b', integrationId: 'x y%' },
  ])('round-trip $kind for $sourceId/$integrationId', ({ kind, sourceId, integrationId }) => {
    expect(parseNoteId(noteId(kind, sourceId, integrationId))).toEqual({ kind, sourceId, integrationId });
  });

  it.each(['', 'nonsense', 'other|s1|1', 'new-problem|s1', 'new-problem||1', 'new-problem|%E0%A4%A|1'])('refuses "%s"', (id) => {
    expect(parseNoteId(id)).toBeNull();
  });
});
