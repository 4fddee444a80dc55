import { ownTime } from '../core/format';
import { plural, t } from '../core/i18n';
import type { PopupModel } from '../core/popup-model';

interface Props {
  model: PopupModel;
  now: number;
  checking: boolean;
  onCheckNow: () => void;
}

export function Header({ model, now, checking, onCheckNow }: Props) {
  const count = model.problemCount;
  const title = count === 0 ? t('popup_title_ok') : plural('popup_problems', count);
  return (
    <header class="header">
      <div>
        <h1>{title}</h1>
        <p class="muted" data-testid="last-checked">
          {model.lastCheckedAt === undefined
            ? t('popup_not_checked')
            : t('popup_last_checked', ownTime(model.lastCheckedAt, now))}
        </p>
      </div>
      <button
        type="button"
        class="secondary check"
        onClick={onCheckNow}
        disabled={checking || model.accounts.length === 0}
        aria-busy={checking}
      >
        {checking && <span class="spinner" aria-hidden="true" />}
        {checking ? t('popup_checking') : t('popup_check_now')}
      </button>
      <p class="sr-only" aria-live="polite">
        {checking ? t('popup_checking') : title}
      </p>
    </header>
  );
}
