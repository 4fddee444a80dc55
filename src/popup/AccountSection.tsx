import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { absoluteTime, ownTime, reportedTime } from '../shared/format';
import { plural, t } from '../shared/i18n';
import type { PopupAccount, PopupRow } from '../shared/popup-model';
import { MSG } from '../shared/messages';
import { AnomalyBanner } from './AnomalyBanner';
import { IssueBanner } from './IssueBanner';
import { ProblemRow } from './ProblemRow';
import { Sentence } from './Sentence';
import { failureNote, failureOf, send } from './use-watch';
import { StatusNote } from './StatusNote';

interface Props {
  account: PopupAccount;
  /** Its rows beyond the first ones, once read (see useWatch's showAll). */
  more: PopupRow[] | undefined;
  now: number;
  /** With a single account the heading is left out. */
  single: boolean;
  escalationHours: number;
  /** False while checks are paused or nothing is set up: no check is on its way. */
  checksRun: boolean;
  onCheckNow: () => void;
  /** Resolves with the reason when the rows could not be read, else null; never rejects. */
  onShowAll: () => Promise<string | null>;
}

export function AccountSection({
  account,
  more,
  now,
  single,
  escalationHours,
  checksRun,
  onCheckNow,
  onShowAll,
}: Props) {
  const { problems, problemCount } = account;
  const [all, setAll] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const shown = all && more ? [...problems, ...more] : problems;
  // Both resolve in every case, with what to show when they did not work.
  const showAll = () =>
    void onShowAll().then((failed) => (failed === null ? setAll(true) : setNote(failureNote(failed))));
  const openIntegrations = () =>
    void send({ type: MSG.openPage, page: 'integrations', accountId: account.accountId }).then((sent) =>
      setNote(failureOf(sent)),
    );
  const settled = problemCount === 0 && account.lastSuccessAt !== undefined && !account.issue;
  const list = useRef<HTMLUListElement>(null);
  // The button that had focus is gone: focus moves on to the first row it brought.
  useLayoutEffect(() => {
    if (all) list.current?.querySelectorAll<HTMLElement>('li.row')[problems.length]?.focus();
  }, [all]);
  return (
    <section class="account" aria-label={account.label} data-account={account.accountId}>
      {!single && (
        <h2 class="account-title">
          <bdi>{account.label}</bdi> <span class="muted">{t('popup_account_count', problemCount, account.total)}</span>
        </h2>
      )}
      {account.issue && <IssueBanner issue={account.issue} accountId={account.accountId} onCheckNow={onCheckNow} />}
      {account.anomalies && <AnomalyBanner anomalies={account.anomalies} accountId={account.accountId} />}
      {checksRun && account.lastSuccessAt === undefined && !account.issue && (
        <p class="muted first-check" role="status">
          {t('popup_first_check', account.label)}
        </p>
      )}
      {account.showingLastGood && account.lastSuccessAt !== undefined && (
        <p class="muted stale-note">{t('popup_last_good', ownTime(account.lastSuccessAt, now))}</p>
      )}
      {problemCount > 0 && (
        <ul class="rows" ref={list} aria-label={t('popup_rows_label', account.label)}>
          {shown.map((row, i) => (
            <ProblemRow key={row.id} row={row} now={now} first={i === 0} escalationHours={escalationHours} />
          ))}
        </ul>
      )}
      {shown.length < problemCount && (
        <button type="button" class="link show-all" onClick={showAll}>
          {t('popup_show_all', problemCount)}
        </button>
      )}
      {settled && account.listsNone && (
        <div class="lists-none" data-testid="lists-none">
          <p>{t('popup_lists_none')}</p>
          <button type="button" class="secondary" onClick={openIntegrations}>
            {t('issue_action_open_integrations')}
          </button>
        </div>
      )}
      {settled && !account.listsNone && (
        <p class="all-good" data-testid="all-good">
          {plural('popup_all_good', account.total, absoluteTime(account.lastSuccessAt ?? now))}
        </p>
      )}
      {account.lastJob && (
        <p class="muted last-update">
          <Sentence
            id="popup_last_update"
            parts={[
              <bdi>{account.lastJob.statusName}</bdi>,
              <bdi>{reportedTime(account.lastJob.endedAt, account.lastJob.endedRaw, now)}</bdi>,
            ]}
          />
        </p>
      )}
      <StatusNote text={note} />
    </section>
  );
}
