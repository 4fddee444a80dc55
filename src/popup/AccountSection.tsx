import { useState } from 'preact/hooks';
import { absoluteTime, relativeTime } from '../shared/format';
import { plural, t } from '../shared/i18n';
import type { PopupAccount } from '../shared/popup-model';
import { IssueBanner } from './IssueBanner';
import { ProblemRow } from './ProblemRow';

interface Props {
  account: PopupAccount;
  now: number;
  /** With a single account the heading is left out. */
  single: boolean;
  escalationHours: number;
  onCheckNow: () => void;
}

/** Problem rows painted at first per account: the popup shows about five at a time, the rest on request. */
export const FIRST_ROWS = 20;

export function AccountSection({ account, now, single, escalationHours, onCheckNow }: Props) {
  const { problems } = account;
  const [all, setAll] = useState(false);
  const shown = all ? problems : problems.slice(0, FIRST_ROWS);
  return (
    <section class="account" aria-label={account.label} data-source={account.sourceId}>
      {!single && <h2 class="account-title">{account.label} <span class="muted">{t('popup_account_count', problems.length, account.total)}</span></h2>}
      {account.issue && <IssueBanner issue={account.issue} sourceId={account.sourceId} onCheckNow={onCheckNow} />}
      {account.showingLastGood && account.lastSuccessAt !== undefined && (
        <p class="muted stale-note">{t('popup_last_good', relativeTime(account.lastSuccessAt, now))}</p>
      )}
      {problems.length > 0 && (
        <ul class="rows" aria-label={t('popup_rows_label', account.label)}>
          {shown.map((row, i) => <ProblemRow key={row.id} row={row} now={now} first={i === 0} escalationHours={escalationHours} />)}
        </ul>
      )}
      {shown.length < problems.length && (
        <button type="button" class="link show-all" onClick={() => setAll(true)}>{t('popup_show_all', problems.length)}</button>
      )}
      {problems.length === 0 && account.lastSuccessAt !== undefined && !account.issue && (
        <p class="all-good" data-testid="all-good">{plural('popup_all_good', account.total, absoluteTime(account.lastSuccessAt))}</p>
      )}
      {account.lastJob && <p class="muted">{t('popup_last_update', account.lastJob.statusName, relativeTime(account.lastJob.endedAt, now))}</p>}
    </section>
  );
}
