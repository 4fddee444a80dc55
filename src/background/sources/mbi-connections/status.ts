// The one place that maps MBI's connection status codes to our states. Only "1" appears in Adobe's
// published sample; the other rows are this project's reading (see README). Anything else is `unknown`.
import { inertText } from '../../../core/inert-text';
import type { IntegrationState } from '../../../core/types';

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

/** `value` as JSON, or its type where it has none (only a value that did not come from JSON). */
function jsonOf(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

export function stateForStatus(raw: unknown): { state: IntegrationState; rawStatus: string } {
  if (raw === null || raw === undefined) return { state: 'unknown', rawStatus: '(none)' };
  const plain = typeof raw === 'string' || typeof raw === 'number';
  // Any other value (an object, a list, true) is shown as the JSON MBI sent, not as its type's name.
  const rawStatus = inertText(plain ? String(raw) : jsonOf(raw))
    .trim()
    .slice(0, 40);
  const key = rawStatus.toLowerCase();
  const state = plain && Object.hasOwn(STATUS_TABLE, key) ? STATUS_TABLE[key] : undefined;
  return { state: state ?? 'unknown', rawStatus: rawStatus === '' ? '(blank)' : rawStatus };
}
