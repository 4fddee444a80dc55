import { useState } from 'preact/hooks';
import browser from '../shared/browser';
import { openWatchDb } from '../shared/db';
import { t } from '../shared/i18n';
import { copyText } from '../shared/copy';
import { feedKey, type FeedRecord } from '../shared/types';

/** The sample an admin can send when MBI answers in a way this version does not read: shapes, no values. */
export function diagnosticSample(record: FeedRecord | undefined, version: string): string | null {
  const shape = record?.error?.shape ?? (record?.data?.feed === 'connections' ? record.data.shape : undefined);
  if (!record || !shape) return null;
  const outcome = record.error ? `${record.error.kind}${record.error.httpStatus ? ` (HTTP ${record.error.httpStatus})` : ''}` : 'ok';
  return [
    `MBI Integration Watch ${version}: diagnostic sample`,
    'Endpoint: connections list (v1/v2/clients/{clientId}/connections/input-connections)',
    `Last check: ${new Date(record.lastAttemptAt).toISOString()}, outcome: ${outcome}`,
    'Response shape (keys and value types only):',
    shape,
  ].join('\n');
}

export function DiagnosticButton({ sourceId }: { sourceId: string }) {
  const [note, setNote] = useState<string | null>(null);
  const copy = async () => {
    const record = await (await openWatchDb()).get('feeds', feedKey(sourceId, 'connections'));
    const sample = diagnosticSample(record, browser.runtime.getManifest().version);
    if (!sample) return setNote(t('options_diagnostic_none'));
    setNote((await copyText(sample)) ? t('options_diagnostic_copied') : t('popup_copy_failed'));
  };
  return (
    <span class="diagnostic">
      <button type="button" class="secondary" onClick={() => void copy()}>{t('options_diagnostic')}</button>
      {note && <span role="status" class="muted"> {note}</span>}
    </span>
  );
}
