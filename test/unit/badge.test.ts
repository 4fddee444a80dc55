import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { renderBadge } from '../../src/background/badge';
import { ISSUES, PROBLEM_COLOR } from '../../src/core/issues';
import { parseSettings, type Settings } from '../../src/core/settings';
import {
  feedKey,
  type FeedError,
  type FeedErrorKind,
  type FeedRecord,
  type Integration,
  type IntegrationState,
  type FactsData,
} from '../../src/core/types';
import { deriveView } from '../../src/core/view';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const MAIN = { id: 'main', label: 'Main store', clientId: '194' };
const OUTLET = { id: 'outlet', label: 'Outlet store', clientId: '195' };
/** An account label as the tooltip writes it: isolated, so a right-to-left one cannot reorder the line. */
const isolated = (label: string) => `\u2068${label}\u2069`;

function settings(raw: Record<string, unknown> = {}): Settings {
  return parseSettings({ accounts: [MAIN], ...raw });
}

function integrations(states: IntegrationState[]): Integration[] {
  return states.map((state, i) => ({
    id: String(i + 1),
    name: `integration ${i + 1}`,
    type: 'mysql',
    provider: 'MySQL',
    kind: 'database',
    state,
    rawStatus: state,
    since: NOW - HOUR,
  }));
}

function connections(accountId: string, states: IntegrationState[], extra: Partial<FeedRecord> = {}): FeedRecord {
  return {
    key: feedKey(accountId, 'connections'),
    accountId,
    feed: 'connections',
    lastAttemptAt: NOW - MINUTE,
    lastSuccessAt: NOW - MINUTE,
    failures: 0,
    data: { feed: 'connections', integrations: integrations(states) },
    ...extra,
  };
}

function failed(accountId: string, kind: FeedErrorKind, states: IntegrationState[] = []): FeedRecord {
  const error: FeedError = { kind, message: `poll failed: ${kind}` };
  return connections(accountId, states, { error, failures: 1 });
}

function cycle(accountId: string, lastJob: FactsData['lastJob'], error?: FeedError): FeedRecord {
  const record: FeedRecord = {
    key: feedKey(accountId, 'update-cycle'),
    accountId,
    feed: 'update-cycle',
    lastAttemptAt: NOW - MINUTE,
    lastSuccessAt: NOW - MINUTE,
    failures: 0,
    data: { feed: 'update-cycle', lastJob },
  };
  if (error) record.error = error;
  return record;
}

function job(endedAt: number, statusId = 4): NonNullable<FactsData['lastJob']> {
  return {
    id: 13554,
    typeName: 'Full Update',
    statusId,
    statusName: statusId === 4 ? 'Completed Successfully' : 'Failed',
    endedAt,
    endedRaw: '2026-01-15 03:29:03 EST',
  };
}

const OK = (n: number): IntegrationState[] => Array.from({ length: n }, () => 'ok');
const BROKEN = (n: number): IntegrationState[] => Array.from({ length: n }, () => 'needs-reauth');

describe('badgeFor', () => {
  it.each([
    {
      what: 'no account is set up',
      config: settings({ accounts: [] }),
      records: [],
      text: 'set',
      title: 'No MBI account set up',
    },
    {
      what: 'every integration is healthy',
      config: settings(),
      records: [connections('main', OK(3))],
      text: '',
      title: 'all integrations healthy',
    },
    {
      what: 'a paused integration is not a problem',
      config: settings(),
      records: [connections('main', ['ok', 'paused'])],
      text: '',
      title: 'all integrations healthy',
    },
    {
      what: 'one integration needs re-authorization',
      config: settings(),
      records: [connections('main', [...OK(2), 'needs-reauth'])],
      text: '1',
      title: '1 integration needs attention',
    },
    {
      what: '4 integrations are in trouble',
      config: settings(),
      records: [connections('main', ['needs-reauth', 'failing', 'unknown', 'needs-reauth', 'ok'])],
      text: '4',
      title: '4 integrations need attention',
    },
    {
      what: '999 integrations are in trouble',
      config: settings(),
      records: [connections('main', BROKEN(999))],
      text: '999',
      title: '999 integrations need attention',
    },
    {
      what: '1000 integrations are in trouble',
      config: settings(),
      records: [connections('main', BROKEN(1000))],
      text: '999+',
      title: '1000 integrations need attention',
    },
  ])('shows "$text" when $what', ({ config, records, text, title }) => {
    const badge = badgeFor(deriveView(config, records, NOW));
    expect(badge.text).toBe(text);
    expect(badge.title).toContain(title);
  });

  it('shows the problem count in red', () => {
    expect(badgeFor(deriveView(settings(), [connections('main', BROKEN(4))], NOW)).color).toBe(PROBLEM_COLOR);
  });

  it.each([
    { when: 'the session has expired', records: [failed('main', 'signed-out')], text: '?', title: 'Signed out of MBI' },
    {
      when: 'MBI refuses the Export API key',
      records: [
        connections('main', OK(1)),
        cycle('main', job(NOW - HOUR), { kind: 'key-rejected', message: 'HTTP 403' }),
      ],
      text: 'key',
      title: 'Export API key rejected',
    },
    {
      when: 'host access was not granted',
      records: [failed('main', 'permission-missing')],
      text: 'perm',
      title: 'Host access not granted',
    },
    {
      when: 'MBI answers in an unknown shape',
      records: [failed('main', 'format-changed')],
      text: 'fmt',
      title: 'MBI changed its format',
    },
    { when: 'MBI cannot be reached', records: [failed('main', 'unreachable')], text: 'off', title: 'MBI unreachable' },
    {
      when: 'MBI answers with a server error',
      records: [failed('main', 'server-error')],
      text: 'err',
      title: 'MBI server error',
    },
    {
      when: 'no check succeeded for over two poll intervals',
      records: [connections('main', OK(2), { lastSuccessAt: NOW - 11 * MINUTE })],
      text: 'old',
      title: 'Data is stale',
    },
    {
      when: 'the last completed update is older than the stale limit',
      records: [connections('main', OK(2)), cycle('main', job(NOW - 27 * HOUR))],
      text: 'old',
      title: 'Data is stale',
    },
    {
      when: 'the last update did not complete',
      records: [connections('main', OK(2)), cycle('main', job(NOW - HOUR, 5))],
      text: 'old',
      title: 'Data is stale',
    },
    {
      when: 'MBI reports no completed update',
      records: [connections('main', OK(2)), cycle('main', null)],
      text: 'old',
      title: 'Data is stale',
    },
    {
      when: 'the session expired and the data is stale too',
      records: [
        connections('main', OK(1), {
          error: { kind: 'signed-out', message: 'HTTP 401' },
          lastSuccessAt: NOW - 3 * HOUR,
        }),
      ],
      text: '?',
      title: 'Signed out of MBI',
    },
  ])('shows "$text" and "$title" when $when', ({ records, text, title }) => {
    const badge = badgeFor(deriveView(settings(), records, NOW));
    expect(badge.text).toBe(text);
    expect(badge.title).toContain(`${title} (${isolated('Main store')})`);
  });

  it.each([
    {
      what: 'the last success was 9 minutes ago with 5-minute polls',
      records: [connections('main', OK(2), { lastSuccessAt: NOW - 9 * MINUTE })],
    },
    {
      what: 'the last update ended 25 hours ago with a 26-hour limit',
      records: [connections('main', OK(2)), cycle('main', job(NOW - 25 * HOUR))],
    },
  ])('does not call the data stale when $what', ({ records }) => {
    expect(badgeFor(deriveView(settings(), records, NOW)).text).toBe('');
  });

  it('shows "||" and "Checks paused" while checks are paused, even with problems', () => {
    const badge = badgeFor(deriveView(settings({ paused: true }), [connections('main', BROKEN(3))], NOW));
    expect(badge).toMatchObject({ text: '||', title: expect.stringContaining('Checks paused') as unknown });
  });

  it('shows the sign-in symbol and names both accounts when one is signed out and the other has problems', () => {
    const config = settings({ accounts: [MAIN, OUTLET] });
    const badge = badgeFor(
      deriveView(config, [failed('main', 'signed-out'), connections('outlet', ['needs-reauth', 'failing', 'ok'])], NOW),
    );
    expect(badge.text).toBe('?');
    expect(badge.title.split('\n')).toEqual([
      `MBI Integration Watch: Signed out of MBI (${isolated('Main store')})`,
      `${isolated('Main store')}: 0 of 0 need attention — Signed out of MBI`,
      `${isolated('Outlet store')}: 2 of 3 need attention`,
    ]);
  });

  it('keeps listing the last known problems when the latest check failed', () => {
    const view = deriveView(settings(), [failed('main', 'unreachable', ['needs-reauth', 'failing', 'ok'])], NOW);
    expect(view.accounts[0]).toMatchObject({ showingLastGood: true, total: 3 });
    expect(view.accounts[0]?.problems.map((i) => i.state)).toEqual(['needs-reauth', 'failing']);
    expect(badgeFor(view).title).toContain(`${isolated('Main store')}: 2 of 3 need attention — MBI unreachable`);
  });

  it("fits every state's symbol in the four characters Chrome shows", () => {
    expect(Object.values(ISSUES).filter((issue) => issue.badge.length > 4)).toEqual([]);
  });
});

describe('renderBadge', () => {
  it('puts the text, colour and tooltip on the toolbar button', async () => {
    await renderBadge(badgeFor(deriveView(settings(), [failed('main', 'signed-out')], NOW)));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('?');
    expect(await fakeBrowser.action.getTitle({})).toContain('Signed out of MBI');
  });
});
