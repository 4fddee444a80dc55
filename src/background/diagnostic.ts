// The sample an admin can send when MBI answers in a way this version does not read: shapes, no values.
import { openWatchDb, readFeed } from './db';
import browser from '../shared/browser';
import { isListData, type FeedRecord } from '../core/types';
import { loadSettings } from '../shared/storage';
import { sourcesFor } from './sources';

/** The endpoint each listing source reads, as its vendor documents it. */
const ENDPOINTS: Readonly<Record<string, string>> = {
  connections: 'connections list (v1/v2/clients/{clientId}/connections/input-connections)',
  fivetran: 'Fivetran connections (GET /v1/connections)',
  airbyte: 'Airbyte connections and jobs (GET /v1/connections, /v1/jobs)',
  stitch: 'Stitch sources and extractions (GET /v4/sources, /v4/{client}/extractions)',
};

export function diagnosticSample(record: FeedRecord | undefined, version: string): string | null {
  const shape = record?.error?.shape ?? (isListData(record?.data) ? record.data.shape : undefined);
  if (!record || !shape) return null;
  const outcome = record.error
    ? `${record.error.kind}${record.error.httpStatus ? ` (HTTP ${record.error.httpStatus})` : ''}`
    : 'ok';
  return [
    `MBI Integration Watch ${version}: diagnostic sample`,
    `Endpoint: ${ENDPOINTS[record.feed] ?? record.feed}`,
    `Last check: ${new Date(record.lastAttemptAt).toISOString()}, outcome: ${outcome}`,
    'Response shape (keys and value types only):',
    shape,
  ].join('\n');
}

export async function diagnosticOf(accountId: string): Promise<string | null> {
  const account = (await loadSettings()).accounts.find((a) => a.id === accountId);
  // The account's listing source: MBI's connections list, or its pipeline's one source.
  const feed = account ? (sourcesFor(account)[0]?.feed ?? 'connections') : 'connections';
  const record = await readFeed(await openWatchDb(), accountId, feed);
  return diagnosticSample(record, browser.runtime.getManifest().version);
}
