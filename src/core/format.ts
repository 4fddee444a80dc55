// Words and times as the popup and options show them.
import { perLocale, plural, t, uiLocale, type MessageKey } from './i18n';
import type { Integration, IntegrationState } from './types';

const STATE_LABELS: Readonly<Record<Exclude<IntegrationState, 'unknown'>, MessageKey>> = {
  ok: 'state_ok',
  'needs-reauth': 'state_needs_reauth',
  failing: 'state_failing',
  paused: 'state_paused',
};

export function stateLabel(integration: Pick<Integration, 'state' | 'rawStatus'>): string {
  return integration.state === 'unknown'
    ? t('state_unknown', integration.rawStatus)
    : t(STATE_LABELS[integration.state]);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

const relativeFormat = perLocale((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
const absoluteFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
);

/** "now", "40 seconds ago", "5 minutes ago", "yesterday" — in the language of the messages. */
export function relativeTime(at: number, now: number, locale = uiLocale()): string {
  const elapsed = at - now;
  const format = relativeFormat(locale);
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(Math.round(elapsed / ms), unit);
  }
  return format.format(0, 'second');
}

export function absoluteTime(at: number, locale = uiLocale()): string {
  return absoluteFormat(locale).format(at);
}

/** A time further ahead of this computer's clock than this cannot be placed (a zone label that does not match, skew). */
export const AHEAD_MS = 5 * 60_000;

/** How long ago `at` was ("5 minutes ago"); a moment ahead reads "now"; null when `at` lies beyond AHEAD_MS ahead. */
export function pastTime(at: number, now: number, locale = uiLocale()): string | null {
  return at - now > AHEAD_MS ? null : relativeTime(Math.min(at, now), now, locale);
}

/** A time MBI reported: how long ago, or, when it cannot be placed, as MBI wrote it with a note that says so. */
export function reportedTime(at: number, written: string, now: number): string {
  return pastTime(at, now) ?? t('popup_time_unplaced', written);
}

/** A time this computer took: how long ago, or the date and time when the clock has since gone back. */
export function ownTime(at: number, now: number): string {
  return pastTime(at, now) ?? absoluteTime(at);
}

const DAY_MS = 86_400_000;
const dayFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }));
const dayYearFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
const utcDayYearFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
);

/** Calendar days from `now` to `at` on this computer's clock (a DST day counts as one day). */
export function daysUntil(at: number, now: number): number {
  const midnight = (t: number) => {
    const d = new Date(t);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  };
  return Math.round((midnight(at) - midnight(now)) / DAY_MS);
}

/**
 * "in 4 days, Dec 4", "today, Dec 4", or past due. A vendor's deadline is a calendar date (UTC), shown as
 * that date in every zone; an interval's due date is a moment, shown on this computer's calendar.
 */
export function dueText(due: number, now: number, fixed: boolean, locale = uiLocale()): string {
  const sameYear = new Date(due).getFullYear() === new Date(now).getFullYear();
  const day = fixed ? utcDayYearFormat(locale).format(due) : (sameYear ? dayFormat : dayYearFormat)(locale).format(due);
  // A deadline's day begins at its UTC midnight wherever the admin is: counted from there.
  const days = fixed ? Math.ceil((due - now) / DAY_MS) : daysUntil(due, now);
  if (due <= now && (fixed || days < 0)) return t('popup_due_past', day);
  if (days <= 0) return t('popup_due_today', day);
  return plural('popup_due_in', days, day);
}
