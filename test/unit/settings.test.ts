import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MBI_API_ORIGIN,
  MBI_APP_ORIGIN,
  parseClientId,
  parseOrigin,
  parseSettings,
} from '../../src/core/settings';

describe('parseSettings', () => {
  it.each([{ stored: undefined }, { stored: null }, { stored: 'garbage' }, { stored: [] }, { stored: {} }])(
    'falls back to the defaults for $stored',
    ({ stored }) => {
      expect(parseSettings(stored)).toEqual(DEFAULT_SETTINGS);
    },
  );

  it.each([
    { pollMinutes: 0, expected: 1 },
    { pollMinutes: 0.5, expected: 1 },
    { pollMinutes: 15, expected: 15 },
    { pollMinutes: 1000, expected: 60 },
    { pollMinutes: -5, expected: 1 },
    { pollMinutes: '10', expected: 5 },
    { pollMinutes: Number.NaN, expected: 5 },
    { pollMinutes: null, expected: 5 },
  ])('polls every $expected minutes when $pollMinutes is stored', ({ pollMinutes, expected }) => {
    expect(parseSettings({ pollMinutes }).pollMinutes).toBe(expected);
  });

  it.each([
    { staleHours: 0, expected: 1 },
    { staleHours: 2.6, expected: 3 },
    { staleHours: 48, expected: 48 },
    { staleHours: 10_000, expected: 336 },
    { staleHours: 'a day', expected: 26 },
  ])('calls data stale after $expected hours when $staleHours is stored', ({ staleHours, expected }) => {
    expect(parseSettings({ staleHours }).staleHours).toBe(expected);
  });

  it.each([
    { paused: true, expected: true },
    { paused: 'yes', expected: false },
    { paused: 1, expected: false },
  ])('is paused=$expected when $paused is stored', ({ paused, expected }) => {
    expect(parseSettings({ paused }).paused).toBe(expected);
  });

  it("fills an account's missing fields with MBI's own hosts and a readable label", () => {
    expect(parseSettings({ accounts: [{ clientId: '194' }] }).accounts).toEqual([
      {
        id: 'mbi-194-0',
        label: 'MBI 194',
        clientId: '194',
        appOrigin: MBI_APP_ORIGIN,
        apiOrigin: MBI_API_ORIGIN,
        enabled: true,
      },
    ]);
  });

  it('keeps a valid local origin and a disabled account', () => {
    const [account] = parseSettings({
      accounts: [
        {
          id: 'sim',
          label: '  Simulator  ',
          clientId: '00194',
          appOrigin: 'http://127.0.0.1:8127',
          apiOrigin: 'http://127.0.0.1:8127',
          enabled: false,
        },
      ],
    }).accounts;
    expect(account).toEqual({
      id: 'sim',
      label: 'Simulator',
      clientId: '194',
      appOrigin: 'http://127.0.0.1:8127',
      apiOrigin: 'http://127.0.0.1:8127',
      enabled: false,
    });
  });

  it.each([
    { what: 'a plain http app host', appOrigin: 'http://evil.example', apiOrigin: MBI_API_ORIGIN },
    { what: 'an API host with user info', appOrigin: MBI_APP_ORIGIN, apiOrigin: 'https://user:pw@api.example' },
  ])("drops an account with $what rather than pointing it at MBI's own hosts", ({ appOrigin, apiOrigin }) => {
    expect(parseSettings({ accounts: [{ clientId: '194', appOrigin, apiOrigin }] }).accounts).toEqual([]);
  });

  it("gives an account without hosts MBI's own", () => {
    expect(parseSettings({ accounts: [{ clientId: '194' }] }).accounts[0]).toMatchObject({
      appOrigin: MBI_APP_ORIGIN,
      apiOrigin: MBI_API_ORIGIN,
    });
  });

  it('cuts a long label to 80 characters', () => {
    expect(parseSettings({ accounts: [{ clientId: '194', label: 'x'.repeat(300) }] }).accounts[0]?.label).toHaveLength(
      80,
    );
  });

  it.each([
    { what: 'null', account: null },
    { what: 'a string', account: '194' },
    { what: 'no client id', account: { label: 'Main store' } },
    { what: 'a non-numeric client id', account: { clientId: 'abc' } },
    { what: 'an empty client id', account: { clientId: '' } },
  ])('drops an account with $what and keeps the others', ({ account }) => {
    const parsed = parseSettings({ accounts: [account, { id: 'main', clientId: '194' }] });
    expect(parsed.accounts.map((s) => s.id)).toEqual(['main']);
  });

  it('keeps both of two accounts with the same id, the later renamed', () => {
    const parsed = parseSettings({
      accounts: [
        { id: 'main', clientId: '194', label: 'First' },
        { id: 'main', clientId: '195', label: 'Second' },
      ],
    });
    expect(parsed.accounts.map((s) => [s.id, s.label])).toEqual([
      ['main', 'First'],
      ['main-2', 'Second'],
    ]);
  });

  it('drops keys it does not know', () => {
    const parsed = parseSettings({ theme: 'dark', pollMinutes: 10 });
    expect(parsed).not.toHaveProperty('theme');
    expect(Object.keys(parsed).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});

describe('the status page parts of an account', () => {
  const accountWith = (part: Record<string, unknown>) =>
    parseSettings({ accounts: [{ id: 'main', clientId: '194', ...part }] }).accounts[0];

  it.each([
    { stored: 'NA45', kept: 'NA45' },
    { stored: ' na45 ', kept: 'na45' },
    { stored: 'USA2S', kept: 'USA2S' },
    { stored: 'EU12P', kept: 'EU12P' },
    { stored: 'NA-45;', kept: undefined },
    { stored: 'NA45/../x', kept: undefined },
    { stored: '45', kept: undefined },
    { stored: '', kept: undefined },
    { stored: 45, kept: undefined },
  ])('keeps the Salesforce instance $stored as $kept', ({ stored, kept }) => {
    expect(accountWith({ salesforceInstance: stored })?.salesforceInstance).toBe(kept);
  });

  it.each([
    { stored: 'us-east-1', kept: 'us-east-1' },
    { stored: 'ap-southeast-2', kept: 'ap-southeast-2' },
    { stored: 'us-gov-west-1', kept: 'us-gov-west-1' },
    { stored: 'useast', kept: undefined },
    { stored: 'US-EAST-1', kept: undefined },
    { stored: 'us-east-1/x', kept: undefined },
    { stored: null, kept: undefined },
  ])('keeps the AWS region $stored as $kept', ({ stored, kept }) => {
    expect(accountWith({ awsRegion: stored })?.awsRegion).toBe(kept);
  });

  it('keeps the account itself when a part is dropped', () => {
    expect(accountWith({ salesforceInstance: 'NA-45;', awsRegion: 'useast' })).toMatchObject({ id: 'main' });
  });
});

describe('parseOrigin', () => {
  it.each([
    { input: 'dashboard.rjmetrics.com', origin: 'https://dashboard.rjmetrics.com' },
    { input: '  DASHBOARD.rjmetrics.com  ', origin: 'https://dashboard.rjmetrics.com' },
    { input: 'https://dashboard.rjmetrics.com', origin: 'https://dashboard.rjmetrics.com' },
    { input: 'https://dashboard.rjmetrics.com/', origin: 'https://dashboard.rjmetrics.com' },
    { input: 'mbi.example.com:8443', origin: 'https://mbi.example.com:8443' },
    { input: 'https://127.0.0.1', origin: 'https://127.0.0.1' },
    { input: 'http://127.0.0.1:8127', origin: 'http://127.0.0.1:8127' },
    { input: 'http://localhost:8127/', origin: 'http://localhost:8127' },
  ])('accepts "$input" as $origin', ({ input, origin }) => {
    expect(parseOrigin(input)).toEqual({ ok: true, value: origin });
  });

  it.each([
    { input: '', reason: 'Enter a host' },
    { input: '   ', reason: 'Enter a host' },
    { input: 'http://dashboard.rjmetrics.com', reason: 'must use https' },
    { input: 'http://127.0.0.2', reason: 'must use https' },
    { input: 'http://localhost.evil.com', reason: 'must use https' },
    { input: 'ftp://dashboard.rjmetrics.com', reason: 'must use https' },
    { input: 'https://dashboard.rjmetrics.com/v2/session/create', reason: 'without a path' },
    { input: 'https://dashboard.rjmetrics.com?client=194', reason: 'without a path' },
    { input: 'https://dashboard.rjmetrics.com#top', reason: 'without a path' },
    { input: 'https://user:pw@dashboard.rjmetrics.com', reason: 'user name or password' },
    { input: 'admin@dashboard.rjmetrics.com', reason: 'user name or password' },
    { input: 'https://', reason: 'not a valid host' },
    { input: 'javascript:alert(1)', reason: 'not a valid host' },
  ])('refuses "$input": "$reason…"', ({ input, reason }) => {
    const parsed = parseOrigin(input);
    expect(parsed.ok ? '' : parsed.error).toContain(reason);
  });
});

describe('parseClientId', () => {
  it.each([
    { input: '194', expected: '194' },
    { input: ' 194 ', expected: '194' },
    { input: '00194', expected: '194' },
    { input: '123456789012', expected: '123456789012' },
  ])('reads "$input" as client $expected', ({ input, expected }) => {
    expect(parseClientId(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    { input: '' },
    { input: 'abc' },
    { input: '-1' },
    { input: '19.4' },
    { input: '1e3' },
    { input: '1234567890123' },
  ])('refuses "$input" and gives an example', ({ input }) => {
    expect(parseClientId(input)).toEqual({ ok: false, error: 'The client id is a number, e.g. 194.' });
  });
});
