// The Fivetran, Airbyte and Stitch adapters and the poll engine over them, run against the simulator's
// APIs in this process: every page read to the end or to the cap, each fault read as its error, Airbyte's
// token kept in memory only, and re-authorization links built only from ids that can stand in a path.
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { openWatchDb } from '../../src/background/db';
import type { RequestLimits } from '../../src/background/http';
import { pollDue } from '../../src/background/poll';
import {
  AIRBYTE_PAGE_SIZE,
  airbyteConnectionPage,
  fetchAirbyte,
  forgetAirbyteTokens,
} from '../../src/background/sources/airbyte';
import {
  FIVETRAN_ACCEPT,
  FIVETRAN_PAGE_SIZE,
  fetchFivetran,
  fivetranSetupPage,
} from '../../src/background/sources/fivetran';
import { MAX_PAGES } from '../../src/background/sources/pipeline-http';
import { fetchStitch, MAX_EXTRACTION_PAGES, stitchSourcePage } from '../../src/background/sources/stitch';
import { bindKey } from '../../src/core/key-binding';
import {
  DEFAULT_SETTINGS,
  originPattern,
  parseSettings,
  PIPELINE_NAMES,
  type AccountSettings,
  type OtherPipeline,
  type StoredKey,
} from '../../src/core/settings';
import type { FeedRecord, FeedResult, IntegrationState, ListData } from '../../src/core/types';
import { safeUrl } from '../../src/core/url-safety';
import { RETRY_AFTER_SECONDS } from '../simulator/faults';
import { PIPELINE_CREDENTIALS, type PipelineFault } from '../simulator/pipelines';
import { AIRBYTE_WORKSPACE_ID, STITCH_CLIENT_ID } from '../simulator/pipelines-data';
import { startSimulator, type Simulator } from '../simulator/server';
import { grantHostAccess, urlOf } from './fixtures';

const T0 = Date.parse('2026-12-01T09:00:00Z');
const SECOND = 1000;
const PIPELINES = ['fivetran', 'airbyte', 'stitch'] as const;
/** Where each pipeline's API sits on the simulator's origin. */
const API_PATH: Record<OtherPipeline, string> = { fivetran: '/fivetran/v1', airbyte: '/airbyte/v1', stitch: '/stitch' };
const FETCH = { fivetran: fetchFivetran, airbyte: fetchAirbyte, stitch: fetchStitch };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.reset();
  forgetAirbyteTokens();
});

/** An account of the pipeline as the settings read it: the simulator's API, the vendor's own app. */
function accountOf(pipeline: OtherPipeline): AccountSettings {
  const [account] = parseSettings({
    accounts: [{ id: pipeline, pipeline, apiBase: sim.url + API_PATH[pipeline] }],
  }).accounts;
  if (!account) throw new Error(`The settings refused a ${pipeline} account on ${sim.url}.`);
  return account;
}

/** The credentials the simulator accepts, bound to the account as the options page binds them. */
function keyOf(account: AccountSettings): StoredKey {
  const { fivetran, airbyte, stitch } = PIPELINE_CREDENTIALS;
  if (account.pipeline === 'fivetran') return bindKey(fivetran.apiKey, account, fivetran.apiSecret);
  if (account.pipeline === 'airbyte') return bindKey(airbyte.clientId, account, airbyte.clientSecret);
  return bindKey(stitch.token, account);
}

function read(pipeline: OtherPipeline, limits: RequestLimits = {}): Promise<FeedResult<ListData>> {
  const account = accountOf(pipeline);
  return FETCH[pipeline](account, keyOf(account), limits);
}

function listOf(result: FeedResult<ListData>): ListData {
  if (!result.ok) throw new Error(`Expected a list, got ${JSON.stringify(result.error)}`);
  return result.data;
}

const stateOf = (list: ListData, id: string) => list.integrations.find((i) => i.id === id)?.state;

/** Each request the adapters sent, passed on to the simulator unchanged. */
const watchRequests = () => vi.spyOn(globalThis, 'fetch');

function sentTo(spy: MockInstance<typeof fetch>, path: string): { url: URL; headers: Headers }[] {
  return spy.mock.calls
    .map(([input, init]) => ({ url: new URL(urlOf(input)), headers: new Headers(init?.headers) }))
    .filter((request) => request.url.pathname.startsWith(path));
}

/** What the simulator's own reading of a connection means in our states (DOMAIN-NEXT §3.4). */
const FIVETRAN_STATES: Readonly<Record<string, IntegrationState>> = {
  ok: 'ok',
  paused: 'paused',
  reconnect: 'needs-reauth',
  broken: 'failing',
  warnings: 'failing',
};
function airbyteState(label: string): IntegrationState {
  if (label.startsWith('inactive: ')) return 'needs-reauth';
  if (label === 'inactive') return 'paused';
  return /failed|incomplete/.test(label) ? 'failing' : 'ok';
}

describe('every page, to the end', () => {
  it('reads 2,500 Fivetran connections in 3 pages of 1,000, each asked for with version 2 of the API', async () => {
    sim.seedPipeline('fivetran', 2_500);
    const spy = watchRequests();
    const list = listOf(await read('fivetran'));

    expect(list.integrations).toHaveLength(2_500);
    expect(list.anomalies).toBeUndefined();
    const seen = new Map(list.integrations.map((i) => [i.id, i.state]));
    const simulated = sim.pipelines().connections.fivetran;
    expect(simulated.filter((c) => seen.get(c.id) !== FIVETRAN_STATES[c.state])).toEqual([]);
    const requests = sentTo(spy, '/fivetran/');
    expect(requests.map((r) => r.url.searchParams.get('limit'))).toEqual(['1000', '1000', '1000']);
    expect(requests.map((r) => r.url.searchParams.has('cursor'))).toEqual([false, true, true]);
    const { apiKey, apiSecret } = PIPELINE_CREDENTIALS.fivetran;
    for (const { headers } of requests) {
      expect(headers.get('accept')).toBe(FIVETRAN_ACCEPT);
      expect(headers.get('authorization')).toBe(`Basic ${btoa(`${apiKey}:${apiSecret}`)}`);
    }
  });

  it('sends nothing to Fivetran without the secret of the key', async () => {
    const spy = watchRequests();
    const account = accountOf('fivetran');
    const result = await fetchFivetran(account, bindKey(PIPELINE_CREDENTIALS.fivetran.apiKey, account), {});

    expect(result).toMatchObject({ ok: false, error: { kind: 'key-rejected' } });
    expect(spy).not.toHaveBeenCalled();
  });

  it("reads 250 Airbyte connections in pages of 100, each with its last sync's verdict", async () => {
    sim.seedPipeline('airbyte', 250);
    const spy = watchRequests();
    const list = listOf(await read('airbyte'));

    expect(list.integrations).toHaveLength(250);
    const seen = new Map(list.integrations.map((i) => [i.id, i.state]));
    const simulated = sim.pipelines().connections.airbyte;
    expect(simulated.filter((c) => seen.get(c.id) !== airbyteState(c.state))).toEqual([]);
    const pages = sentTo(spy, '/airbyte/v1/connections').map((r) => r.url.searchParams.get('offset'));
    expect(pages).toEqual(['0', '100', '200']);
  });

  const PAST_CAP = new RegExp(`goes on past ${MAX_PAGES} pages`);
  it.each([
    { pipeline: 'fivetran', watched: MAX_PAGES * FIVETRAN_PAGE_SIZE, anomaly: PAST_CAP },
    { pipeline: 'airbyte', watched: MAX_PAGES * AIRBYTE_PAGE_SIZE, anomaly: PAST_CAP },
    // Stitch lists its sources on one page (6 of the seed's 7; one is deleted); its extractions are paged.
    { pipeline: 'stitch', watched: 6, anomaly: new RegExp(`extractions go on past ${MAX_EXTRACTION_PAGES} pages`) },
  ] as const)(
    '$pipeline: a list without end stops at the cap, says so and keeps the $watched read',
    async ({ pipeline, watched, anomaly }) => {
      sim.setPipelineFault(pipeline, 'endless-pages');
      const list = listOf(await read(pipeline));

      expect(list.integrations).toHaveLength(watched);
      expect(new Set(list.integrations.map((i) => i.id)).size).toBe(watched);
      expect(list.anomalies).toEqual(expect.arrayContaining([expect.stringMatching(anomaly)]));
    },
  );
});

describe('faults', () => {
  const FAULTS: { fault: PipelineFault; kind: string }[] = [
    { fault: '401', kind: 'key-rejected' },
    { fault: '429', kind: 'rate-limited' },
    { fault: '500', kind: 'server-error' },
    { fault: 'malformed', kind: 'format-changed' },
    { fault: 'slow', kind: 'timeout' },
  ];
  const CASES = PIPELINES.flatMap((pipeline) => FAULTS.map((f) => ({ pipeline, ...f })));

  it.each(CASES)('$pipeline answering $fault reads as $kind', async ({ pipeline, fault, kind }) => {
    sim.setPipelineFault(pipeline, fault);
    const result = await read(pipeline, { timeoutMs: 300, now: () => T0 });

    expect(result).toMatchObject({ ok: false, error: { kind } });
    if (result.ok) return;
    // A timeout is the same whoever did not answer; everything else says who answered.
    if (kind !== 'timeout') expect(result.error.message).toContain(PIPELINE_NAMES[pipeline]);
    if (kind === 'rate-limited') expect(result.error.retryAt).toBe(T0 + RETRY_AFTER_SECONDS * SECOND);
  });

  it('reads a redirected Airbyte token request as a refused credential, not as a sign-in to MBI', async () => {
    const real = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) =>
      urlOf(input).endsWith('/applications/token')
        ? Promise.resolve(new Response(null, { status: 302, headers: { location: 'https://cloud.airbyte.com/' } }))
        : real(input, init),
    );

    expect(await read('airbyte')).toEqual({
      ok: false,
      error: { kind: 'key-rejected', message: 'Airbyte redirected the request.', httpStatus: 302 },
    });
  });
});

describe('the poll engine over pipeline accounts', () => {
  beforeEach(() => {
    grantHostAccess(originPattern(sim.url));
  });

  /** One poll of the accounts at `at`, from the records of the last one. */
  async function pollAt(at: number, accounts: readonly AccountSettings[], records: readonly FeedRecord[] = []) {
    const settings = { ...DEFAULT_SETTINGS, accounts: [...accounts] };
    const secrets = Object.fromEntries(accounts.map((a) => [a.id, keyOf(a)]));
    const clock = { now: () => at, random: () => 0.5 };
    return pollDue(await openWatchDb(), { settings, secrets, records }, { force: false }, clock);
  }

  const recordOf = (records: readonly FeedRecord[], accountId: string) =>
    records.find((r) => r.accountId === accountId);

  it('records a refused key for the Fivetran account alone, and reads the Stitch account beside it', async () => {
    sim.setPipelineFault('fivetran', '401');
    const records = await pollAt(T0, [accountOf('fivetran'), accountOf('stitch')]);

    expect(recordOf(records, 'fivetran')?.error).toEqual({
      kind: 'key-rejected',
      message: 'Fivetran answered HTTP 401.',
      httpStatus: 401,
    });
    expect(recordOf(records, 'stitch')).toMatchObject({ failures: 0, data: { feed: 'stitch' } });
    expect(recordOf(records, 'stitch')?.error).toBeUndefined();
  });

  it('leaves a rate-limited Fivetran account alone until Retry-After, even when asked to check now', async () => {
    const fivetran = accountOf('fivetran');
    sim.setPipelineFault('fivetran', '429', { retryAfterSeconds: 120 });
    let records = await pollAt(T0, [fivetran]);
    expect(recordOf(records, 'fivetran')).toMatchObject({
      error: { kind: 'rate-limited', retryAt: T0 + 120 * SECOND },
      notBefore: T0 + 120 * SECOND,
    });
    sim.setPipelineFault('fivetran', 'none');

    const settings = { ...DEFAULT_SETTINGS, accounts: [fivetran] };
    const input = { settings, secrets: { fivetran: keyOf(fivetran) }, records };
    const clock = { now: () => T0 + 119 * SECOND, random: () => 0.5 };
    records = await pollDue(await openWatchDb(), input, { force: true }, clock);
    expect(sim.pipelineRequests().fivetran).toBe(1);
    expect(recordOf(records, 'fivetran')?.error?.kind).toBe('rate-limited');

    records = await pollAt(T0 + 120 * SECOND, [fivetran], records);
    expect(sim.pipelineRequests().fivetran).toBe(2);
    expect(recordOf(records, 'fivetran')).toMatchObject({ failures: 0, lastSuccessAt: T0 + 120 * SECOND });
  });

  it('asks Airbyte for one token for the polls within its lifetime, and for a new one after it', async () => {
    const airbyte = [accountOf('airbyte')];
    let records: FeedRecord[] = [];
    for (const seconds of [0, 60, 119]) records = await pollAt(T0 + seconds * SECOND, airbyte, records);
    expect(sim.pipelines().airbyteTokensIssued).toBe(1);

    // Airbyte's tokens live 3 minutes; the last 30 s of one are not used.
    records = await pollAt(T0 + 151 * SECOND, airbyte, records);
    expect(sim.pipelines().airbyteTokensIssued).toBe(2);
    expect(recordOf(records, 'airbyte')).toMatchObject({ failures: 0, lastSuccessAt: T0 + 151 * SECOND });
  });

  it('replaces a token that Airbyte stopped accepting before its time, within the same poll', async () => {
    const airbyte = [accountOf('airbyte')];
    let records = await pollAt(T0, airbyte);
    sim.expireAirbyteTokens();
    records = await pollAt(T0 + 10 * SECOND, airbyte, records);

    expect(sim.pipelines().airbyteTokensIssued).toBe(2);
    expect(recordOf(records, 'airbyte')).toMatchObject({ failures: 0, lastSuccessAt: T0 + 10 * SECOND });
  });

  it('never answers for a mistyped secret with a token of the right one', async () => {
    const account = accountOf('airbyte');
    expect((await fetchAirbyte(account, keyOf(account), { now: () => T0 })).ok).toBe(true);
    const typo = { ...keyOf(account), secret: 'sim-airbyte-secreT' };
    const result = await fetchAirbyte(account, typo, { now: () => T0 + SECOND });
    expect(result).toMatchObject({ ok: false, error: { kind: 'key-rejected' } });
    // One token for the right secret, one refused request for the wrong one: no second try with it.
    expect(sim.pipelines().airbyteTokensIssued).toBe(1);
  });

  it('looks up the jobs of a connection whose last sync is not among the latest, and reads its verdict', async () => {
    const spy = watchRequests();
    const account = accountOf('airbyte');
    const list = listOf(await fetchAirbyte(account, keyOf(account), { now: () => T0 }));
    const looked = sentTo(spy, `${API_PATH.airbyte}/jobs`).filter((r) => r.url.searchParams.has('connectionId'));
    // The seed's latest jobs name every connection that ever ran: nothing to look up one by one.
    expect(looked.map((r) => r.url.searchParams.get('connectionId'))).toEqual(
      list.integrations.filter((c) => !/last job=/.test(c.rawStatus)).map((c) => c.id),
    );
  });

  it('keeps the Airbyte token out of storage and IndexedDB', async () => {
    const spy = watchRequests();
    const airbyte = [accountOf('airbyte')];
    await pollAt(T0, airbyte, await pollAt(T0 - 60 * SECOND, airbyte));

    const tokens = new Set(
      sentTo(spy, '/airbyte/v1/')
        .map((r) => /^Bearer (.+)$/.exec(r.headers.get('authorization') ?? '')?.[1])
        .filter((token) => token !== undefined),
    );
    expect(tokens.size).toBe(1);
    const db = await openWatchDb();
    const rows = await Promise.all([...db.objectStoreNames].map((store) => db.getAll(store)));
    const areas = await Promise.all(
      [fakeBrowser.storage.local, fakeBrowser.storage.sync, fakeBrowser.storage.session].map((area) => area.get()),
    );
    const stored = JSON.stringify([rows, areas]);
    expect(stored).toContain('Stripe → Snowflake');
    for (const token of tokens) expect(stored).not.toContain(token);
  });
});

describe('Stitch', () => {
  it('asks for the extractions of the client its sources name, and none when there is no source', async () => {
    let spy = watchRequests();
    const list = listOf(await read('stitch'));
    expect(new Set(list.integrations.map((i) => i.group))).toEqual(new Set([String(STITCH_CLIENT_ID)]));
    expect(sentTo(spy, '/stitch/v4/').map((r) => r.url.pathname)).toContain(
      `/stitch/v4/${STITCH_CLIENT_ID}/extractions`,
    );

    spy.mockRestore();
    sim.seedPipeline('stitch', 0);
    spy = watchRequests();
    expect(listOf(await read('stitch')).integrations).toEqual([]);
    expect(sentTo(spy, '/stitch/v4/').map((r) => r.url.pathname)).toEqual(['/stitch/v4/sources']);
  });

  it("reads a source whose last extraction failed as failing, with the tap's error", async () => {
    const hubspot = listOf(await read('stitch')).integrations.find((i) => i.id === '124398');

    expect(hubspot).toMatchObject({ name: 'HubSpot', state: 'failing' });
    expect(hubspot?.detail).toMatch(/^The last extraction failed: .*502 Server Error/);
  });

  it('asks to re-authorize a failing source whose last connection check failed on its password', async () => {
    // PostgreSQL's last check failed on "password authentication failed"; MySQL's passed.
    sim.setPipelineConnection('stitch', 120643, 'broken');
    sim.setPipelineConnection('stitch', 123903, 'broken');
    const spy = watchRequests();
    const list = listOf(await read('stitch'));

    expect(stateOf(list, '120643')).toBe('needs-reauth');
    expect(list.integrations.find((i) => i.id === '120643')?.detail).toMatch(/password authentication failed/);
    expect(stateOf(list, '123903')).toBe('failing');
    const checks = sentTo(spy, '/stitch/v4/sources/').map((r) => r.url.pathname);
    expect(checks).toEqual(
      expect.arrayContaining([
        '/stitch/v4/sources/120643/last-connection-check',
        '/stitch/v4/sources/123903/last-connection-check',
      ]),
    );
  });
});

describe('re-authorization links', () => {
  it.each(PIPELINES)(
    '%s: each connection read links to its own page, on a host the extension opens',
    async (pipeline) => {
      const account = accountOf(pipeline);
      const list = listOf(await read(pipeline));
      const pages = list.integrations.map((integration) => ({
        integration,
        url:
          pipeline === 'fivetran'
            ? fivetranSetupPage(account, integration)
            : pipeline === 'airbyte'
              ? airbyteConnectionPage(account, integration)
              : stitchSourcePage(account, integration),
      }));

      expect(pages.length).toBeGreaterThan(5);
      for (const { integration, url } of pages) {
        expect(safeUrl(url)).toBe(url);
        expect(new URL(url).pathname.split('/')).toContain(integration.id);
      }
    },
  );

  const HOSTILE = ['../admin', 'a/b', 'x?next=1', 'x#top', '%2e%2e', 'évé', 'two words', '', 'a'.repeat(65), 'a:b'];

  it.each(HOSTILE.map((id) => ({ id })))('an id like $id leads to the start page, never into a path', ({ id }) => {
    const fivetran = accountOf('fivetran');
    const airbyte = accountOf('airbyte');
    const stitch = accountOf('stitch');
    const links = [
      [fivetranSetupPage(fivetran, { id }), 'https://fivetran.com/dashboard'],
      [airbyteConnectionPage(airbyte, { id, group: id }), 'https://cloud.airbyte.com/'],
      [
        airbyteConnectionPage(airbyte, { id, group: AIRBYTE_WORKSPACE_ID }),
        `https://cloud.airbyte.com/workspaces/${AIRBYTE_WORKSPACE_ID}/connections`,
      ],
      [stitchSourcePage(stitch, { id, group: String(STITCH_CLIENT_ID) }), 'https://app.stitchdata.com/'],
      [stitchSourcePage(stitch, { id: '122635', group: id }), 'https://app.stitchdata.com/'],
    ];
    for (const [url, fallback] of links) {
      expect(url).toBe(fallback);
      expect(safeUrl(url ?? '')).toBe(url);
    }
  });
});
