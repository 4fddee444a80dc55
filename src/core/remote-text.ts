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

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO-8601 time with a zone ("2024-12-01T15:43:29.013729Z", Airbyte's "2023-03-25 01:30:50+00:00") as
 * ms since epoch; undefined for anything else: a day that does not exist (Date.parse rolls it over), a
 * time before 1970 (Date.UTC reads years 0–99 as 19xx).
 */
export function isoTime(value: unknown): number | undefined {
  const m = typeof value === 'string' ? ISO.exec(value.trim()) : null;
  if (!m) return undefined;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const zone = m[8] ?? 'Z';
  const offset = /^z$/i.test(zone) ? 0 : Number(`${zone.slice(0, 1)}1`) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const day = new Date(local);
  if (y < 1970 || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  const at = local + Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000) - offset * 60_000;
  return Number.isSafeInteger(at) ? at : undefined;
}

/** "2024-12-01T15:43Z": a time in a detail, to the minute. */
export const minute = (at: number): string => `${new Date(at).toISOString().slice(0, 16)}Z`;

/** A whole number ≥ 0 from a query parameter of a next-page link ("…/v1/jobs?limit=5&offset=10" → 10). */
export function numberParam(link: unknown, name: string): number | undefined {
  if (typeof link !== 'string' || link.length > 2048) return undefined;
  const m = new RegExp(`[?&]${name}=(\\d{1,15})(?:[&#]|$)`).exec(link);
  return m ? Number(m[1]) : undefined;
}
