import { describe, expect, it } from 'vitest';
import {
  GROUP_ABOVE,
  isSummary,
  noteId,
  outageOverNotes,
  parseNoteId,
  planNotes,
  sameMemory,
  summaryNoteId,
  type Note,
  type NoteMemory,
} from '../../src/core/notify-policy';
import { parseSettings, type Settings } from '../../src/core/settings';
import type { FeedRecord, Integration, IntegrationState } from '../../src/core/types';

const HOUR = 3_600_000;
const NOON = new Date(2026, 10, 27, 12, 0).getTime();

function settings(extra: Record<string, unknown> = {}): Settings {
  return parseSettings({ accounts: [{ id: 's1', label: 'Main', clientId: '194' }], ...extra });
}

function integration(id: string, state: IntegrationState, since = NOON): Integration {
  return {
    id,
    name: `Integration ${id}`,
    type: 'facebook_ads',
    provider: 'Facebook Ads',
    kind: 'oauth',
    state,
    rawStatus: state,
    since,
  };
}

function records(...integrations: Integration[]): FeedRecord[] {
  return [
    {
      key: 's1:connections',
      accountId: 's1',
      feed: 'connections',
      lastAttemptAt: NOON,
      failures: 0,
      data: { feed: 'connections', integrations },
    },
  ];
}

/** The ids of the integrations a note stands for. */
function covered(note: Note): string[] {
  return isSummary(note) ? note.integrations.map((i) => i.id) : [note.integration.id];
}

function ids(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(from + i));
}

function plan(
  memory: NoteMemory,
  items: Integration[],
  extra: {
    settings?: Settings;
    now?: number;
    snoozes?: Record<string, { until?: number; whileState?: IntegrationState }>;
  } = {},
) {
  return planNotes({
    settings: extra.settings ?? settings(),
    records: records(...items),
    memory,
    snoozes: extra.snoozes ?? {},
    now: extra.now ?? NOON,
  });
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
    expect(next.notes.map((n) => [n.kind, covered(n)])).toEqual([['recovered', ['1']]]);
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
    {
      what: 'quiet hours span midnight and include noon (08:00–14:00 reversed is not)',
      extra: { notifications: { quietStart: 22 * 60, quietEnd: 13 * 60 } },
    },
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

describe('planNotes with many changes at once', () => {
  const two = settings({
    accounts: [
      { id: 's1', label: 'Main', clientId: '194' },
      { id: 's2', label: 'Outlet', clientId: '2' },
    ],
  });

  function twoAccounts(memory: NoteMemory, s1: Integration[], s2: Integration[]) {
    const feeds = [...records(...s1), { ...records(...s2)[0]!, key: 's2:connections', accountId: 's2' }];
    return planNotes({ settings: two, records: feeds, memory, snoozes: {}, now: NOON });
  }

  it.each([
    { count: GROUP_ABOVE, expected: ids(1, GROUP_ABOVE).map((id) => noteId('new-problem', 's1', id)) },
    { count: GROUP_ABOVE + 1, expected: [summaryNoteId('new-problem', 's1')] },
    { count: 12, expected: [summaryNoteId('new-problem', 's1')] },
  ])('$count integrations breaking in one poll → $expected', ({ count, expected }) => {
    const base = plan(
      {},
      ids(1, count).map((id) => integration(id, 'ok')),
    ).memory;
    const broken = plan(
      base,
      ids(1, count).map((id) => integration(id, 'needs-reauth')),
    );
    expect(broken.notes.map((n) => n.id)).toEqual(expected);
    expect(broken.notes.flatMap(covered)).toEqual(ids(1, count));
  });

  it('sums up per account and per kind, and leaves small groups as single notes', () => {
    const s1 = ids(1, 6);
    const base = twoAccounts(
      {},
      [...s1.slice(0, 4).map((id) => integration(id, 'ok')), ...s1.slice(4).map((id) => integration(id, 'failing'))],
      ids(1, 3).map((id) => integration(id, 'ok')),
    ).memory;
    const next = twoAccounts(
      base,
      [...s1.slice(0, 4).map((id) => integration(id, 'failing')), ...s1.slice(4).map((id) => integration(id, 'ok'))],
      ids(1, 3).map((id) => integration(id, 'needs-reauth')),
    );
    expect(next.notes.map((n) => [n.id, covered(n)])).toEqual([
      ['new-problem|s1|*', ['1', '2', '3', '4']],
      [noteId('recovered', 's1', '5'), ['5']],
      [noteId('recovered', 's1', '6'), ['6']],
      [noteId('new-problem', 's2', '1'), ['1']],
      [noteId('new-problem', 's2', '2'), ['2']],
      [noteId('new-problem', 's2', '3'), ['3']],
    ]);
  });

  it('sums up new problems and escalations of the same integrations separately', () => {
    const base = plan(
      {},
      ids(1, 5).map((id) => integration(id, 'ok')),
    ).memory;
    const next = plan(
      base,
      ids(1, 5).map((id) => integration(id, 'needs-reauth', NOON - 30 * HOUR)),
    );
    expect(next.notes.map((n) => [n.id, covered(n).length])).toEqual([
      ['new-problem|s1|*', 5],
      ['escalation|s1|*', 5],
    ]);
    expect(
      plan(
        next.memory,
        ids(1, 5).map((id) => integration(id, 'needs-reauth', NOON - 30 * HOUR)),
      ).notes,
    ).toEqual([]);
  });

  it('leaves snoozed integrations out of a summary', () => {
    const base = plan(
      {},
      ids(1, 5).map((id) => integration(id, 'ok')),
    ).memory;
    const snoozes = { 's1/1': { whileState: 'failing' as const }, 's1/2': { until: NOON + HOUR } };
    const next = plan(
      base,
      ids(1, 5).map((id) => integration(id, 'failing')),
      { snoozes },
    );
    expect(next.notes.flatMap(covered)).toEqual(['3', '4', '5']);
  });
});

describe('the notification memory', () => {
  it('holds only integrations that are not ok, and an empty entry for an account that is all ok', () => {
    const s = settings({
      accounts: [
        { id: 's1', label: 'Main', clientId: '194' },
        { id: 's2', label: 'Outlet', clientId: '2' },
      ],
    });
    const feeds = [
      ...records(integration('1', 'ok'), integration('2', 'failing'), integration('3', 'paused')),
      { ...records(integration('9', 'ok'))[0]!, key: 's2:connections', accountId: 's2' },
    ];
    const { memory } = planNotes({ settings: s, records: feeds, memory: {}, snoozes: {}, now: NOON });
    expect(memory).toEqual({
      s1: { '2': { state: 'failing', escalated: false }, '3': { state: 'paused', escalated: false } },
      s2: {},
    });
  });

  it('still knows an account whose problems are all fixed, so the next break is announced', () => {
    const base = plan({}, [integration('1', 'failing')]).memory;
    const fixed = plan(base, [integration('1', 'ok')]);
    expect(fixed.memory).toEqual({ s1: {} });
    expect(plan(fixed.memory, [integration('1', 'needs-reauth')]).notes.map((n) => n.id)).toEqual([
      noteId('new-problem', 's1', '1'),
    ]);
  });

  it('reads a memory that still lists ok integrations, and drops them', () => {
    const old: NoteMemory = {
      s1: { '1': { state: 'ok', escalated: false }, '2': { state: 'failing', escalated: false } },
    };
    const next = plan(old, [integration('1', 'needs-reauth'), integration('2', 'ok')]);
    expect(next.notes.map((n) => n.id)).toEqual([noteId('new-problem', 's1', '1'), noteId('recovered', 's1', '2')]);
    expect(next.memory).toEqual({ s1: { '1': { state: 'needs-reauth', escalated: false } } });
  });

  it('comes out the same when a poll changes nothing, and different when one does', () => {
    const items = [integration('1', 'ok'), integration('2', 'failing', NOON - 30 * HOUR)];
    const first = plan({}, items).memory;
    expect(sameMemory(first, plan(first, items).memory)).toBe(true);
    expect(sameMemory(first, plan(first, [integration('1', 'paused'), items[1]!]).memory)).toBe(false);
    const escalated = plan({ s1: { '2': { state: 'failing', escalated: false } } }, items).memory;
    expect(sameMemory({ s1: { '2': { state: 'failing', escalated: false } } }, escalated)).toBe(false);
  });

  const different: { a: NoteMemory; b: NoteMemory }[] = [
    { a: {}, b: { s1: {} } },
    { a: { s1: {} }, b: { s2: {} } },
    {
      a: { s1: { '1': { state: 'failing', escalated: false } } },
      b: { s1: { '2': { state: 'failing', escalated: false } } },
    },
    {
      a: { s1: { '1': { state: 'failing', escalated: false } } },
      b: { s1: { '1': { state: 'failing', escalated: false }, '2': { state: 'paused', escalated: false } } },
    },
  ];

  it.each(different)('tells $a and $b apart', ({ a, b }) => {
    expect(sameMemory(a, b)).toBe(false);
    expect(sameMemory(b, a)).toBe(false);
  });
});

describe('notification ids', () => {
  it.each([
    { kind: 'new-problem' as const, accountId: 's1', integrationId: '42' },
    { kind: 'escalation' as const, accountId: 'a|b', integrationId: 'x y%' },
  ])('round-trip $kind for $accountId/$integrationId', ({ kind, accountId, integrationId }) => {
    expect(parseNoteId(noteId(kind, accountId, integrationId))).toEqual({ kind, accountId, integrationId });
  });

  it.each([
    { kind: 'new-problem' as const, accountId: 's1' },
    { kind: 'recovered' as const, accountId: 'a|b*' },
  ])('name the summary of $kind for $accountId, with no integration', ({ kind, accountId }) => {
    expect(parseNoteId(summaryNoteId(kind, accountId))).toEqual({ kind, accountId, integrationId: null });
  });

  it('keep an integration called "*" apart from a summary', () => {
    expect(noteId('escalation', 's1', '*')).not.toBe(summaryNoteId('escalation', 's1'));
    expect(parseNoteId(noteId('escalation', 's1', '*'))).toEqual({
      kind: 'escalation',
      accountId: 's1',
      integrationId: '*',
    });
  });

  it.each(['', 'nonsense', 'other|s1|1', 'new-problem|s1', 'new-problem||1', 'new-problem|%E0%A4%A|1'])(
    'refuses "%s"',
    (id) => {
      expect(parseNoteId(id)).toBeNull();
    },
  );
});

describe('planNotes while an outage holds an integration', () => {
  const held = new Set(['s1/1']);
  const heldPlan = (memory: NoteMemory, items: Integration[], hold: ReadonlySet<string> = held) =>
    planNotes({ settings: settings(), records: records(...items), memory, snoozes: {}, now: NOON, held: hold });

  it('says nothing of a new problem it holds, and still announces one it does not', () => {
    const base = heldPlan({}, [integration('1', 'ok'), integration('2', 'ok')]).memory;
    const broken = heldPlan(base, [integration('1', 'needs-reauth'), integration('2', 'needs-reauth')]);
    expect(broken.notes.map((n) => [n.kind, covered(n)])).toEqual([['new-problem', ['2']]]);
    // Remembered all the same: once released, it is not announced as new.
    expect(broken.memory.s1?.['1']).toEqual({ state: 'needs-reauth', escalated: false });
    expect(heldPlan(broken.memory, [integration('1', 'needs-reauth')], new Set()).notes).toEqual([]);
  });

  it('holds back the escalation while it lasts, and escalates once it is released', () => {
    const base = heldPlan({}, [integration('1', 'needs-reauth', NOON - 2 * HOUR)]).memory;
    const late = heldPlan(base, [integration('1', 'needs-reauth', NOON - 30 * HOUR)]);
    expect(late.notes).toEqual([]);
    expect(late.memory.s1?.['1']?.escalated).toBe(false);
    const released = heldPlan(late.memory, [integration('1', 'needs-reauth', NOON - 30 * HOUR)], new Set());
    expect(released.notes.map((n) => n.kind)).toEqual(['escalation']);
  });

  it('announces the recovery of an integration it held (a healthy one is held by nothing)', () => {
    const base = heldPlan({}, [integration('1', 'ok')]).memory;
    const broken = heldPlan(base, [integration('1', 'failing')]);
    expect(broken.notes).toEqual([]);
    const recovered = heldPlan(broken.memory, [integration('1', 'ok')], new Set());
    expect(recovered.notes.map((n) => n.kind)).toEqual(['recovered']);
  });
});

describe('outageOverNotes', () => {
  const released = (accountId: string, source: string, ...idList: string[]) =>
    idList.map((id) => ({ accountId, integration: integration(id, 'needs-reauth'), by: { source } }));

  it('gives each released integration its own note, naming who reported the outage', () => {
    expect(outageOverNotes(released('s1', 'Zendesk', '1'))).toEqual([
      {
        id: noteId('outage-over', 's1', '1'),
        kind: 'outage-over',
        accountId: 's1',
        integration: integration('1', 'needs-reauth'),
        source: 'Zendesk',
      },
    ]);
  });

  it.each([
    { count: GROUP_ABOVE, expected: ids(1, GROUP_ABOVE).map((id) => noteId('outage-over', 's1', id)) },
    { count: GROUP_ABOVE + 1, expected: [summaryNoteId('outage-over', 's1')] },
  ])('$count released by one source of one account → $expected', ({ count, expected }) => {
    const notes = outageOverNotes(released('s1', 'Zendesk', ...ids(1, count)));
    expect(notes.map((n) => n.id)).toEqual(expected);
    expect(notes.flatMap(covered)).toEqual(ids(1, count));
    expect(notes.every((n) => n.source === 'Zendesk')).toBe(true);
  });

  it('sums up per account, naming the provider only when one held them all', () => {
    const notes = outageOverNotes([
      ...released('s1', 'Zendesk', ...ids(1, 4)),
      ...released('s1', 'Adobe', ...ids(5, 4)),
      ...released('s2', 'Zendesk', '9'),
      ...released('s3', 'Adobe', ...ids(10, 4)),
    ]);
    expect(notes.map((n) => [n.accountId, n.source, covered(n)])).toEqual([
      ['s1', '', ids(1, 8)],
      ['s2', 'Zendesk', ['9']],
      ['s3', 'Adobe', ids(10, 4)],
    ]);
  });

  it('names nothing when nothing was released', () => {
    expect(outageOverNotes([])).toEqual([]);
  });
});
