// Accounts of Fivetran, Airbyte and Stitch beside MBI's: settings, keys, the view, the badge, the popup's
// model, links and the support summary.
import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { issueTexts } from '../../src/core/issues';
import { bindKey, keyFor, reconcileKeys, storedKeyFor } from '../../src/core/key-binding';
import { integrationsPageUrl } from '../../src/core/links';
import { applyManaged, parseManaged } from '../../src/core/managed';
import { migrate } from '../../src/core/migrations';
import { buildPopupModel } from '../../src/core/popup-build';
import {
  accountOrigins,
  parseApiBase,
  parseSecrets,
  parseSettings,
  type AccountSettings,
} from '../../src/core/settings';
import { supportSummary } from '../../src/core/support-summary';
import type { FeedRecord, Integration } from '../../src/core/types';
import { safeUrl } from '../../src/core/url-safety';
import { deriveView } from '../../src/core/view';
import { sourcesFor } from '../../src/background/sources';
import { SUPPORT_PAGES } from '../../src/background/sources/pipeline-http';
import { connectionsRecord } from './fixtures';

const NOW = Date.UTC(2026, 10, 30, 12);
const HOUR = 3_600_000;

const settings = parseSettings({
  accounts: [
    { id: 'loads', label: 'Warehouse loads', pipeline: 'fivetran' },
    { id: 'main', label: 'Main store', clientId: '194' },
    { id: 'sync', label: 'Events', pipeline: 'airbyte', apiBase: 'airbyte.example.com/api/public/v1/' },
    { id: 'stitch', label: 'Legacy', pipeline: 'stitch' },
  ],
});

function connection(id: string, extra: Partial<Integration> = {}): Integration {
  return {
    id,
    name: `Connection ${id}`,
    type: 'fivetran:google_ads',
    provider: 'Google Ads',
    kind: 'oauth',
    state: 'needs-reauth',
    rawStatus: 'setup_state=broken',
    since: NOW - HOUR,
    ...extra,
  };
}

function listRecord(accountId: string, feed: string, integrations: Integration[], error?: FeedRecord['error']) {
  const record: FeedRecord = {
    key: `${accountId}:${feed}`,
    accountId,
    feed,
    lastAttemptAt: NOW,
    lastSuccessAt: NOW - (error ? HOUR : 0),
    failures: error ? 1 : 0,
    data: { feed, integrations },
  };
  if (error) record.error = error;
  return record;
}

describe('settings of the other pipelines', () => {
  it('gives each its public API base and app, no client id, and host access to the API origin only', () => {
    const [loads, , sync, stitch] = settings.accounts as [
      AccountSettings,
      AccountSettings,
      AccountSettings,
      AccountSettings,
    ];
    expect(loads).toEqual({
      id: 'loads',
      label: 'Warehouse loads',
      pipeline: 'fivetran',
      clientId: '',
      appOrigin: 'https://fivetran.com',
      apiOrigin: 'https://api.fivetran.com',
      apiBase: 'https://api.fivetran.com/v1',
      enabled: true,
    });
    expect(sync.apiBase).toBe('https://airbyte.example.com/api/public/v1');
    expect(accountOrigins(sync)).toEqual(['https://airbyte.example.com']);
    expect(stitch.apiBase).toBe('https://api.stitchdata.com');
    expect(accountOrigins(settings.accounts[1]!)).toEqual([
      'https://dashboard.rjmetrics.com',
      'https://api.rjmetrics.com',
    ]);
  });

  it.each([
    ['api.fivetran.com/v1', 'https://api.fivetran.com/v1'],
    ['https://api.fivetran.com/v1/', 'https://api.fivetran.com/v1'],
    ['http://127.0.0.1:8127/fivetran/v1', 'http://127.0.0.1:8127/fivetran/v1'],
    ['HTTPS://API.STITCHDATA.COM', 'https://api.stitchdata.com'],
  ])('reads the API base %s as %s', (input, base) => {
    expect(parseApiBase(input)).toEqual({ ok: true, value: { base, origin: new URL(base).origin } });
  });

  it.each([
    'https://api.fivetran.com/v1/../admin',
    'https://api.fivetran.com/%2e%2e/x',
    'https://api.fivetran.com/v1?x=1',
    'https://api.fivetran.com/v 1',
    'http://api.fivetran.com/v1',
    'https://*.fivetran.com/v1',
    'https://user@api.fivetran.com/v1',
    '',
  ])('refuses the API base %j', (input) => {
    expect(parseApiBase(input).ok).toBe(false);
  });

  it('drops an account of a pipeline this version does not know rather than reading it as MBI', () => {
    expect(parseSettings({ accounts: [{ id: 'x', pipeline: 'segment', clientId: '194' }] }).accounts).toEqual([]);
  });

  it('lifts version 2 settings to version 3 unchanged', () => {
    const account = { id: 'main', label: 'Main', clientId: '194' };
    expect(migrate({ version: 2, accounts: [account] })).toEqual({ version: 3, accounts: [account] });
  });

  it('polls each account with its own pipeline sources only', () => {
    expect(settings.accounts.map((a) => sourcesFor(a).map((s) => s.feed))).toEqual([
      ['fivetran'],
      ['connections', 'update-cycle'],
      ['airbyte'],
      ['stitch'],
    ]);
  });
});

describe('credentials of the other pipelines', () => {
  const loads = settings.accounts[0]!;

  it('keep the secret half, bound to the API host without a client id', () => {
    const secrets = parseSecrets({ loads: bindKey('key', loads, 'secret') });
    expect(secrets).toEqual({
      loads: { exportApiKey: 'key', secret: 'secret', apiOrigin: 'https://api.fivetran.com', clientId: '' },
    });
    expect(storedKeyFor(secrets, loads)?.secret).toBe('secret');
    expect(keyFor(secrets, loads)).toBe('key');
  });

  it('are dropped when the account names another API host', () => {
    const secrets = { loads: bindKey('key', loads, 'secret') };
    const moved = { ...loads, apiOrigin: 'https://evil.example', apiBase: 'https://evil.example/v1' };
    expect(storedKeyFor(secrets, moved)).toBeUndefined();
    expect(reconcileKeys(secrets, [moved]).kept).toEqual({});
  });

  it('never reach an MBI account, whose client id is never empty', () => {
    const mbi = { ...settings.accounts[1]!, id: 'loads', apiOrigin: 'https://api.fivetran.com' };
    expect(storedKeyFor({ loads: bindKey('key', loads, 'secret') }, mbi)).toBeUndefined();
  });
});

describe('one view, one badge, one popup', () => {
  const records = [
    connectionsRecord([connection('m1', { type: 'facebook_ads', provider: 'Facebook Ads' })], NOW, 'main'),
    listRecord('loads', 'fivetran', [
      connection('f1'),
      connection('f2', { state: 'ok' }),
      connection('f3', { state: 'failing', since: NOW - 2 * HOUR }),
    ]),
    listRecord('sync', 'airbyte', [connection('a1', { type: 'airbyte', provider: 'Airbyte', state: 'paused' })]),
  ];

  it('counts the problems of every pipeline on the badge, paused ones not', () => {
    const view = deriveView(settings, records, NOW);
    expect(view.problemCount).toBe(3);
    expect(badgeFor(view, NOW).text).toBe('3');
  });

  it('groups the accounts by pipeline, MBI first, each named with its pipeline', () => {
    const view = deriveView(settings, records, NOW);
    const { model } = buildPopupModel(view, settings, {}, {}, NOW, new Map());
    expect(model.accounts.map((a) => [a.pipeline ?? 'MBI', a.label, a.problemCount])).toEqual([
      ['MBI', 'Main store', 1],
      ['Fivetran', 'Warehouse loads', 2],
      ['Airbyte', 'Events', 0],
      ['Stitch', 'Legacy', 0],
    ]);
  });

  it("tags every section with its pipeline when several are listed, and links each row to its pipeline's status page", () => {
    const stitchRecord = listRecord('stitch', 'stitch', [
      connection('s1', { type: 'stitch:platform.mysql', provider: 'MySQL' }),
    ]);
    const view = deriveView(settings, [...records, stitchRecord], NOW);
    const { model, rows } = buildPopupModel(view, settings, {}, {}, NOW, new Map());
    expect(model.accounts.map((a) => a.tag)).toEqual(['MBI', 'Fivetran', 'Airbyte', 'Stitch']);
    const statusOf = (accountId: string) =>
      (rows[accountId] ?? []).map((e) => ('group' in e ? undefined : e.statusPage));
    expect(statusOf('main')).toEqual(['Adobe']);
    expect(statusOf('loads')).toEqual(['Fivetran', 'Fivetran']);
    expect(statusOf('stitch')).toEqual([undefined]);
    const alone = parseSettings({ accounts: [{ id: 'main', label: 'Main store', clientId: '194' }] });
    const single = buildPopupModel(deriveView(alone, [records[0]!], NOW), alone, {}, {}, NOW, new Map());
    expect(single.model.accounts[0]?.tag).toBeUndefined();
  });

  it('says a rejected key for that account only, in its vendor words', () => {
    const rejected = { kind: 'key-rejected' as const, message: 'Fivetran answered HTTP 401.', httpStatus: 401 };
    const view = deriveView(settings, [records[0]!, listRecord('loads', 'fivetran', [], rejected)], NOW);
    const { model } = buildPopupModel(view, settings, {}, {}, NOW, new Map());
    const [main, loads] = model.accounts;
    expect(main?.issue).toBeUndefined();
    expect(main?.problemCount).toBe(1);
    expect(loads?.issue).toMatchObject({ kind: 'key-rejected', title: 'Key rejected' });
    expect(loads?.issue?.advice).toMatch(/^Fivetran refused the API credentials/);
    expect(badgeFor(view, NOW).text).toBe('key');
  });

  it('words every issue that names MBI in the vendor words for a pipeline account, and keeps the rest', () => {
    expect(issueTexts('server-error', 'fivetran').title).toBe('Fivetran server error');
    expect(issueTexts('server-error').title).toBe('MBI server error');
    expect(issueTexts('permission-missing', 'airbyte').title).toBe('Host access not granted');
    expect(issueTexts('format-changed', 'stitch').actionLabel).toBe('Open Stitch');
    for (const kind of [
      'key-rejected',
      'format-changed',
      'server-error',
      'rate-limited',
      'timeout',
      'unreachable',
    ] as const)
      expect(`${issueTexts(kind, 'airbyte').title} ${issueTexts(kind, 'airbyte').advice}`).not.toContain('MBI');
  });

  it('opens the vendor connector list for "open", never an MBI page', () => {
    const [loads, main, sync] = settings.accounts;
    expect(integrationsPageUrl(loads!)).toBe('https://fivetran.com/dashboard/connectors');
    expect(integrationsPageUrl(sync!)).toBe('https://cloud.airbyte.com/');
    expect(integrationsPageUrl(main!)).toContain('/dashapp/manage-data/integrations');
    for (const account of settings.accounts) expect(safeUrl(integrationsPageUrl(account))).not.toBeNull();
  });
});

describe('support for the other pipelines', () => {
  it("opens each vendor's allow-listed support page", () => {
    for (const url of Object.values(SUPPORT_PAGES)) expect(safeUrl(url)).toBe(url);
    expect(settings.accounts.map((a) => sourcesFor(a)[0]?.supportUrl)).toEqual([
      SUPPORT_PAGES.fivetran,
      undefined,
      SUPPORT_PAGES.airbyte,
      SUPPORT_PAGES.stitch,
    ]);
  });

  it('names the vendor in the summary and no MBI client id', () => {
    const summary = supportSummary({ account: settings.accounts[0]!, integration: connection('f1'), now: NOW });
    expect(summary).toContain('Product: Fivetran\n');
    expect(summary).toContain('Account: Warehouse loads (Fivetran account)\n');
    expect(summary).toContain('Already tried: Checked the connection in Fivetran.');
    expect(summary).not.toContain('client id');
  });
});

describe('policy accounts of the other pipelines', () => {
  it('are not read: a policy cannot give their credentials, and a locked account could not take them', () => {
    const managed = parseManaged({
      accounts: [
        { label: 'Warehouse loads', pipeline: 'fivetran' },
        { label: 'Main store', clientId: '194' },
      ],
    });
    expect(managed.accounts.map((a) => [a.label, a.pipeline])).toEqual([['Main store', undefined]]);
    const merged = applyManaged(settings, managed);
    expect(merged.accounts.map((a) => [a.label, a.managed === true])).toEqual([
      ['Main store', true],
      ['Warehouse loads', false],
      ['Events', false],
      ['Legacy', false],
    ]);
  });
});
