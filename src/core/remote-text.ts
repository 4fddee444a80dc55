// Pure: strings, ids, times and link parameters from a vendor's answer, made safe to show and compare.
import { inertText } from './inert-text';

// The caps of MBI's list, so that every integration fits the same rows, tooltips and summaries.
export const MAX_ID = 64;
export const MAX_NAME = 200;
export const MAX_DETAIL = 500;

/** A remote string, inert (no control or bidi-control character), trimmed and capped; blank → undefined. */
export function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  let cut = inertText(value).trim();
  // Never leave half of a surrogate pair, nor a trailing blank, where the cut fell.
  if (cut.length > max) {
    cut = cut.slice(0, max);
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    cut = cut.trimEnd();
  }
  return cut === '' ? undefined : cut;
}

/** An id sent as a string or a whole number (Stitch's ids are numbers, Airbyte's job ids int64). */
export function idText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : text(value, MAX_ID);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const daysIn = (year: number, month: number): number =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : (MONTH_DAYS[month - 1] ?? 0);

/** The number written by `length` ASCII digits at `at`, or -1 when one of them is not a digit. */
function digits(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Minutes east of UTC for "Z", "+01:00", "-0530" at the end of `text` from `at`; undefined for anything else. */
function zoneAt(text: string, at: number): number | undefined {
  const rest = text.length - at;
  const c = text[at];
  if (rest === 1 && (c === 'Z' || c === 'z')) return 0;
  if ((c !== '+' && c !== '-') || (rest !== 5 && rest !== 6) || (rest === 6 && text[at + 3] !== ':')) return undefined;
  const h = digits(text, at + 1, 2);
  const m = digits(text, at + rest - 2, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59) return undefined;
  return (c === '-' ? -1 : 1) * (h * 60 + m);
}

/**
 * An ISO-8601 time with a zone ("2024-12-01T15:43:29.013729Z", Airbyte's "2023-03-25 01:30:50+00:00") as
 * ms since epoch; undefined for anything else: a day that does not exist (Date.parse rolls it over), a
 * time before 1970 (Date.UTC reads years 0–99 as 19xx). Read character by character: a vendor's list
 * holds thousands of them.
 */
export function isoTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const v = value.trim();
  // YYYY-MM-DD[T ]HH:MM, then :SS and .fraction if there, then the zone.
  if (v.length < 17 || v[4] !== '-' || v[7] !== '-' || v[13] !== ':') return undefined;
  if (v[10] !== 'T' && v[10] !== 't' && v[10] !== ' ') return undefined;
  const y = digits(v, 0, 4);
  const mo = digits(v, 5, 2);
  const d = digits(v, 8, 2);
  const h = digits(v, 11, 2);
  const mi = digits(v, 14, 2);
  let at = 16;
  let s = 0;
  let ms = 0;
  if (v[at] === ':') {
    s = digits(v, at + 1, 2);
    at += 3;
    if (v[at] === '.') {
      let end = at + 1;
      while (end < v.length && end - at <= 9 && v.charCodeAt(end) >= 48 && v.charCodeAt(end) <= 57) end++;
      if (end === at + 1 || end - at > 10) return undefined;
      ms = digits(v.slice(at + 1, Math.min(end, at + 4)).padEnd(3, '0'), 0, 3);
      at = end;
    }
  }
  const zone = zoneAt(v, at);
  if (zone === undefined || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return undefined;
  const time = Date.UTC(y, mo - 1, d, h, mi, s) + ms - zone * 60_000;
  return Number.isSafeInteger(time) ? time : undefined;
}

/** "2024-12-01T15:43Z": a time in a detail, to the minute. */
export const minute = (at: number): string => `${new Date(at).toISOString().slice(0, 16)}Z`;

/** A whole number ≥ 0 from a query parameter of a next-page link ("…/v1/jobs?limit=5&offset=10" → 10). */
export function numberParam(link: unknown, name: string): number | undefined {
  if (typeof link !== 'string' || link.length > 2048) return undefined;
  const m = new RegExp(`[?&]${name}=(\\d{1,15})(?:[&#]|$)`).exec(link);
  return m ? Number(m[1]) : undefined;
}
