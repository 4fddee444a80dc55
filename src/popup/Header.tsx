import { relativeTime } from '../shared/format';
import type { WatchView } from '../shared/view';

interface Props {
  view: WatchView;
  now: number;
  checking: boolean;
  onCheckNow: () => void;
}

export function Header({ view, now, checking, onCheckNow }: Props) {
  const count = view.problemCount;
  const title = count === 0 ? 'MBI integrations' : `${count} ${count === 1 ? 'integration needs' : 'integrations need'} attention`;
  return (
    <header class="header">
      <div>
        <h1>{title}</h1>
        <p class="muted" data-testid="last-checked">
          {view.lastCheckedAt === undefined ? 'Not checked yet' : `Last checked ${relativeTime(view.lastCheckedAt, now)}`}
        </p>
      </div>
      <button type="button" class="secondary check" onClick={onCheckNow} disabled={checking || view.accounts.length === 0} aria-busy={checking}>
        {checking && <span class="spinner" aria-hidden="true" />}
        {checking ? 'Checking…' : 'Check now'}
      </button>
      <p class="sr-only" aria-live="polite">{checking ? 'Checking…' : title}</p>
    </header>
  );
}
