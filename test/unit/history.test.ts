// History with readers: how often an integration broke in the last 30 days and when it was last fixed,
// on its popup row and in its support summary, and the poll log's last checks for the options page.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildPopupModel } from '../../src/core/popup-build';
import { isGroup, POPUP_MODEL, POPUP_ROWS, type PopupEntry, type PopupRow } from '../../src/core/popup-model';
import { historyText } from '../../src/popup/history-text';
import { recentPolls } from '../../src/options/poll-log';
import { openWatchDb, recordPoll } from '../../src/background/db';
import { historiesOf, type History } from '../../src/core/history';
import { parseSettings } from '../../src/core/settings';
import { saveSettings } from '../../src/shared/storage';
import { supportSummary } from '../../src/core/support-summary';
import { feedKey, type FeedRecord, type Integration, type PollLogEntry, type Transition } from '../../src/core/types';
import { deriveView } from '../../src/core/view';
import { read } from '../../src/shared/stored';
import { CONNECTIONS, connectionsRecord, grantHostAccess, json, serve } from './fixtures';

const NOW = Date.parse('2026-11-30T12:00:00Z');
const DAY = 86_400_000;
const NOV_2 = Date.parse('2026-11-02T12:00:00Z');

type Change = Pick<Transition, 'from' | 'to' | 'at'>;
const change = (from: Change['from'], to: Change['to'], daysAgo: number): Change => ({
  from,
  to,
  at: NOW - daysAgo * DAY,
});
/** One integration's history; none in the window reads as no break. */
const historyOf = (changes: Change[]) =>
  historiesOf(
    changes.map((c) => ({ accountId: 's', integrationId: '1', name: 'x', ...c })),
    NOW,
  ).get('s/1') ?? { breaks: 0 };

describe('the history of one integration', () => {
  it.each<{ what: string; changes: Change[]; expected: History }>([
    { what: 'a break 29 days ago counts', changes: [change('ok', 'failing', 29)], expected: { breaks: 1 } },
    { what: 'a break 31 days ago does not', changes: [change('ok', 'failing', 31)], expected: { breaks: 0 } },
    {
      what: 'a fix 31 days ago is not the last fix',
      changes: [change('failing', 'ok', 31), change('ok', 'failing', 1)],
      expected: { breaks: 1 },
    },
    {
      what: 'a fix then a break: both breaks, the latest fix',
      changes: [
        change('ok', 'needs-reauth', 20),
        change('needs-reauth', 'ok', 15),
        change('ok', 'failing', 10),
        change('failing', 'ok', 5),
        change('ok', 'failing', 1),
      ],
      expected: { breaks: 3, lastFixedAt: NOW - 5 * DAY },
    },
    { what: 'first seen broken counts as a break', changes: [change('new', 'failing', 3)], expected: { breaks: 1 } },
    { what: 'first seen healthy is no break', changes: [change('new', 'ok', 3)], expected: { breaks: 0 } },
    {
      what: 'from paused into a problem is a break',
      changes: [change('ok', 'paused', 4), change('paused', 'needs-reauth', 3)],
      expected: { breaks: 1 },
    },
    {
      what: 'from a problem to paused is no fix',
      changes: [change('new', 'failing', 4), change('failing', 'paused', 3)],
      expected: { breaks: 1 },
    },
    {
      what: 'one problem turning into another is the same break',
      changes: [change('ok', 'failing', 4), change('failing', 'needs-reauth', 3), change('needs-reauth', 'unknown', 2)],
      expected: { breaks: 1 },
    },
    {
      what: 'removed is no fix',
      changes: [change('ok', 'failing', 4), change('failing', 'removed', 3)],
      expected: { breaks: 1 },
    },
  ])('$what', ({ changes, expected }) => {
    expect(historyOf(changes)).toEqual(expected);
  });

  it('keeps each integration of each account apart', () => {
    const log: Transition[] = [
      { accountId: 'a', integrationId: '1', name: 'one', from: 'ok', to: 'failing', at: NOW - DAY },
      { accountId: 'b', integrationId: '1', name: 'one', from: 'failing', to: 'ok', at: NOW - DAY },
      { accountId: 'a', integrationId: '1', name: 'one', from: 'failing', to: 'ok', at: NOW - 2 * DAY },
    ];
    expect(Object.fromEntries(historiesOf(log, NOW))).toEqual({
      'a/1': { breaks: 1, lastFixedAt: NOW - 2 * DAY },
      'b/1': { breaks: 0, lastFixedAt: NOW - DAY },
    });
  });

  it('counts nothing for a logged line it cannot read', () => {
    const damaged = [
      { accountId: 's', integrationId: '1', name: 'x', from: 'ok', to: 'failing', at: 'yesterday' },
      { accountId: 's', integrationId: '1', name: 'x', from: 'ok', to: 'failing' },
      { accountId: null, integrationId: '1', name: 'x', from: 'ok', to: 'failing', at: NOW - DAY },
    ] as unknown as Transition[];
    expect(historiesOf(damaged, NOW).size).toBe(0);
  });
});

const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });

function failing(id: string): Integration {
  return {
    id,
    name: `Name ${id}`,
    type: 'mysql',
    provider: 'MySQL',
    kind: 'database',
    state: 'failing',
    rawStatus: '3',
    since: NOW - DAY,
  };
}

/** Every row of the entries, those folded into a group too. */
function rowsIn(entries: readonly PopupEntry[] | undefined): PopupRow[] {
  return (entries ?? []).flatMap((e) => (isGroup(e) ? (e.rows ?? []) : [e]));
}

/** The rows of the full list: the three alike failures are folded into one group there. */
function rowsWith(histories: Map<string, History>) {
  const records: FeedRecord[] = [connectionsRecord([failing('1'), failing('2'), failing('3')], NOW)];
  return rowsIn(buildPopupModel(deriveView(settings, records, NOW, {}), settings, {}, {}, NOW, histories).rows.s);
}

describe('a problem row', () => {
  it('carries how often it broke in 30 days and when it was last fixed, when it broke within them', () => {
    const rows = rowsWith(
      new Map([
        ['s/1', { breaks: 3, lastFixedAt: NOV_2 }],
        ['s/2', { breaks: 1 }],
        ['s/3', { breaks: 0 }],
      ]),
    );
    expect(Object.fromEntries(rows.map((r) => [r.id, r.history]))).toEqual({
      '1': { breaks: 3, lastFixedAt: NOV_2 },
      '2': { breaks: 1 },
      '3': undefined,
    });
  });

  it.each([
    { history: { breaks: 3, lastFixedAt: NOV_2 }, text: 'Broken 3 times in 30 days; last fixed Nov 2' },
    { history: { breaks: 1, lastFixedAt: NOV_2 }, text: 'Broken once in 30 days; last fixed Nov 2' },
    { history: { breaks: 1 }, text: 'Broken once in 30 days' },
    { history: { breaks: 12 }, text: 'Broken 12 times in 30 days' },
  ])('reads "$text"', ({ history, text }) => {
    expect(historyText(history)).toBe(text);
  });

  it('says it in German in a German browser', () => {
    fakeBrowser.i18n.getUILanguage = () => 'de-DE';
    try {
      expect(historyText({ breaks: 2, lastFixedAt: NOV_2 })).toBe(
        'In 30 Tagen 2-mal ausgefallen; zuletzt behoben am 2. Nov.',
      );
    } finally {
      fakeBrowser.i18n.getUILanguage = () => 'en-US';
    }
  });
});

describe('the support summary', () => {
  it('has a History line with the breaks and the last fix', () => {
    const summary = supportSummary({
      account: { label: 'Main', clientId: '194' },
      integration: failing('1'),
      history: { breaks: 3, lastFixedAt: NOV_2 },
      now: NOW,
    });
    expect(summary.split('\n')).toContain(
      'History: broken 3 times in the last 30 days; last fixed 2026-11-02T12:00:00Z',
    );
    expect(
      supportSummary({
        account: { label: 'Main', clientId: '194' },
        integration: failing('1'),
        history: { breaks: 1 },
        now: NOW,
      }).split('\n'),
    ).toContain('History: broken 1 time in the last 30 days');
  });
});

/** A check of account `s` that ran `minutesAgo`, with the transitions it found. */
async function recordCheck(
  minutesAgo: number,
  transitions: Transition[] = [],
  outcome: PollLogEntry['outcome'] = 'ok',
): Promise<void> {
  const at = NOW - minutesAgo * 60_000;
  const record: FeedRecord = {
    key: feedKey('s', 'connections'),
    accountId: 's',
    feed: 'connections',
    lastAttemptAt: at,
    lastSuccessAt: at,
    failures: 0,
    data: { feed: 'connections', integrations: [failing('1')] },
  };
  await recordPoll(await openWatchDb(), record, transitions, {
    accountId: 's',
    feed: 'connections',
    at,
    outcome,
    durationMs: 100 + minutesAgo,
  });
}

const transition = (from: Transition['from'], to: Transition['to'], at: number): Transition => ({
  accountId: 's',
  integrationId: '1',
  name: 'Name 1',
  from,
  to,
  at,
});

describe('the poll log', () => {
  it('is empty, and left for the worker to create, before the first check', async () => {
    expect(await recentPolls(20)).toEqual([]);
    await recordCheck(1);
    expect(await recentPolls(20)).toHaveLength(1);
  });

  it('lists the last 20 checks, most recent first, passing over a line it cannot read', async () => {
    for (let minutesAgo = 25; minutesAgo >= 1; minutesAgo--)
      await recordCheck(minutesAgo, [], minutesAgo === 3 ? 'timeout' : 'ok');
    const db = await openWatchDb();
    await db.add('polls', { accountId: 's', at: NOW, outcome: 'exploded', durationMs: 1 } as unknown as PollLogEntry);
    const polls = await recentPolls(20);
    expect(polls.map((p) => (NOW - p.at) / 60_000)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(polls[2]).toEqual({
      accountId: 's',
      feed: 'connections',
      at: NOW - 3 * 60_000,
      outcome: 'timeout',
      durationMs: 103,
    });
  });
});

describe('the worker', () => {
  beforeEach(async () => {
    await saveSettings(
      parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194', appOrigin: 'https://app.example.test' }] }),
    );
    await recordCheck(40 * 24 * 60, [transition('ok', 'failing', NOW - 40 * DAY)]);
    await recordCheck(60, [
      transition('failing', 'ok', NOV_2),
      transition('ok', 'failing', NOW - 20 * DAY),
      transition('failing', 'ok', NOW - 10 * DAY),
      transition('ok', 'needs-reauth', NOW - DAY),
    ]);
  });

  it('puts the history from the transition log on the stored popup row', async () => {
    // A check cycle whose poll finds integration 1 failing still, as stored: nothing new in the log.
    grantHostAccess('https://app.example.test/*', 'https://api.rjmetrics.com/*');
    serve({
      [CONNECTIONS]: json(JSON.stringify([{ id: 1, name: 'Name 1', type: 'mysql', properties: { status: '3' } }])),
    });
    vi.resetModules();
    const { requestCycle } = await import('../../src/background/cycle');
    await requestCycle({ force: true }, { now: () => NOW, random: Math.random });
    const history = { breaks: 2, lastFixedAt: NOW - 10 * DAY };
    const model = await read(POPUP_MODEL);
    expect(rowsIn(model?.accounts[0]?.entries).map((r) => [r.id, r.history])).toEqual([['1', history]]);
    expect(rowsIn((await read(POPUP_ROWS)).s).map((r) => [r.id, r.history])).toEqual([['1', history]]);
  });

  it('puts it in the support summary it answers with', async () => {
    vi.resetModules();
    const { openSupportCase } = await import('../../src/background/page-actions');
    const answer = await openSupportCase('s', '1', NOW);
    expect(answer.summary?.split('\n')).toContain(
      'History: broken 2 times in the last 30 days; last fixed 2026-11-20T12:00:00Z',
    );
  });
});
