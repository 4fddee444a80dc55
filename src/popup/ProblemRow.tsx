import { useState } from 'preact/hooks';
import { relativeTime } from '../shared/format';
import { t } from '../shared/i18n';
import { MSG, type SupportAnswer } from '../shared/messages';
import { copyText } from '../shared/copy';
import type { PopupRow } from '../shared/popup-model';
import { CauseLine } from './CauseLine';
import { ProviderIcon } from './ProviderIcon';
import { SnoozeMenu } from './SnoozeMenu';
import { send } from './use-watch';

interface Props {
  row: PopupRow;
  now: number;
  /** The first row takes part in the tab order; arrows reach the others. */
  first: boolean;
  escalationHours: number;
}

function verificationText(v: NonNullable<PopupRow['verification']>, now: number): string {
  if (v.result === 'still-failing') return t('popup_still_failing', relativeTime(v.checkedAt ?? now, now));
  if (v.result === 'fixed') return t('popup_verify_fixed');
  return t('popup_verify_pending');
}

export function ProblemRow({ row, now, first, escalationHours }: Props) {
  const [copied, setCopied] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const target = { sourceId: row.sourceId, integrationId: row.id };

  const reauthorize = async () => {
    const answer = await send({ type: MSG.reauthorize, ...target });
    if (!answer?.ok) setNote(t('popup_not_allowed'));
  };

  const openSupport = async () => {
    const answer = await send<SupportAnswer>({ type: MSG.supportCase, ...target });
    const ok = answer?.summary !== undefined && (await copyText(answer.summary));
    setCopied(ok ? answer.summary! : null);
    setNote(ok ? t('popup_copied') : t('popup_copy_failed'));
  };

  const reauthButton = (
    <button type="button" class={row.supportFirst ? 'secondary' : ''} data-primary={row.supportFirst ? undefined : true} onClick={() => void reauthorize()}>
      {row.actionLabel}
    </button>
  );
  const supportButton = (
    <button type="button" class={row.supportFirst ? '' : 'secondary'} data-primary={row.supportFirst ? true : undefined} onClick={() => void openSupport()}>
      {t('popup_support')}
    </button>
  );

  return (
    <li class={`row state-${row.state}`} data-integration={row.id} tabIndex={first ? 0 : -1} aria-label={`${row.name}, ${row.provider}, ${row.stateLabel}`}>
      <div class="row-main">
        <ProviderIcon provider={row.provider} kind={row.kind} />
        <span class="name">{row.name}</span>
        <span class="muted provider">{row.provider}</span>
      </div>
      <p class="state">
        <strong>{row.stateLabel}</strong>
        {row.since !== undefined && <span class="muted"> · {t(row.firstSeen ? 'popup_noticed' : 'popup_since', relativeTime(row.since, now))}</span>}
      </p>
      {row.detail && <p class="detail">{row.detail}</p>}
      {row.cause && <CauseLine cause={row.cause} now={now} />}
      {row.verification && <p class={`verify verify-${row.verification.result ?? 'pending'}`} role="status">{verificationText(row.verification, now)}</p>}
      {row.escalated && <p class="escalated">{t('popup_escalated', escalationHours)}</p>}
      {row.hint && <p class="muted hint">{row.hint}</p>}
      <div class="row-actions">
        {row.supportFirst ? [supportButton, reauthButton] : [reauthButton, supportButton]}
        <button type="button" class="link" onClick={() => void send({ type: MSG.openPage, page: 'adobe-status' })}>{t('popup_adobe_status')}</button>
        <SnoozeMenu row={row} />
      </div>
      {note && <p class="muted note" role="status">{note}</p>}
      {copied && (
        <details class="copied" open>
          <summary>{t('popup_what_copied')}</summary>
          <pre>{copied}</pre>
        </details>
      )}
    </li>
  );
}
