import { useEffect, useRef } from 'preact/hooks';
import { AccountSection } from './AccountSection';
import { ComingUp } from './ComingUp';
import { FirstRun } from './FirstRun';
import { FixedList } from './FixedList';
import { Header } from './Header';
import { IssueBanner } from './IssueBanner';
import { moveBetweenRows } from './keyboard';
import { SnoozedList } from './SnoozedList';
import { StatusAccess } from './StatusAccess';
import { useWatch } from './use-watch';
import { t } from '../core/i18n';
import type { PopupModel } from '../core/popup-model';

/** `accounts`: the names of the configured accounts, read only when no model was stored yet. */
export function App({ stored, accounts }: { stored: PopupModel | undefined; accounts: string[] }) {
  const { model, missing, rows, checking, interrupted, checkNow, checkForModel, showAll } = useWatch(stored);
  const main = useRef<HTMLElement>(null);
  const hasRows = (model?.problemCount ?? 0) > 0;

  // Opened by keyboard shortcut, the first row has focus so arrows and Enter work at once.
  useEffect(() => {
    if (hasRows) main.current?.querySelector<HTMLElement>('li.row')?.focus();
  }, [hasRows]);

  if (!model && missing !== null) {
    return (
      <main class="popup">
        <div role="alert" class="banner banner-stale">
          <p>{t('popup_read_error', missing)}</p>
          {/* checkForModel resolves in every case and shows its failure in this banner. */}
          <button type="button" class="secondary" onClick={() => void checkForModel()}>
            {t('popup_check_now')}
          </button>
        </div>
      </main>
    );
  }
  if (!model) {
    return (
      <main class="popup">
        <FirstRun accounts={accounts} />
      </main>
    );
  }
  const now = Date.now();
  // checkNow resolves in every case: a check that could not finish shows as interrupted.
  const onCheckNow = () => void checkNow();
  return (
    <main class="popup" ref={main} onKeyDown={moveBetweenRows}>
      <Header model={model} now={now} checking={checking} onCheckNow={onCheckNow} />
      {interrupted && (
        <p class="banner banner-stale" role="status" data-testid="interrupted">
          {t('popup_interrupted')}
        </p>
      )}
      {model.globalIssue && <IssueBanner issue={model.globalIssue} onCheckNow={onCheckNow} />}
      {model.statusAccess && <StatusAccess access={model.statusAccess} />}
      {model.accounts.map((account) => (
        <AccountSection
          key={account.accountId}
          account={account}
          all={rows?.[account.accountId]}
          now={now}
          single={model.accounts.length === 1}
          escalationHours={model.escalationHours}
          checksRun={!model.globalIssue}
          onCheckNow={onCheckNow}
          onShowAll={showAll}
        />
      ))}
      <ComingUp rows={model.comingUp} count={model.comingUpCount} now={now} />
      <FixedList fixed={model.fixed} now={now} />
      <SnoozedList accounts={model.accounts} />
    </main>
  );
}
