// Every parser of the Fivetran, Airbyte and Stitch answers ends in a valid page, job or token, or in a typed
// error, whatever it is given: the vendors' samples mutated in every way, generated lists, any JSON, any
// value. 10,000 generated inputs per parser.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseFivetranConnections } from '../../src/background/sources/fivetran/parse';
import { SETUP_STATE, SYNC_STATE } from '../../src/background/sources/fivetran/status';
import {
  parseAirbyteConnections,
  parseAirbyteJobs,
  parseAirbyteToken,
} from '../../src/background/sources/airbyte/parse';
import { applyLastJob, CONNECTION_STATUS, JOB_STATUS } from '../../src/background/sources/airbyte/status';
import {
  parseStitchCheck,
  parseStitchExtractions,
  parseStitchSources,
} from '../../src/background/sources/stitch/parse';
import { applyStitchJob, STEP_STATE } from '../../src/background/sources/stitch/status';
import { hasControls } from '../../src/core/inert-text';
import type { FeedError, FeedErrorKind, Integration } from '../../src/core/types';
import { fixtureText } from './fixtures';
import { check, KINDS, onlyKeys, STATES } from './validators';

const RUNS = { numRuns: 10_000 };

/** What Airbyte's token answer may be read as when it is not a token. */
const TOKEN_ERRORS: readonly FeedErrorKind[] = ['key-rejected', 'rate-limited', 'server-error', 'format-changed'];

/** A string with something visible in it, at most `max` long, with no control or bidi-control character. */
function text(value: unknown, max: number, what: string): void {
  check(
    typeof value === 'string' && value.trim() !== '' && value.length <= max && !hasControls(value),
    `${what} is not inert text of at most ${max}`,
    value,
  );
}

function expectError(error: FeedError, kinds: readonly FeedErrorKind[] = ['format-changed']): void {
  onlyKeys(error, ['kind', 'message', 'httpStatus']);
  check(kinds.includes(error.kind), `error kind outside ${kinds.join('|')}`, error);
  text(error.message, 300, 'error message');
}

function expectIntegration(integration: Integration): void {
  onlyKeys(integration, [
    'id',
    'name',
    'type',
    'provider',
    'kind',
    'state',
    'rawStatus',
    'detail',
    'group',
    'scheduleMinutes',
  ]);
  check(
    integration.scheduleMinutes === undefined ||
      (Number.isSafeInteger(integration.scheduleMinutes) && integration.scheduleMinutes > 0),
    'scheduleMinutes',
    integration,
  );
  text(integration.id, 64, 'id');
  if (integration.group !== undefined) text(integration.group, 64, 'group');
  text(integration.name, 200, 'name');
  text(integration.type, 64, 'type');
  text(integration.provider, 80, 'provider');
  text(integration.rawStatus, 160, 'rawStatus');
  if (integration.detail !== undefined) text(integration.detail, 500, 'detail');
  check(Object.hasOwn(KINDS, integration.kind), 'kind', integration);
  check(Object.hasOwn(STATES, integration.state), 'state', integration);
}

function expectAnomalies(anomalies: unknown): void {
  if (anomalies === undefined) return;
  check(Array.isArray(anomalies) && anomalies.length > 0 && anomalies.length <= 6, 'anomalies', anomalies);
  for (const anomaly of anomalies as unknown[]) text(anomaly, 300, 'anomaly');
}

type Listed =
  | { ok: true; page: { integrations: Integration[]; next?: unknown; anomalies?: string[] } }
  | { ok: false; error: FeedError };

/** A page of integrations, or format-changed; `nextOk` says what a next cursor or offset may be. */
function expectPage(result: Listed, nextOk: (next: unknown) => boolean): Integration[] {
  if (!result.ok) {
    expectError(result.error);
    return [];
  }
  onlyKeys(result.page, ['integrations', 'next', 'anomalies']);
  const { integrations, next, anomalies } = result.page;
  check(Array.isArray(integrations), 'integrations', result);
  check(new Set(integrations.map((i) => i.id)).size === integrations.length, 'repeated ids', result);
  integrations.forEach(expectIntegration);
  check(next === undefined || nextOk(next), 'next', next);
  expectAnomalies(anomalies);
  return integrations;
}

const isOffset = (next: unknown) => typeof next === 'number' && Number.isSafeInteger(next) && next >= 0;
const isCursor = (next: unknown) =>
  typeof next === 'string' && next !== '' && next.length <= 2048 && !hasControls(next);

function expectJobs<J extends object>(
  result: { ok: true; page: { jobs: J[]; next?: number; anomalies?: string[] } } | { ok: false; error: FeedError },
  expectJob: (job: J) => void,
): J[] {
  if (!result.ok) {
    expectError(result.error);
    return [];
  }
  onlyKeys(result.page, ['jobs', 'next', 'anomalies']);
  result.page.jobs.forEach(expectJob);
  check(result.page.next === undefined || isOffset(result.page.next), 'next', result.page);
  expectAnomalies(result.page.anomalies);
  return result.page.jobs;
}

// ---------------------------------------------------------------------------------------------------------
// Generators.

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** An object with these own keys, as JSON.parse builds it (a "__proto__" key included). */
function own(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const leaf = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    0,
    -1,
    1,
    NaN,
    Infinity,
    '',
    ' ',
    'null',
    '\u202E',
    1e21,
    2 ** 53,
  ),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
);
const protoKeyed = fc.array(fc.tuple(fc.constantFrom(...PROTO_KEYS), leaf), { minLength: 1, maxLength: 3 }).map(own);
const noise = fc.oneof(leaf, protoKeyed, fc.jsonValue({ maxDepth: 2 }));
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: noise },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 2,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withSparseArray: true,
    }),
  },
);

/** The JSON `json` with up to five values replaced, keys dropped or keys added, anywhere in it. */
function mutationsOf(json: string): fc.Arbitrary<unknown> {
  const op = fc.record({
    pick: fc.nat(),
    key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })),
    drop: fc.boolean(),
    value: hostile,
  });
  return fc.array(op, { minLength: 1, maxLength: 5 }).map((ops) => {
    const root = JSON.parse(json) as unknown;
    const containers: object[] = [];
    const walk = (node: unknown) => {
      if (typeof node !== 'object' || node === null) return;
      containers.push(node);
      Object.values(node).forEach(walk);
    };
    walk(root);
    for (const { pick, key, drop, value } of ops) {
      const target = containers[pick % containers.length];
      if (Array.isArray(target)) {
        const at = pick % (target.length + 1);
        if (drop && at < target.length) target.splice(at, 1);
        else target[at] = value;
        continue;
      }
      const keys = Object.keys(target as object);
      const chosen = keys.length > 0 && pick % 2 === 0 ? keys[pick % keys.length]! : key;
      if (drop) delete (target as Record<string, unknown>)[chosen];
      else Object.defineProperty(target, chosen, { value, enumerable: true, writable: true, configurable: true });
    }
    return root;
  });
}

const nonBlank = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim() !== '');
const isoString = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((t) => new Date(t).toISOString());
const time = fc.oneof(isoString, fc.constant(null), noise);
const oneOf = (values: readonly string[]) => fc.oneof(fc.constantFrom(...values), noise);
const now = fc.integer({ min: 0, max: 4_102_444_800_000 });

const FIVETRAN = fixtureText('pipelines/fivetran-connections.json');
const FIVETRAN_BROKEN = fixtureText('pipelines/fivetran-connection-broken.json');
const [FIVETRAN_ITEM] = (JSON.parse(FIVETRAN) as { data: { items: unknown[] } }).data.items;
const note = fc.record(
  { code: oneOf(['reconnect', 'resync_table_warning']), message: noise, details: noise },
  { requiredKeys: [] },
);

const fivetranItem = fc.record(
  {
    id: fc.oneof(nonBlank(20), noise),
    service: oneOf(['google_sheets', 'gsheets', 'string']),
    schema: fc.oneof(nonBlank(40), noise),
    paused: fc.oneof(fc.boolean(), noise),
    status: fc.record(
      {
        setup_state: oneOf(Object.keys(SETUP_STATE)),
        sync_state: oneOf(Object.keys(SYNC_STATE)),
        update_state: oneOf(['on_schedule', 'delayed']),
        tasks: fc.oneof(fc.array(fc.oneof(note, noise), { maxLength: 3 }), noise),
        warnings: fc.oneof(fc.array(fc.oneof(note, noise), { maxLength: 3 }), noise),
      },
      { requiredKeys: [] },
    ),
    succeeded_at: time,
    failed_at: time,
    sync_frequency: fc.oneof(fc.integer({ min: -5, max: 1440 }), fc.double(), noise),
    schedule_type: oneOf(['auto', 'manual']),
    setup_tests: fc.oneof(
      fc.array(fc.record({ title: noise, status: oneOf(['FAILED', 'PASSED']), message: noise }), { maxLength: 2 }),
      noise,
    ),
  },
  { requiredKeys: ['id', 'status'] },
);

const fivetranBodies = fc.oneof(
  { weight: 3, arbitrary: mutationsOf(FIVETRAN) },
  { weight: 2, arbitrary: mutationsOf(FIVETRAN_BROKEN) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        items: fc.array(
          fc.oneof(fivetranItem, fc.constant(FIVETRAN_ITEM), mutationsOf(JSON.stringify(FIVETRAN_ITEM)), hostile),
          { maxLength: 20 },
        ),
        next_cursor: fc.oneof(fc.string(), noise),
      })
      .map((data) => ({ code: 'Success', data })),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: hostile },
);

const airbyteConnection = fc.record(
  {
    connectionId: fc.oneof(fc.uuid(), noise),
    name: fc.oneof(nonBlank(40), noise),
    status: oneOf(Object.keys(CONNECTION_STATUS)),
    statusReason: fc.oneof(fc.constantFrom('OAuth token expired', 'Too many failures'), noise),
    workspaceId: noise,
  },
  { requiredKeys: ['connectionId', 'name'] },
);
const nextLink = fc.oneof(
  fc.nat().map((n) => `https://api.airbyte.com/v1/connections?limit=20&offset=${n}`),
  fc.string(),
  noise,
);
const airbyteConnections = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      { data: fc.array(fc.oneof(airbyteConnection, hostile), { maxLength: 20 }), next: nextLink },
      { requiredKeys: ['data'] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: hostile },
);

const AIRBYTE_JOBS = fixtureText('pipelines/airbyte-jobs.json');
const airbyteJob = fc.record(
  {
    jobId: fc.oneof(fc.nat(), noise),
    id: noise,
    status: oneOf(Object.keys(JOB_STATUS)),
    jobType: oneOf(['sync', 'reset']),
    startTime: time,
    connectionId: noise,
  },
  { requiredKeys: [] },
);
const airbyteJobs = fc.oneof(
  { weight: 3, arbitrary: mutationsOf(AIRBYTE_JOBS) },
  {
    weight: 3,
    arbitrary: fc.record(
      { data: fc.array(fc.oneof(airbyteJob, hostile), { maxLength: 10 }), next: nextLink },
      { requiredKeys: ['data'] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: hostile },
);

const STITCH_SOURCE = fixtureText('pipelines/stitch-source-shopify.json');
const STITCH_CHECK = fixtureText('pipelines/stitch-connection-check-failed.json');
const stitchSource = fc.record(
  {
    id: fc.oneof(fc.nat(), noise),
    display_name: fc.oneof(nonBlank(30), noise),
    name: noise,
    type: oneOf(['platform.shopify', 'platform.mysql']),
    paused_at: time,
    system_paused_at: time,
    deleted_at: fc.oneof(fc.constant(null), time),
    report_card: fc.oneof(
      fc.record(
        {
          current_step: fc.oneof(fc.integer({ min: -1, max: 7 }), noise),
          current_step_type: oneOf(Object.keys(STEP_STATE)),
          steps: fc.oneof(fc.array(fc.record({ type: oneOf(Object.keys(STEP_STATE)) })), noise),
        },
        { requiredKeys: [] },
      ),
      noise,
    ),
  },
  { requiredKeys: ['id', 'type'] },
);
const pageLinks = fc.record(
  {
    next: fc.oneof(
      fc.nat().map((n) => `/v4/sources?page=${n}`),
      noise,
    ),
    previous: noise,
  },
  { requiredKeys: [] },
);
const stitchSources = fc.oneof(
  { weight: 2, arbitrary: fc.array(fc.oneof(mutationsOf(STITCH_SOURCE), stitchSource, hostile), { maxLength: 10 }) },
  {
    weight: 2,
    arbitrary: fc.record({
      data: fc.array(fc.oneof(mutationsOf(STITCH_SOURCE), stitchSource), { maxLength: 10 }),
      page: noise,
      total: noise,
      links: fc.oneof(pageLinks, noise),
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: hostile },
);
const exit = fc.oneof(fc.constantFrom(null, 0, 1, 2), noise);
const stitchRun = fc.record(
  {
    status: oneOf(['running', 'succeeded', 'failed']),
    error: fc.oneof(fc.boolean(), noise),
    source_id: fc.oneof(fc.nat(), noise),
    check_exit_status: exit,
    discovery_exit_status: exit,
    tap_exit_status: exit,
    target_exit_status: exit,
    tap_description: fc.oneof(fc.constantFrom('401 Unauthorized', 'Terminated'), noise),
    discovery_error_message: noise,
    completion_time: time,
  },
  { requiredKeys: [] },
);
const stitchChecks = fc.oneof(mutationsOf(STITCH_CHECK), stitchRun, fc.jsonValue(), hostile);
const stitchExtractions = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      data: fc.array(fc.oneof(stitchRun, hostile), { maxLength: 10 }),
      page: noise,
      total: noise,
      links: fc.oneof(pageLinks, noise),
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: hostile },
);

// ---------------------------------------------------------------------------------------------------------
// Properties.

describe('Fivetran', { timeout: 60_000 }, () => {
  it('reads any body, the samples mutated in every way included, as a valid page or "format-changed"', () => {
    fc.assert(
      fc.property(fivetranBodies, now, (body, at) => void expectPage(parseFivetranConnections(body, at), isCursor)),
      RUNS,
    );
  });

  it('watches every element of a list it reads, each id once, unreadable ones included', () => {
    // Distinct ids, so that every element must come out as one integration, read or not.
    const items = fc
      .array(fivetranItem, { maxLength: 20 })
      .map((list) => list.map((item, i) => ({ ...item, id: `c${i}` })));
    fc.assert(
      fc.property(items, now, (list, at) => {
        const result = parseFivetranConnections({ data: { items: list } }, at);
        const read = expectPage(result, isCursor);
        check(!result.ok || read.length === list.length, 'lost connections', { list, result });
      }),
      RUNS,
    );
  });
});

describe('Airbyte', { timeout: 60_000 }, () => {
  it('reads any connections body as a valid page or "format-changed"', () => {
    fc.assert(
      fc.property(airbyteConnections, (body) => void expectPage(parseAirbyteConnections(body), isOffset)),
      RUNS,
    );
  });

  it('reads any jobs body as valid jobs or "format-changed", and any job applied to any connection keeps it valid', () => {
    fc.assert(
      fc.property(airbyteJobs, airbyteConnections, (jobsBody, connectionsBody) => {
        const jobs = expectJobs(parseAirbyteJobs(jobsBody), (job) => {
          onlyKeys(job, ['id', 'status', 'connectionId', 'jobType', 'startedAt']);
          text(job.id, 64, 'job id');
          text(job.status, 40, 'job status');
          check(job.startedAt === undefined || Number.isSafeInteger(job.startedAt), 'startedAt', job);
        });
        const integrations = expectPage(parseAirbyteConnections(connectionsBody), isOffset);
        for (const integration of integrations)
          for (const job of jobs) expectIntegration(applyLastJob(integration, job, Date.UTC(2024, 11, 1)));
      }),
      RUNS,
    );
  });

  it('answers any token response with a header-safe token valid from now on, or a typed error', () => {
    const status = fc.oneof(fc.constantFrom(200, 201, 401, 403, 429, 500, 404), fc.integer({ min: 100, max: 599 }));
    const body = fc.oneof(
      fc.record(
        {
          access_token: fc.oneof(fc.string(), noise),
          token_type: oneOf(['Bearer', 'bearer']),
          expires_in: fc.oneof(fc.double(), fc.nat(), noise),
        },
        { requiredKeys: [] },
      ),
      hostile,
    );
    fc.assert(
      fc.property(status, body, now, (code, answer, at) => {
        const result = parseAirbyteToken(code, answer, at);
        if (!result.ok) return expectError(result.error, TOKEN_ERRORS);
        onlyKeys(result, ['ok', 'token', 'expiresAt']);
        check(/^[\x21-\x7E]+$/.test(result.token), 'token', result);
        check(Number.isSafeInteger(result.expiresAt) && result.expiresAt > at, 'expiresAt', result);
      }),
      RUNS,
    );
  });
});

describe('Stitch', { timeout: 60_000 }, () => {
  it('reads any sources body, the sample mutated included, as a valid page or "format-changed"', () => {
    fc.assert(
      fc.property(stitchSources, (body) => void expectPage(parseStitchSources(body), isOffset)),
      RUNS,
    );
  });

  it('reads any connection check or extractions body as valid jobs, and any job applied to any source keeps it valid', () => {
    const expectJob = (job: object) => {
      onlyKeys(job, ['mode', 'outcome', 'sourceId', 'raw', 'error', 'completedAt']);
      const { raw, error, completedAt } = job as { raw: unknown; error?: unknown; completedAt?: unknown };
      check(completedAt === undefined || Number.isSafeInteger(completedAt), 'completedAt', job);
      text(raw, 160, 'raw');
      if (error !== undefined) text(error, 500, 'error');
    };
    fc.assert(
      fc.property(stitchChecks, stitchExtractions, stitchSources, (checkBody, extractionsBody, sourcesBody) => {
        const checked = parseStitchCheck(checkBody);
        if (checked.ok) expectJob(checked.job);
        else expectError(checked.error);
        const jobs = expectJobs(parseStitchExtractions(extractionsBody), expectJob);
        const integrations = expectPage(parseStitchSources(sourcesBody), isOffset);
        for (const integration of integrations)
          for (const job of checked.ok ? [checked.job, ...jobs] : jobs)
            expectIntegration(applyStitchJob(integration, job, Date.UTC(2024, 11, 1)));
      }),
      RUNS,
    );
  });
});
