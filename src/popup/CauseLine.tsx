import type { Cause, CauseFinding } from '../shared/causes';
import { relativeTime } from '../shared/format';
import { t, type MessageKey } from '../shared/i18n';

const CAUSES: Readonly<Record<Cause, MessageKey>> = {
  provider: 'popup_cause_provider',
  token: 'popup_cause_token',
  account: 'popup_cause_account',
  internal: 'popup_cause_internal',
};

function evidence(finding: CauseFinding, now: number): string {
  const e = finding.evidence;
  switch (e.kind) {
    case 'lapse':
      return e.text;
    case 'error':
      return t('popup_evidence_error', e.text);
    case 'many':
      return t('popup_evidence_many', e.count);
    case 'update':
      return t('popup_evidence_update', relativeTime(e.at, now));
  }
}

export function CauseLine({ finding, now }: { finding: CauseFinding; now: number }) {
  return (
    <p class="cause" data-cause={finding.cause}>
      {t('popup_cause', t(CAUSES[finding.cause]))} <span class="muted">{evidence(finding, now)}</span>
    </p>
  );
}
