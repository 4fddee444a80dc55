import { absoluteTime, reportedTime } from '../core/format';
import { t } from '../core/i18n';
import type { PopupRow } from '../core/popup-model';

export function CauseLine({ cause, now }: { cause: NonNullable<PopupRow['cause']>; now: number }) {
  const at = cause.evidenceAt;
  const evidence =
    at !== undefined
      ? t('popup_evidence_update', reportedTime(at, cause.evidenceRaw ?? absoluteTime(at), now))
      : cause.evidence;
  return (
    <p class="cause" data-cause={cause.kind}>
      {cause.text} {evidence && <bdi class="muted">{evidence}</bdi>}
    </p>
  );
}
