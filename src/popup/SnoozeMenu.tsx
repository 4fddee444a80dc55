import { useState } from 'preact/hooks';
import { t } from '../core/i18n';
import { MSG, type SnoozeRequest } from '../core/messages';
import type { PopupRow } from '../core/popup-model';
import { failureOf, send } from './use-watch';

const HOUR = 3_600_000;

export function SnoozeMenu({ row }: { row: PopupRow }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  // send resolves in every case; a snooze that worked takes the row away, one that failed says why.
  const snooze = (s: SnoozeRequest) =>
    void send({ type: MSG.snooze, accountId: row.accountId, integrationId: row.id, snooze: s }).then((sent) =>
      setNote(failureOf(sent)),
    );
  if (!open) {
    return (
      <button type="button" class="link" aria-expanded="false" onClick={() => setOpen(true)}>
        {t('popup_snooze')}
      </button>
    );
  }
  return (
    <span class="snooze-menu" role="group" aria-label={t('popup_snooze_label', row.name)}>
      <button type="button" class="link" onClick={() => snooze({ until: Date.now() + HOUR })}>
        {t('popup_snooze_hour')}
      </button>
      <button type="button" class="link" onClick={() => snooze({ until: Date.now() + 24 * HOUR })}>
        {t('popup_snooze_day')}
      </button>
      <button type="button" class="link" onClick={() => snooze({ whileState: row.state })}>
        {t('popup_snooze_change')}
      </button>
      {note && (
        <span class="muted note" role="status">
          {note}
        </span>
      )}
    </span>
  );
}
