// The one place that maps MBI's connection status codes to our states. Only "1" appears in Adobe's
// published sample; the other rows are this project's reading (see README). Anything else is `unknown`.
import type { IntegrationState } from '../../shared/types';

const STATUS_TABLE: Readonly<Record<string, IntegrationState>> = {
  '1': 'ok',
  success: 'ok',
  '0': 'paused',
  paused: 'paused',
  '2': 'needs-reauth',
  reauthorize: 'needs-reauth',
  '3': 'failing',
  error: 'failing',
};

export function stateForStatus(raw: unknown): { state: IntegrationState; rawStatus: string } {
  if (typeof raw !== 'string' && typeof raw !== 'number') return { state: 'unknown', rawStatus: raw === null || raw === undefined ? '(none)' : typeof raw };
  const rawStatus = String(raw).trim().slice(0, 40);
  const key = rawStatus.trim().toLowerCase();
  const state = Object.hasOwn(STATUS_TABLE, key) ? STATUS_TABLE[key] : undefined;
  return { state: state ?? 'unknown', rawStatus: rawStatus === '' ? '(blank)' : rawStatus };
}
