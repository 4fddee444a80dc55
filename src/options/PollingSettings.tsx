import { useState } from 'preact/hooks';
import { t } from '../core/i18n';
import type { Managed } from '../core/managed';
import { POLL_MINUTES, STALE_HOURS, type Settings } from '../core/settings';
import { Field } from './Field';
import { SaveNote, saveWithNote, type Note } from './SaveNote';
import { wholeNumberIn } from './numbers';
import { useSynced } from './use-synced';

interface Props {
  settings: Settings;
  managed: Managed;
  onSave: (settings: Settings) => Promise<void>;
  readOnly: boolean;
}

export function PollingSettings({ settings, managed, onSave, readOnly }: Props) {
  const [minutes, setMinutes] = useSynced(String(settings.pollMinutes));
  const [hours, setHours] = useSynced(String(settings.staleHours));
  const [errors, setErrors] = useState<{ minutes?: string; hours?: string }>({});
  const [note, setNote] = useState<Note>(null);
  const minMinutes = Math.max(1, Math.ceil(POLL_MINUTES.min));
  const locked = { hint: t('options_locked') };

  const submit = async (event: Event) => {
    event.preventDefault();
    const pollMinutes = wholeNumberIn(minutes, { min: minMinutes, max: POLL_MINUTES.max });
    const staleHours = wholeNumberIn(hours, STALE_HOURS);
    setErrors({
      ...(pollMinutes === null ? { minutes: t('options_whole_minutes', minMinutes, POLL_MINUTES.max) } : {}),
      ...(staleHours === null ? { hours: t('options_whole_hours', STALE_HOURS.min, STALE_HOURS.max) } : {}),
    });
    setNote(null);
    if (pollMinutes === null || staleHours === null) return;
    await saveWithNote(() => onSave({ ...settings, pollMinutes, staleHours }), setNote, t('options_saved'));
  };

  // submit ends in saveWithNote, which shows a failure and never rejects.
  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="polling-heading">
      <h2 id="polling-heading">{t('options_polling_heading')}</h2>
      <Field
        id="pollMinutes"
        label={t('options_poll_minutes')}
        value={minutes}
        error={errors.minutes}
        onValue={setMinutes}
        type="number"
        min={minMinutes}
        max={POLL_MINUTES.max}
        step={1}
        required
        disabled={managed.fields.pollMinutes !== undefined}
        {...(managed.fields.pollMinutes !== undefined ? locked : {})}
      />
      <Field
        id="staleHours"
        label={t('options_stale_hours')}
        value={hours}
        error={errors.hours}
        onValue={setHours}
        type="number"
        min={STALE_HOURS.min}
        max={STALE_HOURS.max}
        step={1}
        required
        disabled={managed.fields.staleHours !== undefined}
        {...(managed.fields.staleHours !== undefined ? locked : {})}
      />
      <div class="editor-actions">
        <button type="submit" disabled={readOnly}>
          {t('options_save_polling')}
        </button>
        {/* saveWithNote shows a failure itself and never rejects. */}
        <button
          type="button"
          class="secondary"
          disabled={readOnly}
          onClick={() => void saveWithNote(() => onSave({ ...settings, paused: !settings.paused }), setNote, null)}
        >
          {settings.paused ? t('options_resume') : t('options_pause')}
        </button>
      </div>
      {settings.paused && <p class="muted">{t('options_paused_note')}</p>}
      <SaveNote note={note} />
    </form>
  );
}
