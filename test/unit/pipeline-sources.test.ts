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
  MAX_LOOKUPS,
} from '../../src/background/sources/airbyte';
import {
  FIVETRAN_ACCEPT,
  FIVETRAN_PAGE_SIZE,
  fetchFivetran,
  fivetranSetupPage,
} from '../../src/background/sources/fivetran';
import { MAX_PAGES, readPages } from '../../src/background/sources/pipeline-http';
import { UNREADABLE_STATUS } from '../../src/core/pipeline-page';
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
import type { FeedRecord, FeedResult, Integration, IntegrationState, ListData } from '../../src/core/types';
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

/**
 * Requests to URLs that `matches` are answered by `answer` (given the simulator's own answer), the rest go
 * to the simulator unchanged.
 */
function answerWith(matches: (url: URL) => boolean, answer: (real: () => Promise<Response>) => Promise<Response>) {
  const real = globalThis.fetch.bind(globalThis);
  return vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation((input, init) =>
      matches(new URL(urlOf(input))) ? answer(() => real(input, init)) : real(input, init),
    );
}

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

  it('stops when a later page points back to the first, with no repeated id read as two connections', async () => {
    sim.seedPipeline('airbyte', 250);
    answerWith(
      (url) => url.pathname.endsWith('/connections') && url.searchParams.get('offset') === '100',
      async (real) => {
        const body = (await (await real()).json()) as { next?: string };
        return Response.json({ ...body, next: body.next?.replace(/offset=\d+/, 'offset=0') });
      },
    );
    const list = listOf(await read('airbyte'));
    expect(list.integrations).toHaveLength(200);
    expect(list.anomalies).toContainEqual(expect.stringMatching(/pointed back to a page already read/));
    expect(list.anomalies).not.toContainEqual(expect.stringMatching(/share the id/));
  });

  it('watches an element that could not be read on a later page beside one of the first, not in its place', async () => {
    const unreadable = (id: string): Integration => ({
      id,
      name: `Connection ${id} (could not be read)`,
      type: 'airbyte',
      provider: 'Airbyte',
      kind: 'unknown',
      state: 'unknown',
      rawStatus: UNREADABLE_STATUS,
    });
    const pages = [
      {
        integrations: [unreadable('#1'), { ...unreadable('a'), rawStatus: 'status=active', state: 'ok' as const }],
        next: 2,
      },
      { integrations: [unreadable('#1')] },
    ];
    const list = await readPages<number>(
      (page) => Promise.resolve({ ok: true, page: pages[(page ?? 1) - 1]! }),
      'connection',
      1,
    );
    expect(list).toEqual({
      ok: true,
      integrations: [
        expect.objectContaining({ id: '#1' }),
        expect.objectContaining({ id: 'a' }),
        expect.objectContaining({ id: '#2.1' }),
      ],
      anomalies: [],
    });
  });

  it('sends no Stitch token that a header cannot carry', async () => {
    const spy = watchRequests();
    const account = accountOf('stitch');
    const result = await fetchStitch(account, { ...keyOf(account), exportApiKey: 'token with\nnewline' }, {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'key-rejected' } });
    expect(spy).not.toHaveBeenCalled();
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

  it('asks for a new token when the one in use runs out during a long read', async () => {
    sim.seedPipeline('airbyte', 250);
    const account = accountOf('airbyte');
    // Each request finds the clock a minute later: a 3-minute token (used for 2.5) serves three of them.
    let clock = T0;
    const result = await fetchAirbyte(account, keyOf(account), { now: () => (clock += 60 * SECOND) });
    expect(listOf(result).integrations).toHaveLength(250);
    expect(sim.pipelines().airbyteTokensIssued).toBeGreaterThan(1);
  });

  it('reads a connection whose own jobs could not be read by its status alone, and says so; the others keep theirs', async () => {
    sim.seedPipeline('airbyte', 250);
    const account = accountOf('airbyte');
    const whole = listOf(await fetchAirbyte(account, keyOf(account), { now: () => T0 }));
    forgetAirbyteTokens();
    answerWith(
      (url) => url.pathname.endsWith('/jobs') && url.searchParams.has('connectionId'),
      () => Promise.resolve(new Response('', { status: 500 })),
    );
    const list = listOf(await fetchAirbyte(account, keyOf(account), { now: () => T0 }));
    // Those looked up one by one lost their last job's verdict, and only they; the anomalies name them (five
    // kept word for word, the rest counted).
    const changed = list.integrations.filter((c, n) => JSON.stringify(c) !== JSON.stringify(whole.integrations[n]));
    expect(changed).toHaveLength(MAX_LOOKUPS);
    for (const c of changed) expect(c.rawStatus).not.toMatch(/last job=/);
    const named = (list.anomalies ?? []).flatMap((a) => /^The jobs of "(.+)" could not be read;/.exec(a)?.[1] ?? []);
    expect(named).toHaveLength(5);
    expect(changed.map((c) => c.name)).toEqual(expect.arrayContaining(named));
  });

  it('fails the whole read when the token is refused while looking up one connection', async () => {
    sim.seedPipeline('airbyte', 250);
    const account = accountOf('airbyte');
    answerWith(
      (url) => url.pathname.endsWith('/jobs') && url.searchParams.has('connectionId'),
      () => Promise.resolve(new Response('', { status: 401 })),
    );
    const result = await fetchAirbyte(account, keyOf(account), { now: () => T0 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'key-rejected' } });
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
