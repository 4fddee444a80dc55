import { describe, expect, it } from 'vitest';
import { parseUpdateCycle, parseZonedTime } from '../../src/background/sources/mbi-update-cycle';
import { fixture } from './fixtures';

describe('parseZonedTime', () => {
  it.each([
    { value: '2025-12-09 03:29:03', zone: 'EST', expected: '2025-12-09T08:29:03Z' },
    { value: '2025-07-01 12:00:00', zone: 'EDT', expected: '2025-07-01T16:00:00Z' },
    { value: '2025-07-01 12:00:00', zone: 'UTC', expected: '2025-07-01T12:00:00Z' },
    { value: '2025-07-01 12:00:00', zone: 'CEST', expected: '2025-07-01T10:00:00Z' },
    { value: '2025-07-01 12:00:00', zone: 'IST', expected: '2025-07-01T06:30:00Z' },
    { value: '2025-12-31 22:00:00', zone: 'EST', expected: '2026-01-01T03:00:00Z' },
    { value: '2025-07-01T12:00:00', zone: 'UTC', expected: '2025-07-01T12:00:00Z' },
    { value: '2018-04-10 10:03:09.0', zone: 'UTC', expected: '2018-04-10T10:03:09Z' },
    { value: ' 2024-02-29 00:00:00 ', zone: 'UTC', expected: '2024-02-29T00:00:00Z' },
  ])('reads "$value" $zone as $expected', ({ value, zone, expected }) => {
    expect(parseZonedTime(value, zone)).toBe(Date.parse(expected));
  });

  it.each([
    { value: '2025-02-30 00:00:00', zone: 'EST' },
    { value: '2023-02-29 00:00:00', zone: 'UTC' },
    { value: '2025-04-31 12:00:00', zone: 'UTC' },
    { value: '2025-12-09 24:00:00', zone: 'UTC' },
    { value: '2025-13-01 00:00:00', zone: 'UTC' },
    { value: '2025-00-10 00:00:00', zone: 'UTC' },
    { value: '2025-12-09 03:61:00', zone: 'UTC' },
    { value: '2025-12-09 03:29:99', zone: 'UTC' },
    { value: '2025-12-09', zone: 'UTC' },
    { value: '09/12/2025 03:29:03', zone: 'UTC' },
    { value: '2025-12-09 03:29:03 EST', zone: 'EST' },
    { value: '', zone: 'UTC' },
    { value: 1765268943000, zone: 'UTC' },
    { value: null, zone: 'UTC' },
    { value: '2025-12-09 03:29:03', zone: 'XYZ' },
    { value: '2025-12-09 03:29:03', zone: '' },
    { value: '2025-12-09 03:29:03', zone: 'constructor' },
  ])('refuses $value in zone "$zone"', ({ value, zone }) => {
    expect(parseZonedTime(value, zone)).toBeNull();
  });
});

describe('parseUpdateCycle', () => {
  it('reads the documented sample as a completed full update that ended 03:29:03 EST', () => {
    expect(parseUpdateCycle(fixture('update-cycle-sample.json'))).toEqual({
      ok: true,
      data: {
        feed: 'update-cycle',
        lastJob: {
          id: 13554,
          typeName: 'Full Update',
          statusId: 4,
          statusName: 'Completed Successfully',
          endedAt: Date.parse('2025-12-09T08:29:03Z'),
          endedRaw: '2025-12-09 03:29:03 EST',
        },
      },
    });
  });

  it('reads a null last job as an account that never completed an update', () => {
    const body = {
      clientId: 194,
      lastCompletedUpdateJob: null,
      lastCompletedUpdateJobWithDataSync: null,
      timezoneAbbreviation: 'EST',
    };
    expect(parseUpdateCycle(body)).toEqual({ ok: true, data: { feed: 'update-cycle', lastJob: null } });
  });

  it('accepts a lower-case zone abbreviation', () => {
    const body = { ...(fixture('update-cycle-sample.json') as object), timezoneAbbreviation: 'est' };
    const result = parseUpdateCycle(body);
    expect(result.ok && result.data.lastJob?.endedAt).toBe(Date.parse('2025-12-09T08:29:03Z'));
  });

  const job = {
    id: 13554,
    type: { id: 2, name: 'Full Update' },
    end: '2025-12-09 03:29:03',
    status: { id: 4, name: 'Completed Successfully' },
  };

  it.each([
    { what: 'a list', body: [] },
    { what: 'null', body: null },
    { what: 'an object without the job', body: { clientId: 194, timezoneAbbreviation: 'EST' } },
    { what: 'a job that is a string', body: { lastCompletedUpdateJob: 'done', timezoneAbbreviation: 'EST' } },
    {
      what: 'a job without a status',
      body: { lastCompletedUpdateJob: { ...job, status: undefined }, timezoneAbbreviation: 'EST' },
    },
    {
      what: 'a job without a type',
      body: { lastCompletedUpdateJob: { ...job, type: 'Full Update' }, timezoneAbbreviation: 'EST' },
    },
    {
      what: 'a job with a string id',
      body: { lastCompletedUpdateJob: { ...job, id: '13554' }, timezoneAbbreviation: 'EST' },
    },
    {
      what: 'a job with a string status id',
      body: { lastCompletedUpdateJob: { ...job, status: { id: '4' } }, timezoneAbbreviation: 'EST' },
    },
    {
      what: 'an impossible end date',
      body: { lastCompletedUpdateJob: { ...job, end: '2025-02-30 03:29:03' }, timezoneAbbreviation: 'EST' },
    },
    { what: 'an unknown zone', body: { lastCompletedUpdateJob: job, timezoneAbbreviation: 'Mars/Olympus' } },
    { what: 'no zone', body: { lastCompletedUpdateJob: job } },
  ])('reports "format-changed" for $what', ({ body }) => {
    const result = parseUpdateCycle(body);
    expect(result.ok ? 'ok' : result.error.kind).toBe('format-changed');
  });
});
