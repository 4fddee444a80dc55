import type { Cause, CauseFinding } from '../shared/causes';
import { relativeTime } from '../shared/format';

const CAUSES: Readonly<Record<Cause, string>> = {
  provider: 'a problem at the provider',
  token: 'the authorization token expired',
  account: 'a change to the admin account',
  internal: 'an internal MBI problem',
};

function evidence(finding: CauseFinding, now: number): string {
  const e = finding.evidence;
  switch (e.kind) {
    case 'lapse':
      return e.text;
    case 'error':
      return `The error reads "${e.text}".`;
    case 'many':
      return `${e.count} integrations of this account broke at the same time.`;
    case 'update':
      return `The whole account stopped updating ${relativeTime(e.at, now)}.`;
  }
}

export function CauseLine({ finding, now }: { finding: CauseFinding; now: number }) {
  return (
    <p class="cause" data-cause={finding.cause}>
      Likely cause: {CAUSES[finding.cause]}. <span class="muted">{evidence(finding, now)}</span>
    </p>
  );
}
