import { useState } from 'preact/hooks';
import { ESCALATION_HOURS, type NotificationSettings as Notes, type Settings } from '../shared/settings';
import { Field } from './Field';
import { minutesOfDay, timeOfDay, wholeNumberIn } from './numbers';
import { requestNotifications, type OptionsState } from './use-options';

interface Props {
  state: OptionsState;
  onSave: (settings: Settings) => Promise<void>;
}

const KINDS: { key: 'newProblem' | 'recovered' | 'escalation'; label: string }[] = [
  { key: 'newProblem', label: 'An integration breaks' },
  { key: 'recovered', label: 'An integration works again' },
  { key: 'escalation', label: 'An integration stays broken past the threshold' },
];

export function NotificationSettings({ state, onSave }: Props) {
  const { settings, managed, notificationsGranted } = state;
  const n = settings.notifications;
  const [kinds, setKinds] = useState({ newProblem: n.newProblem, recovered: n.recovered, escalation: n.escalation });
  const [quietFrom, setQuietFrom] = useState(timeOfDay(n.quietStart));
  const [quietTo, setQuietTo] = useState(timeOfDay(n.quietEnd));
  const [hours, setHours] = useState(String(settings.escalationHours));
  const [errors, setErrors] = useState<{ hours?: string; quietFrom?: string; quietTo?: string }>({});
  const [saved, setSaved] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    // Asked first, while the click still counts as a user gesture.
    const wantsAny = kinds.newProblem || kinds.recovered || kinds.escalation;
    const granted = wantsAny && !notificationsGranted ? await requestNotifications().catch(() => false) : notificationsGranted;
    const escalationHours = wholeNumberIn(hours, ESCALATION_HOURS);
    const quietStart = minutesOfDay(quietFrom);
    const quietEnd = minutesOfDay(quietTo);
    setErrors({
      ...(escalationHours === null ? { hours: `Enter whole hours from ${ESCALATION_HOURS.min} to ${ESCALATION_HOURS.max}.` } : {}),
      ...(quietStart === null ? { quietFrom: 'Enter a time as HH:MM.' } : {}),
      ...(quietEnd === null ? { quietTo: 'Enter a time as HH:MM.' } : {}),
    });
    if (escalationHours === null || quietStart === null || quietEnd === null) return;
    const notifications: Notes = { ...kinds, quietStart, quietEnd };
    await onSave({ ...settings, escalationHours, notifications });
    setSaved(wantsAny && !granted ? 'Saved, but notifications are not allowed: Chrome did not grant the permission.' : 'Saved.');
  };

  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">Notifications and escalation</h2>
      <fieldset>
        <legend>Show a desktop notification when</legend>
        {KINDS.map(({ key, label }) => (
          <label class="toggle" key={key}>
            <input type="checkbox" name={key} checked={kinds[key]} onChange={(e) => setKinds({ ...kinds, [key]: e.currentTarget.checked })} />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="row-fields">
        <Field id="quietFrom" label="Quiet hours from" type="text" value={quietFrom} error={errors.quietFrom} onValue={setQuietFrom} pattern="\d{2}:\d{2}" placeholder="22:00" />
        <Field id="quietTo" label="until" type="text" value={quietTo} error={errors.quietTo} onValue={setQuietTo} pattern="\d{2}:\d{2}" placeholder="07:00"
          hint="Equal times mean no quiet hours." />
      </div>
      <Field id="escalationHours" label="Suggest a support case after an integration is broken for (hours)" type="number" value={hours}
        error={errors.hours} onValue={setHours} min={ESCALATION_HOURS.min} max={ESCALATION_HOURS.max} step={1}
        disabled={managed.fields.escalationHours !== undefined} {...(managed.fields.escalationHours !== undefined ? { hint: 'Set by your organization.' } : {})} />
      <button type="submit">Save notifications</button>
      {!notificationsGranted && <p class="muted">Chrome asks for permission to show notifications when you save.</p>}
      {saved && <p role="status" class="muted">{saved}</p>}
    </form>
  );
}
