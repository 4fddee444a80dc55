import { useState } from 'preact/hooks';
import { POLL_MINUTES, STALE_HOURS, type Settings } from '../shared/settings';
import { Field } from './Field';

interface Props {
  settings: Settings;
  onSave: (settings: Settings) => Promise<void>;
}

function wholeNumberIn(text: string, range: { min: number; max: number }): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const value = Number(text);
  return value >= range.min && value <= range.max ? value : null;
}

export function GeneralSettings({ settings, onSave }: Props) {
  const [minutes, setMinutes] = useState(String(settings.pollMinutes));
  const [hours, setHours] = useState(String(settings.staleHours));
  const [errors, setErrors] = useState<{ minutes?: string; hours?: string }>({});
  const [saved, setSaved] = useState(false);
  const minMinutes = Math.max(1, Math.ceil(POLL_MINUTES.min));

  const submit = async (event: Event) => {
    event.preventDefault();
    const pollMinutes = wholeNumberIn(minutes, { min: minMinutes, max: POLL_MINUTES.max });
    const staleHours = wholeNumberIn(hours, STALE_HOURS);
    const next = {
      ...(pollMinutes === null ? { minutes: `Enter whole minutes from ${minMinutes} to ${POLL_MINUTES.max}.` } : {}),
      ...(staleHours === null ? { hours: `Enter whole hours from ${STALE_HOURS.min} to ${STALE_HOURS.max}.` } : {}),
    };
    setErrors(next);
    setSaved(false);
    if (pollMinutes === null || staleHours === null) return;
    await onSave({ ...settings, pollMinutes, staleHours });
    setSaved(true);
  };

  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="polling-heading">
      <h2 id="polling-heading">Polling</h2>
      <Field id="pollMinutes" label="Check every (minutes)" value={minutes} error={errors.minutes} onValue={setMinutes}
        type="number" min={minMinutes} max={POLL_MINUTES.max} step={1} required />
      <Field id="staleHours" label="Warn when the last data update is older than (hours)" value={hours} error={errors.hours} onValue={setHours}
        type="number" min={STALE_HOURS.min} max={STALE_HOURS.max} step={1} required />
      <button type="submit">Save polling</button>
      {saved && <p role="status" class="muted">Saved.</p>}
    </form>
  );
}
