// The cycle's own writes of snoozes and re-authorizations (a spent snooze dropped, a re-authorization
// judged): storage reports them like anyone else's, and they must not ask for one more cycle.
import { sameJson } from '../shared/storage';

const pending = new Map<string, unknown>();

/** Called just before the cycle writes `value` under `key`. */
export function noteOwnWrite(key: string, value: unknown): void {
  pending.set(key, value);
}

/** True, once, when a storage change of `key` carries what the cycle itself just wrote. */
export function isOwnWrite(key: string, value: unknown): boolean {
  if (!pending.has(key) || !sameJson(pending.get(key), value)) return false;
  pending.delete(key);
  return true;
}
