import { useState } from 'preact/hooks';
import { absoluteTime } from '../core/format';
import { t } from '../core/i18n';
import { MSG } from '../core/messages';
import type { PopupAccount, PopupRow } from '../core/popup-model';
import { failureOf, send } from './use-watch';
import { StatusNote } from './StatusNote';

/** Snoozed problems, collapsed at the bottom with their wake-up time. */
export function SnoozedList({ accounts }: { accounts: PopupAccount[] }) {
  const rows = accounts.flatMap((a) => a.snoozed);
  const [note, setNote] = useState<string | null>(null);
  if (rows.length === 0) return null;
  // send resolves in every case; a wake that worked moves the row up, one that failed says why.
  const wake = (row: PopupRow) =>
    void send({ type: MSG.snooze, accountId: row.accountId, integrationId: row.id, snooze: null }).then((sent) =>
      setNote(failureOf(sent)),
    );
  return (
    <details class="snoozed">
      <summary>{t('popup_snoozed', rows.length)}</summary>
      <ul>
        {rows.map((row) => (
          <li key={`${row.accountId}/${row.id}`} data-integration={row.id}>
            <bdi class="name">{row.name}</bdi>{' '}
            <span class="muted">
              <bdi>{row.stateLabel}</bdi> ·{' '}
              {row.wakeAt !== undefined ? t('popup_until', absoluteTime(row.wakeAt)) : t('popup_until_change')}
            </span>{' '}
            <button type="button" class="link" onClick={() => wake(row)}>
              {t('popup_wake')}
            </button>
          </li>
        ))}
      </ul>
      <StatusNote text={note} />
    </details>
  );
}
