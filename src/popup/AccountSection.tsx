import { absoluteTime, relativeTime } from '../shared/format';
import { integrationKey } from '../shared/snooze';
import type { AccountView } from '../shared/view';
import { IssueBanner } from './IssueBanner';
import { ProblemRow } from './ProblemRow';
import type { WatchState } from './use-watch';
import { plural, t } from '../shared/i18n';

interface Props {
  account: AccountView;
  state: WatchState;
  now: number;
  /** With a single account the heading is left out. */
  single: boolean;
  onCheckNow: () => void;
}

export function AccountSection({ account, state, now, single, onCheckNow }: Props) {
  const { source, problems } = account;
  const { settings, verifications } = state;
  return (
    <section class="account" aria-label={source.label} data-source={source.id}>
      {!single && <h2 class="account-title">{source.label} <span class="muted">{t('popup_account_count', problems.length, account.total)}</span></h2>}
      {account.issue && <IssueBanner issue={account.issue} settings={settings} source={source} onCheckNow={onCheckNow} />}
      {account.showingLastGood && account.lastSuccessAt !== undefined && (
        <p class="muted stale-note">{t('popup_last_good', relativeTime(account.lastSuccessAt, now))}</p>
      )}
      {problems.length > 0 && (
        <ul class="rows" aria-label={t('popup_rows_label', source.label)}>
          {problems.map((integration, i) => (
            <ProblemRow key={integration.id} integration={integration} account={account} settings={settings} now={now}
              verification={verifications[integrationKey(source.id, integration.id)]} first={i === 0} />
          ))}
        </ul>
      )}
      {problems.length === 0 && account.lastSuccessAt !== undefined && !account.issue && (
        <p class="all-good" data-testid="all-good">
          {plural('popup_all_good', account.total, absoluteTime(account.lastSuccessAt))}
        </p>
      )}
      {account.lastJob && (
        <p class="muted">{t('popup_last_update', account.lastJob.statusName, relativeTime(account.lastJob.endedAt, now))}</p>
      )}
    </section>
  );
}
