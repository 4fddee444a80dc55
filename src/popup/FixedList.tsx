import { relativeTime } from '../shared/format';
import type { Verifications } from '../shared/verification';

/** Integrations that re-authorization fixed: they left the problem list, this says so. */
export function FixedList({ verifications, now }: { verifications: Verifications; now: number }) {
  const fixed = Object.entries(verifications).filter(([, v]) => v.result === 'fixed');
  if (fixed.length === 0) return null;
  return (
    <section class="fixed" aria-label="Fixed">
      <ul>
        {fixed.map(([key, v]) => (
          <li key={key} data-integration={v.integrationId} class="verify-fixed">
            <strong>Fixed</strong>: {v.name} <span class="muted">(confirmed {relativeTime(v.checkedAt ?? now, now)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
