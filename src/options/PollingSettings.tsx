import { useState } from 'preact/hooks';
import type { Managed } from '../shared/managed';
import { POLL_MINUTES, STALE_HOURS, type Settings } from '../shared/settings';
import { Field } from './Field';
import { wholeNumberIn } from './numbers';

interface Props {
  settings: Settings;
  managed: Managed;
  onSave: (settings: Settings) => Promise<void>;
}

const LOCKED = 'Set by your organization.';

export function PollingSettings({ settings, managed, onSave }: Props) {
  const [minutes, setMinutes] = useState(String(settings.pollMinutes));
  const [hours, setHours] = useState(String(settings.staleHours));
  const [errors, setErrors] = useState<{ minutes?: string; hours?: string }>({});
  const [saved, setSaved] = useState(false);
  const minMinutes = Math.max(1, Math.ceil(POLL_MINUTES.min));

  const submit = async (event: Event) => {
    event.preventDefault();
    const pollMinutes = wholeNumberIn(minutes, { min: minMinutes, max: POLL_MINUTES.max });
    const staleHours = wholeNumberIn(hours, STALE_HOURS);
    setErrors({
      ...(pollMinutes === null ? { minutes: `Enter whole minutes from ${minMinutes} to ${POLL_MINUTES.max}.` } : {}),
      ...(staleHours === null ? { hours: `Enter whole hours from ${STALE_HOURS.min} to ${STALE_HOURS.max}.` } : {}),
    });
    setSaved(false);
    if (pollMinutes === null || staleHours === null) return;
    await onSave({ ...settings, pollMinutes, staleHours });
    setSaved(true);
  };

  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="polling-heading">
      <h2 id="polling-heading">Polling</h2>
      <Field id="pollMinutes" label="Check every (minutes)" value={minutes} error={errors.minutes} onValue={setMinutes}
        type="number" min={minMinutes} max={POLL_MINUTES.max} step={1} required
        disabled={managed.fields.pollMinutes !== undefined} {...(managed.fields.pollMinutes !== undefined ? { hint: LOCKED } : {})} />
      <Field id="staleHours" label="Warn when the last data update is older than (hours)" value={hours} error={errors.hours} onValue={setHours}
        type="number" min={STALE_HOURS.min} max={STALE_HOURS.max} step={1} required
        disabled={managed.fields.staleHours !== undefined} {...(managed.fields.staleHours !== undefined ? { hint: LOCKED } : {})} />
      <div class="editor-actions">
        <button type="submit">Save polling</button>
        <button type="button" class="secondary" onClick={() => void onSave({ ...settings, paused: !settings.paused })}>
          {settings.paused ? 'Resume checks' : 'Pause all checks'}
        </button>
      </div>
      {settings.paused && <p class="muted">Checks are paused: the badge shows "||" and the last known status stays in the popup.</p>}
      {saved && <p role="status" class="muted">Saved.</p>}
    </form>
  );
}
