import { absoluteTime, ownTime } from '../core/format';
import { formatNumber, t } from '../core/i18n';
import { ISSUES } from '../core/issues';
import type { AccountSettings } from '../core/settings';
import type { PollLogEntry } from '../core/types';
import type { OptionsState } from './use-options';

interface Props {
  checks: OptionsState['recentChecks'];
  accounts: readonly AccountSettings[];
  now: number;
}

function outcomeText(outcome: PollLogEntry['outcome']): string {
  return outcome === 'ok' ? t('options_checks_ok') : ISSUES[outcome].title;
}

/** The poll log's last checks: when, which account, what came of it and how long it took. */
export function RecentChecks({ checks, accounts, now }: Props) {
  const labels = new Map(accounts.map((s) => [s.id, s.label]));
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">{t('options_checks_heading')}</h2>
      {'unreadable' in checks ? (
        <p role="alert" class="field-error">
          {t('options_checks_unreadable', checks.unreadable)}
        </p>
      ) : checks.length === 0 ? (
        <p class="muted">{t('options_checks_none')}</p>
      ) : (
        <table class="checks">
          <thead>
            <tr>
              <th scope="col">{t('options_checks_when')}</th>
              <th scope="col">{t('options_checks_account')}</th>
              <th scope="col">{t('options_checks_outcome')}</th>
              <th scope="col">{t('options_checks_duration')}</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((check) => (
              <tr key={`${check.at}-${check.accountId}-${check.feed}`} class={check.outcome === 'ok' ? 'ok' : 'failed'}>
                <td>
                  <time dateTime={new Date(check.at).toISOString()} title={absoluteTime(check.at)}>
                    {ownTime(check.at, now)}
                  </time>
                </td>
                <td>
                  <bdi>{labels.get(check.accountId) ?? t('options_checks_removed')}</bdi>
                </td>
                <td>{outcomeText(check.outcome)}</td>
                <td class="number">{formatNumber(check.durationMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
