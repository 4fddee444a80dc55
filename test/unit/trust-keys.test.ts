// Keys bound to their host and client, plain host names, own ids, synced settings and saves that either
// happen whole or not at all.
import { fakeBrowser } from '@webext-core/fake-browser';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { requestCycle } from '../../src/background/cycle';
import { resume } from '../../src/background/page-actions';
import { exportBackup, importChanges, parseBackup, BACKUP_FORMAT } from '../../src/options/backup';
import { bindKey, keyFor, nextDropped, reconcileKeys } from '../../src/core/key-binding';
import { applyManaged, parseManaged } from '../../src/core/managed';
import {
  originPattern,
  parseOrigin,
  parseSettings,
  type Secrets,
  type Settings,
  type AccountSettings,
} from '../../src/core/settings';
import { keysOnDisk, loadDroppedKeys, saveSettingsAndKeys } from '../../src/options/save-settings';
import {
  bindLegacyStoredKeys,
  loadOwnSettings,
  migrateStoredSettings,
  NewerSettingsError,
  reconcileStoredKeys,
  saveSettings,
} from '../../src/shared/storage';
import { CONNECTIONS, CYCLE, grantHostAccess, SAMPLE, serve } from './fixtures';

const KEY = 'rjm-export-key-194';
const MAIN: AccountSettings = {
  id: 'main',
  label: 'Main store',
  clientId: '194',
  appOrigin: 'https://dashboard.rjmetrics.com',
  apiOrigin: 'https://api.rjmetrics.com',
  enabled: true,
};
const ATTACKER = 'https://api.rjmetrics.com.attacker.example';
const BOUND: Secrets = { main: bindKey(KEY, MAIN) };

function settingsWith(accounts: AccountSettings[], extra: Partial<Settings> = {}): Settings {
  return { ...parseSettings({}), accounts, ...extra };
}

async function stored(): Promise<{ sync: unknown; local: Record<string, unknown>; session: Record<string, unknown> }> {
  return {
    sync: (await fakeBrowser.storage.sync.get('settings')).settings,
    local: await fakeBrowser.storage.local.get(null),
    session: await fakeBrowser.storage.session.get(null),
  };
}

describe('a key goes only to the API host and client it was entered for', () => {
  it.each([
    { what: 'the same host and client', account: MAIN, key: KEY },
    { what: 'another API host', account: { ...MAIN, apiOrigin: ATTACKER }, key: undefined },
    { what: 'another client id', account: { ...MAIN, clientId: '195' }, key: undefined },
    { what: 'another account id', account: { ...MAIN, id: 'other' }, key: undefined },
    { what: 'only another app host', account: { ...MAIN, appOrigin: 'https://mbi.example.com' }, key: KEY },
  ])('with $what the key is $key', ({ account, key }) => {
    expect(keyFor(BOUND, account)).toBe(key);
  });

  it('drops a key whose account names another API host, with a notice, and the key of an account that is gone without one', () => {
    const secrets: Secrets = { ...BOUND, gone: bindKey('old', MAIN) };
    expect(reconcileKeys(secrets, [{ ...MAIN, apiOrigin: ATTACKER }])).toEqual({
      kept: {},
      dropped: {
        main: {
          label: 'Main store',
          fromOrigin: MAIN.apiOrigin,
          toOrigin: ATTACKER,
          fromClient: '194',
          toClient: '194',
        },
      },
    });
    expect(reconcileKeys(secrets, [MAIN])).toEqual({ kept: BOUND, dropped: {} });
  });

  it('keeps a notice until the account has a key again or is gone', () => {
    const notice = {
      label: 'Main store',
      fromOrigin: MAIN.apiOrigin,
      toOrigin: ATTACKER,
      fromClient: '194',
      toClient: '194',
    };
    const moved = { ...MAIN, apiOrigin: ATTACKER };
    expect(nextDropped({ main: notice }, {}, {}, [moved])).toEqual({ main: notice });
    expect(nextDropped({ main: notice }, { main: bindKey('new', moved) }, {}, [moved])).toEqual({});
    expect(nextDropped({ main: notice }, {}, {}, [])).toEqual({});
  });

  it('never sends the stored key when synced settings point the account at another API host', async () => {
    const moved = { ...MAIN, apiOrigin: ATTACKER };
    await fakeBrowser.storage.sync.set({ settings: settingsWith([moved]) });
    await fakeBrowser.storage.local.set({ secrets: BOUND });
    grantHostAccess('https://dashboard.rjmetrics.com/*', 'https://api.rjmetrics.com.attacker.example/*');
    const fetchSpy = serve({
      [CONNECTIONS.replace(MAIN.apiOrigin, ATTACKER)]: SAMPLE,
      [`${ATTACKER}/0.1/client/194/fullupdatestatus`]: CYCLE,
    });
    await requestCycle({ force: true });
    expect(fetchSpy.mock.calls.length).toBeGreaterThan(0);
    expect(JSON.stringify(fetchSpy.mock.calls)).not.toContain(KEY);
  });
});

describe('the worker reconciles keys with what settings say', () => {
  it('removes the key of an account whose API host changed by sync, and remembers why', async () => {
    await fakeBrowser.storage.sync.set({ settings: settingsWith([{ ...MAIN, apiOrigin: ATTACKER }]) });
    await fakeBrowser.storage.local.set({ secrets: BOUND });
    await reconcileStoredKeys();
    expect((await stored()).local.secrets).toEqual({});
    expect(await loadDroppedKeys()).toEqual({
      main: { label: 'Main store', fromOrigin: MAIN.apiOrigin, toOrigin: ATTACKER, fromClient: '194', toClient: '194' },
    });
  });

  it('moves keys to session storage when "keep keys only until the browser closes" arrives by sync, and back', async () => {
    await fakeBrowser.storage.sync.set({ settings: settingsWith([MAIN], { secretsInSession: true }) });
    await fakeBrowser.storage.local.set({ secrets: BOUND });
    expect(await keysOnDisk()).toBe(true);
    await reconcileStoredKeys();
    expect(await stored()).toMatchObject({ local: {}, session: { secrets: BOUND } });
    expect(await keysOnDisk()).toBe(false);

    await fakeBrowser.storage.sync.set({ settings: settingsWith([MAIN], { secretsInSession: false }) });
    await reconcileStoredKeys();
    expect(await stored()).toMatchObject({ local: { secrets: BOUND }, session: {} });
  });

  it('writes nothing when every key fits (so its own writes end the round)', async () => {
    await fakeBrowser.storage.sync.set({ settings: settingsWith([MAIN]) });
    await fakeBrowser.storage.local.set({ secrets: BOUND });
    const writes = vi.fn();
    fakeBrowser.storage.onChanged.addListener(writes);
    await reconcileStoredKeys();
    expect(writes).not.toHaveBeenCalled();
  });

  it('binds a key stored before keys were bound to its account on update; one without an account is dropped', async () => {
    await fakeBrowser.storage.sync.set({ settings: settingsWith([MAIN]) });
    await fakeBrowser.storage.local.set({ secrets: { main: { exportApiKey: KEY }, gone: { exportApiKey: 'old' } } });
    await bindLegacyStoredKeys();
    await reconcileStoredKeys();
    expect((await stored()).local.secrets).toEqual(BOUND);
  });

  it('drops a key of the old shape that arrives after the update rather than binding it to whatever host is set then', async () => {
    await fakeBrowser.storage.sync.set({ settings: settingsWith([{ ...MAIN, apiOrigin: ATTACKER }]) });
    await fakeBrowser.storage.local.set({ secrets: { main: { exportApiKey: KEY } } });
    await reconcileStoredKeys();
    expect((await stored()).local.secrets).toEqual({});
  });
});

describe('hosts are plain host names', () => {
  it.each([
    '*',
    '%2A',
    '*.rjmetrics.com',
    'https://*',
    'https://*.rjmetrics.com',
    'https://%2A',
    'api.*.com',
    '*:443',
    'http://127.0.0.1*',
    'api.rjmetrics.com.',
    '.rjmetrics.com',
    'api..rjmetrics.com',
    '-api.rjmetrics.com',
    'api-.rjmetrics.com',
    'mbi',
    '1.2.3',
    '0x7f.1',
    '999.1.1.1',
    'dashböard.rjmetrics.com',
    'api rjmetrics.com',
    'api\trjmetrics.com',
    'https://api.rjmetrics.com:0',
    'https://api.rjmetrics.com:65536',
    '[::1%25eth0]',
    '[fe80::1',
    'https://[zz::1]',
    'api.rjmetrics.com:80:80',
    'a'.repeat(64) + '.com',
    `${'a.'.repeat(127)}com`,
    'https:\\\\api.rjmetrics.com',
    'api_x.rjmetrics.com',
  ])('refuses %j', (input) => {
    expect(parseOrigin(input).ok).toBe(false);
  });

  it.each([
    { input: 'api.rjmetrics.com', origin: 'https://api.rjmetrics.com' },
    { input: 'xn--dashbard-n4a.example.com', origin: 'https://xn--dashbard-n4a.example.com' },
    { input: 'https://[::1]:8443', origin: 'https://[::1]:8443' },
    { input: '10.0.0.5:8080', origin: 'https://10.0.0.5:8080' },
    { input: 'https://api.rjmetrics.com:443', origin: 'https://api.rjmetrics.com' },
  ])('accepts "$input" as $origin', ({ input, origin }) => {
    expect(parseOrigin(input)).toEqual({ ok: true, value: origin });
  });

  const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
  const piece = fc.oneof(
    label,
    fc.constantFrom(
      '*',
      '%2A',
      '%2a',
      'xn--p1ai',
      'ü',
      ' ',
      '',
      '..',
      'user@',
      'user:pw@',
      '[::1]',
      '127.0.0.1',
      '0x7f',
      '%00',
      '\u202e',
    ),
    fc.string({ maxLength: 6 }),
  );
  const host = fc.oneof(
    fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')),
    fc
      .tuple(
        fc.constantFrom('', 'https://', 'http://', 'HTTPS://', 'ftp://'),
        fc.array(piece, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', ':443', ':8127', ':0', ':99999', ':*', '/', '/*'),
      )
      .map(([scheme, parts, tail]) => `${scheme}${parts.join('.')}${tail}`),
    fc.string({ maxLength: 40 }),
  );

  it('never accepts a host whose permission pattern holds a wildcard, whatever is typed', () => {
    fc.assert(
      fc.property(host, (input) => {
        const parsed = parseOrigin(input);
        if (!parsed.ok) return;
        const pattern = originPattern(parsed.value);
        expect(pattern.replace(/\/\*$/, '')).not.toContain('*');
        expect(new URL(parsed.value).hostname).toMatch(/^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+|localhost|\[[0-9a-f:.]+\])$/);
        expect(parseOrigin(parsed.value)).toEqual(parsed);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('ids', () => {
  it('renames an own account with a policy account\'s "managed-" id, and keeps policy accounts apart', () => {
    const own = parseSettings({
      accounts: [{ id: 'managed-194-0', clientId: '2', appOrigin: 'https://mbi.example.com' }],
    });
    expect(own.accounts.map((s) => s.id)).toEqual(['own-194-0']);
    const merged = applyManaged(
      own,
      parseManaged({
        accounts: [{ clientId: '194', appHost: 'dashboard.rjmetrics.com', apiHost: 'api.rjmetrics.com' }],
      }),
    );
    expect(merged.accounts.map((s) => [s.id, s.managed === true])).toEqual([
      ['managed-194-0', true],
      ['own-194-0', false],
    ]);
  });

  it('renames the later of two accounts with one id in an imported file, never merging or dropping it', () => {
    const file = JSON.stringify({
      format: BACKUP_FORMAT,
      version: 1,
      settings: {
        accounts: [MAIN, { ...MAIN, label: 'Other', clientId: '2' }, { ...MAIN, label: 'Third', clientId: '3' }],
      },
    });
    const parsed = parseBackup(file);
    expect(parsed.ok && parsed.settings.accounts.map((s) => [s.id, s.label])).toEqual([
      ['main', 'Main store'],
      ['main-2', 'Other'],
      ['main-3', 'Third'],
    ]);
  });

  it('gives a renamed account no key: the key stays with the id and host it was stored for', () => {
    const accounts = parseSettings({ accounts: [{ ...MAIN, apiOrigin: ATTACKER }, MAIN] }).accounts;
    expect(accounts.map((s) => [s.id, keyFor(BOUND, s)])).toEqual([
      ['main', undefined],
      ['main-2', undefined],
    ]);
  });
});

describe('settings of a newer version', () => {
  const NEWER = { ...settingsWith([MAIN]), version: 4, futureField: { x: 1 } };

  it('are neither migrated down nor trimmed', async () => {
    await fakeBrowser.storage.sync.set({ settings: NEWER });
    expect(await migrateStoredSettings()).toBe(false);
    expect((await stored()).sync).toEqual(NEWER);
  });

  it('refuse a save with a named error and stay as they are, also for a resume from the popup', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...NEWER, paused: true } });
    await expect(saveSettings(settingsWith([MAIN]))).rejects.toBeInstanceOf(NewerSettingsError);
    await expect(saveSettingsAndKeys(settingsWith([MAIN]), BOUND)).rejects.toThrow('saved by a newer version');
    await expect(resume()).rejects.toBeInstanceOf(NewerSettingsError);
    expect((await stored()).sync).toEqual({ ...NEWER, paused: true });
    expect((await stored()).local).toEqual({});
  });

  it('are still read for polling', async () => {
    await fakeBrowser.storage.sync.set({ settings: NEWER });
    expect((await loadOwnSettings()).accounts).toEqual([MAIN]);
  });
});

describe('a save is all or nothing', () => {
  beforeEach(async () => {
    await fakeBrowser.storage.sync.set({ settings: settingsWith([MAIN]) });
    await fakeBrowser.storage.local.set({ secrets: BOUND });
  });

  it('leaves settings and keys as they were when sync refuses the settings (quota)', async () => {
    const before = await stored();
    const other = { ...MAIN, id: 'other', label: 'Other', clientId: '2' };
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    await expect(
      saveSettingsAndKeys(settingsWith([{ ...MAIN, apiOrigin: ATTACKER }, other]), {
        ...BOUND,
        other: bindKey('k2', other),
      }),
    ).rejects.toThrow('QUOTA_BYTES_PER_ITEM quota exceeded');
    expect(await stored()).toEqual(before);
  });

  it('drops the key of an account saved with another API host and says so', async () => {
    const moved = { ...MAIN, apiOrigin: ATTACKER };
    await saveSettingsAndKeys(settingsWith([moved]), BOUND);
    expect((await stored()).local.secrets).toEqual({});
    expect(Object.keys(await loadDroppedKeys())).toEqual(['main']);

    await saveSettingsAndKeys(settingsWith([moved]), { main: bindKey('new-key', moved) });
    expect((await stored()).local.secrets).toEqual({ main: bindKey('new-key', moved) });
    expect(await loadDroppedKeys()).toEqual({});
  });
});

describe('import', () => {
  it('lists what it changes in existing accounts, and which key it removes', () => {
    const incoming = [
      { ...MAIN, apiOrigin: ATTACKER, clientId: '195' },
      { ...MAIN, id: 'new', clientId: '7' },
    ];
    expect(importChanges([MAIN], incoming, BOUND)).toEqual([
      { label: 'Main store', field: 'apiOrigin', from: MAIN.apiOrigin, to: ATTACKER, dropsKey: true },
      { label: 'Main store', field: 'clientId', from: '194', to: '195', dropsKey: true },
    ]);
    expect(importChanges([MAIN], [MAIN], BOUND)).toEqual([]);
  });

  it("exports only keys that fit their account, and binds the keys of an older file to the file's own accounts", () => {
    const text = exportBackup(settingsWith([{ ...MAIN, apiOrigin: ATTACKER }]), BOUND, true);
    expect(text).not.toContain(KEY);
    const older = JSON.stringify({
      format: BACKUP_FORMAT,
      version: 1,
      settings: settingsWith([MAIN]),
      secrets: { main: { exportApiKey: KEY } },
    });
    expect(parseBackup(older)).toMatchObject({ ok: true, secrets: BOUND });
  });
});
