import { deriveView } from '../shared/view';
import { AccountSection } from './AccountSection';
import { Header } from './Header';
import { IssueBanner } from './IssueBanner';
import { useWatch } from './use-watch';

export function App() {
  const { state, error, checking, checkNow } = useWatch();
  if (error) return <main class="popup"><p role="alert" class="banner">The stored status could not be read: {error}</p></main>;
  if (!state) return <main class="popup" aria-busy="true" />;
  const now = Date.now();
  const view = deriveView(state.settings, state.records, now);
  const globalIssue = view.issue && (view.issue.kind === 'paused' || view.issue.kind === 'not-configured') ? view.issue : undefined;
  return (
    <main class="popup">
      <Header view={view} now={now} checking={checking} onCheckNow={() => void checkNow()} />
      {globalIssue && <IssueBanner issue={globalIssue} settings={state.settings} onCheckNow={() => void checkNow()} />}
      {view.accounts.map((account) => (
        <AccountSection key={account.source.id} account={account} settings={state.settings} now={now} single={view.accounts.length === 1} onCheckNow={() => void checkNow()} />
      ))}
    </main>
  );
}
