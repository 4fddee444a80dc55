// The sample an admin can send when MBI answers in a way this version does not read: shapes, no values.
import { openWatchDb, readFeed } from './db';
import browser from '../shared/browser';
import { isListData, type FeedRecord } from '../core/types';

export function diagnosticSample(record: FeedRecord | undefined, version: string): string | null {
  const shape = record?.error?.shape ?? (isListData(record?.data) ? record.data.shape : undefined);
  if (!record || !shape) return null;
  const outcome = record.error
    ? `${record.error.kind}${record.error.httpStatus ? ` (HTTP ${record.error.httpStatus})` : ''}`
    : 'ok';
  return [
    `MBI Integration Watch ${version}: diagnostic sample`,
    'Endpoint: connections list (v1/v2/clients/{clientId}/connections/input-connections)',
    `Last check: ${new Date(record.lastAttemptAt).toISOString()}, outcome: ${outcome}`,
    'Response shape (keys and value types only):',
    shape,
  ].join('\n');
}

export async function diagnosticOf(accountId: string): Promise<string | null> {
  const record = await readFeed(await openWatchDb(), accountId, 'connections');
  return diagnosticSample(record, browser.runtime.getManifest().version);
}
