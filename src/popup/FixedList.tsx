import { ownTime } from '../core/format';
import { t } from '../core/i18n';
import type { PopupModel } from '../core/popup-model';

/** Integrations that re-authorization fixed, or that MBI stopped listing: they left the problem list, this says why. */
export function FixedList({ fixed, now }: { fixed: PopupModel['fixed']; now: number }) {
  if (fixed.length === 0) return null;
  return (
    <section class="fixed" aria-label={t('popup_fixed')}>
      <ul>
        {fixed.map((f) =>
          f.removed ? (
            <li key={f.key} class="verify-removed">
              <strong>{t('popup_removed')}</strong>: <bdi class="name">{f.name}</bdi>{' '}
              <span class="muted">{t('popup_removed_note')}</span>
            </li>
          ) : (
            <li key={f.key} class="verify-fixed">
              <strong>{t('popup_fixed')}</strong>: <bdi class="name">{f.name}</bdi>{' '}
              <span class="muted">{t('popup_confirmed', ownTime(f.checkedAt ?? now, now))}</span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
