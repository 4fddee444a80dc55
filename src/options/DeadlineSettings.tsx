import { useState } from 'preact/hooks';
import { RULES } from '../core/deadlines';
import { t } from '../core/i18n';
import { providerFor } from '../core/providers';
import { pipelineOf, SALESFORCE_DAYS, WARN_FIXED_DAYS, WARN_INTERVAL_DAYS, type Settings } from '../core/settings';
import { Field } from './Field';
import { SaveNote, saveWithNote, type Note } from './SaveNote';
import { wholeNumberIn } from './numbers';
import { useSynced } from './use-synced';

interface Props {
  settings: Settings;
  onSave: (settings: Settings) => Promise<void>;
  readOnly: boolean;
}

type Errors = { interval?: string; fixed?: string } & Record<string, string | undefined>;

/** Warnings before an integration is expected to stop: the windows, the rules, each account's Salesforce policy. */
export function DeadlineSettings({ settings, onSave, readOnly }: Props) {
  const { deadlines } = settings;
  const [interval, setIntervalText] = useSynced(String(deadlines.intervalDays));
  const [fixed, setFixed] = useSynced(String(deadlines.fixedDays));
  const [off, setOff] = useState<string[]>(deadlines.off);
  // Salesforce's policy concerns MBI's integrations only (no rule exists for a pipeline's connectors).
  const own = settings.accounts.filter((a) => !a.managed && pipelineOf(a) === 'mbi');
  const [salesforce, setSalesforce] = useState<Record<string, string>>(
    Object.fromEntries(own.map((a) => [a.id, a.salesforceDays === undefined ? '' : String(a.salesforceDays)])),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [note, setNote] = useState<Note>(null);
  const days = (range: { min: number; max: number }) => t('options_whole_days', range.min, range.max);

  const submit = async (event: Event) => {
    event.preventDefault();
    const intervalDays = wholeNumberIn(interval, WARN_INTERVAL_DAYS);
    const fixedDays = wholeNumberIn(fixed, WARN_FIXED_DAYS);
    const policies = Object.fromEntries(
      own.map((a) => {
        const text = (salesforce[a.id] ?? '').trim();
        return [a.id, text === '' ? undefined : wholeNumberIn(text, SALESFORCE_DAYS)];
      }),
    );
    const next: Errors = {};
    if (intervalDays === null) next.interval = days(WARN_INTERVAL_DAYS);
    if (fixedDays === null) next.fixed = days(WARN_FIXED_DAYS);
    for (const [id, value] of Object.entries(policies)) if (value === null) next[id] = days(SALESFORCE_DAYS);
    setErrors(next);
    setNote(null);
    if (intervalDays === null || fixedDays === null || Object.keys(next).length > 0) return;
    const accounts = settings.accounts.map((a) => {
      if (a.managed) return a;
      const rest = { ...a };
      delete rest.salesforceDays;
      const value = policies[a.id];
      return typeof value === 'number' ? { ...rest, salesforceDays: value } : rest;
    });
    const saved = { ...settings, deadlines: { intervalDays, fixedDays, off }, accounts };
    await saveWithNote(() => onSave(saved), setNote, t('options_saved'));
  };

  // submit ends in saveWithNote, which shows a failure and never rejects.
  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="deadlines-heading">
      <h2 id="deadlines-heading">{t('options_deadlines_title')}</h2>
      <p class="muted">{t('options_deadlines_intro')}</p>
      <div class="row-fields">
        <Field
          id="warnInterval"
          label={t('options_window_interval')}
          value={interval}
          error={errors.interval}
          onValue={setIntervalText}
          type="number"
          min={WARN_INTERVAL_DAYS.min}
          max={WARN_INTERVAL_DAYS.max}
          step={1}
          required
        />
        <Field
          id="warnFixed"
          label={t('options_window_fixed')}
          value={fixed}
          error={errors.fixed}
          onValue={setFixed}
          type="number"
          min={WARN_FIXED_DAYS.min}
          max={WARN_FIXED_DAYS.max}
          step={1}
          required
        />
      </div>
      <fieldset>
        <legend>{t('options_deadlines_title')}</legend>
        {RULES.map((rule) => (
          <label class="toggle" key={rule.id}>
            <input
              type="checkbox"
              name={rule.id}
              checked={!off.includes(rule.id)}
              onChange={(e) => setOff(e.currentTarget.checked ? off.filter((id) => id !== rule.id) : [...off, rule.id])}
            />
            {t('options_rule_on', providerFor(rule.types[0] ?? '')?.name ?? rule.id)}
          </label>
        ))}
      </fieldset>
      {own.map((a) => (
        <Field
          key={a.id}
          id={`salesforce-${a.id}`}
          label={t('options_salesforce_days', a.label)}
          value={salesforce[a.id] ?? ''}
          error={errors[a.id]}
          onValue={(value) => setSalesforce({ ...salesforce, [a.id]: value })}
          type="number"
          min={SALESFORCE_DAYS.min}
          max={SALESFORCE_DAYS.max}
          step={1}
        />
      ))}
      <div class="editor-actions">
        <button type="submit" disabled={readOnly}>
          {t('options_save_deadlines')}
        </button>
      </div>
      <SaveNote note={note} />
    </form>
  );
}
