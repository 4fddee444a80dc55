import { useState } from 'preact/hooks';
import { ownTime } from '../core/format';
import { t } from '../core/i18n';
import { MSG } from '../core/messages';
import type { PopupRow } from '../core/popup-model';
import { CauseLine } from './CauseLine';
import { OutageLine } from './OutageLine';
import { historyText } from './history-text';
import { ProviderIcon } from './ProviderIcon';
import { SnoozeMenu } from './SnoozeMenu';
import { failureOf, reauthorize, send, supportCase } from './use-watch';
import { StatusNote } from './StatusNote';

interface Props {
  row: PopupRow;
  now: number;
  /** The first row takes part in the tab order; arrows reach the others. */
  first: boolean;
  escalationHours: number;
}

function verificationText(v: NonNullable<PopupRow['verification']>, now: number): string {
  if (v.result === 'still-failing') return t('popup_still_failing', ownTime(v.checkedAt ?? now, now));
  if (v.result === 'fixed') return t('popup_verify_fixed');
  return t('popup_verify_pending');
}

export function ProblemRow({ row, now, first, escalationHours }: Props) {
  const [copied, setCopied] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const target = { accountId: row.accountId, integrationId: row.id };

  // Every action below resolves in every case (send and copyText never reject) and shows its failure.
  const reauthorizeIt = async () => setNote(await reauthorize(target));

  const openSupport = async () => {
    const { note: said, copied: text } = await supportCase(target);
    setCopied(text);
    setNote(said);
  };

  const openStatus = async () =>
    setNote(failureOf(await send({ type: MSG.openPage, page: 'adobe-status', accountId: row.accountId })));
  const openIncident = async () => setNote(failureOf(await send({ type: MSG.openIncident, ...target })));
  // Held by an incident: checking again once it is resolved comes first; re-authorizing steps back.
  const held = row.outage?.holds === true;
  const checkAgain = async () => setNote(failureOf(await send({ type: MSG.checkNow, accountId: row.accountId })));

  const reauthButton = (
    <button
      type="button"
      class={row.supportFirst || held ? 'secondary' : ''}
      data-primary={row.supportFirst || held ? undefined : true}
      onClick={() => void reauthorizeIt()}
    >
      {row.actionLabel}
    </button>
  );
  const supportButton = (
    <button
      type="button"
      class={row.supportFirst ? '' : 'secondary'}
      data-primary={row.supportFirst ? true : undefined}
      onClick={() => void openSupport()}
    >
      {t('popup_support')}
    </button>
  );

  return (
    <li
      class={`row state-${row.state}`}
      data-integration={row.id}
      tabIndex={first ? 0 : -1}
      aria-label={`${row.name}, ${row.provider}, ${row.stateLabel}`}
    >
      <div class="row-main">
        <ProviderIcon provider={row.provider} kind={row.kind} />
        <bdi class="name">{row.name}</bdi>
        <bdi class="muted provider">{row.provider}</bdi>
      </div>
      <p class="state">
        <strong>
          <bdi>{row.stateLabel}</bdi>
        </strong>
        {row.since !== undefined && (
          <span class="muted"> · {t(row.firstSeen ? 'popup_noticed' : 'popup_since', ownTime(row.since, now))}</span>
        )}
      </p>
      {row.history && <p class="muted history">{historyText(row.history)}</p>}
      {row.detail && (
        <p class="detail">
          <bdi>{row.detail}</bdi>
        </p>
      )}
      {row.outage && (
        <OutageLine outage={row.outage} now={now} {...(row.outage.link ? { onOpen: () => void openIncident() } : {})} />
      )}
      {row.cause && <CauseLine cause={row.cause} now={now} />}
      {row.verification && (
        <p class={`verify verify-${row.verification.result ?? 'pending'}`} role="status">
          {verificationText(row.verification, now)}
        </p>
      )}
      {row.escalated && <p class="escalated">{t('popup_escalated', escalationHours)}</p>}
      {row.hint && <p class="muted hint">{row.hint}</p>}
      <div class="row-actions">
        {held && (
          <button type="button" data-primary onClick={() => void checkAgain()}>
            {t('popup_check_when_resolved')}
          </button>
        )}
        {row.supportFirst ? [supportButton, reauthButton] : [reauthButton, supportButton]}
        {row.statusPage && (
          <button type="button" class="link" onClick={() => void openStatus()}>
            {row.statusPage === 'Adobe' ? t('popup_adobe_status') : t('popup_vendor_status', row.statusPage)}
          </button>
        )}
        <SnoozeMenu row={row} />
      </div>
      <StatusNote text={note} />
      {copied && (
        <details class="copied" open>
          <summary>{t('popup_what_copied')}</summary>
          <pre>
            <bdi>{copied}</bdi>
          </pre>
        </details>
      )}
    </li>
  );
}
