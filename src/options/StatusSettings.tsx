import { useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { ownTime } from '../core/format';
import { t, type MessageKey } from '../core/i18n';
import { pipelineOf, type Settings } from '../core/settings';
import { currentReading, isPart, type StatusLevel, type StatusRecords, type UnknownReason } from '../core/status';
import { pageOfTarget, statusHosts, statusOrigins } from '../core/status-pages';
import { STATUS_RECORDS } from '../core/stored-items';
import { read } from '../shared/stored';
import { Field } from './Field';
import { SaveNote, saveWithNote, type Note } from './SaveNote';

interface Props {
  settings: Settings;
  onSave: (settings: Settings) => Promise<void>;
  readOnly: boolean;
}

const ORIGINS = statusOrigins();

const LEVEL: Readonly<Record<Exclude<StatusLevel, 'unknown'>, MessageKey>> = {
  operational: 'status_level_operational',
  degraded: 'status_level_degraded',
  outage: 'status_level_outage',
  maintenance: 'status_level_maintenance',
};
const REASON: Readonly<Record<UnknownReason, MessageKey>> = {
  unreadable: 'status_reason_unreadable',
  'page-changed': 'status_reason_page_changed',
  'component-missing': 'status_reason_component_missing',
  'no-access': 'status_reason_no_access',
  'not-set': 'status_reason_not_set',
};

type Parts = Record<string, { instance: string; region: string }>;

/** Status pages: the hosts and the access to them, what each page said last, and each account's instance and region. */
export function StatusSettings({ settings, onSave, readOnly }: Props) {
  // A pipeline account reads its vendor's page only: no instance or region of its own.
  const own = settings.accounts.filter((a) => !a.managed && pipelineOf(a) === 'mbi');
  const [granted, setGranted] = useState<boolean | null>(null);
  const [records, setRecords] = useState<StatusRecords>({});
  const [parts, setParts] = useState<Parts>(
    Object.fromEntries(own.map((a) => [a.id, { instance: a.salesforceInstance ?? '', region: a.awsRegion ?? '' }])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<Note>(null);
  const [accessNote, setAccessNote] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () => {
      browser.permissions.contains({ origins: ORIGINS }).then(setGranted, () => setGranted(false));
      read(STATUS_RECORDS).then(setRecords, () => setRecords({}));
    };
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);

  const toggleAccess = async () => {
    setAccessNote(null);
    try {
      const changed = granted
        ? await browser.permissions.remove({ origins: ORIGINS })
        : await browser.permissions.request({ origins: ORIGINS });
      if (!changed) setAccessNote(t('options_status_not_changed'));
      setGranted(await browser.permissions.contains({ origins: ORIGINS }));
    } catch (error) {
      setAccessNote(error instanceof Error ? error.message : String(error));
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    for (const a of own) {
      const { instance, region } = parts[a.id] ?? { instance: '', region: '' };
      if (instance.trim() !== '' && !isPart('salesforceInstance', instance.trim()))
        next[`instance-${a.id}`] = t('validate_salesforce_instance');
      if (region.trim() !== '' && !isPart('awsRegion', region.trim()))
        next[`region-${a.id}`] = t('validate_aws_region');
    }
    setErrors(next);
    setNote(null);
    if (Object.keys(next).length > 0) return;
    const accounts = settings.accounts.map((a) => {
      if (a.managed) return a;
      const rest = { ...a };
      delete rest.salesforceInstance;
      delete rest.awsRegion;
      const { instance, region } = parts[a.id] ?? { instance: '', region: '' };
      return {
        ...rest,
        ...(instance.trim() ? { salesforceInstance: instance.trim().toUpperCase() } : {}),
        ...(region.trim() ? { awsRegion: region.trim() } : {}),
      };
    });
    await saveWithNote(() => onSave({ ...settings, accounts }), setNote, t('options_saved'));
  };

  const now = Date.now();
  const readPages = Object.values(records).filter((r) => r.checkedAt > 0);
  const set = (id: string, key: 'instance' | 'region', value: string) =>
    setParts({ ...parts, [id]: { ...(parts[id] ?? { instance: '', region: '' }), [key]: value } });
  // submit ends in saveWithNote, which shows a failure and never rejects.
  return (
    <form class="editor" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="status-heading">
      <h2 id="status-heading">{t('options_status_title')}</h2>
      <p class="muted">{t('options_status_intro')}</p>
      <p class="muted" data-testid="status-hosts">
        {t('options_status_hosts', statusHosts().join(', '))}
      </p>
      <p role="status">
        {granted === null ? '' : t(granted ? 'options_status_granted' : 'options_status_not_granted')}
      </p>
      <div class="editor-actions">
        <button type="button" class="secondary" onClick={() => void toggleAccess()} disabled={granted === null}>
          {t(granted ? 'options_status_revoke' : 'options_status_allow')}
        </button>
      </div>
      {accessNote && <p role="alert">{accessNote}</p>}
      <ul class="muted status-readings">
        {readPages.length === 0 && <li>{t('options_status_none')}</li>}
        {readPages.map((r) => {
          const reading = currentReading(r, now);
          const page = pageOfTarget(r.target);
          const level =
            reading.level === 'unknown'
              ? t('status_level_unknown', t(REASON[reading.reason ?? 'unreadable']))
              : t(LEVEL[reading.level]);
          // One line per page and account part ("Zendesk (vandelay)", "Salesforce (NA45)").
          const part = r.target.includes(':') ? ` (${r.target.slice(r.target.indexOf(':') + 1)})` : '';
          const name = page ? `${page.name}${part}` : r.target;
          return <li key={r.target}>{t('options_status_last', name, level, ownTime(r.checkedAt, now))}</li>;
        })}
      </ul>
      {own.map((a) => (
        <div class="row-fields" key={a.id}>
          <Field
            id={`instance-${a.id}`}
            label={t('options_status_instance', a.label)}
            hint={t('options_status_instance_hint')}
            value={parts[a.id]?.instance ?? ''}
            error={errors[`instance-${a.id}`]}
            onValue={(value) => set(a.id, 'instance', value)}
          />
          <Field
            id={`region-${a.id}`}
            label={t('options_status_region', a.label)}
            hint={t('options_status_region_hint')}
            value={parts[a.id]?.region ?? ''}
            error={errors[`region-${a.id}`]}
            onValue={(value) => set(a.id, 'region', value)}
          />
        </div>
      ))}
      {own.length > 0 && (
        <div class="editor-actions">
          <button type="submit" disabled={readOnly}>
            {t('options_save_status')}
          </button>
        </div>
      )}
      <SaveNote note={note} />
    </form>
  );
}
