// isoTime reads vendors' times character by character (a list holds thousands); it must read exactly what
// the plain regular-expression reading reads, and refuse what it refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/core/remote-text';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** The reading by regular expression and Date's own rules: the reference. */
function reference(value: unknown): number | undefined {
  const m = typeof value === 'string' && value.length <= 64 ? ISO.exec(value.trim()) : null;
  if (!m) return undefined;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const zone = m[8] ?? 'Z';
  const [zh, zm] = [+zone.slice(1, 3), +zone.slice(-2)];
  if (!/^z$/i.test(zone) && (zh > 23 || zm > 59)) return undefined;
  const offset = /^z$/i.test(zone) ? 0 : Number(`${zone.slice(0, 1)}1`) * (zh * 60 + zm);
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  const day = new Date(local);
  if (y < 1970 || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  const at = local + Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000) - offset * 60_000;
  return Number.isSafeInteger(at) ? at : undefined;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Times as vendors write them, and near misses of every part. */
const written = fc
  .record({
    y: fc.oneof(fc.integer({ min: 1960, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    s: fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
    frac: fc.option(fc.stringMatching(/^\d{0,11}$/), { nil: undefined }),
    sep: fc.constantFrom('T', ' ', 't', 'x'),
    zone: fc.constantFrom(
      'Z',
      'z',
      '+00:00',
      '-05:30',
      '+0100',
      '+01:0',
      '+1:00',
      'UTC',
      '',
      '+01:00:00',
      '+99:99',
      '-23:59',
      '+0060',
    ),
    space: fc.constantFrom('', ' ', '\n'),
  })
  .map(
    ({ y, mo, d, h, mi, s, frac, sep, zone, space }) =>
      `${space}${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}${
        s === undefined ? '' : `:${pad(s, 2)}${frac === undefined ? '' : `.${frac}`}`
      }${zone}${space}`,
  );

describe('isoTime', () => {
  it.each([
    ['2024-12-01T15:43:29.013729Z', Date.UTC(2024, 11, 1, 15, 43, 29, 13)],
    ['2023-03-25 01:30:50+00:00', Date.UTC(2023, 2, 25, 1, 30, 50)],
    ['2019-01-16T16:01:34Z', Date.UTC(2019, 0, 16, 16, 1, 34)],
    ['2024-02-29T00:00-0530', Date.UTC(2024, 1, 29, 5, 30)],
  ])('reads %s', (value, at) => {
    expect(isoTime(value)).toBe(at);
  });

  it.each([
    '2023-02-29T00:00Z',
    '2024-12-01T15:43:29+99:99',
    '1969-12-31T23:59:59Z',
    '2024-12-01T15:43:29.Z',
    '2024-12-01T24:00Z',
    '2024-12-01',
    42,
  ])('refuses %j', (value) => {
    expect(isoTime(value)).toBeUndefined();
  });

  it('reads every written time as the reference reading does, 10,000 runs', () => {
    fc.assert(
      fc.property(fc.oneof(written, fc.string(), fc.anything()), (value) => {
        expect(isoTime(value)).toBe(reference(value));
      }),
      { numRuns: 10_000 },
    );
  });
});
