import { absoluteTime, reportedTime } from '../shared/format';
import { t } from '../shared/i18n';
import type { PopupRow } from '../shared/popup-model';

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
