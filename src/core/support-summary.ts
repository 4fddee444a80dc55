// Pure: the case summary put on the clipboard for Adobe support. It carries no secret: it is built only
// from display fields, never from settings values other than the label and client id. It stays in English
// whatever the browser's language: Adobe support reads it.
import { HISTORY_DAYS, type History } from './history';
import { inertText } from './inert-text';
import { providerFor } from './providers';
import type { Prediction } from './deadlines';
import { PIPELINE_NAMES, type AccountSettings } from './settings';
import type { Integration } from './types';
import { currentReading, mbiTargetOf, targetFor, type PageTarget, type StatusRecords } from './status';
import { MBI_PRODUCT, PRODUCT_OF_TYPE } from './status-pages';

export interface SummaryInput {
  account: Pick<AccountSettings, 'label' | 'clientId' | 'pipeline'>;
  integration: Integration;
  /** Its breaks and last fix in the last 30 days, from the transition log. */
  history?: History;
  /** When the admin last tried to re-authorize it, if known. */
  reauthorizedAt?: number;
  /** The dated rule it falls under, if any. */
  deadline?: Prediction;
  /** What its provider's status page and Adobe's said when last read (statusLines). */
  status?: { provider?: string; adobe?: string };
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

/** The summary's lines by label, in the order they are written; a line without a value is left out. */
export const SUMMARY_LABELS = [
  'Product',
  'Account',
  'Integration',
  'State',
  'History',
  'Last error',
  'Provider status',
  'Adobe status',
  'Note',
  'Deadline',
  'Already tried',
  'Summary prepared',
] as const;

export type SummaryLabel = (typeof SUMMARY_LABELS)[number];

/** Why re-authorizing cannot fix it, from the catalogue: the provider retires the tokens MBI's integration needs. */
function retiredTokensNote(type: string): string | undefined {
  const provider = providerFor(type);
  if (!provider?.tokensRetire) return undefined;
  const {
    name,
    tokensRetire: { noNewSince, retiresOn },
  } = provider;
  return `MBI's ${name} integration depends on ${name} API tokens; ${name} stopped issuing new ones on ${noNewSince} and deactivates all of them on ${retiresOn}.`;
}

function historyLine({ breaks, lastFixedAt }: History): string {
  const fixed = lastFixedAt === undefined ? '' : `; last fixed ${iso(lastFixedAt)}`;
  return `broken ${breaks} ${breaks === 1 ? 'time' : 'times'} in the last ${HISTORY_DAYS} days${fixed}`;
}

function deadlineLine({ rule, due, confidence }: Prediction): string {
  const when = due === undefined ? 'not dated yet (the event it counts from was not seen)' : `due ${iso(due)}`;
  return `${rule.english}; ${when} (${confidence}); source: ${rule.source}`;
}

/** One page's last reading in a line: who, where, when read, and what it said, with the incident's link. */
function statusLine(target: PageTarget, records: StatusRecords, product?: string): string | undefined {
  const record = records[target.target];
  if (!record || record.checkedAt === 0) return undefined;
  const reading = currentReading(record);
  const page = `${target.page.name} (${new URL(target.human).hostname})${product ? `, ${product}` : ''}`;
  const where = `${page}, read ${iso(record.checkedAt)}`;
  if (reading.level === 'unknown') return `${where}: unknown (${reading.reason ?? 'unreadable'})`;
  // On a page of several products (Adobe's), only what it says of this one.
  const event = reading.events.find((e) => product === undefined || e.product === product);
  if (!event) return `${where}: operational`;
  const since = event.since === undefined ? '' : ` since ${iso(event.since)}`;
  return `${where}: ${event.kind} "${event.title}" (${event.level})${since}${event.url ? `; ${event.url}` : ''}`;
}

/**
 * The status lines of an integration's support summary, from the stored status records. A Fivetran or
 * Airbyte connection's provider line is its pipeline's page; Adobe's line is for MBI accounts only.
 */
export function statusLines(
  integration: Pick<Integration, 'type' | 'subdomain'>,
  account: AccountSettings,
  records: StatusRecords,
): { provider?: string; adobe?: string } {
  const out: { provider?: string; adobe?: string } = {};
  const target = targetFor(integration, account);
  const provider = target && statusLine(target, records, PRODUCT_OF_TYPE[integration.type]);
  const mbiTarget = mbiTargetOf(account);
  const adobe = mbiTarget && statusLine(mbiTarget, records, MBI_PRODUCT);
  if (provider) out.provider = provider;
  if (adobe) out.adobe = adobe;
  return out;
}

export function supportSummary({
  account,
  integration,
  history,
  reauthorizedAt,
  deadline,
  status,
  now,
}: SummaryInput): string {
  const state =
    integration.state === 'unknown'
      ? `${STATE_WORDS.unknown} "${integration.rawStatus}"`
      : STATE_WORDS[integration.state];
  // Fivetran, Airbyte and Stitch take the same summary, in their own words.
  const vendor = account.pipeline && PIPELINE_NAMES[account.pipeline];
  const tried =
    reauthorizedAt !== undefined
      ? `Re-authorized the ${vendor ? 'connection' : 'integration'} from the ${vendor ?? 'MBI'} ${vendor ? 'setup' : 'connection'} page at ${iso(reauthorizedAt)}; the problem persists.`
      : vendor
        ? `Checked the connection in ${vendor}.`
        : 'Checked the integration on Manage Data > Integrations.';
  const values: Readonly<Record<SummaryLabel, string | undefined>> = {
    Product: vendor ?? 'Adobe Commerce Intelligence (Magento Business Intelligence)',
    Account: vendor ? `${account.label} (${vendor} account)` : `${account.label} (client id ${account.clientId})`,
    Integration: `${integration.name} — ${integration.provider} (type ${integration.type}, connection id ${integration.id})`,
    State: `${state}${integration.since !== undefined ? ` since ${iso(integration.since)}` : ''}`,
    History: history && historyLine(history),
    'Last error': integration.detail === undefined ? 'none reported' : redact(integration.detail),
    'Provider status': status?.provider,
    'Adobe status': status?.adobe,
    Note: retiredTokensNote(integration.type),
    Deadline: deadline && deadlineLine(deadline),
    'Already tried': tried,
    'Summary prepared': iso(now),
  };
  // Each value is made one line: a name or status from outside can add no line of its own ("…\nState: healthy").
  return SUMMARY_LABELS.flatMap((label) =>
    values[label] === undefined ? [] : [`${label}: ${inertText(values[label])}`],
  ).join('\n');
}
