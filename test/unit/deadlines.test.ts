// Dated rules: when a healthy integration is expected to stop, how sure that is, and how it is shown.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { buildPopupModel } from '../../src/core/popup-build';
import {
  addYears,
  isDueSoon,
  noteReauthorized,
  predict,
  RULES,
  type EventName,
  type Events,
} from '../../src/core/deadlines';
import { daysUntil, dueText } from '../../src/core/format';
import { parseDueMemory, planDueNotes } from '../../src/core/notify-policy';
import { parseSettings } from '../../src/core/settings';
import { deriveView } from '../../src/core/view';
import { adobeAnalytics, connectionsRecord } from './fixtures';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const WINDOWS = { intervalDays: 7, fixedDays: 30 };
const zone = process.env.TZ;

afterEach(() => {
  process.env.TZ = zone;
});

describe('predict, rule by rule', () => {
  it.each([
    { type: 'zendesk', due: '2027-04-30T00:00:00Z' },
    { type: 'mixpanel', due: '2027-03-03T00:00:00Z' },
  ])('gives $type its vendor deadline, whatever was seen', ({ type, due }) => {
    const p = predict({ type }, { authorizedAt: NOW }, {});
    expect(p).toMatchObject({ confidence: 'fixed', due: Date.parse(due) });
    expect(p?.rule.source).toMatch(/^https:\/\//);
  });

  it('counts Adobe Analytics 14 days from the latest of a re-authorization, MBI’s established time and the first healthy sight', () => {
    const events: Events = { firstSeenOkAt: NOW - 20 * DAY, authorizedAt: NOW - 12 * DAY };
    expect(predict({ type: 'adobe_analytics' }, events, {})).toMatchObject({
      confidence: 'observed',
      due: NOW + 2 * DAY,
      from: { event: 'authorizedAt', at: NOW - 12 * DAY },
    });
    const reauthorized = { ...events, reauthorizedAt: NOW - DAY };
    expect(predict({ type: 'adobe_analytics' }, reauthorized, {})?.due).toBe(NOW + 13 * DAY);
  });

  it('counts from MBI’s established time, not from the later moment the extension first saw it healthy', () => {
    const p = predict({ type: 'adobe_analytics' }, { authorizedAt: NOW - 12 * DAY, firstSeenOkAt: NOW }, {});
    expect(p?.due).toBe(NOW + 2 * DAY);
    expect(predict({ type: 'adobe_analytics' }, { firstSeenOkAt: NOW - DAY }, {})?.due).toBe(NOW + 13 * DAY);
  });

  it('says "not seen yet" (no date) when the event an interval counts from was never seen', () => {
    const p = predict({ type: 'adobe_analytics' }, {}, {});
    expect(p).toMatchObject({ confidence: 'observed' });
    expect(p?.due).toBeUndefined();
    expect(isDueSoon(p!, WINDOWS, NOW)).toBe(false);
  });

  it('ends QuickBooks five calendar years after the connection, a leap day becoming 1 March', () => {
    const leap = Date.UTC(2024, 1, 29, 9, 30);
    expect(predict({ type: 'quickbooks' }, { authorizedAt: leap }, {})?.due).toBe(Date.UTC(2029, 2, 1, 9, 30));
    expect(addYears(Date.UTC(2022, 5, 15), 5)).toBe(Date.UTC(2027, 5, 15));
    // Its own first healthy sight is not the connection: no date from it.
    expect(predict({ type: 'quickbooks' }, { firstSeenOkAt: NOW }, {})?.due).toBeUndefined();
  });

  it('applies a Salesforce policy only when the admin entered one', () => {
    expect(predict({ type: 'salesforce' }, { authorizedAt: NOW }, {})).toBeUndefined();
    expect(predict({ type: 'salesforce' }, { authorizedAt: NOW }, { salesforceDays: 30 })).toMatchObject({
      confidence: 'policy',
      due: NOW + 30 * DAY,
    });
  });

  it('calls Facebook’s 60 days an estimate', () => {
    expect(predict({ type: 'facebook_ads' }, { reauthorizedAt: NOW }, {})).toMatchObject({
      confidence: 'heuristic',
      due: NOW + 60 * DAY,
    });
  });

  it('has no rule for a database or Stripe', () => {
    expect(predict({ type: 'mysql' }, { authorizedAt: NOW }, {})).toBeUndefined();
    expect(predict({ type: 'stripe' }, { authorizedAt: NOW }, {})).toBeUndefined();
  });

  it('never dates a credential’s end before the event it counts from', () => {
    const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
    const events = fc.record(
      { authorizedAt: time, reauthorizedAt: time, firstSeenOkAt: time },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Events>;
    const types = fc.constantFrom(...RULES.flatMap((r) => r.types));
    fc.assert(
      fc.property(types, events, fc.integer({ min: 1, max: 3650 }), (type, seen, days) => {
        const p = predict({ type }, seen, { salesforceDays: days });
        if (!p?.from || p.due === undefined) return;
        expect(p.due).toBeGreaterThan(p.from.at);
        // The latest authorization it counts from, or else the first healthy sight.
        const authorizations = (p.rule.from ?? []).filter((e): e is EventName => e !== 'firstSeenOkAt');
        const times = authorizations.map((e) => seen[e]).filter((at): at is number => at !== undefined);
        expect(p.from.at).toBe(times.length > 0 ? Math.max(...times) : seen.firstSeenOkAt);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('the warning windows', () => {
  it('counts an interval due soon within 7 days and a fixed deadline within 30, past due included', () => {
    const adobe = predict({ type: 'adobe_analytics' }, { authorizedAt: NOW - 8 * DAY }, {})!;
    expect(isDueSoon(adobe, WINDOWS, NOW)).toBe(true);
    expect(isDueSoon(adobe, WINDOWS, NOW - 2 * DAY)).toBe(false);
    expect(isDueSoon(adobe, WINDOWS, NOW + 30 * DAY)).toBe(true);
    const zendesk = predict({ type: 'zendesk' }, {}, {})!;
    expect(isDueSoon(zendesk, WINDOWS, Date.parse('2027-03-31T12:00:00Z'))).toBe(true);
    expect(isDueSoon(zendesk, WINDOWS, NOW)).toBe(false);
    expect(isDueSoon(zendesk, { ...WINDOWS, fixedDays: 200 }, NOW)).toBe(true);
  });
});

describe('how a due date reads', () => {
  it('counts calendar days on this computer across a change to summer time', () => {
    process.env.TZ = 'America/New_York';
    // 2026-03-08 is 23 hours long in New York.
    const before = Date.parse('2026-03-07T15:00:00Z');
    expect(daysUntil(before + 14 * DAY, before)).toBe(14);
    expect(dueText(before + 4 * DAY, before, false)).toBe('in 4 days, Mar 11');
    expect(dueText(before + DAY, before, false)).toBe('in 1 day, Mar 8');
  });

  it('shows a vendor deadline as its own date in every zone', () => {
    const due = Date.parse('2027-04-30T00:00:00Z');
    for (const tz of ['America/Los_Angeles', 'Pacific/Auckland', 'UTC']) {
      process.env.TZ = tz;
      expect(dueText(due, NOW, true)).toBe('in 151 days, Apr 30, 2027');
    }
  });

  it('says when a date has passed, and that the integration should be checked', () => {
    process.env.TZ = 'UTC';
    expect(dueText(NOW - 2 * DAY, NOW, false)).toBe('expected to have expired on Nov 28 — check it');
    expect(dueText(NOW + 3_600_000, NOW, false)).toBe('today, Nov 30');
  });
});

describe('in the view and on the badge', () => {
  const integration = adobeAnalytics;
  const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });

  it('shows an amber mark when only due-soon integrations exist, naming them in the tooltip', () => {
    const records = [connectionsRecord([integration({ authorizedAt: NOW - 12 * DAY })], NOW)];
    const view = deriveView(settings, records, NOW);
    expect(view.dueSoonCount).toBe(1);
    expect(view.problemCount).toBe(0);
    const badge = badgeFor(view, NOW);
    expect(badge).toMatchObject({ text: '!', color: '#b45309' });
    expect(badge.title).toContain('1 integration due soon');
    expect(badge.title).toContain('Vandelay Analytics');
  });

  it('keeps the red count for broken ones, due-soon ones only in the tooltip', () => {
    const records = [
      connectionsRecord(
        [
          integration({ authorizedAt: NOW - 12 * DAY }),
          integration({ id: '2', name: 'shop', type: 'mysql', provider: 'MySQL', state: 'failing' }),
        ],
        NOW,
      ),
    ];
    const badge = badgeFor(deriveView(settings, records, NOW), NOW);
    expect(badge.text).toBe('1');
    expect(badge.title).toContain('1 integration due soon');
  });

  it('leaves out a rule switched off, a snoozed integration, and one that is already broken', () => {
    const records = [connectionsRecord([integration({ authorizedAt: NOW - 12 * DAY })], NOW)];
    const off = parseSettings({ ...settings, deadlines: { off: ['adobe-analytics-two-weeks'] } });
    expect(deriveView(off, records, NOW).dueSoonCount).toBe(0);
    expect(deriveView(settings, records, NOW, { 's/1': { until: NOW + 2 * DAY } }).dueSoonCount).toBe(0);
    const broken = [connectionsRecord([integration({ authorizedAt: NOW - 12 * DAY, state: 'needs-reauth' })], NOW)];
    expect(deriveView(settings, broken, NOW).dueSoonCount).toBe(0);
  });

  it('restarts the clock from a re-authorization that turned it healthy', () => {
    const records = [connectionsRecord([integration({ authorizedAt: NOW - 12 * DAY })], NOW)];
    const noted = noteReauthorized({}, { 's/1': {} }, { 's/1': { result: 'fixed', startedAt: NOW - 60_000 } });
    expect(noted).toEqual({ 's/1': NOW - 60_000 });
    expect(deriveView(settings, records, NOW, {}, noted).dueSoonCount).toBe(0);
    // Already fixed before: nothing new to note.
    const same = { 's/1': NOW - 60_000 };
    expect(noteReauthorized(same, { 's/1': { result: 'fixed' } }, { 's/1': { result: 'fixed', startedAt: 1 } })).toBe(
      same,
    );
  });
});

describe('notes for what is due', () => {
  const adobe = adobeAnalytics();
  const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });

  it('announces the window once and the due day once, then nothing more', () => {
    process.env.TZ = 'UTC';
    const items = [{ accountId: 's', integration: adobe, due: NOW + 2 * DAY }];
    const first = planDueNotes(items, {}, settings, NOW);
    expect(first.notes.map((n) => n.kind)).toEqual(['due-soon']);
    expect(planDueNotes(items, first.memory, settings, NOW + DAY).notes).toEqual([]);
    const day = planDueNotes(items, first.memory, settings, NOW + 2 * DAY);
    expect(day.notes.map((n) => n.kind)).toEqual(['due-today']);
    expect(planDueNotes(items, day.memory, settings, NOW + 2 * DAY + 3_600_000).notes).toEqual([]);
  });

  it('holds a note back through quiet hours and shows it after them', () => {
    process.env.TZ = 'UTC';
    const quiet = parseSettings({ ...settings, notifications: { quietStart: 11 * 60, quietEnd: 13 * 60 } });
    const items = [{ accountId: 's', integration: adobe, due: NOW + 2 * DAY }];
    const held = planDueNotes(items, {}, quiet, NOW);
    expect(held).toEqual({ notes: [], memory: {} });
    expect(planDueNotes(items, held.memory, quiet, NOW + 2 * 3_600_000).notes).toHaveLength(1);
  });

  it('forgets an integration that left the window, so its next window is announced again', () => {
    const items = [{ accountId: 's', integration: adobe, due: NOW + 2 * DAY }];
    const told = planDueNotes(items, {}, settings, NOW).memory;
    expect(planDueNotes([], told, settings, NOW).memory).toEqual({});
    expect(parseDueMemory({ 's/1': 'window', 's/2': 'soon', 's/3': 'day' })).toEqual({ 's/1': 'window', 's/3': 'day' });
  });
});

describe('the Coming up rows in the popup’s model', () => {
  it('carries the 20 soonest and counts the rest', () => {
    const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });
    const integrations = Array.from({ length: 25 }, (_, i) =>
      adobeAnalytics({ id: String(i + 1), name: `Analytics ${i + 1}`, authorizedAt: NOW - (13 - i / 10) * DAY }),
    );
    const view = deriveView(settings, [connectionsRecord(integrations, NOW)], NOW);
    const { model } = buildPopupModel(view, settings, {}, {}, NOW);
    expect(model.comingUpCount).toBe(25);
    expect(model.comingUp).toHaveLength(20);
    expect(model.comingUp[0]).toMatchObject({ name: 'Analytics 1', action: 'reauthorize', dueSoon: true });
    expect(model.comingUp.map((r) => r.due)).toEqual([...model.comingUp.map((r) => r.due)].sort((a, b) => a! - b!));
  });
});
