import { relativeTime } from '../shared/format';
import { t } from '../shared/i18n';
import type { PopupModel } from '../shared/popup-model';

/** Integrations that re-authorization fixed: they left the problem list, this says so. */
export function FixedList({ fixed, now }: { fixed: PopupModel['fixed']; now: number }) {
  if (fixed.length === 0) return null;
  return (
    <section class="fixed" aria-label={t('popup_fixed')}>
      <ul>
        {fixed.map((f) => (
          <li key={f.key} class="verify-fixed">
            <strong>{t('popup_fixed')}</strong>: {f.name} <span class="muted">{t('popup_confirmed', relativeTime(f.checkedAt ?? now, now))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
