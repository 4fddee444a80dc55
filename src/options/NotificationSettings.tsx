import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../core/i18n';
import { ESCALATION_HOURS, type NotificationSettings as Notes, type Settings } from '../core/settings';
import { Field } from './Field';
import { SaveNote, saveWithNote, type Note } from './SaveNote';
import { useSynced } from './use-synced';
import { minutesOfDay, timeOfDay, wholeNumberIn } from './numbers';
import { requestNotifications, type OptionsState } from './use-options';

interface Props {
  state: OptionsState;
  onSave: (settings: Settings) => Promise<void>;
  readOnly: boolean;
}

const KINDS: { key: 'newProblem' | 'recovered' | 'escalation'; label: MessageKey }[] = [
  { key: 'newProblem', label: 'options_notify_new_problem' },
  { key: 'recovered', label: 'options_notify_recovered' },
  { key: 'escalation', label: 'options_notify_escalation' },
];

export function NotificationSettings({ state, onSave, readOnly }: Props) {
  const { settings, managed, notificationsGranted } = state;
  const n = settings.notifications;
  const [kinds, setKinds] = useState({ newProblem: n.newProblem, recovered: n.recovered, escalation: n.escalation });
  useEffect(
    () => setKinds({ newProblem: n.newProblem, recovered: n.recovered, escalation: n.escalation }),
    [n.newProblem, n.recovered, n.escalation],
  );
  const [quietFrom, setQuietFrom] = useSynced(timeOfDay(n.quietStart));
  const [quietTo, setQuietTo] = useSynced(timeOfDay(n.quietEnd));
  const [hours, setHours] = useSynced(String(settings.escalationHours));
  const [errors, setErrors] = useState<{ hours?: string; quietFrom?: string; quietTo?: string }>({});
  const [note, setNote] = useState<Note>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    // Asked first, while the click still counts as a user gesture.
    const wantsAny = kinds.newProblem || kinds.recovered || kinds.escalation;
    const granted =
      wantsAny && !notificationsGranted ? await requestNotifications().catch(() => false) : notificationsGranted;
    const escalationHours = wholeNumberIn(hours, ESCALATION_HOURS);
    const quietStart = minutesOfDay(quietFrom);
    const quietEnd = minutesOfDay(quietTo);
    setErrors({
      ...(escalationHours === null
        ? { hours: t('options_whole_hours', ESCALATION_HOURS.min, ESCALATION_HOURS.max) }
        : {}),
      ...(quietStart === null ? { quietFrom: t('options_time_format') } : {}),
      ...(quietEnd === null ? { quietTo: t('options_time_format') } : {}),
    });
    if (escalationHours === null || quietStart === null || quietEnd === null) return;
    const notifications: Notes = { ...kinds, quietStart, quietEnd };
    await saveWithNote(
      () => onSave({ ...settings, escalationHours, notifications }),
      setNote,
      wantsAny && !granted ? t('options_saved_no_notifications') : t('options_saved'),
    );
  };

  // submit ends in saveWithNote, which shows a failure and never rejects; the permission request is caught.
  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('options_notifications_heading')}</h2>
      <fieldset>
        <legend>{t('options_notify_when')}</legend>
        {KINDS.map(({ key, label }) => (
          <label class="toggle" key={key}>
            <input
              type="checkbox"
              name={key}
              checked={kinds[key]}
              onChange={(e) => setKinds({ ...kinds, [key]: e.currentTarget.checked })}
            />
            {t(label)}
          </label>
        ))}
      </fieldset>
      <div class="row-fields">
        <Field
          id="quietFrom"
          label={t('options_quiet_from')}
          type="text"
          value={quietFrom}
          error={errors.quietFrom}
          onValue={setQuietFrom}
          pattern="\d{2}:\d{2}"
          placeholder="22:00"
        />
        <Field
          id="quietTo"
          label={t('options_quiet_until')}
          type="text"
          value={quietTo}
          error={errors.quietTo}
          onValue={setQuietTo}
          pattern="\d{2}:\d{2}"
          placeholder="07:00"
          hint={t('options_quiet_hint')}
        />
      </div>
      <Field
        id="escalationHours"
        label={t('options_escalation_hours')}
        type="number"
        value={hours}
        error={errors.hours}
        onValue={setHours}
        min={ESCALATION_HOURS.min}
        max={ESCALATION_HOURS.max}
        step={1}
        disabled={managed.fields.escalationHours !== undefined}
        {...(managed.fields.escalationHours !== undefined ? { hint: t('options_locked') } : {})}
      />
      <button type="submit" disabled={readOnly}>
        {t('options_save_notifications')}
      </button>
      {!notificationsGranted && <p class="muted">{t('options_notifications_ask')}</p>}
      <SaveNote note={note} />
    </form>
  );
}
