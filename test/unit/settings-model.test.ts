// The settings model end to end: defaults, clamping, migrations, where secrets go, organization policy,
// and the export file.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { resume } from '../../src/background/page-actions';
import { BACKUP_FORMAT, exportBackup, parseBackup } from '../../src/options/backup';
import { applyManaged, ownPart, parseManaged } from '../../src/core/managed';
import { migrate } from '../../src/core/migrations';
import {
  DEFAULT_SETTINGS,
  MBI_API_ORIGIN,
  MBI_APP_ORIGIN,
  parseSettings,
  type Secrets,
  type Settings,
  type AccountSettings,
} from '../../src/core/settings';
import {
  loadOwnSettings,
  loadSecrets,
  loadSettings,
  migrateStoredSettings,
  saveSecrets,
  saveSettings,
} from '../../src/shared/storage';

const KEY = 'sim-export-key-194';
const OTHER_KEY = 'sim-export-key-2';

const VANDELAY: AccountSettings = {
  id: 'vandelay',
  label: 'Vandelay Industries',
  clientId: '194',
  appOrigin: 'https://mbi.vandelay.example',
  apiOrigin: 'https://api.vandelay.example',
  enabled: true,
};
const KRAMERICA: AccountSettings = {
  id: 'kramerica',
  label: 'Kramerica',
  clientId: '2',
  appOrigin: MBI_APP_ORIGIN,
  apiOrigin: MBI_API_ORIGIN,
  enabled: false,
};

function settingsWith(extra: Partial<Settings> = {}): Settings {
  return { ...parseSettings({}), accounts: [VANDELAY, KRAMERICA], ...extra };
}

const SECRETS: Secrets = {
  vandelay: { exportApiKey: KEY, apiOrigin: VANDELAY.apiOrigin, clientId: VANDELAY.clientId },
  kramerica: { exportApiKey: OTHER_KEY, apiOrigin: KRAMERICA.apiOrigin, clientId: KRAMERICA.clientId },
};

/** Everything sync storage holds, as one string: what would travel to the admin's other computers. */
async function syncText(): Promise<string> {
  return JSON.stringify(await fakeBrowser.storage.sync.get(null));
}

async function expectNoKeyInSync(): Promise<void> {
  const text = await syncText();
  expect(text).not.toContain(KEY);
  expect(text).not.toContain(OTHER_KEY);
}

/** The same value with the keys of every object in alphabetical order, the way Chrome's storage returns them. */
function alphabetical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(alphabetical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, alphabetical((value as Record<string, unknown>)[k])]),
  );
}

/** Counts writes to sync storage, as the worker sees them through storage.onChanged. */
function countSyncWrites(): { count: number } {
  const writes = { count: 0 };
  fakeBrowser.storage.sync.onChanged.addListener(() => {
    writes.count++;
  });
  return writes;
}

describe('defaults', () => {
  it('checks every 5 minutes, calls data stale after 26 hours and watches no account when nothing is stored', () => {
    expect(parseSettings(undefined)).toEqual({
      version: 3,
      pollMinutes: 5,
      staleHours: 26,
      escalationHours: 24,
      retentionDays: 90,
      paused: false,
      secretsInSession: false,
      notifications: { newProblem: true, recovered: true, escalation: true, quietStart: 0, quietEnd: 0 },
      deadlines: { intervalDays: 7, fixedDays: 30, off: [] },
      accounts: [],
    });
  });

  it('clamps the warning windows, keeps only plain rule ids, and a Salesforce policy of whole days', () => {
    const parsed = parseSettings({
      deadlines: {
        intervalDays: 0,
        fixedDays: 9999,
        off: ['zendesk-api-tokens', '__proto__', 7, 'zendesk-api-tokens'],
      },
      accounts: [
        { id: 'a', clientId: '1', salesforceDays: 30.4 },
        { id: 'b', clientId: '2', salesforceDays: 'soon' },
        { id: 'c', clientId: '3', salesforceDays: -5 },
      ],
    });
    expect(parsed.deadlines).toEqual({ intervalDays: 1, fixedDays: 365, off: ['zendesk-api-tokens'] });
    expect(parsed.accounts.map((a) => a.salesforceDays)).toEqual([30, undefined, 1]);
  });

  it('gives each read its own copy, so changing one never changes the defaults', () => {
    const first = parseSettings({});
    first.accounts.push(VANDELAY);
    first.notifications.quietStart = 60;
    expect(parseSettings({}).accounts).toEqual([]);
    expect(parseSettings({}).notifications.quietStart).toBe(0);
    expect(DEFAULT_SETTINGS.accounts).toEqual([]);
  });

  it('loads the defaults when sync storage holds nothing', async () => {
    expect(await loadSettings()).toEqual(parseSettings({}));
  });
});

describe('clamping of numbers', () => {
  type Row = {
    field: 'pollMinutes' | 'staleHours' | 'escalationHours' | 'retentionDays';
    stored: unknown;
    expected: number;
  };
  it.each<Row>([
    { field: 'pollMinutes', stored: 0, expected: 1 },
    { field: 'pollMinutes', stored: -10, expected: 1 },
    { field: 'pollMinutes', stored: 61, expected: 60 },
    { field: 'pollMinutes', stored: 30, expected: 30 },
    { field: 'pollMinutes', stored: '30', expected: 5 },
    { field: 'pollMinutes', stored: Number.POSITIVE_INFINITY, expected: 5 },
    { field: 'staleHours', stored: 0, expected: 1 },
    { field: 'staleHours', stored: 337, expected: 336 },
    { field: 'staleHours', stored: 2.4, expected: 2 },
    { field: 'staleHours', stored: null, expected: 26 },
    { field: 'escalationHours', stored: 0, expected: 1 },
    { field: 'escalationHours', stored: 721, expected: 720 },
    { field: 'escalationHours', stored: 1.5, expected: 2 },
    { field: 'escalationHours', stored: '48', expected: 24 },
    { field: 'escalationHours', stored: Number.NaN, expected: 24 },
    { field: 'retentionDays', stored: 6, expected: 7 },
    { field: 'retentionDays', stored: 366, expected: 365 },
    { field: 'retentionDays', stored: 30.4, expected: 30 },
    { field: 'retentionDays', stored: undefined, expected: 90 },
    { field: 'retentionDays', stored: true, expected: 90 },
  ])('reads $field $stored as $expected', ({ field, stored, expected }) => {
    expect(parseSettings({ [field]: stored })[field]).toBe(expected);
  });

  type QuietRow = { field: 'quietStart' | 'quietEnd'; stored: unknown; expected: number };
  it.each<QuietRow>([
    { field: 'quietStart', stored: -1, expected: 0 },
    { field: 'quietStart', stored: 1440, expected: 1439 },
    { field: 'quietStart', stored: 1320.6, expected: 1321 },
    { field: 'quietStart', stored: '22:00', expected: 0 },
    { field: 'quietEnd', stored: -30, expected: 0 },
    { field: 'quietEnd', stored: 10_000, expected: 1439 },
    { field: 'quietEnd', stored: 420, expected: 420 },
    { field: 'quietEnd', stored: null, expected: 0 },
  ])('reads quiet hours $field $stored as minute $expected of the day', ({ field, stored, expected }) => {
    expect(parseSettings({ notifications: { [field]: stored } }).notifications[field]).toBe(expected);
  });

  it.each([
    {
      stored: { newProblem: false, recovered: 'no', escalation: 0 },
      expected: { newProblem: false, recovered: true, escalation: true },
    },
    { stored: 'off', expected: { newProblem: true, recovered: true, escalation: true } },
  ])('keeps only real booleans for the notification kinds: $stored', ({ stored, expected }) => {
    expect(parseSettings({ notifications: stored }).notifications).toMatchObject(expected);
  });
});

describe('migrations', () => {
  it('moves the one account of unversioned settings into accounts[0], keeping the other preferences', () => {
    const legacy = {
      clientId: 194,
      appHost: 'mbi.vandelay.example',
      apiHost: 'https://api.vandelay.example',
      label: 'Vandelay Industries',
      pollMinutes: 10,
      paused: true,
    };
    const settings = parseSettings(migrate(legacy));
    expect(settings).toEqual({
      ...parseSettings({}),
      pollMinutes: 10,
      paused: true,
      accounts: [
        {
          id: 'mbi-1',
          label: 'Vandelay Industries',
          clientId: '194',
          appOrigin: 'https://mbi.vandelay.example',
          apiOrigin: 'https://api.vandelay.example',
          enabled: true,
        },
      ],
    });
    expect(settings).not.toHaveProperty('clientId');
    expect(settings).not.toHaveProperty('appHost');
  });

  it("gives an unversioned account without hosts or label MBI's own hosts and a name", () => {
    expect(parseSettings(migrate({ clientId: '00194' })).accounts).toEqual([
      {
        id: 'mbi-1',
        label: 'MBI',
        clientId: '194',
        appOrigin: MBI_APP_ORIGIN,
        apiOrigin: MBI_API_ORIGIN,
        enabled: true,
      },
    ]);
  });

  it('turns unversioned settings without an account into current settings without accounts', () => {
    const migrated = migrate({ pollMinutes: 15 });
    expect(migrated).toEqual({ pollMinutes: 15, version: 3, accounts: [] });
  });

  it('renames the accounts of version 1 settings, which called them sources', () => {
    const account = { id: 'main', label: 'Main', clientId: '194', enabled: true };
    expect(migrate({ version: 1, pollMinutes: 15, sources: [account] })).toEqual({
      version: 3,
      pollMinutes: 15,
      accounts: [account],
    });
  });

  it('leaves settings that are already current unchanged', () => {
    const current = { ...settingsWith(), pollMinutes: 12 };
    const copy = structuredClone(current);
    expect(migrate(current)).toEqual(copy);
    expect(parseSettings(migrate(current))).toEqual(copy);
  });

  it.each([{ stored: undefined }, { stored: null }, { stored: 'garbage' }])(
    'passes $stored through for the parser to replace',
    ({ stored }) => {
      expect(migrate(stored)).toBe(stored);
    },
  );

  it('reads unversioned stored settings as migrated', async () => {
    await fakeBrowser.storage.sync.set({ settings: { clientId: 2, label: 'Kramerica' } });
    expect((await loadOwnSettings()).accounts).toEqual([
      {
        id: 'mbi-1',
        label: 'Kramerica',
        clientId: '2',
        appOrigin: MBI_APP_ORIGIN,
        apiOrigin: MBI_API_ORIGIN,
        enabled: true,
      },
    ]);
  });
});

describe('migrateStoredSettings', () => {
  it('writes nothing when nothing is stored', async () => {
    const writes = countSyncWrites();
    expect(await migrateStoredSettings()).toBe(false);
    expect(writes.count).toBe(0);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });

  it('writes unversioned settings back migrated', async () => {
    await fakeBrowser.storage.sync.set({
      settings: {
        clientId: 194,
        appHost: 'mbi.vandelay.example',
        apiHost: 'api.vandelay.example',
        label: 'Vandelay Industries',
      },
    });
    const writes = countSyncWrites();
    expect(await migrateStoredSettings()).toBe(true);
    expect(writes.count).toBe(1);
    const { settings } = await fakeBrowser.storage.sync.get('settings');
    expect(settings).toEqual({
      ...parseSettings({}),
      accounts: [
        {
          id: 'mbi-1',
          label: 'Vandelay Industries',
          clientId: '194',
          appOrigin: 'https://mbi.vandelay.example',
          apiOrigin: 'https://api.vandelay.example',
          enabled: true,
        },
      ],
    });
  });

  it('writes out-of-range values back clamped', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...settingsWith(), pollMinutes: 0, retentionDays: 1000 } });
    expect(await migrateStoredSettings()).toBe(true);
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toMatchObject({
      pollMinutes: 1,
      retentionDays: 365,
    });
  });

  it('writes nothing when the stored settings are already current', async () => {
    await saveSettings(settingsWith({ pollMinutes: 12 }));
    const before = await fakeBrowser.storage.sync.get(null);
    const writes = countSyncWrites();
    expect(await migrateStoredSettings()).toBe(false);
    expect(writes.count).toBe(0);
    expect(await fakeBrowser.storage.sync.get(null)).toEqual(before);
  });

  it('writes nothing when current settings come back from Chrome with their keys in alphabetical order', async () => {
    // Chrome's storage hands objects back with sorted keys (seen in the real-browser suite); same values, no change.
    await fakeBrowser.storage.sync.set({ settings: alphabetical(parseSettings(settingsWith({ pollMinutes: 12 }))) });
    const writes = countSyncWrites();
    expect(await migrateStoredSettings()).toBe(false);
    expect(writes.count).toBe(0);
  });
});

describe('secrets never reach sync storage', () => {
  beforeEach(async () => {
    await saveSettings(settingsWith());
  });

  it('drops a key that came along on an account when settings are saved', async () => {
    const leaky = { ...VANDELAY, exportApiKey: KEY, secrets: SECRETS } as AccountSettings;
    await saveSettings(settingsWith({ accounts: [leaky, KRAMERICA] }));
    await expectNoKeyInSync();
    expect((await loadOwnSettings()).accounts).toEqual([VANDELAY, KRAMERICA]);
  });

  it('keeps keys in local storage only when they should survive a browser restart', async () => {
    await fakeBrowser.storage.session.set({ secrets: SECRETS });
    await saveSecrets(SECRETS, { secretsInSession: false });
    await expectNoKeyInSync();
    expect((await fakeBrowser.storage.local.get('secrets')).secrets).toEqual(SECRETS);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await loadSecrets({ secretsInSession: false })).toEqual(SECRETS);
  });

  it('keeps keys in session storage only, and removes them from local storage, when asked to forget them on close', async () => {
    await saveSecrets(SECRETS, { secretsInSession: false });
    await saveSettings(settingsWith({ secretsInSession: true }));
    await saveSecrets(SECRETS);
    await expectNoKeyInSync();
    expect((await fakeBrowser.storage.session.get('secrets')).secrets).toEqual(SECRETS);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await loadSecrets()).toEqual(SECRETS);
  });

  it.each([
    { secretsInSession: false, area: 'local' as const, other: 'session' as const },
    { secretsInSession: true, area: 'session' as const, other: 'local' as const },
  ])(
    'imports a file with keys into $area storage and none into sync (secretsInSession $secretsInSession)',
    async ({ secretsInSession, area, other }) => {
      const parsed = parseBackup(exportBackup(settingsWith({ secretsInSession }), SECRETS, true));
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.secrets).toEqual(SECRETS);
      await saveSecrets(parsed.secrets ?? {}, parsed.settings);
      await saveSettings(parsed.settings);
      await expectNoKeyInSync();
      expect((await fakeBrowser.storage[area].get('secrets')).secrets).toEqual(SECRETS);
      expect(await fakeBrowser.storage[other].get(null)).toEqual({});
      expect((await loadOwnSettings()).accounts).toEqual([VANDELAY, KRAMERICA]);
    },
  );
});

describe('organization policy', () => {
  const POLICY = {
    pollMinutes: 15,
    staleHours: 1000,
    escalationHours: '48',
    accounts: [
      { clientId: '194', label: 'Vandelay (policy)', appHost: 'mbi.vandelay.example', apiHost: 'api.vandelay.example' },
      { clientId: 'not a number', label: 'Broken', appHost: 'mbi.example' },
    ],
  };

  it('reads locked numbers (clamped) and preset accounts marked as managed', () => {
    expect(parseManaged(POLICY)).toEqual({
      fields: { pollMinutes: 15, staleHours: 336 },
      accounts: [
        {
          id: 'managed-194-0',
          label: 'Vandelay (policy)',
          clientId: '194',
          appOrigin: 'https://mbi.vandelay.example',
          apiOrigin: 'https://api.vandelay.example',
          enabled: true,
          managed: true,
        },
      ],
    });
  });

  it.each([{ raw: undefined }, { raw: {} }, { raw: 'policy' }])('has no policy for $raw', ({ raw }) => {
    expect(parseManaged(raw)).toEqual({ fields: {}, accounts: [] });
  });

  it('lets locked fields win, puts managed accounts first and drops an own account that duplicates one', () => {
    const elsewhere = {
      ...VANDELAY,
      id: 'vandelay-staging',
      label: 'Vandelay staging',
      appOrigin: 'https://staging.vandelay.example',
    };
    const own = settingsWith({
      pollMinutes: 5,
      staleHours: 26,
      escalationHours: 12,
      accounts: [VANDELAY, elsewhere, KRAMERICA],
    });
    const applied = applyManaged(own, parseManaged(POLICY));
    expect(applied).toMatchObject({ pollMinutes: 15, staleHours: 336, escalationHours: 12 });
    expect(applied.accounts.map((s) => [s.id, s.managed === true])).toEqual([
      ['managed-194-0', true],
      ['vandelay-staging', false],
      ['kramerica', false],
    ]);
  });

  it('never writes a managed account to sync', async () => {
    await fakeBrowser.storage.managed.set(POLICY);
    await saveSettings(settingsWith({ accounts: [KRAMERICA] }));
    const loaded = await loadSettings();
    expect(loaded.accounts.map((s) => s.id)).toEqual(['managed-194-0', 'kramerica']);
    expect(ownPart(loaded).accounts).toEqual([KRAMERICA]);

    await saveSettings(loaded);
    expect(await syncText()).not.toContain('managed');
    expect((await loadOwnSettings()).accounts).toEqual([KRAMERICA]);
    expect((await loadSettings()).accounts.map((s) => s.id)).toEqual(['managed-194-0', 'kramerica']);
  });

  it("keeps the admin's own interval in sync when saving while policy locks it", async () => {
    // Sync carries settings to computers without the policy; a locked value must not overwrite the own one.
    await fakeBrowser.storage.managed.set(POLICY);
    await saveSettings(settingsWith({ pollMinutes: 5 }));
    const loaded = await loadSettings();
    expect(loaded.pollMinutes).toBe(15);

    await saveSettings({ ...loaded, paused: true });
    expect(await loadOwnSettings()).toMatchObject({ paused: true, pollMinutes: 5, staleHours: 26 });
  });

  it('resumes checks without deleting the own account that a policy account stands in for', async () => {
    // Vandelay is also preset by policy: the merged settings show the policy's copy instead of the own one.
    await fakeBrowser.storage.managed.set(POLICY);
    await saveSettings(settingsWith({ paused: true, accounts: [VANDELAY, KRAMERICA] }));
    await resume();
    expect(await loadOwnSettings()).toMatchObject({ paused: false, accounts: [VANDELAY, KRAMERICA] });
  });
});

describe('backup file', () => {
  it('reads back exactly what it exported, keys included', () => {
    const settings = settingsWith({
      pollMinutes: 7,
      secretsInSession: true,
      notifications: { newProblem: false, recovered: true, escalation: true, quietStart: 1320, quietEnd: 420 },
    });
    const parsed = parseBackup(exportBackup(settings, SECRETS, true));
    expect(parsed).toEqual({ ok: true, settings, secrets: SECRETS });
  });

  it('holds no key when exported without keys', () => {
    const text = exportBackup(settingsWith(), SECRETS, false);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(OTHER_KEY);
    expect(parseBackup(text)).toEqual({ ok: true, settings: settingsWith() });
  });

  it('leaves out managed accounts and their keys', () => {
    const managed: AccountSettings = { ...VANDELAY, id: 'managed-194-0', managed: true };
    const text = exportBackup(
      settingsWith({ accounts: [managed, KRAMERICA] }),
      { 'managed-194-0': { ...SECRETS.vandelay!, clientId: '194' }, kramerica: SECRETS.kramerica! },
      true,
    );
    expect(text).not.toContain(KEY);
    expect(parseBackup(text)).toEqual({
      ok: true,
      settings: settingsWith({ accounts: [KRAMERICA] }),
      secrets: { kramerica: SECRETS.kramerica },
    });
  });

  const file = (body: Record<string, unknown>) =>
    JSON.stringify({ format: BACKUP_FORMAT, version: 1, settings: settingsWith(), ...body });

  it.each([
    {
      what: 'corrupt JSON',
      text: '{"format": "mbi-integration-watch/settings", "version": 1, "sett',
      error: 'The file is not valid JSON.',
    },
    { what: 'an empty file', text: '', error: 'The file is not valid JSON.' },
    {
      what: 'a foreign JSON file',
      text: JSON.stringify({ name: 'eslint-config', version: 1 }),
      error: 'This is not a settings file of MBI Integration Watch (its "format" field is missing or different).',
    },
    {
      what: 'a JSON array',
      text: '[]',
      error: 'This is not a settings file of MBI Integration Watch (its "format" field is missing or different).',
    },
    {
      what: 'a newer version',
      text: file({ version: 4 }),
      error: 'The file was written by a newer version (settings version 4).',
    },
    { what: 'no settings object', text: file({ settings: 'none' }), error: 'The file has no "settings" object.' },
    {
      what: 'an account with a non-numeric client id',
      text: file({ settings: { accounts: [VANDELAY, { ...KRAMERICA, clientId: 'two' }] } }),
      error: "1 of the file's accounts are invalid (client id or hosts).",
    },
  ])('refuses $what: "$error"', ({ text, error }) => {
    expect(parseBackup(text)).toEqual({ ok: false, error });
  });

  it("refuses an account whose host is not https rather than pointing it at MBI's own host", () => {
    const text = file({
      settings: { accounts: [VANDELAY, { ...KRAMERICA, appOrigin: 'http://mbi.kramerica.example' }] },
    });
    expect(parseBackup(text)).toEqual({
      ok: false,
      error: "1 of the file's accounts are invalid (client id or hosts).",
    });
  });
});
