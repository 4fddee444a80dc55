// Words and times as the popup and options show them.
import { perLocale, t, uiLocale, type MessageKey } from './i18n';
import type { Integration, IntegrationState } from './types';

const STATE_LABELS: Readonly<Record<Exclude<IntegrationState, 'unknown'>, MessageKey>> = {
  ok: 'state_ok',
  'needs-reauth': 'state_needs_reauth',
  failing: 'state_failing',
  paused: 'state_paused',
};

export function stateLabel(integration: Pick<Integration, 'state' | 'rawStatus'>): string {
  return integration.state === 'unknown' ? t('state_unknown', integration.rawStatus) : t(STATE_LABELS[integration.state]);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

const relativeFormat = perLocale((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
const absoluteFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));

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
