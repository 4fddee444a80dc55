// Seed data of the three pipeline APIs (Fivetran, Airbyte, Stitch), pure: the vendors' verbatim samples
// (../shared/DOMAIN-NEXT.md §3 and the sources it names), records built from them, and how a record is
// written in each API's JSON. Every seed function takes the current time and returns fresh objects; times
// are kept as ms since epoch and written in each vendor's own format when a record is rendered.

// ---------------------------------------------------------------------------------------------------------
// Verbatim samples.

/**
 * `GET /v1/connections`, from Fivetran's Go SDK test (`fivetran/go-fivetran`
 * `connections/connections_list_test.go` @ 2e23713) as kept in DOMAIN-NEXT §3.1: `config`,
 * `source_sync_details`, `service_version`, `created_at`, the networking/agent fields, `pause_after_trial`,
 * `data_delay_threshold` and `connect_card_config` left out there; the token shortened there.
 */
export const FIVETRAN_LIST_SAMPLE = {
  code: 'Success',
  message: 'Operation performed.',
  data: {
    items: [
      {
        id: 'connection_id',
        service: 'string',
        schema: 'gsheets.table',
        paused: false,
        status: {
          tasks: [{ code: 'resync_table_warning', message: 'Resync Table Warning', details: 'string' }],
          warnings: [{ code: 'resync_table_warning', message: 'Resync Table Warning', details: 'string' }],
          schema_status: 'ready',
          update_state: 'delayed',
          setup_state: 'connected',
          sync_state: 'scheduled',
          is_historical_sync: false,
          rescheduled_for: '2024-12-01T15:43:29.013729Z',
        },
        daily_sync_time: '14:00',
        succeeded_at: '2024-12-01T15:43:29.013729Z',
        sync_frequency: 360,
        group_id: 'group_id',
        connected_by: 'user_id',
        setup_tests: [{ title: 'Test Title', status: 'FAILED', message: 'Error message', details: 'Error details' }],
        failed_at: '2024-12-01T15:43:29.013729Z',
        connect_card: {
          token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9...',
          uri: 'https://fivetran.com/connect-card/setup?auth=eyJ0eXAiOiJKV1QiLCJh...',
        },
        data_delay_sensitivity: 'LOW',
        schedule_type: 'auto',
      },
    ],
    next_cursor: 'cursor_value',
  },
};

/** A broken connection's `status`, from Fivetran's Terraform provider test (`connection_test.go` @ 28920f7). */
export const FIVETRAN_BROKEN_STATUS_SAMPLE = {
  setup_state: 'broken',
  schema_status: 'ready',
  sync_state: 'scheduled',
  update_state: 'delayed',
  is_historical_sync: false,
  tasks: [{ code: 'reconnect', message: 'Reconnect' }],
  warnings: [{ code: 'warning', message: 'Warning' }],
};

/**
 * A Stitch source object: the "shopify" excerpt of `stitchdata/docs`
 * `_data/connect/code-examples/source-report-cards.yml` (DOMAIN-NEXT §3.2). The docs' `<STEP_NUMBER>`
 * placeholder is written 5 here (steps count from 1: the list-sources example has `current_step: 5` with
 * `current_step_type: "fully_configured"` as the fifth step); the shortened `properties` arrays are empty.
 */
export const STITCH_SOURCE_SAMPLE = {
  updated_at: '2019-01-23T13:08:52Z',
  name: 'shopify',
  type: 'platform.shopify',
  deleted_at: null,
  system_paused_at: '2019-01-23T00:00:00Z',
  stitch_client_id: 116078,
  paused_at: null,
  id: 122635,
  display_name: 'Shopify',
  created_at: '2019-01-10T19:38:18Z',
  report_card: {
    type: 'platform.shopify',
    current_step: 5,
    steps: [
      { type: 'form', properties: [] },
      { type: 'oauth', properties: [] },
      { type: 'discover_schema', properties: [] },
      { type: 'field_selection', properties: [] },
      { type: 'fully_configured', properties: [] },
    ],
  },
};

/** Stitch's failed connection check, verbatim (`_data/connect/code-examples/connection-checks.yml`, "failed"). */
export const STITCH_CHECK_FAILED_SAMPLE = {
  target_exit_status: null,
  tap_error_message: null,
  check_exit_status: null,
  name: '116078.120643.check.fefa6543-19a7-11e9-9068-12a37e8cec78',
  start_time: '2019-01-16T16:01:34Z',
  mode: 'check',
  tap_exit_status: null,
  target_error_message: null,
  discovery_exit_status: 1,
  status: 'failed',
  completion_time: '2019-01-16T16:01:36Z',
  error: true,
  discovery_error_message: 'FATAL:  password authentication failed for user "<USERNAME>"',
};

/** Stitch's successful connection check, verbatim (same file, "successful"). */
export const STITCH_CHECK_SUCCEEDED_SAMPLE = {
  target_exit_status: null,
  tap_error_message: null,
  check_exit_status: 0,
  name: '116078.122635.check.c5e705e2-1b62-11e9-b0e4-0e61abdd375a',
  start_time: '2019-01-18T20:51:05Z',
  mode: 'check',
  tap_exit_status: null,
  target_error_message: null,
  discovery_exit_status: 0,
  status: 'succeeded',
  completion_time: '2019-01-18T20:51:07Z',
  error: false,
  discovery_error_message: null,
};

/**
 * One extraction record of `GET /v4/{stitch_client_id}/extractions`, verbatim from the docs' example
 * (`_developer-files/connect/api/objects/extractions/list-all-extractions.md`, source 233312, tap-recurly).
 */
export const STITCH_EXTRACTION_SAMPLE = {
  target_exit_status: 0,
  job_name: '116078.233312.sync.e4d8eae5-b23e-11ea-94a1-02cbbd504f7d',
  start_time: '2020-06-19T15:09:38Z',
  stitch_client_id: 116078,
  tap_exit_status: 0,
  source_type: 'tap-recurly',
  target_description: null,
  discovery_exit_status: 0,
  discovery_description: null,
  tap_description: null,
  completion_time: '2020-06-19T15:09:43Z',
  source_id: 233312,
};

/** Airbyte's `JobsResponse` example, verbatim (api-evangelist mirror of Airbyte's OpenAPI, DOMAIN-NEXT §3.3). */
export const AIRBYTE_JOBS_SAMPLE = {
  next: 'https://api.airbyte.com/v1/jobs?limit=5&offset=10',
  previous: 'https://api.airbyte.com/v1/jobs?limit=5&offset=0',
  data: [
    {
      id: '18dccc91-0ab1-4f72-9ed7-0b8fc27c5826',
      status: 'running',
      jobType: 'sync',
      startTime: '2023-03-25 01:30:50+00:00',
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Time formats.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Fivetran: ISO-8601 with microseconds, as in the sample ("2024-12-01T15:43:29.013729Z"). */
export function fivetranTime(ms: number): string {
  const whole = Math.floor(ms);
  const micro = String((whole * 37) % 1000).padStart(3, '0');
  return new Date(whole).toISOString().replace('Z', `${micro}Z`);
}

/** Stitch: ISO-8601 to the second ("2019-01-23T13:08:52Z"). */
export function stitchTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * Airbyte's job times as its server writes them (`JobResponseMapper`: Java's `OffsetDateTime.toString()` in
 * UTC): "2023-03-25T01:30:50Z", and without the seconds when they are zero ("2023-03-25T01:30Z").
 */
export function airbyteTime(ms: number): string {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
  return `${iso.endsWith(':00') ? iso.slice(0, 16) : iso}Z`;
}

/** Java's `Duration.toString()`: "PT8H6M12S", "PT45S", "PT0S". */
export function javaDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (s === 0) return 'PT0S';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${rest ? `${rest}S` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Fivetran.

export interface FivetranTask {
  code: string;
  message: string;
  details?: string;
}

export interface FivetranSetupTest {
  title: string;
  status: string;
  message: string;
  details?: string;
}

export interface FivetranRecord {
  id: string;
  service: string;
  schema: string;
  groupId: string;
  connectedBy: string;
  paused: boolean;
  setupState: string;
  syncState: string;
  updateState: string;
  schemaStatus: string;
  tasks: FivetranTask[];
  warnings: FivetranTask[];
  succeededAt: number | null;
  failedAt: number | null;
  rescheduledFor: number | null;
  /** Minutes. */
  syncFrequency: number;
  dailySyncTime: string;
  setupTests: FivetranSetupTest[];
}

/** Group ids of the seed: Fivetran's own pagination example ("Production", "Staging"). */
export const FIVETRAN_GROUPS = { production: 'schoolmaster_heedless', staging: 'projected_sickle' } as const;

const PASSED: FivetranSetupTest[] = [
  { title: 'Connecting to the source', status: 'PASSED', message: '' },
  { title: 'Validating permissions', status: 'PASSED', message: '' },
];
const RECONNECT_TESTS: FivetranSetupTest[] = [
  { title: 'Connecting to the source', status: 'PASSED', message: '' },
  {
    title: 'Validating OAuth token',
    status: 'FAILED',
    message: 'The OAuth token has expired or was revoked. Reconnect the account.',
    details: 'invalid_grant: expired access/refresh token',
  },
];
const SAMPLE_WARNING = FIVETRAN_LIST_SAMPLE.data.items[0]!.status.warnings[0]!;

interface FivetranSpec {
  id: string;
  service: string;
  schema: string;
  group?: keyof typeof FIVETRAN_GROUPS;
  frequency: number;
  dailySyncTime?: string;
  /** Minutes since the last successful sync. */
  succeededMinutesAgo: number;
  kind?: 'ok' | 'reconnect' | 'failing' | 'paused' | 'warnings' | 'rescheduled';
}

/**
 * The seed: 12 connections. `warm_dissolve` (Salesforce) is broken and asks to reconnect; `chalky_cabinet`
 * (Stripe) failed after its last success; `quiet_harbor` (Zendesk) is paused; `hearing_hunting` (Google
 * Ads) has a warning; `sunny_rebate` (HubSpot) waits for API calls (`rescheduled`); the rest are healthy.
 */
const FIVETRAN_SPECS: readonly FivetranSpec[] = [
  { id: 'decent_dropsy', service: 'google_sheets', schema: 'gsheets.budget', frequency: 360, succeededMinutesAgo: 47 },
  {
    id: 'hearing_hunting',
    service: 'google_ads',
    schema: 'google_ads',
    frequency: 360,
    succeededMinutesAgo: 112,
    kind: 'warnings',
  },
  {
    id: 'warm_dissolve',
    service: 'salesforce',
    schema: 'salesforce',
    frequency: 60,
    succeededMinutesAgo: 3 * 24 * 60,
    kind: 'reconnect',
  },
  { id: 'rotary_inbound', service: 'shopify', schema: 'shopify', frequency: 180, succeededMinutesAgo: 21 },
  { id: 'pasture_mint', service: 'postgres', schema: 'postgres_public', frequency: 15, succeededMinutesAgo: 6 },
  {
    id: 'chalky_cabinet',
    service: 'stripe',
    schema: 'stripe',
    frequency: 60,
    succeededMinutesAgo: 26 * 60,
    kind: 'failing',
  },
  {
    id: 'sunny_rebate',
    service: 'hubspot',
    schema: 'hubspot',
    frequency: 360,
    succeededMinutesAgo: 95,
    kind: 'rescheduled',
  },
  {
    id: 'amber_trellis',
    service: 'facebook_ads',
    schema: 'facebook_ads',
    frequency: 1440,
    dailySyncTime: '03:00',
    succeededMinutesAgo: 9 * 60,
  },
  { id: 'gentle_ledger', service: 'mysql', schema: 'mysql_shop', frequency: 30, succeededMinutesAgo: 12 },
  {
    id: 'quiet_harbor',
    service: 'zendesk',
    schema: 'zendesk',
    group: 'staging',
    frequency: 360,
    succeededMinutesAgo: 11 * 24 * 60,
    kind: 'paused',
  },
  {
    id: 'brisk_orchard',
    service: 'google_analytics_4',
    schema: 'ga4',
    group: 'staging',
    frequency: 720,
    succeededMinutesAgo: 250,
  },
  {
    id: 'vivid_lantern',
    service: 'klaviyo',
    schema: 'klaviyo',
    group: 'staging',
    frequency: 360,
    succeededMinutesAgo: 64,
  },
];

export const FIVETRAN_SEED_SIZE = FIVETRAN_SPECS.length;

function fivetranRecord(spec: FivetranSpec, now: number): FivetranRecord {
  const kind = spec.kind ?? 'ok';
  const record: FivetranRecord = {
    id: spec.id,
    service: spec.service,
    schema: spec.schema,
    groupId: FIVETRAN_GROUPS[spec.group ?? 'production'],
    connectedBy: spec.group === 'staging' ? 'cherry_spoilt' : 'nominee_bushel',
    paused: false,
    setupState: 'connected',
    syncState: 'scheduled',
    updateState: 'on_schedule',
    schemaStatus: 'ready',
    tasks: [],
    warnings: [],
    succeededAt: now - spec.succeededMinutesAgo * MINUTE,
    failedAt: null,
    rescheduledFor: null,
    syncFrequency: spec.frequency,
    dailySyncTime: spec.dailySyncTime ?? '14:00',
    setupTests: structuredClone(PASSED),
  };
  setFivetranState(record, kind, now, true);
  return record;
}

export type PipelineConnectionState = 'ok' | 'broken' | 'reconnect' | 'paused';

/**
 * Changes a record in place. `ok`: running and synced now; `broken` (and the seed's `failing`): its last
 * sync failed after its last success; `reconnect`: `setup_state: broken` with the `reconnect` task;
 * `paused`: paused by a person. `seeding` keeps the seed's times where a control call writes "now".
 */
export function setFivetranState(
  r: FivetranRecord,
  state: PipelineConnectionState | NonNullable<FivetranSpec['kind']>,
  now: number,
  seeding = false,
): void {
  const base = (): void => {
    r.paused = false;
    r.setupState = 'connected';
    r.syncState = 'scheduled';
    r.updateState = 'on_schedule';
    r.tasks = [];
    r.warnings = [];
    r.rescheduledFor = null;
    r.setupTests = structuredClone(PASSED);
  };
  switch (state) {
    case 'ok':
      base();
      if (!seeding) r.succeededAt = now;
      if (r.failedAt !== null && r.succeededAt !== null && r.failedAt > r.succeededAt)
        r.failedAt = r.succeededAt - HOUR;
      return;
    case 'warnings':
      base();
      r.warnings = [{ ...SAMPLE_WARNING }];
      return;
    case 'rescheduled':
      base();
      r.syncState = 'rescheduled';
      r.rescheduledFor = now + 40 * MINUTE;
      return;
    case 'broken':
    case 'failing':
      base();
      r.updateState = 'delayed';
      r.failedAt = seeding ? now - 25 * MINUTE : now;
      if (r.succeededAt === null || r.succeededAt >= r.failedAt) r.succeededAt = r.failedAt - r.syncFrequency * MINUTE;
      return;
    case 'reconnect':
      base();
      r.setupState = FIVETRAN_BROKEN_STATUS_SAMPLE.setup_state;
      r.updateState = FIVETRAN_BROKEN_STATUS_SAMPLE.update_state;
      r.tasks = structuredClone(FIVETRAN_BROKEN_STATUS_SAMPLE.tasks);
      r.setupTests = structuredClone(RECONNECT_TESTS);
      r.failedAt = seeding ? now - 2 * HOUR : now;
      if (r.succeededAt === null || r.succeededAt >= r.failedAt) r.succeededAt = r.failedAt - r.syncFrequency * MINUTE;
      return;
    case 'paused':
      base();
      r.paused = true;
      r.syncState = 'paused';
      return;
  }
}

/**
 * The seed's 12 connections, or `count` connections: the seed first, then copies of it in turn (ids
 * `<seed id>_<n>`, schemas `<schema>_<n>`), so problems keep the seed's proportions (4 in 12 need attention).
 */
export function seedFivetran(now: number, count: number = FIVETRAN_SEED_SIZE): FivetranRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const spec = FIVETRAN_SPECS[i % FIVETRAN_SPECS.length]!;
    const round = Math.floor(i / FIVETRAN_SPECS.length);
    return fivetranRecord(
      round === 0 ? spec : { ...spec, id: `${spec.id}_${round}`, schema: `${spec.schema}_${round}` },
      now,
    );
  });
}

// The sample's list item without its connect card: that is the answer of POST …/connect-card, not part of a
// listed connection.
const FIVETRAN_ITEM = (({ connect_card: _card, ...item }) => item)(FIVETRAN_LIST_SAMPLE.data.items[0]!);

/** A list item as `GET /v1/connections` writes it: the sample's fields and order, this record's values. */
export function fivetranItem(r: FivetranRecord): Record<string, unknown> {
  const sample = FIVETRAN_ITEM;
  const status: Record<string, unknown> = {
    ...sample.status,
    tasks: structuredClone(r.tasks),
    warnings: structuredClone(r.warnings),
    schema_status: r.schemaStatus,
    update_state: r.updateState,
    setup_state: r.setupState,
    sync_state: r.syncState,
    is_historical_sync: false,
  };
  if (r.rescheduledFor === null) delete status.rescheduled_for;
  else status.rescheduled_for = fivetranTime(r.rescheduledFor);
  return {
    ...sample,
    id: r.id,
    service: r.service,
    schema: r.schema,
    paused: r.paused,
    status,
    daily_sync_time: r.dailySyncTime,
    succeeded_at: r.succeededAt === null ? null : fivetranTime(r.succeededAt),
    sync_frequency: r.syncFrequency,
    group_id: r.groupId,
    connected_by: r.connectedBy,
    setup_tests: structuredClone(r.setupTests),
    failed_at: r.failedAt === null ? null : fivetranTime(r.failedAt),
  };
}

/** The simulator's own reading of a record, for the control page and GET /__sim/pipelines. */
export function fivetranLabel(r: FivetranRecord): string {
  if (r.paused) return 'paused';
  if (r.setupState === 'broken' || r.tasks.some((t) => t.code === 'reconnect')) return 'reconnect';
  if (r.failedAt !== null && (r.succeededAt === null || r.failedAt > r.succeededAt)) return 'broken';
  if (r.warnings.length > 0) return 'warnings';
  return 'ok';
}

export function shiftFivetran(r: FivetranRecord, ms: number): void {
  if (r.succeededAt !== null) r.succeededAt -= ms;
  if (r.failedAt !== null) r.failedAt -= ms;
  if (r.rescheduledFor !== null) r.rescheduledFor -= ms;
}

// ---------------------------------------------------------------------------------------------------------
// Airbyte.

export type AirbyteJobStatus = 'pending' | 'running' | 'incomplete' | 'failed' | 'succeeded' | 'cancelled';

export interface AirbyteJob {
  jobId: number;
  connectionId: string;
  status: AirbyteJobStatus;
  jobType: string;
  startTime: number;
  /** When it last changed (its end, for a finished job). */
  updatedAt: number;
  bytesSynced?: number;
  rowsSynced?: number;
}

export interface AirbyteConnection {
  connectionId: string;
  name: string;
  sourceId: string;
  destinationId: string;
  workspaceId: string;
  status: 'active' | 'inactive' | 'deprecated' | 'locked';
  statusReason?: string;
  schedule: { scheduleType: 'basic' | 'cron' | 'manual'; basicTiming?: string; cronExpression?: string };
  streams: string[];
  createdAt: number;
  /** Minutes between two syncs, for the jobs of the seed. */
  everyMinutes: number;
}

export const AIRBYTE_WORKSPACE_ID = '3f7c1a92-5b1e-4c0d-9a66-2f1e0b7d4c11';
const SNOWFLAKE = 'b1d6e0f4-2c7a-4e38-9f51-7a0c3e9d2b64';
const BIGQUERY = 'c8a3f5e2-9d14-4b6f-8e07-1f2b4c6d8a90';

/** Says what Airbyte's `statusReason` would say of revoked credentials; its wording is not published. */
export const AIRBYTE_AUTH_REASON =
  'Source authentication failed: the OAuth refresh token was revoked. Re-authenticate the source to resume syncing.';

interface AirbyteSpec {
  id: string;
  name: string;
  sourceId: string;
  destinationId: string;
  everyMinutes: number;
  streams: string[];
  kind: 'ok' | 'failed' | 'incomplete' | 'reconnect' | 'paused' | 'running';
}

/**
 * The seed: 8 connections in one workspace. Stripe's last job failed, HubSpot's was `incomplete`,
 * Salesforce is `inactive` with a `statusReason` (revoked credentials), Google Sheets is `inactive` without
 * one (paused by a person), Shopify has a job running after a success; the rest synced.
 */
const AIRBYTE_SPECS: readonly AirbyteSpec[] = [
  {
    id: '5e2a7c3d-1b94-4f0e-a6d8-0c7b3e5f9a12',
    name: 'Postgres → Snowflake',
    sourceId: 'e4b9c1d7-3a62-4f85-b0e9-6d2c8a1f4b37',
    destinationId: SNOWFLAKE,
    everyMinutes: 60,
    streams: ['orders', 'customers', 'order_items'],
    kind: 'ok',
  },
  {
    id: '8b1f4e6a-7c23-4d59-9e0a-3f6b2d8c1e45',
    name: 'Stripe → Snowflake',
    sourceId: 'a7d3e9b2-6f14-4c08-8b5e-2e9f7c3a6d01',
    destinationId: SNOWFLAKE,
    everyMinutes: 120,
    streams: ['charges', 'invoices', 'subscriptions'],
    kind: 'failed',
  },
  {
    id: '2c9d7a1e-4f36-4b8a-b2e5-9a1c6f3d7e58',
    name: 'HubSpot → BigQuery',
    sourceId: 'f2c8a6e1-9b35-4d7f-a4c0-8e3b1d5f7a26',
    destinationId: BIGQUERY,
    everyMinutes: 360,
    streams: ['contacts', 'deals', 'companies'],
    kind: 'incomplete',
  },
  {
    id: '6a4e2b8d-3c71-4e9f-8d06-5b2a9c4e1f73',
    name: 'Salesforce → Snowflake',
    sourceId: 'b9e1d4a7-2c58-4f36-9a0b-7d4e2c8f5a19',
    destinationId: SNOWFLAKE,
    everyMinutes: 60,
    streams: ['Account', 'Opportunity', 'Lead'],
    kind: 'reconnect',
  },
  {
    id: '9d3b6f1a-8e25-4c7b-a1f9-2c5e8b3d6a04',
    name: 'Google Sheets → BigQuery',
    sourceId: 'c3a7f9e5-1d42-4b6e-8f0a-4b9d2e7c1a58',
    destinationId: BIGQUERY,
    everyMinutes: 1440,
    streams: ['Budget'],
    kind: 'paused',
  },
  {
    id: '1e7c5a9f-2d48-4a3b-9c6e-8f1d4b7a2e93',
    name: 'Shopify → Snowflake',
    sourceId: 'd8f2b6c4-5e19-4a7d-b3e8-1a6c9f4d2b70',
    destinationId: SNOWFLAKE,
    everyMinutes: 180,
    streams: ['orders', 'products', 'customers'],
    kind: 'running',
  },
  {
    id: '4f8a2d6c-9b13-4e5a-8c7f-6d3e1a9b5c27',
    name: 'MySQL → BigQuery',
    sourceId: 'e6c1a8f3-7d29-4b4e-9a5c-3f8b2d6e1c94',
    destinationId: BIGQUERY,
    everyMinutes: 30,
    streams: ['products', 'inventory'],
    kind: 'ok',
  },
  {
    id: '7b5d9e3f-6a21-4c8d-b4f7-9e2c5a8d3b16',
    name: 'Facebook Marketing → Snowflake',
    sourceId: 'a1f5d9c3-8e46-4b2a-9d7c-5c1e8a4f6b32',
    destinationId: SNOWFLAKE,
    everyMinutes: 1440,
    streams: ['ads_insights', 'campaigns'],
    kind: 'ok',
  },
];

export const AIRBYTE_SEED_SIZE = AIRBYTE_SPECS.length;
const JOBS_PER_CONNECTION = 3;
const AIRBYTE_FIRST_JOB_ID = 48_200;

function airbyteSchedule(everyMinutes: number): AirbyteConnection['schedule'] {
  // Airbyte writes a basic schedule as "Every <units> <TIME_UNIT>" (ConnectionReadMapper).
  return everyMinutes % 60 === 0
    ? { scheduleType: 'basic', basicTiming: `Every ${everyMinutes / 60} HOURS` }
    : { scheduleType: 'basic', basicTiming: `Every ${everyMinutes} MINUTES` };
}

/** A finished job of `connectionId`, ending at `end` (its id is given once every job is made). */
function airbyteJob(connectionId: string, status: AirbyteJobStatus, end: number, seconds: number): AirbyteJob {
  return { jobId: 0, connectionId, status, jobType: 'sync', startTime: end - seconds * 1000, updatedAt: end };
}

/**
 * The seed's 8 connections and their last 3 jobs each, or `count` connections (the seed, then copies with
 * ids ending in a counter). Job ids rise with time across the workspace.
 */
export function seedAirbyte(
  now: number,
  count: number = AIRBYTE_SEED_SIZE,
): { connections: AirbyteConnection[]; jobs: AirbyteJob[] } {
  const connections: AirbyteConnection[] = [];
  const jobs: AirbyteJob[] = [];
  for (let i = 0; i < count; i++) {
    const spec = AIRBYTE_SPECS[i % AIRBYTE_SPECS.length]!;
    const round = Math.floor(i / AIRBYTE_SPECS.length);
    const id = round === 0 ? spec.id : `${spec.id.slice(0, 24)}${String(round).padStart(12, '0')}`;
    const connection: AirbyteConnection = {
      connectionId: id,
      name: round === 0 ? spec.name : `${spec.name} (${round})`,
      sourceId: spec.sourceId,
      destinationId: spec.destinationId,
      workspaceId: AIRBYTE_WORKSPACE_ID,
      status: spec.kind === 'reconnect' || spec.kind === 'paused' ? 'inactive' : 'active',
      schedule: airbyteSchedule(spec.everyMinutes),
      streams: [...spec.streams],
      createdAt: now - (200 + i) * DAY,
      everyMinutes: spec.everyMinutes,
    };
    if (spec.kind === 'reconnect') connection.statusReason = AIRBYTE_AUTH_REASON;
    connections.push(connection);
    const every = spec.everyMinutes * MINUTE;
    // Finished jobs, oldest first: the last one carries the connection's story.
    const last: AirbyteJobStatus =
      spec.kind === 'failed' || spec.kind === 'reconnect'
        ? 'failed'
        : spec.kind === 'incomplete'
          ? 'incomplete'
          : 'succeeded';
    const lastEnd =
      now - (spec.kind === 'paused' ? 5 * DAY : spec.kind === 'reconnect' ? 2 * DAY : every / 3) - i * 1000;
    for (let k = JOBS_PER_CONNECTION - 1; k >= 0; k--) {
      const status = k === 0 ? last : spec.kind === 'reconnect' ? 'failed' : 'succeeded';
      const end = lastEnd - k * every;
      // One whole-minute start per connection (Airbyte then writes no seconds, see airbyteTime).
      const seconds = k === 1 ? 120 + ((end / 1000) % 60) : 95 + (i % AIRBYTE_SPECS.length) * 7;
      jobs.push(airbyteJob(id, status, end, seconds));
    }
    if (spec.kind === 'running')
      jobs.push({
        jobId: 0,
        connectionId: id,
        status: 'running',
        jobType: 'sync',
        startTime: now - 4 * MINUTE,
        updatedAt: now - MINUTE,
      });
  }
  jobs.sort((a, b) => a.startTime - b.startTime);
  jobs.forEach((job, n) => {
    job.jobId = AIRBYTE_FIRST_JOB_ID + n;
    if (job.status === 'succeeded' || job.status === 'incomplete') {
      job.rowsSynced = 1200 + (job.jobId % 97) * 311;
      job.bytesSynced = job.rowsSynced * 412;
    }
  });
  return { connections, jobs };
}

/** A connection as Airbyte's public API writes it (ConnectionResponse). */
export function airbyteConnectionJson(c: AirbyteConnection): Record<string, unknown> {
  const json: Record<string, unknown> = {
    connectionId: c.connectionId,
    name: c.name,
    sourceId: c.sourceId,
    destinationId: c.destinationId,
    workspaceId: c.workspaceId,
    status: c.status,
    schedule: { ...c.schedule },
    dataResidency: 'auto',
    nonBreakingSchemaUpdatesBehavior: 'ignore',
    namespaceDefinition: 'destination',
    namespaceFormat: null,
    prefix: '',
    configurations: {
      streams: c.streams.map((name) => ({
        name,
        syncMode: 'incremental_deduped_history',
        cursorField: ['updated_at'],
        primaryKey: [['id']],
      })),
    },
    createdAt: Math.floor(c.createdAt / 1000),
    tags: [],
  };
  if (c.statusReason !== undefined) json.statusReason = c.statusReason;
  return json;
}

const TERMINAL: ReadonlySet<AirbyteJobStatus> = new Set(['failed', 'cancelled', 'succeeded']);

/**
 * A job as Airbyte's server writes it (JobResponseMapper): `jobId` (the schema's int64; the OpenAPI
 * example's `id` is not what the server sends), `lastUpdatedAt` only for failed, cancelled and succeeded
 * jobs (not `incomplete`), `duration` for every job but a pending one; absent fields are left out.
 */
export function airbyteJobJson(job: AirbyteJob): Record<string, unknown> {
  const json: Record<string, unknown> = {
    jobId: job.jobId,
    status: job.status,
    jobType: job.jobType,
    startTime: airbyteTime(job.startTime),
    connectionId: job.connectionId,
  };
  if (TERMINAL.has(job.status)) json.lastUpdatedAt = airbyteTime(job.updatedAt);
  if (job.status !== 'pending') json.duration = javaDuration((job.updatedAt - job.startTime) / 1000);
  if (job.bytesSynced !== undefined) json.bytesSynced = job.bytesSynced;
  if (job.rowsSynced !== undefined) json.rowsSynced = job.rowsSynced;
  return json;
}

/** The simulator's own reading of a connection and its latest job. */
export function airbyteLabel(c: AirbyteConnection, latest: AirbyteJob | undefined): string {
  if (c.status !== 'active') return c.statusReason ? `${c.status}: ${c.statusReason}` : c.status;
  return latest ? `last job ${latest.status}` : 'no job';
}

// ---------------------------------------------------------------------------------------------------------
// Stitch.

export const STITCH_CLIENT_ID = STITCH_SOURCE_SAMPLE.stitch_client_id;

export interface StitchCheck {
  status: 'succeeded' | 'failed' | 'running';
  name: string;
  start: number;
  completion: number | null;
}

export interface StitchExtraction {
  jobName: string;
  start: number;
  completion: number;
  tapExitStatus: number | null;
  tapDescription: string | null;
}

export interface StitchSource {
  id: number;
  name: string;
  type: string;
  displayName: string;
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  pausedAt: number | null;
  systemPausedAt: number | null;
  steps: string[];
  /** 1-based, as Stitch counts. */
  currentStep: number;
  check: StitchCheck;
  extraction: StitchExtraction | null;
}

const SAAS_STEPS = ['form', 'oauth', 'discover_schema', 'field_selection', 'fully_configured'];
const DB_STEPS = ['form', 'discover_schema', 'field_selection', 'fully_configured'];

/** The tap's error of the docs' shopify extraction example, shortened to its first part. */
const SHOPIFY_TAP_ERROR =
  'Response(code=401, body="b\'{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}\'")';
const HUBSPOT_TAP_ERROR =
  'Response returned http error code 502\n502 Server Error: Bad Gateway for url: https://api.hubapi.com/crm/v3/objects/deals';

interface StitchSpec {
  id: number;
  name: string;
  type: string;
  displayName: string;
  db?: boolean;
  checkUuid: string;
  kind: 'ok' | 'system-paused' | 'paused' | 'deleted' | 'oauth' | 'check-failed' | 'tap-failed';
}

/**
 * The seed: 7 sources of client 116078. Shopify (the sample, id 122635) paused by the system after its
 * tap's 401; Xero (120407) paused by a person; AdWords (119945) deleted; PostgreSQL (120643, the failed
 * check's source) with its last connection check failed; Salesforce with the `oauth` step current; HubSpot
 * whose last extraction failed (tap exit 1); MySQL (123903) healthy.
 */
const STITCH_SPECS: readonly StitchSpec[] = [
  {
    id: 119945,
    name: 'adwords',
    type: 'platform.adwords',
    displayName: 'AdWords2',
    checkUuid: '0a8f5c2e-1b64-11e9-9068-12a37e8cec78',
    kind: 'deleted',
  },
  {
    id: 120407,
    name: 'xero',
    type: 'platform.xero',
    displayName: 'Xero',
    checkUuid: '5d2e8b41-1c33-11e9-b0e4-0e61abdd375a',
    kind: 'paused',
  },
  {
    id: 120643,
    name: 'postgres',
    type: 'platform.postgres',
    displayName: 'PostgreSQL',
    db: true,
    checkUuid: 'fefa6543-19a7-11e9-9068-12a37e8cec78',
    kind: 'check-failed',
  },
  {
    id: 122635,
    name: 'shopify',
    type: 'platform.shopify',
    displayName: 'Shopify',
    checkUuid: 'c5e705e2-1b62-11e9-b0e4-0e61abdd375a',
    kind: 'system-paused',
  },
  {
    id: 123903,
    name: 'mysql',
    type: 'platform.mysql',
    displayName: 'MySQL',
    db: true,
    checkUuid: 'cc8e9583-2026-11e9-b0e4-0e61abdd375a',
    kind: 'ok',
  },
  {
    id: 124110,
    name: 'salesforce',
    type: 'platform.salesforce',
    displayName: 'Salesforce',
    checkUuid: '7e3a9d15-2a41-11e9-9068-12a37e8cec78',
    kind: 'oauth',
  },
  {
    id: 124398,
    name: 'hubspot',
    type: 'platform.hubspot',
    displayName: 'HubSpot',
    checkUuid: '9b1c4f72-2b08-11e9-b0e4-0e61abdd375a',
    kind: 'tap-failed',
  },
];

export const STITCH_SEED_SIZE = STITCH_SPECS.length;

function stitchSource(spec: StitchSpec, i: number, now: number): StitchSource {
  const steps = spec.db ? DB_STEPS : SAAS_STEPS;
  const checkEnd = now - (3 + i) * DAY;
  const source: StitchSource = {
    id: spec.id,
    name: spec.name,
    type: spec.type,
    displayName: spec.displayName,
    properties: spec.db
      ? { frequency_in_minutes: '60', host: '<HOST>', image_version: '1.latest', port: '5432', user: '<USER>' }
      : {
          anchor_time: stitchTime(now - 300 * DAY),
          cron_expression: null,
          frequency_in_minutes: '60',
          image_version: '1.latest',
          product: 'pipeline',
          start_date: '2018-01-01T00:00:00Z',
        },
    createdAt: now - (400 - i) * DAY,
    updatedAt: now - (2 + i) * DAY,
    deletedAt: null,
    pausedAt: null,
    systemPausedAt: null,
    steps: [...steps],
    currentStep: steps.length,
    check: {
      status: 'succeeded',
      name: `${STITCH_CLIENT_ID}.${spec.id}.check.${spec.checkUuid}`,
      start: checkEnd - 2000,
      completion: checkEnd,
    },
    extraction: {
      jobName: `${STITCH_CLIENT_ID}.${spec.id}.sync.${spec.checkUuid.replace(/^.{8}/, (h) => h.split('').reverse().join(''))}`,
      start: now - (70 + i * 3) * MINUTE,
      completion: now - (66 + i * 3) * MINUTE,
      tapExitStatus: 0,
      tapDescription: null,
    },
  };
  switch (spec.kind) {
    case 'deleted':
      source.deletedAt = now - 40 * DAY;
      source.extraction = null;
      break;
    case 'paused':
      source.pausedAt = now - 9 * DAY;
      break;
    case 'system-paused':
      source.systemPausedAt = now - 6 * HOUR;
      source.extraction = { ...source.extraction!, tapExitStatus: 1, tapDescription: SHOPIFY_TAP_ERROR };
      break;
    case 'check-failed':
      source.check = {
        ...source.check,
        status: 'failed',
        start: now - 30 * MINUTE - 2000,
        completion: now - 30 * MINUTE,
      };
      break;
    case 'oauth':
      setStitchOauthStep(source);
      break;
    case 'tap-failed':
      source.extraction = { ...source.extraction!, tapExitStatus: 1, tapDescription: HUBSPOT_TAP_ERROR };
      break;
    case 'ok':
      break;
  }
  return source;
}

/** The `oauth` step becomes current again (a source without one fails its connection check instead). */
function setStitchOauthStep(source: StitchSource): boolean {
  const oauth = source.steps.indexOf('oauth');
  if (oauth < 0) return false;
  source.currentStep = oauth + 1;
  return true;
}

/** The seed's 7 sources, or `count` (the seed, then copies with ids from 200000 and names `<name>_<n>`). */
export function seedStitch(now: number, count: number = STITCH_SEED_SIZE): StitchSource[] {
  return Array.from({ length: count }, (_, i) => {
    const spec = STITCH_SPECS[i % STITCH_SPECS.length]!;
    const round = Math.floor(i / STITCH_SPECS.length);
    return stitchSource(round === 0 ? spec : { ...spec, id: 200_000 + i, name: `${spec.name}_${round}` }, i, now);
  });
}

/** Changes a source in place (see setFivetranState for the meaning of the states). */
export function setStitchState(s: StitchSource, state: PipelineConnectionState, now: number): void {
  s.updatedAt = now;
  s.pausedAt = null;
  s.systemPausedAt = null;
  s.currentStep = s.steps.length;
  const succeeded = (): void => {
    s.check = { ...s.check, status: 'succeeded', start: now - 2000, completion: now };
  };
  const extraction = (tapExitStatus: number, tapDescription: string | null): void => {
    s.extraction = {
      jobName: s.extraction?.jobName ?? `${STITCH_CLIENT_ID}.${s.id}.sync.sim`,
      start: now - 4 * MINUTE,
      completion: now,
      tapExitStatus,
      tapDescription,
    };
  };
  switch (state) {
    case 'ok':
      succeeded();
      extraction(0, null);
      return;
    case 'broken':
      s.systemPausedAt = now;
      extraction(1, HUBSPOT_TAP_ERROR);
      return;
    case 'reconnect':
      if (!setStitchOauthStep(s)) s.check = { ...s.check, status: 'failed', start: now - 2000, completion: now };
      return;
    case 'paused':
      s.pausedAt = now;
      return;
  }
}

const time = (ms: number | null): string | null => (ms === null ? null : stitchTime(ms));

/** A source object as `GET /v4/sources` writes it: the sample's fields and order, this source's values. */
export function stitchSourceJson(s: StitchSource): Record<string, unknown> {
  return {
    properties: { ...s.properties },
    ...STITCH_SOURCE_SAMPLE,
    updated_at: stitchTime(s.updatedAt),
    schedule: null,
    check_job_name: s.check.name,
    name: s.name,
    type: s.type,
    deleted_at: time(s.deletedAt),
    system_paused_at: time(s.systemPausedAt),
    paused_at: time(s.pausedAt),
    id: s.id,
    display_name: s.displayName,
    created_at: stitchTime(s.createdAt),
    report_card: {
      type: s.type,
      current_step: s.currentStep,
      current_step_type: s.steps[s.currentStep - 1] ?? null,
      steps: s.steps.map((type) => ({ type, properties: [] })),
    },
  };
}

/** The source's last connection check, cloned from the verbatim successful or failed sample. */
export function stitchCheckJson(s: StitchSource): Record<string, unknown> {
  const sample = s.check.status === 'failed' ? STITCH_CHECK_FAILED_SAMPLE : STITCH_CHECK_SUCCEEDED_SAMPLE;
  return {
    ...sample,
    name: s.check.name,
    start_time: stitchTime(s.check.start),
    completion_time: time(s.check.completion),
  };
}

/** The source's last extraction, cloned from the docs' extraction example. */
export function stitchExtractionJson(s: StitchSource, e: StitchExtraction): Record<string, unknown> {
  const failed = e.tapExitStatus !== 0;
  return {
    ...STITCH_EXTRACTION_SAMPLE,
    job_name: e.jobName,
    start_time: stitchTime(e.start),
    tap_exit_status: e.tapExitStatus,
    source_type: `tap-${s.type.replace(/^platform\./, '')}`,
    tap_description: e.tapDescription,
    target_exit_status: failed ? null : 0,
    completion_time: stitchTime(e.completion),
    source_id: s.id,
  };
}

/** The simulator's own reading of a source. */
export function stitchLabel(s: StitchSource): string {
  if (s.deletedAt !== null) return 'deleted';
  if (s.systemPausedAt !== null) return 'paused by the system';
  if (s.steps[s.currentStep - 1] === 'oauth') return 'oauth step';
  if (s.check.status === 'failed') return 'check failed';
  if (s.pausedAt !== null) return 'paused';
  if (s.extraction && s.extraction.tapExitStatus !== 0) return `tap exit ${s.extraction.tapExitStatus}`;
  return 'ok';
}

export function shiftStitch(s: StitchSource, ms: number): void {
  s.createdAt -= ms;
  s.updatedAt -= ms;
  if (s.deletedAt !== null) s.deletedAt -= ms;
  if (s.pausedAt !== null) s.pausedAt -= ms;
  if (s.systemPausedAt !== null) s.systemPausedAt -= ms;
  s.check.start -= ms;
  if (s.check.completion !== null) s.check.completion -= ms;
  if (s.extraction) {
    s.extraction.start -= ms;
    s.extraction.completion -= ms;
  }
}
