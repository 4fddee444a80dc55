// What every status format's parser is: the bodies of its page's URLs, in order, to one reading. Pure.
import type { PageTarget, StatusReading } from '../../../core/status';

/** A reading, or `unreadable`: not the shape the format has (counted as a failed read). */
export type StatusParser = (
  bodies: readonly unknown[],
  target: PageTarget,
  now: number,
) => StatusReading | 'unreadable';

/** A field as text: strings as they are, numbers written out, anything else (an object, null) empty. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

/** A table's own entry for a value from outside; never one it inherits ("constructor", "toString"). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The latest time a Date can hold: a time beyond it is no time. */
const MAX_TIME = 8.64e15;

/** Epoch milliseconds of a count of seconds (a number or digits), or undefined when it is no time. */
export function secondsOf(value: unknown): number | undefined {
  const seconds = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return seconds * 1000 <= MAX_TIME ? seconds * 1000 : undefined;
}

/** Epoch milliseconds of an ISO date, or undefined. */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A link on the status page's own host, or the page itself when the id is not a plain one. */
export function linkOn(human: string, path: string, id: unknown): string {
  return typeof id === 'string' && /^[\w-]{1,64}$/.test(id) ? `${human}/${path}/${id}` : human;
}

/** Text of a body by its byte-order mark (AWS sends UTF-16 big-endian with one), UTF-8 without one. */
export function decodeBody(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder().decode(bytes);
}
