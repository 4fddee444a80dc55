import { relativeTime } from '../shared/format';
import { t } from '../shared/i18n';
import type { PopupRow } from '../shared/popup-model';

export function CauseLine({ cause, now }: { cause: NonNullable<PopupRow['cause']>; now: number }) {
  const evidence = cause.evidenceAt !== undefined ? t('popup_evidence_update', relativeTime(cause.evidenceAt, now)) : cause.evidence;
  return (
    <p class="cause" data-cause={cause.kind}>
      {cause.text} {evidence && <span class="muted">{evidence}</span>}
    </p>
  );
}
