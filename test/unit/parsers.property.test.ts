// Every parser that reads something from outside (MBI's answers, storage, messages) ends in a valid,
// normalized value or a typed error, whatever it is given: 10,000 generated inputs per parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorForStatus, parseJsonBody, type HttpResponse } from '../../src/background/http';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { stateForStatus } from '../../src/background/sources/mbi-connections/status';
import { parseUpdateCycle, parseZonedTime } from '../../src/background/sources/mbi-update-cycle';
import { parseCommand } from '../../src/core/parse-command';
import { inertText } from '../../src/core/inert-text';
import { MSG } from '../../src/core/messages';
import {
  DEFAULT_SETTINGS,
  ESCALATION_HOURS,
  isSafeId,
  parseClientId,
  parseOrigin,
  parseSecrets,
  parseSettings,
  POLL_MINUTES,
  RETENTION_DAYS,
  STALE_HOURS,
  type Secrets,
  type Settings,
  type AccountSettings,
} from '../../src/core/settings';
import type { FeedError, FeedErrorKind, FeedResult, Integration, FactsData } from '../../src/core/types';
import { fixtureText } from './fixtures';
import { check, KINDS, onlyKeys, STATES } from './validators';

const RUNS = { numRuns: 10_000 };

// The closed sets, spelled out so that a new member fails to compile here until the validators know it.
const ERROR_KINDS: Record<FeedErrorKind, true> = {
  'signed-out': true,
  'key-rejected': true,
  'rate-limited': true,
  'server-error': true,
  unreachable: true,
  offline: true,
  timeout: true,
  'format-changed': true,
  'too-large': true,
  'permission-missing': true,
};

// ---------------------------------------------------------------------------------------------------------
// Validators: each throws, naming what is wrong, unless the value is a valid normalized one.

/** A string with something visible in it, at most `max` UTF-16 units long. */
function text(value: unknown, max: number, what: string): void {
  check(
    typeof value === 'string' && value.trim() !== '' && value.length <= max,
    `${what} is not a non-blank string of at most ${max}`,
    value,
  );
}

function optionalText(value: unknown, max: number, what: string): void {
  if (value !== undefined) text(value, max, what);
}

function expectFeedError(
  error: FeedError,
  kinds: readonly FeedErrorKind[] = Object.keys(ERROR_KINDS) as FeedErrorKind[],
): void {
  onlyKeys(error, ['kind', 'message', 'httpStatus', 'retryAt']);
  check(
    Object.hasOwn(ERROR_KINDS, error.kind) && kinds.includes(error.kind),
    `error kind outside ${kinds.join('|')}`,
    error,
  );
  text(error.message, 300, 'error message');
  check(error.httpStatus === undefined || Number.isInteger(error.httpStatus), 'httpStatus', error);
  check(error.retryAt === undefined || Number.isFinite(error.retryAt), 'retryAt', error);
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
    'subdomain',
    'authorizedAt',
  ]);
  check(
    integration.authorizedAt === undefined || Number.isFinite(integration.authorizedAt),
    'authorizedAt not a time',
    integration,
  );
  text(integration.id, 64, 'id');
  text(integration.name, 200, 'name');
  text(integration.type, 64, 'type');
  text(integration.provider, 80, 'provider');
  check(Object.hasOwn(KINDS, integration.kind), 'kind', integration);
  check(Object.hasOwn(STATES, integration.state), 'state', integration);
  check(
    typeof integration.rawStatus === 'string' && integration.rawStatus !== '' && integration.rawStatus.length <= 40,
    'rawStatus',
    integration,
  );
  optionalText(integration.detail, 500, 'detail');
  optionalText(integration.subdomain, 63, 'subdomain');
}

function expectConnections(result: FeedResult, input: unknown): void {
  if (!result.ok) return expectFeedError(result.error, ['format-changed']);
  const data = result.data;
  check(
    data.feed === 'connections' && 'integrations' in data && Array.isArray(input),
    'not a connections list',
    result,
  );
  if (!('integrations' in data) || !Array.isArray(input)) return;
  onlyKeys(data, ['feed', 'integrations', 'anomalies']);
  const { integrations, anomalies = [] } = data;
  // Every element is an integration, unreadable ones included; only a repeated id is left out, and never silently.
  check(
    integrations.length <= input.length && (integrations.length === input.length || anomalies.length > 0),
    'lost connections',
    result,
  );
  check(new Set(integrations.map((i) => i.id)).size === integrations.length, 'repeated ids', result);
  check(anomalies.length <= 6 && anomalies.every((a) => typeof a === 'string' && a.length <= 300), 'anomalies', result);
  integrations.forEach(expectIntegration);
}

function expectUpdateCycle(result: FeedResult<FactsData>): void {
  if (!result.ok) return expectFeedError(result.error, ['format-changed']);
  onlyKeys(result.data, ['feed', 'lastJob']);
  check(result.data.feed === 'update-cycle', 'feed', result);
  const job = result.data.lastJob;
  if (job === null) return;
  onlyKeys(job, ['id', 'typeName', 'statusId', 'statusName', 'endedAt', 'endedRaw']);
  check(typeof job.id === 'number' && typeof job.statusId === 'number', 'ids', job);
  check(typeof job.typeName === 'string' && job.typeName.length <= 80, 'typeName', job);
  check(typeof job.statusName === 'string' && job.statusName.length <= 80, 'statusName', job);
  check(Number.isSafeInteger(job.endedAt), 'endedAt', job);
  check(typeof job.endedRaw === 'string' && job.endedRaw.length <= 120, 'endedRaw', job);
}

const SOURCE_KEYS: readonly (keyof AccountSettings)[] = [
  'id',
  'label',
  'pipeline',
  'apiBase',
  'clientId',
  'appOrigin',
  'apiOrigin',
  'enabled',
  'managed',
];

function expectOrigin(origin: unknown): void {
  check(typeof origin === 'string' && new URL(origin).origin === origin, 'not an origin', origin);
  const reparsed = parseOrigin(origin);
  check(reparsed.ok && reparsed.value === origin, 'origin does not re-parse to itself', origin);
  check(
    /^https:\/\//.test(origin) || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin),
    'plain http to a remote host',
    origin,
  );
}

function expectAccount(account: AccountSettings): void {
  onlyKeys(account, SOURCE_KEYS);
  check(typeof account.id === 'string' && account.id !== '', 'account id', account);
  text(account.label, 80, 'label');
  if (account.pipeline === undefined) {
    check(/^(0|[1-9]\d{0,11})$/.test(account.clientId), 'client id', account);
    check(account.apiBase === undefined, 'an MBI account has no API base', account);
  } else {
    // Fivetran, Airbyte, Stitch: no client id; the API base is the API origin and a plain path.
    check(['fivetran', 'airbyte', 'stitch'].includes(account.pipeline), 'pipeline', account);
    check(account.clientId === '', 'client id of another pipeline', account);
    const base = account.apiBase ?? '';
    check(
      base.startsWith(account.apiOrigin) && /^(\/[A-Za-z0-9._~-]+)*$/.test(base.slice(account.apiOrigin.length)),
      'API base',
      account,
    );
    check(!/\/\.{1,2}(\/|$)/.test(base.slice(account.apiOrigin.length)), 'API base has a dot segment', account);
  }
  expectOrigin(account.appOrigin);
  expectOrigin(account.apiOrigin);
  check(typeof account.enabled === 'boolean', 'enabled', account);
}

function within(value: unknown, range: { min: number; max: number }, integer: boolean, what: string): void {
  check(
    typeof value === 'number' && value >= range.min && value <= range.max && (!integer || Number.isInteger(value)),
    what,
    value,
  );
}

function expectSettings(settings: Settings): void {
  onlyKeys(settings, Object.keys(DEFAULT_SETTINGS));
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const value: unknown = settings[key as keyof Settings];
    check(
      typeof value === typeof fallback && Array.isArray(value) === Array.isArray(fallback),
      `${key} has the wrong type`,
      settings,
    );
    if (typeof value === 'number') check(Number.isFinite(value), `${key} is not finite`, settings);
  }
  check(settings.version === DEFAULT_SETTINGS.version, 'version', settings);
  within(settings.pollMinutes, POLL_MINUTES, false, 'pollMinutes');
  within(settings.staleHours, STALE_HOURS, true, 'staleHours');
  within(settings.escalationHours, ESCALATION_HOURS, true, 'escalationHours');
  within(settings.retentionDays, RETENTION_DAYS, true, 'retentionDays');
  onlyKeys(settings.notifications, Object.keys(DEFAULT_SETTINGS.notifications));
  for (const minute of [settings.notifications.quietStart, settings.notifications.quietEnd])
    within(minute, { min: 0, max: 1439 }, true, 'quiet hours');
  settings.accounts.forEach(expectAccount);
  check(
    new Set(settings.accounts.map((s) => s.id)).size === settings.accounts.length,
    'duplicate account ids',
    settings,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Generators.

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
];

/** An object with these own keys, as JSON.parse builds it (a "__proto__" key included). */
function own(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

/** Up to 100,000 characters, repeated from a short unit so that generating them stays cheap. */
const hugeString = fc
  .tuple(
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 6, unit: 'binary' }),
      fc.constantFrom(' ', 'a ', '\n', '<', '1', '\u2028', '𝒳 '),
    ),
    fc.integer({ min: 1_000, max: 100_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const leaf = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    0,
    -0,
    1,
    -1,
    4,
    Number.NaN,
    Infinity,
    -Infinity,
    '',
    ' ',
    '1',
    '2',
    'error',
    'null',
    '[object Object]',
    1e21,
    2 ** 53,
  ),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.integer(),
  fc.double(),
);

const deeplyNested = fc
  .tuple(fc.integer({ min: 100, max: 2_000 }), fc.boolean(), leaf)
  .map(([depth, asList, inner]) => {
    let value = inner;
    for (let i = 0; i < depth; i++) value = asList ? [value] : { a: value };
    return value;
  });

const protoKeyed = fc.array(fc.tuple(fc.constantFrom(...PROTO_KEYS), leaf), { minLength: 1, maxLength: 4 }).map(own);

/** Values a hostile or broken server (or a corrupted store) could hand over. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 2,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
  },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 2, arbitrary: protoKeyed },
);

interface Mutation {
  at: number;
  op: 'drop' | 'replace' | 'add';
  pick: number;
  key: string;
  value: unknown;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('drop', 'replace', 'add'),
  pick: fc.nat(),
  key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 })),
  value: hostile,
});

type Path = readonly (string | number)[];

function containerPaths(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return [path, ...Object.entries(value).flatMap(([key, inner]) => containerPaths(inner, [...path, key]))];
}

/**
 * A fresh copy of `json` with each mutation applied to one of its objects or lists: a key dropped, a value
 * replaced or a key added. Generated values are inserted, never changed.
 */
function mutate(json: string, mutations: readonly Mutation[]): unknown {
  const root = JSON.parse(json) as unknown;
  const paths = containerPaths(root);
  const ours = new WeakSet<object>();
  for (const path of paths) ours.add(walk(root, path) as object);
  for (const m of mutations) {
    const target = walk(root, paths[m.at % paths.length] ?? []);
    if (typeof target !== 'object' || target === null || !ours.has(target)) continue;
    const keys = Object.keys(target);
    const key = keys[m.pick % Math.max(1, keys.length)];
    if (Array.isArray(target)) {
      if (m.op === 'add' || key === undefined) target.push(m.value);
      else if (m.op === 'drop') target.splice(Number(key), 1);
      else target[Number(key)] = m.value;
    } else if (m.op === 'drop' && key !== undefined) {
      delete (target as Record<string, unknown>)[key];
    } else {
      Object.defineProperty(target, m.op === 'add' || key === undefined ? m.key : key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}

function walk(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

const mutationsOf = (json: string) => fc.array(mutation, { minLength: 1, maxLength: 5 }).map((ms) => mutate(json, ms));

const CONNECTIONS_SAMPLE = fixtureText('connections-2018-sample.json');
const CYCLE_SAMPLE = fixtureText('update-cycle-sample.json');
const [SAMPLE_CONNECTION] = JSON.parse(CONNECTIONS_SAMPLE) as unknown[];

const connectionsBodies = fc.oneof(
  { weight: 4, arbitrary: mutationsOf(CONNECTIONS_SAMPLE) },
  // Long lists of mutated rows, so that one bad row among many good ones is seen too.
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof(fc.constant(SAMPLE_CONNECTION), mutationsOf(JSON.stringify(SAMPLE_CONNECTION))), {
      maxLength: 40,
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: hostile },
  { weight: 1, arbitrary: fc.array(hostile, { maxLength: 5 }) },
);

const cycleBodies = fc.oneof(
  { weight: 5, arbitrary: mutationsOf(CYCLE_SAMPLE) },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: hostile },
);

// Blank once made inert: controls alone are no name.
const nonBlank = (maxLength: number) =>
  fc.string({ minLength: 1, maxLength }).filter((s) => inertText(s).trim() !== '');

// Lighter than `hostile`: a list holds many rows, and these fields are not what the property is about.
const noise = fc.oneof(leaf, protoKeyed, fc.jsonValue({ maxDepth: 2 }));

/** A connection row with everything a connection must have, and anything else around it. */
const wellFormedConnection = fc.record(
  {
    id: fc.oneof(fc.nat(), nonBlank(20)),
    name: fc.oneof(nonBlank(40), fc.constant(`  ${'n'.repeat(300)}  `)),
    display_name: fc.oneof(fc.constant(null), fc.string()),
    type: nonBlank(80),
    integration_type: fc.oneof(
      noise,
      fc.record({ display_name: noise, replication_type: fc.constantFrom('db', 'api', undefined) }),
    ),
    properties: fc.record(
      { status: noise, error: fc.oneof(noise, fc.constant('e'.repeat(600))), subdomain: noise },
      { requiredKeys: [] },
    ),
    created_at: noise,
  },
  { requiredKeys: ['id', 'name', 'type', 'properties'] },
);

const zone = fc.constantFrom('EST', 'EDT', 'UTC', 'GMT', 'CET', 'est', ' Pst ');

interface DateParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

// MBI updates happen after 1970; earlier years are refused (see the property below).
const dateParts: fc.Arbitrary<DateParts> = fc
  .record({
    y: fc.integer({ min: 1970, max: 9999 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
  })
  .filter(
    ({ y, mo, d }) =>
      new Date(Date.UTC(2000, mo - 1, d)).getUTCDate() === d &&
      (mo !== 2 || d !== 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))),
  );

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const mbiTime = ({ y, mo, d, h, mi, s }: DateParts) =>
  `${pad(y, 4)}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;

/** What a settings form, an old version, a hand edit or a corrupted store might have written. */
const originInput = fc.oneof(
  fc.webUrl(),
  fc.domain(),
  fc.ipV4().map((ip) => `http://${ip}`),
  fc.constantFrom(
    'http://localhost:8127',
    'http://127.0.0.1',
    'HTTP://LOCALHOST',
    'http://127.1',
    'http://0x7f.1',
    'http://[::1]',
    'https://user:pw@mbi.example',
    'javascript:alert(1)',
    'https://mbi.example/path',
    ' HTTPS://MBI.example:443 ',
    'https://',
    'https://xn--a.com',
    'localhost:8127',
    'https://mbi.example?',
  ),
  fc.string(),
  hostile,
);

const SECRET_MARKER = 'sk_live_SECRET_6f1c';
const secretFields = fc.dictionary(
  fc.constantFrom('exportApiKey', 'apiKey', 'password', 'token', 'secret', 'X-RJM-API-Key', 'cookie', 'secrets'),
  fc.constant(SECRET_MARKER),
  { maxKeys: 3 },
);
const numberish = fc.oneof(fc.integer({ min: -100, max: 10_000 }), fc.double(), hostile);

const rawAccount = fc
  .tuple(
    fc.record(
      {
        id: fc.oneof(fc.constantFrom('main', 'eu', '', ...PROTO_KEYS), fc.string(), hostile),
        label: fc.oneof(fc.string(), hugeString, hostile),
        clientId: fc.oneof(fc.stringMatching(/^\s?\d{1,13}\s?$/), fc.string(), hostile),
        pipeline: fc.oneof(fc.constantFrom('mbi', 'fivetran', 'airbyte', 'stitch', 'segment'), hostile),
        apiBase: fc.oneof(
          fc.constantFrom(
            'https://api.fivetran.com/v1',
            'api.airbyte.com/v1/',
            'http://127.0.0.1:8127/fivetran/v1',
            'https://x.test/a/../b',
            'https://x.test/%2e%2e',
            'https://x.test/a b',
          ),
          originInput,
          hostile,
        ),
        appOrigin: originInput,
        apiOrigin: originInput,
        enabled: fc.oneof(fc.boolean(), hostile),
        managed: fc.oneof(fc.boolean(), hostile),
      },
      { requiredKeys: [] },
    ),
    secretFields,
  )
  .map(([account, secrets]) => ({ ...account, ...secrets }));

const rawSettings = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.record(
          {
            version: fc.oneof(fc.constant(1), hostile),
            pollMinutes: numberish,
            staleHours: numberish,
            escalationHours: numberish,
            retentionDays: numberish,
            paused: fc.oneof(fc.boolean(), hostile),
            secretsInSession: fc.oneof(fc.boolean(), hostile),
            notifications: fc.oneof(
              fc.record(
                {
                  newProblem: hostile,
                  recovered: fc.boolean(),
                  escalation: hostile,
                  quietStart: numberish,
                  quietEnd: numberish,
                },
                { requiredKeys: [] },
              ),
              hostile,
            ),
            accounts: fc.oneof(
              {
                weight: 4,
                arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: rawAccount }, { weight: 1, arbitrary: hostile }), {
                  maxLength: 6,
                }),
              },
              { weight: 1, arbitrary: hostile },
            ),
          },
          { requiredKeys: [] },
        ),
        secretFields,
      )
      .map(([settings, secrets]) => ({ ...settings, ...secrets })),
  },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: hostile },
);

function httpResponse(
  status: fc.Arbitrary<number>,
  body: fc.Arbitrary<string>,
  contentType: fc.Arbitrary<string>,
): fc.Arbitrary<HttpResponse> {
  return fc
    .record({ status, body, contentType, retryAt: fc.option(fc.integer({ min: 0 }), { nil: undefined }) })
    .map(({ retryAt, ...rest }) => {
      const response: HttpResponse = { ok: true, ...rest };
      if (retryAt !== undefined) response.retryAt = retryAt;
      return response;
    });
}

const contentTypes = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/html',
    'TEXT/HTML; charset=UTF-8',
    'text/plain',
    '',
  ),
  fc.string(),
);
const bodies = fc.oneof(
  fc.string(),
  hugeString,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '<!doctype html><title>Sign in</title>',
    '<html><input type="password"></html>',
    '   <p>Bad gateway</p>',
    '{"a":',
    '\uFEFF[]',
    'null',
    '',
  ),
);
const authFailure = fc.constantFrom('signed-out' as const, 'key-rejected' as const);

// ---------------------------------------------------------------------------------------------------------

describe('parseConnections', { timeout: 30_000 }, () => {
  it('reads any body, the 2018 sample mutated in every way included, as valid integrations or "format-changed"', () => {
    fc.assert(
      fc.property(connectionsBodies, (body) => expectConnections(parseConnections(body), body)),
      RUNS,
    );
  });

  /** The id as the list shows it: numbers as digits, strings trimmed (ids here are short). */
  const shownId = (id: number | string) => (typeof id === 'number' ? String(id) : inertText(id).trim());

  it('reads every list of well-formed rows with distinct ids whole, in order, whatever else the rows hold', () => {
    fc.assert(
      fc.property(fc.uniqueArray(wellFormedConnection, { maxLength: 10, selector: (r) => shownId(r.id) }), (rows) => {
        const result = parseConnections(rows);
        expect(result.ok).toBe(true);
        expectConnections(result, rows);
        if (result.ok) expect(result.data.integrations.map((i) => i.id)).toEqual(rows.map((r) => shownId(r.id)));
      }),
      RUNS,
    );
  });

  it('watches the first of a repeated id, and every other row, and reports the repeat', () => {
    /** The id the parser gives a row read on its own. */
    const idOf = (row: unknown) => {
      const alone = parseConnections([row]);
      return alone.ok ? alone.data.integrations[0]?.id : undefined;
    };
    fc.assert(
      fc.property(fc.array(wellFormedConnection, { minLength: 1, maxLength: 6 }), fc.nat(), (rows, pick) => {
        const twin = rows[pick % rows.length]!;
        const list = [...rows, { ...twin, id: typeof twin.id === 'number' ? String(twin.id) : twin.id }];
        const result = parseConnections(list);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.data.integrations.map((i) => i.id)).toEqual([...new Set(list.map(idOf))]);
        expect(result.data.anomalies).toContain(`Two connections share the id "${idOf(twin)}"; the first is watched.`);
      }),
      RUNS,
    );
  });
});

describe('stateForStatus', { timeout: 30_000 }, () => {
  it('maps any status value to a state of the closed set and keeps a short raw value for display', () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 3 })), (raw) => {
        const { state, rawStatus } = stateForStatus(raw);
        check(Object.hasOwn(STATES, state), 'state', state);
        check(typeof rawStatus === 'string' && rawStatus !== '' && rawStatus.length <= 40, 'rawStatus', rawStatus);
        // The value received, made inert: no control or bidi-control character reaches the screen.
        const shown = typeof raw === 'string' || typeof raw === 'number' ? inertText(String(raw)).trim() : undefined;
        if (shown) check(shown.startsWith(rawStatus), 'rawStatus is not the value received', { raw, rawStatus });
        if (shown === '') check(rawStatus === '(blank)', 'a blank status is not shown as blank', { raw, rawStatus });
        if (PROTO_KEYS.includes(raw as string))
          check(state === 'unknown', 'an object key read as a status', { raw, state });
      }),
      RUNS,
    );
  });
});

describe('parseUpdateCycle', { timeout: 30_000 }, () => {
  it('reads any body, the documented sample mutated in every way included, as a valid last job or "format-changed"', () => {
    fc.assert(
      fc.property(cycleBodies, (body) => expectUpdateCycle(parseUpdateCycle(body))),
      RUNS,
    );
  });

  it('reads every well-formed status in a known zone', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer(),
        fc.string(),
        dateParts,
        fc.constantFrom('', '.0', '.123'),
        zone,
        (id, statusId, statusName, parts, fraction, tz) => {
          const end = `${mbiTime(parts)}${fraction}`;
          const body = {
            clientId: 194,
            lastCompletedUpdateJob: {
              id,
              type: { id: 2, name: 'Full Update' },
              end,
              status: { id: statusId, name: statusName },
            },
            timezoneAbbreviation: tz,
          };
          const result = parseUpdateCycle(body);
          expectUpdateCycle(result);
          expect(result).toMatchObject({
            ok: true,
            data: { lastJob: { id, statusId, endedAt: parseZonedTime(mbiTime(parts), tz.trim().toUpperCase()) } },
          });
        },
      ),
      RUNS,
    );
  });
});

describe('parseZonedTime', { timeout: 30_000 }, () => {
  it('answers any value in any zone with null or a whole number of milliseconds', () => {
    const values = fc.oneof(
      hostile,
      dateParts.map(mbiTime),
      fc.stringMatching(/^\s?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,4})?\s?$/),
    );
    const zones = fc.oneof(
      zone.map((z) => z.trim().toUpperCase()),
      fc.constantFrom(...PROTO_KEYS, 'XYZ', ''),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(values, zones, (value, tz) => {
        const time = parseZonedTime(value, tz);
        check(time === null || Number.isSafeInteger(time), 'not null or a time', { value, tz, time });
      }),
      RUNS,
    );
  });

  it('refuses every time before 1970', () => {
    fc.assert(
      fc.property(dateParts, fc.integer({ min: 0, max: 1969 }), (parts, y) => {
        expect(parseZonedTime(mbiTime({ ...parts, y }), 'UTC')).toBeNull();
      }),
      RUNS,
    );
  });

  it('reads every valid UTC time back to the same calendar time', () => {
    fc.assert(
      fc.property(dateParts, (parts) => {
        const time = parseZonedTime(mbiTime(parts), 'UTC');
        expect(
          time === null ? null : new Date(time).toISOString().slice(0, 19).replace('T', ' ').replace(/^\+0*/, ''),
        ).toBe(mbiTime(parts));
      }),
      RUNS,
    );
  });

  it('shifts a time in another zone by whole half hours, at most 14 h', () => {
    fc.assert(
      fc.property(dateParts, zone, (parts, tz) => {
        const utc = parseZonedTime(mbiTime(parts), 'UTC');
        const zoned = parseZonedTime(mbiTime(parts), tz.trim().toUpperCase());
        check(utc !== null && zoned !== null, 'not read', { parts, tz });
        check((utc - zoned) % 1_800_000 === 0 && Math.abs(utc - zoned) <= 14 * 3_600_000, 'odd offset', {
          parts,
          tz,
          offset: utc - zoned,
        });
      }),
      RUNS,
    );
  });
});

describe('errorForStatus', { timeout: 30_000 }, () => {
  it('answers every status with null for 2xx or a typed error that keeps the status', () => {
    const status = fc.oneof(fc.integer({ min: 100, max: 599 }), fc.integer());
    fc.assert(
      fc.property(httpResponse(status, fc.string(), contentTypes), authFailure, (response, auth) => {
        const error = errorForStatus(response, auth);
        const { status: code } = response;
        if (code >= 200 && code < 300) {
          expect(error).toBeNull();
          return;
        }
        check(error !== null, 'no error for a non-2xx status', response);
        expectFeedError(error, [auth, 'rate-limited', 'server-error', 'format-changed']);
        expect(error.httpStatus).toBe(code);
        if (code === 401 || code === 403) expect(error.kind).toBe(auth);
        if (code === 429) expect([error.kind, error.retryAt]).toEqual(['rate-limited', response.retryAt]);
        if (code >= 500 && code < 600) expect(error.kind).toBe('server-error');
        if (code !== 429) expect(error.retryAt).toBeUndefined();
      }),
      RUNS,
    );
  });
});

describe('parseJsonBody', { timeout: 30_000 }, () => {
  it('answers any body with its JSON value or a typed error', () => {
    fc.assert(
      fc.property(httpResponse(fc.constant(200), bodies, contentTypes), authFailure, (response, auth) => {
        const result = parseJsonBody(response, auth);
        if (!result.ok) return expectFeedError(result.error, [auth, 'format-changed']);
        expect(result.value).toEqual(JSON.parse(response.body.trimStart()));
      }),
      RUNS,
    );
  });

  it('reads back every JSON value sent as JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('', ' ', '\n\t '), authFailure, (value, lead, auth) => {
        const body = lead + JSON.stringify(value);
        const result = parseJsonBody({ ok: true, status: 200, contentType: 'application/json', body }, auth);
        expect(result).toEqual({ ok: true, value: JSON.parse(body) as unknown });
      }),
      RUNS,
    );
  });

  it('tells a sign-in page apart from other HTML, anywhere in its first part', () => {
    const page = fc.tuple(
      fc.string({ maxLength: 2_000 }),
      fc.constantFrom('<input type="password">', "<input type='password'>", 'Sign in', 'sign-in', 'Log in'),
      fc.string({ maxLength: 200 }),
    );
    fc.assert(
      fc.property(page, authFailure, ([before, form, after], auth) => {
        const result = parseJsonBody(
          { ok: true, status: 200, contentType: 'text/html; charset=utf-8', body: `<html>${before}${form}${after}` },
          auth,
        );
        expect(result).toMatchObject({ ok: false, error: { kind: auth } });
      }),
      RUNS,
    );
  });
});

describe('parseSettings', { timeout: 30_000 }, () => {
  it('turns anything stored into valid settings within bounds, with no secret carried over', () => {
    fc.assert(
      fc.property(rawSettings, (raw) => {
        const settings = parseSettings(raw);
        expectSettings(settings);
        check(!JSON.stringify(settings).includes(SECRET_MARKER), 'a secret survived into settings', settings);
      }),
      RUNS,
    );
  });

  it('re-parses its own output, also after a trip through storage, to the same settings', () => {
    fc.assert(
      fc.property(rawSettings, (raw) => {
        const settings = parseSettings(raw);
        expect(parseSettings(settings)).toEqual(settings);
        expect(parseSettings(JSON.parse(JSON.stringify(settings)))).toEqual(settings);
      }),
      RUNS,
    );
  });
});

describe('parseOrigin and parseClientId', { timeout: 30_000 }, () => {
  it('accepts only origins that re-parse to themselves, and says why it refuses the rest', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 9, arbitrary: originInput.filter((v): v is string => typeof v === 'string') },
          { weight: 1, arbitrary: hugeString },
        ),
        (input) => {
          const parsed = parseOrigin(input);
          if (parsed.ok) expectOrigin(parsed.value);
          else text(parsed.error, 200, 'error');
        },
      ),
      RUNS,
    );
  });

  it('accepts only canonical client ids of up to 12 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^\s{0,2}\d{1,14}\s{0,2}$/), fc.string(), fc.integer().map(String), hugeString),
        (input) => {
          const parsed = parseClientId(input);
          if (!parsed.ok) return text(parsed.error, 200, 'error');
          check(
            /^(0|[1-9]\d{0,11})$/.test(parsed.value) && Number(parsed.value) === Number(input.trim()),
            'client id',
            { input, parsed },
          );
          expect(parseClientId(parsed.value)).toEqual(parsed);
        },
      ),
      RUNS,
    );
  });
});

describe('parseSecrets', { timeout: 30_000 }, () => {
  const secretIds = fc.oneof(fc.constantFrom('main', 'eu', 'mbi-194-0', ...PROTO_KEYS), fc.string());
  const entry = fc.oneof(
    fc.record(
      {
        exportApiKey: fc.oneof(fc.string(), hugeString, hostile),
        apiOrigin: fc.oneof(
          fc.constantFrom('https://api.rjmetrics.com', 'http://127.0.0.1:8127', 'https://*', '*.rjmetrics.com'),
          fc.string(),
          hostile,
        ),
        clientId: fc.oneof(fc.constantFrom('194', '2', ''), fc.string(), hostile),
        secret: fc.oneof(fc.constantFrom('s3cret', ' padded ', ''), fc.string(), hostile),
        password: hostile,
        note: hostile,
      },
      { requiredKeys: [] },
    ),
    hostile,
  );
  const rawSecrets = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.tuple(secretIds, entry), { maxLength: 6 }).map(own) },
    { weight: 1, arbitrary: hostile },
  );

  it('keeps only safe ids, each with a trimmed non-empty key bound to a plain API origin and client id, and nothing else', () => {
    fc.assert(
      fc.property(rawSecrets, (raw) => {
        const secrets: Secrets = parseSecrets(raw);
        check(Object.getPrototypeOf(secrets) === Object.prototype, 'not a plain object', secrets);
        // A prototype name or odd characters never become a key.
        if (typeof raw === 'object' && raw !== null && Object.getPrototypeOf(raw) === Object.prototype)
          check(
            Object.keys(secrets).every((id) => isSafeId(id) && Object.hasOwn(raw, id)),
            'ids',
            secrets,
          );
        for (const value of Object.values(secrets)) {
          onlyKeys(value, ['exportApiKey', 'secret', 'apiOrigin', 'clientId']);
          const key = value.exportApiKey;
          check(key !== '' && key === key.trim(), 'export API key', value);
          check(
            value.secret === undefined || (value.secret !== '' && value.secret === value.secret.trim()),
            'secret',
            value,
          );
          check(parseOrigin(value.apiOrigin).ok && !value.apiOrigin.includes('*'), 'API origin', value);
          // Empty for the other pipelines' credentials, which are bound to the API host alone.
          check(/^(|0|[1-9]\d{0,11})$/.test(value.clientId), 'client id', value);
        }
        expect(parseSecrets(secrets)).toEqual(secrets);
      }),
      RUNS,
    );
  });
});

describe('parseCommand', { timeout: 30_000 }, () => {
  const commands = fc.oneof(
    fc.record(
      {
        type: fc.constantFrom(MSG.checkNow, MSG.testAccount),
        accountId: hostile,
        account: fc.oneof(rawAccount, hostile),
        exportApiKey: fc.oneof(fc.string(), hostile),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({ type: fc.oneof(hostile, fc.constantFrom(...PROTO_KEYS, 'CHECK-NOW', 'check-now ')) }),
    hostile,
  );

  it('turns any message into a valid command or null', () => {
    fc.assert(
      fc.property(commands, (raw) => {
        const command = parseCommand(raw);
        if (command === null) return;
        if (command.type === MSG.checkNow) {
          onlyKeys(command, ['type', 'accountId']);
          check(command.accountId === undefined || typeof command.accountId === 'string', 'accountId', command);
          return;
        }
        onlyKeys(command, ['type', 'account', 'exportApiKey']);
        check(command.type === MSG.testAccount, 'type', command);
        expectAccount(command.account);
        check(!JSON.stringify(command.account).includes(SECRET_MARKER), 'a secret in the account', command);
        check(
          command.exportApiKey === undefined ||
            (command.exportApiKey !== '' && command.exportApiKey === command.exportApiKey.trim()),
          'exportApiKey',
          command,
        );
      }),
      RUNS,
    );
  });

  it('never loses a "Check now", whatever else the message holds', () => {
    fc.assert(
      fc.property(fc.record({ accountId: hostile, extra: hostile }, { requiredKeys: [] }), (rest) => {
        expect(parseCommand({ ...rest, type: MSG.checkNow })).toMatchObject({ type: MSG.checkNow });
      }),
      RUNS,
    );
  });
});
