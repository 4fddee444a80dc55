import { useEffect, useRef } from 'preact/hooks';
import { deriveView } from '../shared/view';
import { AccountSection } from './AccountSection';
import { FixedList } from './FixedList';
import { Header } from './Header';
import { IssueBanner } from './IssueBanner';
import { SnoozedList } from './SnoozedList';
import { moveBetweenRows } from './keyboard';
import { useWatch } from './use-watch';
import { t } from '../shared/i18n';

export function App() {
  const { state, error, checking, checkNow } = useWatch();
  const main = useRef<HTMLElement>(null);
  const hasRows = (state?.records.length ?? 0) > 0;

  // Opened by keyboard shortcut, the first row has focus so arrows and Enter work at once.
  useEffect(() => {
    if (hasRows) main.current?.querySelector<HTMLElement>('li.row')?.focus();
  }, [hasRows]);

  if (error) return <main class="popup"><p role="alert" class="banner">{t('popup_read_error', error)}</p></main>;
  if (!state) return <main class="popup" aria-busy="true" />;
  const now = Date.now();
  const view = deriveView(state.settings, state.records, now, state.snoozes);
  const globalIssue = view.issue && (view.issue.kind === 'paused' || view.issue.kind === 'not-configured') ? view.issue : undefined;
  const onCheckNow = () => void checkNow();
  return (
    <main class="popup" ref={main} onKeyDown={moveBetweenRows}>
      <Header view={view} now={now} checking={checking} onCheckNow={onCheckNow} />
      {globalIssue && <IssueBanner issue={globalIssue} settings={state.settings} onCheckNow={onCheckNow} />}
      {view.accounts.map((account) => (
        <AccountSection key={account.source.id} account={account} state={state} now={now} single={view.accounts.length === 1} onCheckNow={onCheckNow} />
      ))}
      <FixedList verifications={state.verifications} now={now} />
      <SnoozedList accounts={view.accounts} snoozes={state.snoozes} now={now} />
    </main>
  );
}
