import { absoluteTime, stateLabel } from '../shared/format';
import { integrationKey, setSnooze, type Snoozes } from '../shared/snooze';
import type { AccountView } from '../shared/view';
import { t } from '../shared/i18n';

interface Props {
  accounts: AccountView[];
  snoozes: Snoozes;
  now: number;
}

/** Snoozed problems, collapsed at the bottom with their wake-up time. */
export function SnoozedList({ accounts, snoozes }: Props) {
  const rows = accounts.flatMap((a) => a.snoozed.map((i) => ({ account: a, integration: i, key: integrationKey(a.source.id, i.id) })));
  if (rows.length === 0) return null;
  return (
    <details class="snoozed">
      <summary>{t('popup_snoozed', rows.length)}</summary>
      <ul>
        {rows.map(({ integration, key }) => {
          const s = snoozes[key];
          const wake = s?.until !== undefined ? t('popup_until', absoluteTime(s.until)) : t('popup_until_change');
          return (
            <li key={key} data-integration={integration.id}>
              <span class="name">{integration.name}</span> <span class="muted">{stateLabel(integration)} · {wake}</span>{' '}
              <button type="button" class="link" onClick={() => void setSnooze(key, null)}>{t('popup_wake')}</button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
