import { useEffect, useRef } from 'preact/hooks';
import { AccountSection } from './AccountSection';
import { FixedList } from './FixedList';
import { Header } from './Header';
import { IssueBanner } from './IssueBanner';
import { moveBetweenRows } from './keyboard';
import { SnoozedList } from './SnoozedList';
import { useWatch } from './use-watch';
import { t } from '../shared/i18n';
import type { PopupModel } from '../shared/popup-model';

export function App({ stored }: { stored: PopupModel | undefined }) {
  const { model, missing, more, checking, checkNow, checkForModel, showAll } = useWatch(stored);
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
          <button type="button" class="secondary" onClick={() => void checkForModel()}>{t('popup_check_now')}</button>
        </div>
      </main>
    );
  }
  if (!model) return <main class="popup" aria-busy="true" />;
  const now = Date.now();
  const onCheckNow = () => void checkNow();
  return (
    <main class="popup" ref={main} onKeyDown={moveBetweenRows}>
      <Header model={model} now={now} checking={checking} onCheckNow={onCheckNow} />
      {model.globalIssue && <IssueBanner issue={model.globalIssue} onCheckNow={onCheckNow} />}
      {model.accounts.map((account) => (
        <AccountSection key={account.sourceId} account={account} more={more?.[account.sourceId]} now={now} single={model.accounts.length === 1} escalationHours={model.escalationHours} onCheckNow={onCheckNow} onShowAll={showAll} />
      ))}
      <FixedList fixed={model.fixed} now={now} />
      <SnoozedList accounts={model.accounts} />
    </main>
  );
}
