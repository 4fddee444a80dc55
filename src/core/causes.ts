// Pure: the likely cause of a broken integration, among the four the MBI article names, with the
// evidence that points there. Null when nothing points anywhere: then no cause is claimed.
import { providerFor } from './providers';
import type { Integration } from './types';
import type { AccountView } from './view';

export type Cause = 'provider' | 'token' | 'account' | 'internal';

export interface CauseFinding {
  cause: Cause;
  /** Evidence key and its values, rendered by the popup. */
  evidence:
    | { kind: 'lapse'; text: string }
    | { kind: 'error'; text: string }
    | { kind: 'many'; count: number }
    | { kind: 'update'; at: number; raw: string };
}

const TOKEN = /token|expired|revoked|oauth|re-?authori[sz]/i;
const ACCOUNT = /password|credential|access denied|permission|unauthori[sz]ed|forbidden|user/i;
// "connect" as in "could not connect", never "Reconnect" (Fivetran's task to re-authorize).
const SERVICE =
  /ssh|host key|timed? ?out|(?<!re)connect|unreachable|refused|firewall|dns|certificate|ssl|unavailable|5\d\d/i;

/** Integrations that broke within this window of each other count as breaking together. */
const TOGETHER_MS = 10 * 60_000;

/** How many problems of the account changed state within minutes of this one (seen changes only). */
function brokeTogether(integration: Integration, account: AccountView): number {
  const since = integration.since;
  if (since === undefined || integration.firstSeen) return 0;
  return account.problems.filter(
    (p) => !p.firstSeen && p.since !== undefined && Math.abs(p.since - since) <= TOGETHER_MS,
  ).length;
}

export function likelyCause(integration: Integration, account: AccountView): CauseFinding | null {
  const job = account.lastJob;
  if (account.issue?.kind === 'stale' && job)
    return { cause: 'internal', evidence: { kind: 'update', at: job.endedAt, raw: job.endedRaw } };
  const together = brokeTogether(integration, account);
  if (together >= 3) return { cause: 'internal', evidence: { kind: 'many', count: together } };
  const detail = integration.detail ?? '';
  if (ACCOUNT.test(detail) && !TOKEN.test(detail))
    return { cause: 'account', evidence: { kind: 'error', text: detail } };
  if (SERVICE.test(detail)) return { cause: 'provider', evidence: { kind: 'error', text: detail } };
  const lapse = providerFor(integration.type)?.lapse;
  if (integration.state === 'needs-reauth' && lapse)
    return { cause: 'token', evidence: { kind: 'lapse', text: lapse } };
  if (TOKEN.test(detail)) return { cause: 'token', evidence: { kind: 'error', text: detail } };
  return null;
}
