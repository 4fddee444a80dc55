// Words and times as the popup and options show them.
import type { Integration, IntegrationState } from './types';

const STATE_LABELS: Readonly<Record<IntegrationState, string>> = {
  ok: 'Healthy',
  'needs-reauth': 'Needs re-authorization',
  failing: 'Failing',
  paused: 'Paused',
  unknown: 'Unknown status',
};

export function stateLabel(integration: Pick<Integration, 'state' | 'rawStatus'>): string {
  return integration.state === 'unknown' ? `${STATE_LABELS.unknown} "${integration.rawStatus}"` : STATE_LABELS[integration.state];
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "now", "40 seconds ago", "5 minutes ago", "yesterday" — in the browser's language. */
export function relativeTime(at: number, now: number, locale?: string): string {
  const elapsed = at - now;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(Math.round(elapsed / ms), unit);
  }
  return format.format(0, 'second');
}

export function absoluteTime(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}
