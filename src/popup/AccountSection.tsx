import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { absoluteTime, relativeTime } from '../shared/format';
import { plural, t } from '../shared/i18n';
import type { PopupAccount, PopupRow } from '../shared/popup-model';
import { IssueBanner } from './IssueBanner';
import { ProblemRow } from './ProblemRow';

interface Props {
  account: PopupAccount;
  /** Its rows beyond the first ones, once read (see useWatch's showAll). */
  more: PopupRow[] | undefined;
  now: number;
  /** With a single account the heading is left out. */
  single: boolean;
  escalationHours: number;
  onCheckNow: () => void;
  onShowAll: () => Promise<void>;
}

export function AccountSection({ account, more, now, single, escalationHours, onCheckNow, onShowAll }: Props) {
  const { problems, problemCount } = account;
  const [all, setAll] = useState(false);
  const shown = all && more ? [...problems, ...more] : problems;
  const showAll = () => void onShowAll().then(() => setAll(true));
  const list = useRef<HTMLUListElement>(null);
  // The button that had focus is gone: focus moves on to the first row it brought.
  useLayoutEffect(() => {
    if (all) list.current?.querySelectorAll<HTMLElement>('li.row')[problems.length]?.focus();
  }, [all]);
  return (
    <section class="account" aria-label={account.label} data-source={account.sourceId}>
      {!single && <h2 class="account-title">{account.label} <span class="muted">{t('popup_account_count', problemCount, account.total)}</span></h2>}
      {account.issue && <IssueBanner issue={account.issue} sourceId={account.sourceId} onCheckNow={onCheckNow} />}
      {account.showingLastGood && account.lastSuccessAt !== undefined && (
        <p class="muted stale-note">{t('popup_last_good', relativeTime(account.lastSuccessAt, now))}</p>
      )}
      {problemCount > 0 && (
        <ul class="rows" ref={list} aria-label={t('popup_rows_label', account.label)}>
          {shown.map((row, i) => <ProblemRow key={row.id} row={row} now={now} first={i === 0} escalationHours={escalationHours} />)}
        </ul>
      )}
      {shown.length < problemCount && (
        <button type="button" class="link show-all" onClick={showAll}>{t('popup_show_all', problemCount)}</button>
      )}
      {problemCount === 0 && account.lastSuccessAt !== undefined && !account.issue && (
        <p class="all-good" data-testid="all-good">{plural('popup_all_good', account.total, absoluteTime(account.lastSuccessAt))}</p>
      )}
      {account.lastJob && <p class="muted">{t('popup_last_update', account.lastJob.statusName, relativeTime(account.lastJob.endedAt, now))}</p>}
    </section>
  );
}
