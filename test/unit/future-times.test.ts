// Times ahead of this computer's clock (a zone label MBI gets wrong, clock skew) are never shown as
// "in 3 hours": MBI's own are shown as it wrote them with a note, ours as a date and time.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { buildPopupModel } from '../../src/core/popup-build';
import { isGroup } from '../../src/core/popup-model';
import { absoluteTime, ownTime, pastTime, reportedTime } from '../../src/core/format';
import { parseSettings } from '../../src/core/settings';
import { COMPLETED_STATUS_ID, type FeedRecord } from '../../src/core/types';
import { deriveView } from '../../src/core/view';
import { connectionsRecord } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WRITTEN = '2026-11-27 10:00:00 EST';

describe('pastTime', () => {
  it.each([
    { at: NOW - 5 * MINUTE, locale: 'en', expected: '5 minutes ago' },
    { at: NOW - 3 * HOUR, locale: 'de', expected: 'vor 3 Stunden' },
    { at: NOW + 4 * MINUTE, locale: 'en', expected: 'now' },
    { at: NOW + 6 * MINUTE, locale: 'en', expected: null },
    { at: NOW + 3 * HOUR, locale: 'en', expected: null },
    { at: NOW + 3 * HOUR, locale: 'de', expected: null },
  ])('$at in $locale → $expected', ({ at, locale, expected }) => {
    expect(pastTime(at, NOW, locale)).toBe(expected);
  });
});

describe('a time MBI reported', () => {
  it('reads "3 hours ago" when it lies behind the clock', () => {
    expect(reportedTime(NOW - 3 * HOUR, WRITTEN, NOW)).toBe('3 hours ago');
  });

  it.each([
    { lang: 'en-US', expected: `${WRITTEN} (this time could not be placed on this computer's clock)` },
    { lang: 'de', expected: `${WRITTEN} (diese Zeit ließ sich nicht auf der Uhr dieses Computers einordnen)` },
  ])('is shown as MBI wrote it, with a note, when it lies 3 hours ahead ($lang)', ({ lang, expected }) => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang);
    expect(reportedTime(NOW + 3 * HOUR, WRITTEN, NOW)).toBe(expected);
  });
});

describe('a time this computer took', () => {
  it('is shown as a date and time once the clock has gone back behind it', () => {
    expect(ownTime(NOW + 3 * HOUR, NOW)).toBe(absoluteTime(NOW + 3 * HOUR));
    expect(ownTime(NOW - 3 * HOUR, NOW)).toBe('3 hours ago');
  });
});

describe('an update end time ahead of the clock', () => {
  const settings = parseSettings({ staleHours: 26, accounts: [{ id: 's', label: 'Main', clientId: '194' }] });
  const records = (endedAt: number, statusId = COMPLETED_STATUS_ID): FeedRecord[] => [
    connectionsRecord([], NOW),
    {
      key: 's:update-cycle',
      accountId: 's',
      feed: 'update-cycle',
      lastAttemptAt: NOW,
      lastSuccessAt: NOW,
      failures: 0,
      data: {
        feed: 'update-cycle',
        lastJob: {
          id: 1,
          typeName: 'Full Update',
          statusId,
          statusName: 'Completed Successfully',
          endedAt,
          endedRaw: WRITTEN,
        },
      },
    },
  ];

  it('reaches the popup with the time as MBI wrote it', () => {
    const view = deriveView(settings, records(NOW + 3 * HOUR), NOW);
    const { model } = buildPopupModel(view, settings, {}, {}, NOW);
    expect(model.accounts[0]?.lastJob).toEqual({
      statusName: 'Completed Successfully',
      endedAt: NOW + 3 * HOUR,
      endedRaw: WRITTEN,
    });
  });

  it('is not judged stale by its age when a zone mix-up could explain it', () => {
    expect(deriveView(settings, records(NOW + 3 * HOUR), NOW).accounts[0]?.issue).toBeUndefined();
  });

  it('counts as stale when it lies further ahead than any zone explains, rather than as fresh for ever', () => {
    expect(deriveView(settings, records(NOW + 30 * 24 * HOUR), NOW).accounts[0]?.issue).toMatchObject({
      kind: 'stale',
      message: expect.stringContaining(WRITTEN) as unknown,
    });
  });

  it('carries the time as MBI wrote it into the likely cause of a row when the update did not complete', () => {
    const all = records(NOW + 3 * HOUR, 5);
    const connections = all[0]!;
    const broken = {
      ...connections,
      data: {
        feed: 'connections' as const,
        integrations: [
          {
            id: '1',
            name: 'n',
            type: 'mysql',
            provider: 'MySQL',
            kind: 'database' as const,
            state: 'failing' as const,
            rawStatus: '3',
          },
        ],
      },
    };
    const view = deriveView(settings, [broken, all[1]!], NOW);
    const [row] = buildPopupModel(view, settings, {}, {}, NOW).model.accounts[0]?.entries ?? [];
    expect(row && isGroup(row)).toBe(false);
    const cause = row && !isGroup(row) ? row.cause : undefined;
    expect(cause).toMatchObject({ evidenceAt: NOW + 3 * HOUR, evidenceRaw: WRITTEN });
  });
});
