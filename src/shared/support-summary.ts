// Pure: the case summary put on the clipboard for Adobe support. It carries no secret: it is built only
// from display fields, never from settings values other than the label and client id. It stays in English
// whatever the browser's language: Adobe support reads it.
import type { SourceSettings } from './settings';
import type { Integration } from './types';

export interface SummaryInput {
  source: Pick<SourceSettings, 'label' | 'clientId'>;
  integration: Integration;
  /** When the admin last tried to re-authorize it, if known. */
  reauthorizedAt?: number;
  now: number;
}

const STATE_WORDS: Readonly<Record<Integration['state'], string>> = {
  ok: 'healthy',
  'needs-reauth': 'needs re-authorization',
  failing: 'failing',
  paused: 'paused',
  unknown: 'unknown status',
};

/** Long opaque runs (tokens, keys) are cut out of upstream text before it goes on the clipboard. */
export function redact(text: string): string {
  return text.replace(/[A-Za-z0-9_\-+/=]{24,}/g, '[redacted]');
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function supportSummary({ source, integration, reauthorizedAt, now }: SummaryInput): string {
  const state = integration.state === 'unknown' ? `${STATE_WORDS.unknown} "${integration.rawStatus}"` : STATE_WORDS[integration.state];
  const tried = reauthorizedAt !== undefined
    ? `Re-authorized the integration from the MBI connection page at ${iso(reauthorizedAt)}; the problem persists.`
    : 'Checked the integration on Manage Data > Integrations.';
  return [
    'Product: Adobe Commerce Intelligence (Magento Business Intelligence)',
    `Account: ${source.label} (client id ${source.clientId})`,
    `Integration: ${integration.name} — ${integration.provider} (type ${integration.type}, connection id ${integration.id})`,
    `State: ${state}${integration.since !== undefined ? ` since ${iso(integration.since)}` : ''}`,
    `Last error: ${integration.detail === undefined ? 'none reported' : redact(integration.detail)}`,
    `Already tried: ${tried}`,
    `Summary prepared: ${iso(now)}`,
  ].join('\n');
}
