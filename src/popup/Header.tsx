import { relativeTime } from '../shared/format';
import type { WatchView } from '../shared/view';
import { plural, t } from '../shared/i18n';

interface Props {
  view: WatchView;
  now: number;
  checking: boolean;
  onCheckNow: () => void;
}

export function Header({ view, now, checking, onCheckNow }: Props) {
  const count = view.problemCount;
  const title = count === 0 ? t('popup_title_ok') : plural('popup_problems', count);
  return (
    <header class="header">
      <div>
        <h1>{title}</h1>
        <p class="muted" data-testid="last-checked">
          {view.lastCheckedAt === undefined ? t('popup_not_checked') : t('popup_last_checked', relativeTime(view.lastCheckedAt, now))}
        </p>
      </div>
      <button type="button" class="secondary check" onClick={onCheckNow} disabled={checking || view.accounts.length === 0} aria-busy={checking}>
        {checking && <span class="spinner" aria-hidden="true" />}
        {checking ? t('popup_checking') : t('popup_check_now')}
      </button>
      <p class="sr-only" aria-live="polite">{checking ? t('popup_checking') : title}</p>
    </header>
  );
}
