import { describe, expect, it } from 'vitest';
import { parseFivetranConnections } from '../../src/background/sources/fivetran/parse';
import { OTHER_TASK, SETUP_STATE, SYNC_STATE, TASK_CODE } from '../../src/background/sources/fivetran/status';
import {
  parseAirbyteConnections,
  parseAirbyteJobs,
  parseAirbyteToken,
} from '../../src/background/sources/airbyte/parse';
import {
  applyLastJob,
  CONNECTION_STATUS,
  JOB_STATUS,
  latestFinishedJob,
  type AirbyteJob,
} from '../../src/background/sources/airbyte/status';
import {
  parseStitchCheck,
  parseStitchExtractions,
  parseStitchSources,
} from '../../src/background/sources/stitch/parse';
import { applyStitchJob, STEP_STATE, type StitchJob } from '../../src/background/sources/stitch/status';
import type { Integration } from '../../src/core/types';
import { fixture } from './fixtures';

type Obj = Record<string, unknown>;
const MINUTE = 60_000;
/** The check every stale rule is judged at: 2024-12-01 16:00 UTC, 17 minutes after the samples' sync. */
const NOW = Date.UTC(2024, 11, 1, 16, 0, 0);
const HOUR = 3_600_000;
const ago = (minutes: number) => new Date(NOW - minutes * MINUTE).toISOString();

function pageOf<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}
const kindOf = (result: { ok: boolean; error?: { kind: string } }) => (result.ok ? 'ok' : result.error?.kind);

describe('Fivetran connections', () => {
  /** A healthy connection of the sample's shape, `overrides` on top and `status` fields under status. */
  function connection(overrides: Obj = {}, status: Obj = {}): Obj {
    return {
      id: 'decent_tropical',
      service: 'google_sheets',
      schema: 'sheets.orders',
      paused: false,
      status: {
        setup_state: 'connected',
        sync_state: 'scheduled',
        update_state: 'on_schedule',
        tasks: [],
        warnings: [],
        ...status,
      },
      succeeded_at: ago(30),
      failed_at: null,
      sync_frequency: 360,
      schedule_type: 'auto',
      ...overrides,
    };
  }
  const one = (item: unknown, now = NOW): Integration => {
    const [integration] = pageOf(parseFivetranConnections({ data: { items: [item] } }, now)).page.integrations;
    if (!integration) throw new Error('expected one integration');
    return integration;
  };

  it('reads the Go SDK sample as one failing connection: a task and a warning are open', () => {
    expect(parseFivetranConnections(fixture('pipelines/fivetran-connections.json'), NOW)).toEqual({
      ok: true,
      page: {
        integrations: [
          {
            id: 'connection_id',
            name: 'gsheets.table',
            type: 'fivetran:string',
            provider: 'string',
            kind: 'unknown',
            state: 'failing',
            rawStatus:
              'setup_state=connected; sync_state=scheduled; update_state=delayed; tasks=resync_table_warning; warnings=resync_table_warning',
            detail: 'Resync Table Warning: string. Test Title: Error message',
            group: 'group_id',
          },
        ],
        next: 'cursor_value',
      },
    });
  });

  it('reads the broken connection with a "reconnect" task as needing re-authorization, on the last page', () => {
    expect(parseFivetranConnections(fixture('pipelines/fivetran-connection-broken.json'), NOW)).toEqual({
      ok: true,
      page: {
        integrations: [
          expect.objectContaining({
            id: 'connection_id',
            kind: 'oauth',
            state: 'needs-reauth',
            rawStatus:
              'setup_state=broken; sync_state=scheduled; update_state=delayed; tasks=reconnect; warnings=warning',
            detail: 'Reconnect. Warning. Test Title: Error message',
          }),
        ],
      },
    });
  });

  it.each([
    ...Object.entries(SETUP_STATE).map(([value, state]) => ({ field: 'setup_state', value, state })),
    ...Object.entries(SYNC_STATE).map(([value, state]) => ({ field: 'sync_state', value, state })),
    { field: 'setup_state', value: 'BROKEN', state: 'needs-reauth' },
    { field: 'setup_state', value: 'exploded', state: 'unknown' },
    { field: 'setup_state', value: null, state: 'unknown' },
    { field: 'sync_state', value: '__proto__', state: 'unknown' },
    { field: 'sync_state', value: 7, state: 'unknown' },
  ])('shows $field "$value" as $state', ({ field, value, state }) => {
    expect(one(connection({}, { [field]: value }))).toMatchObject({ state });
  });

  it.each([
    ...Object.entries(TASK_CODE).map(([code, state]) => ({ code, state })),
    { code: 'update_service_account', state: OTHER_TASK },
    { code: undefined, state: OTHER_TASK },
  ])('shows an open task "$code" as $state', ({ code, state }) => {
    expect(one(connection({}, { tasks: [{ code, message: 'Do it' }] }))).toMatchObject({ state, detail: 'Do it' });
  });

  it('reads a task list with a hole or a non-object as tasks without a code, not as a crash', () => {
    // eslint-disable-next-line no-sparse-arrays -- a hole, as a parsed value may hold one
    const tasks = [, 7, { code: 'reconnect', message: 'Reconnect' }];
    expect(one(connection({}, { tasks }))).toMatchObject({
      state: 'needs-reauth',
      kind: 'oauth',
      rawStatus: 'setup_state=connected; sync_state=scheduled; update_state=on_schedule; tasks=?,?,reconnect',
      detail: 'Reconnect',
    });
  });

  it.each([
    {
      what: 'a warning',
      overrides: {},
      status: { warnings: [{ code: 'w', message: 'Some columns skipped' }] },
      state: 'failing',
    },
    { what: 'paused: true', overrides: { paused: true }, status: {}, state: 'paused' },
    { what: 'paused and broken', overrides: { paused: true }, status: { setup_state: 'broken' }, state: 'paused' },
    {
      what: 'broken with another task',
      overrides: {},
      status: { setup_state: 'broken', tasks: [{ code: 'x' }] },
      state: 'needs-reauth',
    },
    { what: 'an empty status', overrides: { status: {} }, status: {}, state: 'unknown' },
  ])('shows a connection with $what as $state', ({ overrides, status, state }) => {
    expect(one(connection(overrides, status)).state).toBe(state);
  });

  it.each([
    { what: 'a success 30 min ago (every 6 h)', o: {}, state: 'ok', detail: undefined },
    { what: 'a success 11 h ago (every 6 h)', o: { succeeded_at: ago(660) }, state: 'ok', detail: undefined },
    {
      what: 'a success 13 h ago (every 6 h)',
      o: { succeeded_at: ago(780) },
      state: 'failing',
      detail: 'No sync has succeeded since 2024-12-01T03:00Z; the schedule is every 360 minutes.',
    },
    {
      what: 'a success 50 min ago (every 5 min: the hour floor)',
      o: { succeeded_at: ago(50), sync_frequency: 5 },
      state: 'ok',
      detail: undefined,
    },
    {
      what: 'a success 61 min ago (every 5 min)',
      o: { succeeded_at: ago(61), sync_frequency: 5 },
      state: 'failing',
      detail: 'No sync has succeeded since 2024-12-01T14:59Z; the schedule is every 5 minutes.',
    },
    {
      what: 'a manual schedule, 3 days since a success',
      o: { succeeded_at: ago(4320), schedule_type: 'manual' },
      state: 'ok',
      detail: undefined,
    },
    {
      what: 'a failure after the last success',
      o: { succeeded_at: ago(30), failed_at: ago(10) },
      state: 'failing',
      detail: 'The last sync failed (2024-12-01T15:50Z) after the last success (2024-12-01T15:30Z).',
    },
    {
      what: 'a failure at the time of the success (the sample)',
      o: { succeeded_at: ago(30), failed_at: ago(30) },
      state: 'ok',
      detail: undefined,
    },
    {
      what: 'a failure and never a success',
      o: { succeeded_at: null, failed_at: ago(10) },
      state: 'failing',
      detail: 'The last sync failed (2024-12-01T15:50Z); no sync has succeeded yet.',
    },
    { what: 'no sync yet', o: { succeeded_at: null }, state: 'ok', detail: undefined },
    {
      what: 'a stale sync while paused',
      o: { succeeded_at: ago(4320), paused: true },
      state: 'paused',
      detail: 'No sync has succeeded since 2024-11-28T16:00Z; the schedule is every 360 minutes.',
    },
    { what: 'a time that does not exist', o: { succeeded_at: '2024-02-30T00:00:00Z' }, state: 'ok', detail: undefined },
  ])('judges $what as $state', ({ o, state, detail }) => {
    const integration = one(connection(o));
    expect(integration.state).toBe(state);
    expect(integration.detail).toEqual(detail);
  });

  it.each([
    {
      service: 'google_sheets',
      schema: 'sheets.orders',
      name: 'sheets.orders',
      type: 'fivetran:google_sheets',
      provider: 'Google Sheets',
    },
    { service: 'gsheets', schema: 'x', name: 'x', type: 'fivetran:gsheets', provider: 'Google Sheets' },
    { service: 'klaviyo', schema: null, name: 'klaviyo', type: 'fivetran:klaviyo', provider: 'klaviyo' },
    { service: 'constructor', schema: 'c', name: 'c', type: 'fivetran:constructor', provider: 'constructor' },
    { service: null, schema: 'orphan', name: 'orphan', type: 'fivetran:unknown', provider: 'Fivetran' },
  ])(
    'names service $service with schema $schema "$name" from $provider',
    ({ service, schema, name, type, provider }) => {
      expect(one(connection({ service, schema }))).toMatchObject({ name, type, provider });
    },
  );

  it.each([
    { schema: '<img src=x onerror=alert(1)>', name: '<img src=x onerror=alert(1)>' },
    { schema: 'line\nbreak\u202Eevil', name: 'line breakevil' },
    { schema: `  ${'s'.repeat(300)}  `, name: 's'.repeat(200) },
  ])('keeps the schema $schema as inert text', ({ schema, name }) => {
    expect(one(connection({ schema })).name).toBe(name);
  });

  it.each([
    { cursor: 'cursor_value', next: 'cursor_value', anomaly: false },
    { cursor: undefined, next: undefined, anomaly: false },
    { cursor: null, next: undefined, anomaly: false },
    { cursor: '', next: undefined, anomaly: false },
    { cursor: 42, next: undefined, anomaly: true },
    { cursor: 'a\nb', next: undefined, anomaly: true },
    { cursor: 'c'.repeat(3000), next: undefined, anomaly: true },
  ])('follows next_cursor $cursor to $next', ({ cursor, next, anomaly }) => {
    const { page } = pageOf(parseFivetranConnections({ data: { items: [connection()], next_cursor: cursor } }, NOW));
    expect(page.next).toBe(next);
    expect(page.anomalies !== undefined).toBe(anomaly);
  });

  it('ends the list at an empty page, whatever cursor it carries', () => {
    expect(parseFivetranConnections({ data: { items: [], next_cursor: 'again' } }, NOW)).toEqual({
      ok: true,
      page: { integrations: [] },
    });
  });

  it('watches an element that cannot be read as unknown and says which, and a repeated id once', () => {
    const { page } = pageOf(
      parseFivetranConnections({ data: { items: [connection(), { id: 'x' }, connection(), 'junk'] } }, NOW),
    );
    expect(page.integrations.map((i) => [i.id, i.state, i.rawStatus])).toEqual([
      ['decent_tropical', 'ok', 'setup_state=connected; sync_state=scheduled; update_state=on_schedule'],
      ['x', 'unknown', '(unreadable)'],
      ['#4', 'unknown', '(unreadable)'],
    ]);
    expect(page.anomalies).toEqual([
      'Connection #2 could not be read; it counts as unknown.',
      'Two connections share the id "decent_tropical"; the first is watched.',
      'Connection #4 could not be read; it counts as unknown.',
    ]);
  });

  it.each([
    { what: 'null', body: null },
    { what: 'a list', body: [connection()] },
    { what: 'no data', body: { code: 'Success' } },
    { what: 'items that are not a list', body: { data: { items: {} } } },
    { what: 'only unreadable items', body: { data: { items: [{}, 'x'] } } },
  ])('reports "format-changed" for $what', ({ body }) => {
    expect(kindOf(parseFivetranConnections(body, NOW))).toBe('format-changed');
  });
});

describe('Airbyte connections and jobs', () => {
  function connection(overrides: Obj = {}): Obj {
    return {
      connectionId: '9924bcd0-99be-453d-ba47-c2c9766f7da5',
      name: 'Postgres → Snowflake',
      sourceId: 's1',
      destinationId: 'd1',
      workspaceId: 'w1',
      status: 'active',
      schedule: { scheduleType: 'basic', basicTiming: 'Every 24 hours' },
      configurations: {},
      createdAt: 1_700_000_000,
      tags: [],
      ...overrides,
    };
  }
  const listed = (...items: unknown[]) => pageOf(parseAirbyteConnections({ data: items })).page;
  const one = (item: Obj): Integration => listed(item).integrations[0]!;

  it.each([
    ...Object.entries(CONNECTION_STATUS)
      .filter(([, state]) => state !== 'deleted')
      .map(([status, state]) => ({ status, reason: undefined, state })),
    { status: 'inactive', reason: 'Disabled after 30 consecutive failed syncs over 7 days', state: 'failing' },
    { status: 'inactive', reason: 'OAuth credentials are no longer valid', state: 'needs-reauth' },
    { status: 'locked', reason: 'The source returned 401 Unauthorized', state: 'needs-reauth' },
    { status: 'ACTIVE', reason: undefined, state: 'ok' },
    { status: 'running', reason: undefined, state: 'unknown' },
    { status: undefined, reason: undefined, state: 'unknown' },
  ])('shows status $status (reason $reason) as $state', ({ status, reason, state }) => {
    const integration = one(connection({ status, statusReason: reason }));
    expect(integration).toMatchObject({
      type: 'airbyte',
      provider: 'Airbyte',
      state,
      rawStatus: `status=${status?.toLowerCase() ?? '(none)'}`,
    });
    expect(integration.detail).toBe(state === 'ok' ? undefined : reason);
  });

  it('no longer watches a deleted ("deprecated") connection', () => {
    expect(
      listed(connection({ status: 'deprecated' }), connection({ connectionId: 'c2' })).integrations.map((i) => i.id),
    ).toEqual(['c2']);
  });

  it.each([
    { next: 'https://api.airbyte.com/v1/connections?limit=5&offset=10', offset: 10, anomaly: false },
    { next: '/v1/connections?offset=0&limit=20', offset: 0, anomaly: false },
    { next: undefined, offset: undefined, anomaly: false },
    { next: 'https://api.airbyte.com/v1/connections?limit=5', offset: undefined, anomaly: true },
    { next: 'https://api.airbyte.com/v1/connections?offset=-5', offset: undefined, anomaly: true },
  ])('takes offset $offset from the next link $next', ({ next, offset, anomaly }) => {
    const { page } = pageOf(parseAirbyteConnections({ data: [connection()], next }));
    expect(page.next).toBe(offset);
    expect(page.anomalies !== undefined).toBe(anomaly);
  });

  it.each([
    { what: 'a list', body: [connection()] },
    { what: 'data that is not a list', body: { data: {} } },
    { what: 'only connections without an id', body: { data: [connection({ connectionId: undefined })] } },
  ])('reports "format-changed" for $what', ({ body }) => {
    expect(kindOf(parseAirbyteConnections(body))).toBe('format-changed');
  });

  it('reads the published JobsResponse, its "id" standing in for "jobId", and the offset of its next page', () => {
    expect(parseAirbyteJobs(fixture('pipelines/airbyte-jobs.json'))).toEqual({
      ok: true,
      page: {
        jobs: [
          {
            id: '18dccc91-0ab1-4f72-9ed7-0b8fc27c5826',
            status: 'running',
            jobType: 'sync',
            startedAt: Date.UTC(2023, 2, 25, 1, 30, 50),
          },
        ],
        next: 10,
      },
    });
  });

  it('skips a job without an id or a status and says so', () => {
    const { page } = pageOf(parseAirbyteJobs({ data: [{ jobId: 7, status: 'failed' }, { status: 'failed' }] }));
    expect(page).toEqual({
      jobs: [{ id: '7', status: 'failed' }],
      anomalies: ['Job #2 could not be read; it is not counted.'],
    });
  });

  const active = () => one(connection());
  it.each(
    [...Object.entries(JOB_STATUS), ['exploded', 'unknown'] as const].map(([status, verdict]) => ({
      status,
      state: verdict ?? 'ok',
    })),
  )('shows an active connection whose last job is $status as $state', ({ status, state }) => {
    const next = applyLastJob(active(), { id: '42', status, startedAt: Date.UTC(2024, 11, 1, 3) });
    expect(next).toMatchObject({ state, rawStatus: `status=active; last job=${status}` });
  });

  it('says which job failed, and how', () => {
    expect(applyLastJob(active(), { id: '42', status: 'incomplete', startedAt: Date.UTC(2024, 11, 1, 3) }).detail).toBe(
      'The last sync (job 42, started 2024-12-01T03:00Z) was incomplete: some streams did not load.',
    );
  });

  it('keeps a connection that needs re-authorization so whatever its last job says', () => {
    const inactive = one(connection({ status: 'inactive', statusReason: 'invalid_grant' }));
    expect(applyLastJob(inactive, { id: '1', status: 'failed' }).state).toBe('needs-reauth');
  });

  it('keeps a switched-off connection paused after a good sync, and counts it failing after a failed one', () => {
    const off = one(connection({ status: 'inactive' }));
    expect(applyLastJob(off, { id: '1', status: 'succeeded' }).state).toBe('paused');
    const failed = applyLastJob(off, { id: '1', status: 'failed' });
    expect(failed.state).toBe('failing');
    expect(failed.detail).toContain('Airbyte switches off a connection whose syncs keep failing');
  });

  it("ignores another connection's job", () => {
    const integration = active();
    expect(applyLastJob(integration, { id: '1', status: 'failed', connectionId: 'other' })).toBe(integration);
  });

  it('takes the latest job that ended as the last one, not one running, cancelled or clearing data', () => {
    const id = '9924bcd0-99be-453d-ba47-c2c9766f7da5';
    const jobs: AirbyteJob[] = [
      { id: '1', status: 'failed', startedAt: 1, connectionId: id },
      { id: '2', status: 'succeeded', startedAt: 3, connectionId: id },
      { id: '3', status: 'failed', startedAt: 9, connectionId: 'other' },
      { id: '4', status: 'running', startedAt: 10, connectionId: id },
      { id: '5', status: 'cancelled', startedAt: 11, connectionId: id },
      { id: '6', status: 'failed', startedAt: 12, jobType: 'reset', connectionId: id },
      // A job that names no connection is no connection's, however late.
      { id: '7', status: 'failed', startedAt: 13 },
      { id: '0', status: 'failed', startedAt: 2, connectionId: id },
    ];
    expect(latestFinishedJob(jobs, id)?.id).toBe('2');
    expect(latestFinishedJob([], id)).toBeUndefined();
  });

  it('takes the first of jobs that started alike (Airbyte lists the latest first), and one of unknown status', () => {
    const id = 'c1';
    const undated: AirbyteJob[] = [
      { id: 'new', status: 'failed', connectionId: id },
      { id: 'old', status: 'succeeded', connectionId: id },
    ];
    expect(latestFinishedJob(undated, id)?.id).toBe('new');
    const odd: AirbyteJob[] = [
      { id: 'odd', status: 'exploded', startedAt: 5, connectionId: id },
      { id: 'fine', status: 'succeeded', startedAt: 1, connectionId: id },
    ];
    expect(latestFinishedJob(odd, id)?.id).toBe('odd');
  });

  it.each([
    {
      status: 200,
      body: { access_token: 'eyJ.a.b', token_type: 'Bearer', expires_in: 180 },
      expected: { ok: true, token: 'eyJ.a.b', expiresAt: NOW + 150_000 },
    },
    {
      status: 200,
      body: { access_token: 'eyJ.a.b', expires_in: 86_400 },
      expected: { ok: true, token: 'eyJ.a.b', expiresAt: NOW + 86_370_000 },
    },
    {
      status: 200,
      body: { access_token: 'eyJ.a.b', expires_in: 10 },
      expected: { ok: true, token: 'eyJ.a.b', expiresAt: NOW + 5_000 },
    },
    {
      status: 200,
      body: { access_token: 'eyJ.a.b' },
      expected: { ok: true, token: 'eyJ.a.b', expiresAt: NOW + 150_000 },
    },
    {
      status: 401,
      body: { errorId: 'e1' },
      expected: { ok: false, error: { kind: 'key-rejected', httpStatus: 401 } },
    },
    { status: 403, body: undefined, expected: { ok: false, error: { kind: 'key-rejected' } } },
    { status: 429, body: undefined, expected: { ok: false, error: { kind: 'rate-limited' } } },
    { status: 502, body: undefined, expected: { ok: false, error: { kind: 'server-error' } } },
    {
      status: 404,
      body: undefined,
      expected: { ok: false, error: { kind: 'format-changed' } },
    },
    {
      status: 200,
      body: { token: 'x' },
      expected: { ok: false, error: { kind: 'format-changed' } },
    },
    {
      status: 200,
      body: { access_token: 'two words' },
      expected: { ok: false, error: { kind: 'format-changed' } },
    },
    {
      status: 200,
      body: { access_token: 'secret-t', token_type: 'mac' },
      expected: { ok: false, error: { kind: 'format-changed' } },
    },
    {
      status: 200,
      body: { access_token: 'secret-t', expires_in: 0 },
      expected: { ok: false, error: { kind: 'format-changed' } },
    },
  ])('answers a token request with HTTP $status and $body', ({ status, body, expected }) => {
    const result = parseAirbyteToken(status, body, NOW);
    expect(result).toMatchObject(expected);
    if (!result.ok) expect(result.error.message).not.toContain('secret-t');
  });

  it('reads a basic schedule in minutes, and none for cron or manual ones', () => {
    expect(one(connection()).scheduleMinutes).toBe(1440);
    expect(
      one(connection({ schedule: { scheduleType: 'basic', basicTiming: 'Every 15 MINUTES' } })).scheduleMinutes,
    ).toBe(15);
    expect(
      one(connection({ schedule: { scheduleType: 'cron', cronExpression: '0 0 * * * ?' } })).scheduleMinutes,
    ).toBeUndefined();
    expect(one(connection({ schedule: { scheduleType: 'manual' } })).scheduleMinutes).toBeUndefined();
    expect(
      one(connection({ schedule: { scheduleType: 'basic', basicTiming: 'Every 0 HOURS' } })).scheduleMinutes,
    ).toBeUndefined();
  });

  it('calls a daily connection stale when its last successful sync is more than two days old', () => {
    const daily = one(connection());
    const job = (hoursAgo: number): AirbyteJob => ({ id: '7', status: 'succeeded', startedAt: NOW - hoursAgo * HOUR });
    expect(applyLastJob(daily, job(47), NOW).state).toBe('ok');
    const stale = applyLastJob(daily, job(49), NOW);
    expect(stale.state).toBe('failing');
    expect(stale.detail).toMatch(/^No sync has succeeded since .+; the schedule is every 1440 minutes\.$/);
    // Without the time of the check, or without a schedule, nothing is judged.
    expect(applyLastJob(daily, job(49)).state).toBe('ok');
    expect(applyLastJob(one(connection({ schedule: { scheduleType: 'manual' } })), job(490), NOW).state).toBe('ok');
  });
});

describe('Stitch sources, connection checks and extractions', () => {
  const shopify = () => fixture('pipelines/stitch-source-shopify.json') as Obj;
  const healthy = (overrides: Obj = {}): Obj => ({ ...shopify(), system_paused_at: null, ...overrides });
  const one = (item: Obj): Integration => pageOf(parseStitchSources([item])).page.integrations[0]!;

  it("reads the docs' Shopify source, paused by Stitch itself, as failing", () => {
    expect(parseStitchSources([shopify()])).toEqual({
      ok: true,
      page: {
        integrations: [
          {
            id: '122635',
            name: 'Shopify',
            type: 'stitch:platform.shopify',
            provider: 'Shopify',
            kind: 'oauth',
            state: 'failing',
            rawStatus: 'step=fully_configured; system_paused_at=2019-01-23T00:00:00Z',
            detail: 'Stitch paused this source (2019-01-23T00:00:00Z).',
            group: '116078',
          },
        ],
      },
    });
  });

  it.each(Object.entries(STEP_STATE).map(([step, state]) => ({ step, state })))(
    'shows a source at step $step as $state, by name or by position',
    ({ step, state }) => {
      const card = shopify().report_card as Obj;
      const position = (card.steps as Obj[]).findIndex((s) => s.type === step) + 1;
      const byName = one(healthy({ report_card: { ...card, current_step: 99, current_step_type: step } }));
      expect(byName).toMatchObject({ state, rawStatus: `step=${step}` });
      if (position > 0) expect(one(healthy({ report_card: { ...card, current_step: position } })).state).toBe(state);
    },
  );

  it.each([
    { what: 'paused by the admin', overrides: { paused_at: '2019-01-22T18:04:48Z' }, state: 'paused' },
    {
      what: 'paused by both',
      overrides: { paused_at: '2019-01-22T18:04:48Z', system_paused_at: '2019-01-23T00:00:00Z' },
      state: 'paused',
    },
    { what: 'without a report card', overrides: { report_card: null }, state: 'unknown' },
    { what: 'at a step past the last', overrides: { report_card: { current_step: 9, steps: [] } }, state: 'unknown' },
  ])('shows a source $what as $state', ({ overrides, state }) => {
    expect(one(healthy(overrides)).state).toBe(state);
  });

  it('no longer watches a deleted source', () => {
    expect(parseStitchSources([healthy({ deleted_at: '2019-01-09T17:28:57Z' })])).toEqual({
      ok: true,
      page: { integrations: [] },
    });
  });

  it.each([
    { body: [healthy()], next: undefined, anomaly: false },
    { body: { data: [healthy()], page: 1, total: 37, links: {} }, next: undefined, anomaly: false },
    {
      body: {
        data: [healthy()],
        page: 2,
        total: 237,
        links: { next: '/v4/sources?page=3', previous: '/v4/sources?page=1' },
      },
      next: 3,
      anomaly: false,
    },
    {
      body: { data: [healthy()], page: 1, total: 237, links: { next: '/v4/sources' } },
      next: undefined,
      anomaly: true,
    },
  ])('pages the list $body to page $next', ({ body, next, anomaly }) => {
    const { page } = pageOf(parseStitchSources(body));
    expect(page.next).toBe(next);
    expect(page.anomalies !== undefined).toBe(anomaly);
  });

  it.each([
    { what: 'null', body: null },
    { what: 'an object without data', body: { sources: [] } },
    { what: 'only sources without a type', body: [healthy({ type: null })] },
  ])('reports "format-changed" for $what', ({ body }) => {
    expect(kindOf(parseStitchSources(body))).toBe('format-changed');
  });

  it('reads the failed connection check, which names a password, as a call to re-authorize', () => {
    const check = parseStitchCheck(fixture('pipelines/stitch-connection-check-failed.json'), '122635');
    expect(check).toEqual({
      ok: true,
      job: {
        mode: 'check',
        outcome: 'failed',
        sourceId: '122635',
        raw: 'check=failed; discovery_exit_status=1',
        error: 'FATAL: password authentication failed for user "<USERNAME>"',
      },
    });
    expect(applyStitchJob(one(healthy()), pageOf(check).job)).toMatchObject({
      state: 'needs-reauth',
      rawStatus: 'step=fully_configured; last check=failed; discovery_exit_status=1',
      detail: 'The last connection check failed: FATAL: password authentication failed for user "<USERNAME>"',
    });
  });

  it.each([
    { check: { status: 'succeeded', error: false, check_exit_status: 0 }, outcome: 'succeeded', state: 'ok' },
    { check: { status: 'running', error: false, check_exit_status: null }, outcome: 'running', state: 'ok' },
    {
      check: { status: 'failed', error: true, tap_exit_status: 1, tap_error_message: 'Connection timed out' },
      outcome: 'failed',
      state: 'failing',
    },
    { check: { status: 'succeeded', error: true }, outcome: 'failed', state: 'failing' },
    { check: { status: 'exploded' }, outcome: 'unknown', state: 'ok' },
  ])('reads the check $check as $outcome: the source is $state', ({ check, outcome, state }) => {
    const job = pageOf(parseStitchCheck(check)).job;
    expect(job.outcome).toBe(outcome);
    expect(applyStitchJob(one(healthy()), job).state).toBe(state);
  });

  it.each([{ body: null }, { body: [] }, { body: {} }, { body: { mode: 'check' } }])(
    'reports "format-changed" for the check $body',
    ({ body }) => {
      expect(kindOf(parseStitchCheck(body))).toBe('format-changed');
    },
  );

  const extraction = (overrides: Obj): Obj => ({
    job_name: '116078.122635.sync.43b3c535',
    source_id: 122635,
    start_time: '2020-06-19T14:43:03Z',
    completion_time: '2020-06-19T14:43:08Z',
    discovery_exit_status: 0,
    tap_exit_status: 0,
    target_exit_status: 0,
    tap_description: null,
    ...overrides,
  });

  it.each([
    { what: 'a clean run', row: {}, outcome: 'succeeded', state: 'ok' },
    {
      what: "a tap refused with 401 (the docs' Recurly row)",
      row: {
        tap_exit_status: 1,
        tap_description: 'Response returned http error code 401\n401 Client Error: Unauthorized',
      },
      outcome: 'failed',
      state: 'needs-reauth',
    },
    {
      what: 'a tap that crashed',
      row: { tap_exit_status: 1, tap_description: 'Timeout reading rows' },
      outcome: 'failed',
      state: 'failing',
    },
    {
      what: 'a load that failed',
      row: { target_exit_status: 2, target_description: 'Disk full' },
      outcome: 'failed',
      state: 'failing',
    },
    {
      what: 'a terminated run',
      row: {
        tap_exit_status: null,
        target_exit_status: null,
        discovery_exit_status: null,
        tap_description: 'Terminated',
      },
      outcome: 'unknown',
      state: 'ok',
    },
    {
      what: 'a run still going',
      row: { tap_exit_status: null, completion_time: null },
      outcome: 'running',
      state: 'ok',
    },
  ])('reads an extraction with $what as $outcome: the source is $state', ({ row, outcome, state }) => {
    const { page } = pageOf(parseStitchExtractions({ data: [extraction(row)], page: 1, total: 1, links: {} }));
    const job = page.jobs[0] as StitchJob;
    expect(job).toMatchObject({ mode: 'extraction', sourceId: '122635', outcome });
    expect(applyStitchJob(one(healthy()), job).state).toBe(state);
  });

  it("pages the extractions by links.next and ignores another source's extraction", () => {
    const body = {
      data: [extraction({ source_id: 1, tap_exit_status: 1 }), { job_name: 'x' }],
      page: 1,
      total: 102,
      links: { next: '/v4/116078/extractions?page=2' },
    };
    const { page } = pageOf(parseStitchExtractions(body));
    expect(page.next).toBe(2);
    expect(page.anomalies).toEqual(['Extraction #2 could not be read; it is not counted.']);
    const source = one(healthy());
    expect(applyStitchJob(source, page.jobs[0]!)).toBe(source);
  });

  it('calls a source stale when its last extraction succeeded longer ago than twice its frequency', () => {
    const hourly = { ...one(shopify()), state: 'ok' as const, scheduleMinutes: 60 };
    const extraction = (minutesAgo: number): StitchJob => ({
      mode: 'extraction',
      outcome: 'succeeded',
      sourceId: hourly.id,
      raw: 'extraction=succeeded',
      completedAt: NOW - minutesAgo * 60_000,
    });
    expect(applyStitchJob(hourly, extraction(119), NOW).state).toBe('ok');
    const stale = applyStitchJob(hourly, extraction(121), NOW);
    expect(stale.state).toBe('failing');
    expect(stale.detail).toMatch(/^No extraction has succeeded since .+; the schedule is every 60 minutes\.$/);
  });

  it('reads the frequency of a source, unless a cron expression sets its times', () => {
    const props = (extra: Obj) => ({ ...shopify(), properties: { frequency_in_minutes: '30', ...extra } });
    expect(one(props({})).scheduleMinutes).toBe(30);
    expect(one(props({ cron_expression: '0 0 * * *' })).scheduleMinutes).toBeUndefined();
    expect(one(props({ frequency_in_minutes: 'often' })).scheduleMinutes).toBeUndefined();
  });
});
