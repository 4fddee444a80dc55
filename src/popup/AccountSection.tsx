import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { absoluteTime, ownTime, reportedTime } from '../core/format';
import { plural, t } from '../core/i18n';
import { isGroup, type PopupAccount, type PopupEntry, type PopupGroup } from '../core/popup-model';
import { MSG } from '../core/messages';
import { AnomalyBanner } from './AnomalyBanner';
import { IssueBanner } from './IssueBanner';
import { GroupRow } from './GroupRow';
import { ProblemRow } from './ProblemRow';
import { Sentence } from './Sentence';
import { failureNote, failureOf, send } from './use-watch';
import { StatusNote } from './StatusNote';

interface Props {
  account: PopupAccount;
  /** All its entries, groups with their rows, once the full list was read (see useWatch's showAll). */
  all: PopupEntry[] | undefined;
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
  all,
  now,
  single,
  escalationHours,
  checksRun,
  onCheckNow,
  onShowAll,
}: Props) {
  const { entries, problemCount } = account;
  const [showingAll, setShowingAll] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const shown = showingAll && all ? all : entries;
  // Both resolve in every case, with what to show when they did not work.
  const showAll = () =>
    void onShowAll().then((failed) => (failed === null ? setShowingAll(true) : setNote(failureNote(failed))));
  /** A group expands with its rows from the full list, read on the first expand. */
  const rowsOf = (key: string) => all?.find((e): e is PopupGroup => isGroup(e) && e.key === key)?.rows;
  const openIntegrations = () =>
    void send({ type: MSG.openPage, page: 'integrations', accountId: account.accountId }).then((sent) =>
      setNote(failureOf(sent)),
    );
  const settled = problemCount === 0 && account.lastSuccessAt !== undefined && !account.issue;
  const list = useRef<HTMLUListElement>(null);
  // The button that had focus is gone: focus moves on to the first entry it brought.
  useLayoutEffect(() => {
    if (showingAll) list.current?.querySelectorAll<HTMLElement>(':scope > li')[entries.length]?.focus();
  }, [showingAll]);
  return (
    <section
      class="account"
      aria-label={account.pipeline ? `${account.pipeline}: ${account.label}` : account.label}
      data-account={account.accountId}
      data-pipeline={account.pipeline?.toLowerCase() ?? 'mbi'}
    >
      {(!single || account.pipeline) && (
        <h2 class="account-title">
          {(account.tag ?? account.pipeline) && <span class="pipeline-tag">{account.tag ?? account.pipeline}</span>}
          <bdi>{account.label}</bdi> <span class="muted">{t('popup_account_count', problemCount, account.total)}</span>
        </h2>
      )}
      {account.issue && <IssueBanner issue={account.issue} accountId={account.accountId} onCheckNow={onCheckNow} />}
      {account.anomalies && (
        <AnomalyBanner anomalies={account.anomalies} accountId={account.accountId} pipeline={account.pipeline} />
      )}
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
          {shown.map((entry, i) =>
            isGroup(entry) ? (
              <GroupRow
                key={entry.key}
                group={entry}
                rows={entry.rows ?? rowsOf(entry.key)}
                now={now}
                first={i === 0}
                escalationHours={escalationHours}
                onExpand={onShowAll}
              />
            ) : (
              <ProblemRow key={entry.id} row={entry} now={now} first={i === 0} escalationHours={escalationHours} />
            ),
          )}
        </ul>
      )}
      {shown.length < account.entryCount && (
        <button type="button" class="link show-all" onClick={showAll}>
          {t('popup_show_all', problemCount)}
        </button>
      )}
      {settled && account.listsNone && (
        <div class="lists-none" data-testid="lists-none">
          <p>{account.pipeline ? t('popup_lists_none_vendor', account.pipeline) : t('popup_lists_none')}</p>
          <button type="button" class="secondary" onClick={openIntegrations}>
            {account.pipeline ? t('issue_action_open_vendor', account.pipeline) : t('issue_action_open_integrations')}
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
