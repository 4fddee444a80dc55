import { useState } from 'preact/hooks';
import { integrationKey, setSnooze, type Snooze } from '../shared/snooze';
import type { Integration } from '../shared/types';
import { t } from '../shared/i18n';

const HOUR = 3_600_000;

export function SnoozeMenu({ sourceId, integration }: { sourceId: string; integration: Integration }) {
  const [open, setOpen] = useState(false);
  const snooze = (s: Snooze) => void setSnooze(integrationKey(sourceId, integration.id), s);
  if (!open) {
    return <button type="button" class="link" aria-expanded="false" onClick={() => setOpen(true)}>{t('popup_snooze')}</button>;
  }
  return (
    <span class="snooze-menu" role="group" aria-label={t('popup_snooze_label', integration.name)}>
      <button type="button" class="link" onClick={() => snooze({ until: Date.now() + HOUR })}>{t('popup_snooze_hour')}</button>
      <button type="button" class="link" onClick={() => snooze({ until: Date.now() + 24 * HOUR })}>{t('popup_snooze_day')}</button>
      <button type="button" class="link" onClick={() => snooze({ whileState: integration.state })}>{t('popup_snooze_change')}</button>
    </span>
  );
}
