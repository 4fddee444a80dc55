import { absoluteTime, stateLabel } from '../shared/format';
import { integrationKey, setSnooze, type Snoozes } from '../shared/snooze';
import type { AccountView } from '../shared/view';

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
      <summary>Snoozed ({rows.length})</summary>
      <ul>
        {rows.map(({ integration, key }) => {
          const s = snoozes[key];
          const wake = s?.until !== undefined ? `until ${absoluteTime(s.until)}` : 'until its state changes';
          return (
            <li key={key} data-integration={integration.id}>
              <span class="name">{integration.name}</span> <span class="muted">{stateLabel(integration)} · {wake}</span>{' '}
              <button type="button" class="link" onClick={() => void setSnooze(key, null)}>Wake now</button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
