import { relativeTime } from '../shared/format';
import type { Verifications } from '../shared/verification';
import { t } from '../shared/i18n';

/** Integrations that re-authorization fixed: they left the problem list, this says so. */
export function FixedList({ verifications, now }: { verifications: Verifications; now: number }) {
  const fixed = Object.entries(verifications).filter(([, v]) => v.result === 'fixed');
  if (fixed.length === 0) return null;
  return (
    <section class="fixed" aria-label={t('popup_fixed')}>
      <ul>
        {fixed.map(([key, v]) => (
          <li key={key} data-integration={v.integrationId} class="verify-fixed">
            <strong>{t('popup_fixed')}</strong>: {v.name} <span class="muted">{t('popup_confirmed', relativeTime(v.checkedAt ?? now, now))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
