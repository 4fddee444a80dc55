// What the property tests check every parsed value with: each validator throws, naming what is wrong and
// showing the value, unless the value is what the parsers promise.
import type { IntegrationKind, IntegrationState } from '../../src/core/types';

export function check(condition: boolean, what: string, value: unknown): asserts condition {
  if (!condition) throw new Error(`${what}: ${preview(value)}`);
}

function preview(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 300);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A plain object with no key but the allowed ones (a prototype name included). */
export function onlyKeys(value: object, allowed: readonly string[]): void {
  for (const key of Reflect.ownKeys(value))
    check(typeof key === 'string' && allowed.includes(key), `unexpected key "${String(key)}"`, value);
  check(Object.getPrototypeOf(value) === Object.prototype, 'not a plain object', value);
}

// The closed sets, spelled out so that a new member fails to compile here until the validators know it.
export const STATES: Record<IntegrationState, true> = {
  ok: true,
  'needs-reauth': true,
  failing: true,
  paused: true,
  unknown: true,
};
export const KINDS: Record<IntegrationKind, true> = {
  oauth: true,
  'api-key': true,
  database: true,
  push: true,
  unknown: true,
};
