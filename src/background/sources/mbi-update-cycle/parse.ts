// Pure: MBI's Update Cycle Status answer, as received, parsed into the account's last data update.
import { isRecord } from '../../../core/keyed-record';
import { inertText } from '../../../core/inert-text';
import type { FeedResult, FactsData } from '../../../core/types';

// UTC offsets in hours of the abbreviations MBI may write; an unknown one is a format change.
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  WET: 0,
  BST: 1,
  CET: 1,
  CEST: 2,
  EET: 2,
  EEST: 3,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  AKST: -9,
  AKDT: -8,
  HST: -10,
  AEST: 10,
  AEDT: 11,
  IST: 5.5,
  JST: 9,
};

/** "2025-12-09 03:29:03" in zone "EST" → ms since epoch, or null. */
export function parseZonedTime(value: unknown, zone: string): number | null {
  if (typeof value !== 'string' || !Object.hasOwn(ZONES, zone)) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  // Years before 1970 are no MBI update (and Date.UTC would read 0050 as 1950).
  if (y < 1970 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(utc) || new Date(utc).getUTCDate() !== d) return null;
  return utc - (ZONES[zone] ?? 0) * 3_600_000;
}

const changed = (message: string): FeedResult<FactsData> => ({
  ok: false,
  error: { kind: 'format-changed', message },
});
/** A string from MBI, inert (no control or bidi-control character), trimmed and capped; anything else → ''. */
const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? inertText(value).trim().slice(0, max) : '';

export function parseUpdateCycle(body: unknown): FeedResult<FactsData> {
  if (!isRecord(body) || !('lastCompletedUpdateJob' in body))
    return changed('The update status has no "lastCompletedUpdateJob".');
  const job = body.lastCompletedUpdateJob;
  if (job === null) return { ok: true, data: { feed: 'update-cycle', lastJob: null } };
  const zone = text(body.timezoneAbbreviation, 40).toUpperCase();
  if (!isRecord(job) || !isRecord(job.status) || !isRecord(job.type))
    return changed('The last update job is not in the documented shape.');
  const endedAt = parseZonedTime(job.end, zone);
  const { id } = job;
  const statusId = job.status.id;
  const endText = typeof job.end === 'string' ? text(job.end, 40) : `(${typeof job.end})`;
  if (endedAt === null)
    return changed(`The update end time "${endText}" in zone "${zone.slice(0, 8)}" is not understood.`);
  if (typeof id !== 'number' || typeof statusId !== 'number')
    return changed('The update job id or status id is not a number.');
  return {
    ok: true,
    data: {
      feed: 'update-cycle',
      lastJob: {
        id,
        typeName: text(job.type.name, 80),
        statusId,
        statusName: text(job.status.name, 80) || `status ${statusId}`,
        endedAt,
        endedRaw: `${endText} ${zone}`,
      },
    },
  };
}
