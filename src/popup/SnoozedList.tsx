import { absoluteTime } from '../shared/format';
import { t } from '../shared/i18n';
import { MSG } from '../shared/messages';
import type { PopupAccount } from '../shared/popup-model';
import { send } from './use-watch';

/** Snoozed problems, collapsed at the bottom with their wake-up time. */
export function SnoozedList({ accounts }: { accounts: PopupAccount[] }) {
  const rows = accounts.flatMap((a) => a.snoozed);
  if (rows.length === 0) return null;
  return (
    <details class="snoozed">
      <summary>{t('popup_snoozed', rows.length)}</summary>
      <ul>
        {rows.map((row) => (
          <li key={`${row.sourceId}/${row.id}`} data-integration={row.id}>
            <span class="name">{row.name}</span>{' '}
            <span class="muted">{row.stateLabel} · {row.wakeAt !== undefined ? t('popup_until', absoluteTime(row.wakeAt)) : t('popup_until_change')}</span>{' '}
            <button type="button" class="link" onClick={() => void send({ type: MSG.snooze, sourceId: row.sourceId, integrationId: row.id, snooze: null })}>
              {t('popup_wake')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
