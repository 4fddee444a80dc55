// The options page with several accounts, as an admin uses it: adding, testing, refusing bad input,
// polling, pausing, watching or not, export and import, host access, and the keyboard.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SIM_TIMING } from '../../scripts/sim-timing';
import type { PollLogEntry } from '../../src/core/types';
import {
  badgeTitle,
  checkNow,
  CLIENT,
  expectBadge,
  launchSignedIn,
  openPopup,
  readStore,
  signIn,
  type Watch,
} from './harness';

const KRAMERICA = { id: '2', label: 'Kramerica', key: 'sim-export-key-2' } as const;
const VANDELAY_PROBLEMS = ['Vandelay Latex Ads', 'Vandelay Support', 'Vandelay Web Analytics', 'warehouse'];
const KRAMERICA_PROBLEMS = ['kramerica.com'];
const MINUTE = 60_000;

interface StoredAccount {
  id: string;
  label: string;
  clientId: string;
  enabled: boolean;
}

interface StoredSettings {
  pollMinutes: number;
  escalationHours: number;
  notifications: Record<string, unknown>;
  paused: boolean;
  accounts: StoredAccount[];
}

interface AccountFields {
  label: string;
  clientId: string;
  appHost: string;
  apiHost: string;
  key: string;
}

describe('options page with several accounts', () => {
  let watch: Watch;
  let options: Page;

  const syncSettings = async (): Promise<StoredSettings> =>
    (await watch.worker.evaluate(() => chrome.storage.sync.get('settings'))).settings as StoredSettings;
  const syncText = async (): Promise<string> =>
    JSON.stringify(await watch.worker.evaluate(() => chrome.storage.sync.get(null)));
  const localSecrets = async (): Promise<unknown> =>
    (await watch.worker.evaluate(() => chrome.storage.local.get('secrets'))).secrets;
  const pollAlarm = () => watch.worker.evaluate(() => chrome.alarms.get('poll'));

  /** The account list's items (the status section below lists what each status page said). */
  const accountItems = (): Locator =>
    options.locator('section[aria-labelledby="accounts-heading"]').getByRole('listitem');
  const accountNamed = (label: string): Locator =>
    accountItems().filter({ has: options.getByText(label, { exact: true }) });
  const addForm = (): Locator => options.getByRole('form', { name: 'Add an account' });
  const polling = (): Locator => options.getByRole('form', { name: 'Polling' });
  const notifications = (): Locator => options.getByRole('form', { name: 'Notifications and escalation' });
  const backup = (): Locator => options.getByRole('region', { name: 'Import and export' });

  async function openAddForm(): Promise<Locator> {
    const add = options.getByRole('button', { name: 'Add an account' });
    if (await add.isVisible()) await add.click();
    return addForm();
  }

  async function fillAccount(form: Locator, fields: AccountFields): Promise<void> {
    await form.getByLabel('Name').fill(fields.label);
    await form.getByLabel('MBI client id').fill(fields.clientId);
    await form.getByLabel('MBI app host').fill(fields.appHost);
    await form.getByLabel('MBI API host').fill(fields.apiHost);
    await form.getByLabel('Export API key (optional)').fill(fields.key);
  }

  /** The text the input's aria-describedby points at, and whether it is marked invalid: its error as a screen reader hears it. */
  async function fieldError(field: Locator): Promise<{ invalid: boolean; says: string }> {
    return field.evaluate((input) => ({
      invalid: input.getAttribute('aria-invalid') === 'true',
      says: (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    }));
  }

  /** The text of every element the locator matches, now (without waiting for one to appear). */
  async function textOf(locator: Locator): Promise<string> {
    return (await locator.allTextContents()).join('\n');
  }

  /** Gives a write that should not happen the time it would take, then returns what sync holds. */
  async function settledSync(): Promise<string> {
    await options.waitForTimeout(500);
    return syncText();
  }

  async function exportSettings(): Promise<{ path: string; text: string }> {
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      backup().getByRole('button', { name: 'Export settings' }).click(),
    ]);
    const path = await download.path();
    return { path, text: await readFile(path, 'utf8') };
  }

  async function importFile(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await backup().getByLabel('Import settings…').setInputFiles(file);
  }

  async function problemNames(region: Locator): Promise<string[]> {
    return (await region.getByRole('listitem').locator('.name').allTextContents()).sort();
  }

  async function withPopup<T>(read: (popup: Page) => Promise<T>): Promise<T> {
    const popup = await openPopup(watch);
    try {
      return await read(popup);
    } finally {
      await popup.close();
    }
  }

  beforeAll(async () => {
    watch = await launchSignedIn();
    options = await watch.context.newPage();
    await options.goto(watch.url('options'));
  });

  afterAll(async () => {
    await watch?.close();
  });

  it('starts with the four problems of the one account configured', async () => {
    await expectBadge(watch, '4');
    // The page reads settings, keys and records before it lists the accounts.
    await expect.poll(() => accountItems().count()).toBe(1);
  });

  describe('refuses invalid account fields next to the field and saves nothing', () => {
    const valid = (): AccountFields => ({
      label: KRAMERICA.label,
      clientId: KRAMERICA.id,
      appHost: watch.sim.url,
      apiHost: watch.sim.url,
      key: '',
    });

    it.each([
      {
        what: 'a non-numeric client id',
        field: 'MBI client id',
        change: { clientId: 'abc' },
        message: 'The client id is a number, e.g. 194.',
      },
      {
        what: 'an http host that is not local',
        field: 'MBI app host',
        change: { appHost: 'http://dashboard.example.com' },
        message: 'The host must use https (http only for localhost or 127.0.0.1).',
      },
      { what: 'an empty name', field: 'Name', change: { label: '' }, message: 'Enter a name for this account.' },
      {
        what: 'the account already watched',
        field: 'MBI client id',
        change: { clientId: CLIENT.id, label: 'Vandelay again' },
        message: 'This MBI account is already being watched.',
      },
      {
        what: 'a name already used',
        field: 'Name',
        change: { label: 'vandelay industries' },
        message: 'Another account has this name.',
      },
    ])('$what: "$message"', async ({ field, change, message }) => {
      const before = await syncText();
      const form = await openAddForm();
      await fillAccount(form, { ...valid(), ...change });
      await form.getByRole('button', { name: 'Save account' }).click();

      await expect
        .poll(() => fieldError(form.getByLabel(field)))
        .toEqual({ invalid: true, says: expect.stringContaining(message) as string });
      expect(await settledSync()).toBe(before);
      await expect(accountItems().count()).resolves.toBe(1);
    });
  });

  it.each([{ minutes: '0' }, { minutes: '61' }, { minutes: '2.5' }])(
    'refuses an interval of $minutes minutes and keeps the alarm',
    async ({ minutes }) => {
      const before = await syncText();
      const interval = polling().getByLabel('Check every (minutes)');
      await interval.fill(minutes);
      await polling().getByRole('button', { name: 'Save polling' }).click();

      await expect
        .poll(() => fieldError(interval))
        .toEqual({ invalid: true, says: expect.stringContaining('Enter whole minutes from 1 to 60.') as string });
      expect(await settledSync()).toBe(before);
      expect((await pollAlarm())?.periodInMinutes).toBe(5);
    },
  );

  it('tests a listed account: "connected, 12 integrations, 4 need attention", keeping to one update-status call a minute', async () => {
    // A check right before: it calls the update status, or its rule kept it from calling it again so soon
    // (the simulator build allows a call every few seconds; the tests before this one may take longer).
    await options.evaluate(() => chrome.runtime.sendMessage({ type: 'check-now' }));
    const vandelay = accountNamed(CLIENT.label);
    await vandelay.getByRole('button', { name: 'Test connection' }).click();
    const result = vandelay.getByRole('status');
    await expect.poll(() => textOf(result)).toContain('Integrations: connected, 12 integrations, 4 need attention.');
    expect(await textOf(result)).toContain('Update status: not tested. MBI allows one update-status call a minute');
  });

  it('tests a listed account whose MBI session expired: "Signed out of MBI", changing nothing on the badge', async () => {
    watch.sim.expireSessions();
    const vandelay = accountNamed(CLIENT.label);
    await vandelay.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => textOf(vandelay.getByRole('status'))).toContain('Integrations: Signed out of MBI.');
    await signIn(watch);
    await expectBadge(watch, '4');
  });

  let wrongKeyTestedAt = 0;

  it('tests a new account with a wrong key: "Export API key rejected" on the first call, then waits a minute', async () => {
    const form = await openAddForm();
    await fillAccount(form, {
      label: KRAMERICA.label,
      clientId: KRAMERICA.id,
      appHost: watch.sim.url,
      apiHost: watch.sim.url,
      key: 'not-the-export-key',
    });
    wrongKeyTestedAt = Date.now();
    await form.getByRole('button', { name: 'Test connection' }).click();
    const result = form.getByRole('status');
    await expect.poll(() => textOf(result)).toContain('Update status: Export API key rejected.');
    expect(await textOf(result)).toContain('Integrations: connected, 3 integrations, 1 need attention.');

    await form.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => textOf(result))
      .toContain('Update status: not tested. MBI allows one update-status call a minute; try again in');
  });

  it('adds Kramerica beside Vandelay Industries: badge 5, the tooltip per account, the popup grouped by account', async () => {
    const form = addForm();
    await form.getByLabel('Export API key (optional)').fill(KRAMERICA.key);
    await form.getByRole('button', { name: 'Save account' }).click();

    await expect.poll(() => accountItems().count()).toBe(2);
    await expect(addForm().count()).resolves.toBe(0);
    await expectBadge(watch, '5');
    const title = await badgeTitle(watch);
    expect(title).toContain('5 integrations need attention');
    // Labels are isolated in the tooltip (FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE).
    expect(title).toContain(`\u2068${CLIENT.label}\u2069: 4 of 12 need attention`);
    expect(title).toContain(`\u2068${KRAMERICA.label}\u2069: 1 of 3 need attention`);

    const stored = await syncSettings();
    expect(stored.accounts.map((s) => [s.label, s.clientId, s.enabled])).toEqual([
      [CLIENT.label, CLIENT.id, true],
      [KRAMERICA.label, KRAMERICA.id, true],
    ]);
    expect(await syncText()).not.toContain(KRAMERICA.key);
    expect(JSON.stringify(await localSecrets())).toContain(KRAMERICA.key);

    const popup = await withPopup(async (page) => {
      const vandelay = page.getByRole('region', { name: CLIENT.label });
      const kramerica = page.getByRole('region', { name: KRAMERICA.label });
      await expect.poll(() => problemNames(kramerica)).toEqual(KRAMERICA_PROBLEMS);
      // With several accounts each opens with its latest 3 rows; the rest follow on "Show all".
      const first = await problemNames(vandelay);
      await vandelay.getByRole('button', { name: 'Show all 4' }).click();
      await expect.poll(() => problemNames(vandelay)).toHaveLength(4);
      return {
        headings: await page.getByRole('heading', { level: 2 }).allTextContents(),
        first,
        vandelay: await problemNames(vandelay),
      };
    });
    expect(popup.headings).toEqual([`${CLIENT.label} (4 of 12)`, `${KRAMERICA.label} (1 of 3)`]);
    expect(popup.vandelay).toEqual(VANDELAY_PROBLEMS);
    expect(popup.first).toEqual(VANDELAY_PROBLEMS.slice(0, 3));
  });

  it('makes no second update-status call within a minute of Test connection when the tested account is saved', async () => {
    const kramerica = (await syncSettings()).accounts.find((s) => s.label === KRAMERICA.label);
    const calls = (await readStore<PollLogEntry>(watch, 'polls')).filter(
      (p) => p.accountId === kramerica?.id && p.feed === 'update-cycle',
    );
    // Adobe asks for 60 s between calls (shorter in the simulator build); the test above made one for client 2
    // at wrongKeyTestedAt.
    expect(
      calls.map((c) => c.at - wrongKeyTestedAt).filter((gap) => gap < SIM_TIMING.updateCycleMinIntervalMs),
    ).toEqual([]);
  });

  it('changes the alarm period at once when the interval changes', async () => {
    const interval = polling().getByLabel('Check every (minutes)');
    await interval.fill('7');
    const savedAt = Date.now();
    await polling().getByRole('button', { name: 'Save polling' }).click();

    await expect.poll(async () => (await pollAlarm())?.periodInMinutes, { timeout: 5_000, interval: 100 }).toBe(7);
    const alarm = await pollAlarm();
    // Re-created now, not left to run out the old five-minute period.
    expect(Math.abs((alarm?.scheduledTime ?? 0) - (savedAt + 7 * MINUTE))).toBeLessThan(10_000);
    expect((await syncSettings()).pollMinutes).toBe(7);
    await expect(polling().getByLabel('Check every (minutes)').inputValue()).resolves.toBe('7');
  });

  it('confirms a changed interval with "Saved."', async () => {
    await polling().getByLabel('Check every (minutes)').fill('8');
    await polling().getByRole('button', { name: 'Save polling' }).click();
    await expect.poll(async () => (await syncSettings()).pollMinutes).toBe(8);
    // The confirmation is still there once the page has re-read what it saved.
    await options.waitForTimeout(500);
    expect(await textOf(polling().getByRole('status'))).toBe('Saved.');
  });

  it('shows "||" while paused and the current count after resuming', async () => {
    await polling().getByRole('button', { name: 'Pause all checks' }).click();
    await expectBadge(watch, '||');
    expect(await badgeTitle(watch)).toContain('Checks paused');
    expect((await syncSettings()).paused).toBe(true);

    // Kramerica Payments breaks while paused: resuming shows it.
    watch.sim.setConnection(KRAMERICA.id, 7, { status: '2' });
    await polling().getByRole('button', { name: 'Resume checks' }).click();
    await expectBadge(watch, '6');
    expect((await syncSettings()).paused).toBe(false);

    watch.sim.setConnection(KRAMERICA.id, 7, { status: '1' });
    await withPopup((popup) => checkNow(popup));
    await expectBadge(watch, '5');
  });

  it("leaves an account's problems off the badge while it is not watched, and brings them back", async () => {
    const watchKramerica = accountNamed(KRAMERICA.label).getByRole('checkbox', { name: 'Watch this account' });
    await watchKramerica.uncheck();
    await expectBadge(watch, '4');
    expect(await badgeTitle(watch)).not.toContain(KRAMERICA.label);
    expect((await syncSettings()).accounts.map((s) => [s.label, s.enabled])).toEqual([
      [CLIENT.label, true],
      [KRAMERICA.label, false],
    ]);

    await watchKramerica.check();
    await expectBadge(watch, '5');
    expect(await badgeTitle(watch)).toContain(`\u2068${KRAMERICA.label}\u2069: 1 of 3 need attention`);
  });

  it('refuses quiet hours that are no time of day and an escalation of 0 hours, saving nothing', async () => {
    const before = await syncText();
    const form = notifications();
    await form.getByLabel('Quiet hours from').fill('25:00');
    await form.getByLabel('Suggest a support case after an integration is broken for (hours)').fill('0');
    await form.getByRole('button', { name: 'Save notifications' }).click();

    await expect
      .poll(() => fieldError(form.getByLabel('Quiet hours from')))
      .toEqual({ invalid: true, says: 'Enter a time as HH:MM.' });
    expect(
      await fieldError(form.getByLabel('Suggest a support case after an integration is broken for (hours)')),
    ).toEqual({ invalid: true, says: 'Enter whole hours from 1 to 720.' });
    expect(await settledSync()).toBe(before);
  });

  it('saves which notifications to show, quiet hours and the escalation threshold', async () => {
    const form = notifications();
    await form.getByRole('checkbox', { name: 'An integration works again' }).uncheck();
    await form.getByLabel('Quiet hours from').fill('22:00');
    await form.getByLabel('until').fill('07:00');
    await form.getByLabel('Suggest a support case after an integration is broken for (hours)').fill('48');
    await form.getByRole('button', { name: 'Save notifications' }).click();

    await expect.poll(async () => (await syncSettings()).escalationHours).toBe(48);
    expect((await syncSettings()).notifications).toEqual({
      newProblem: true,
      recovered: false,
      escalation: true,
      quietStart: 22 * 60,
      quietEnd: 7 * 60,
    });
    await options.reload();
    await expect(notifications().getByLabel('Quiet hours from').inputValue()).resolves.toBe('22:00');
    await expect(
      notifications().getByRole('checkbox', { name: 'An integration works again' }).isChecked(),
    ).resolves.toBe(false);
  });

  it('exports the settings without keys and imports the file back to the same settings', async () => {
    const exported = await exportSettings();
    const file = JSON.parse(exported.text) as { format: string; settings: StoredSettings };
    expect(file.format).toBe('mbi-integration-watch/settings');
    expect(file.settings).toEqual(await syncSettings());
    expect(exported.text).not.toContain(CLIENT.key);
    expect(exported.text).not.toContain(KRAMERICA.key);

    await polling().getByLabel('Check every (minutes)').fill('9');
    await polling().getByRole('button', { name: 'Save polling' }).click();
    await expect.poll(async () => (await syncSettings()).pollMinutes).toBe(9);

    const secrets = await localSecrets();
    await importFile(exported.path);
    await expect.poll(() => textOf(backup().getByRole('status'))).toBe('Imported 2 account(s).');
    expect(await syncSettings()).toEqual(file.settings);
    expect(await localSecrets()).toEqual(secrets);
    await expect.poll(async () => (await pollAlarm())?.periodInMinutes).toBe(file.settings.pollMinutes);
    await expectBadge(watch, '5');
  });

  it('puts the keys in the export file only when asked to', async () => {
    await backup().getByRole('checkbox', { name: 'Include keys and credentials in the file' }).check();
    const exported = await exportSettings();
    await backup().getByRole('checkbox', { name: 'Include keys and credentials in the file' }).uncheck();
    expect(exported.text).toContain(CLIENT.key);
    expect(exported.text).toContain(KRAMERICA.key);
  });

  it.each([
    {
      what: 'a corrupt file',
      text: '{"format": "mbi-integration-watch/settings", "vers',
      message: 'Nothing was changed. The file is not valid JSON.',
    },
    {
      what: 'a JSON file of another program',
      text: '{"extends": "eslint:recommended", "rules": {}}',
      message: 'Nothing was changed. This is not a settings file of MBI Integration Watch',
    },
  ])('leaves the settings untouched when importing $what', async ({ text, message }) => {
    const before = { sync: await syncText(), secrets: await localSecrets() };
    await importFile({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect.poll(() => textOf(backup().getByRole('alert'))).toContain(message);
    expect(await settledSync()).toBe(before.sync);
    expect(await localSecrets()).toEqual(before.secrets);
    await expectBadge(watch, '5');
  });

  it('shows "Host access is missing" with a Grant access button and "perm" on the badge for an account on a host not granted', async () => {
    const file = JSON.parse((await exportSettings()).text) as { settings: StoredSettings };
    const remote = {
      id: 'remote',
      label: 'Remote MBI',
      clientId: '77',
      appOrigin: 'https://mbi.example.test',
      apiOrigin: 'https://mbi.example.test',
      enabled: true,
    };
    file.settings.accounts.push(remote);
    await importFile({
      name: 'with-remote.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });

    const item = accountNamed(remote.label);
    await expect.poll(() => textOf(item.getByRole('alert'))).toContain('Host access is missing for this account');
    await expect(item.getByRole('button', { name: 'Grant access' }).isVisible()).resolves.toBe(true);
    await expect(accountNamed(CLIENT.label).getByRole('alert').count()).resolves.toBe(0);
    await expectBadge(watch, 'perm');
    expect(await badgeTitle(watch)).toContain('Host access not granted (\u2068Remote MBI\u2069)');

    await item.getByRole('button', { name: 'Remove Remote MBI' }).click();
    await expectBadge(watch, '5');
  });

  it('removes an account with its problems from the badge and the popup, and its key from this computer', async () => {
    await accountNamed(KRAMERICA.label)
      .getByRole('button', { name: `Remove ${KRAMERICA.label}` })
      .click();
    await expect.poll(() => accountItems().count()).toBe(1);
    await expectBadge(watch, '4');
    expect(await badgeTitle(watch)).not.toContain(KRAMERICA.label);
    expect((await syncSettings()).accounts.map((s) => s.label)).toEqual([CLIENT.label]);
    expect(JSON.stringify(await localSecrets())).not.toContain(KRAMERICA.key);

    const popup = await withPopup(async (page) => {
      await expect.poll(() => page.getByRole('region').count()).toBe(1);
      return {
        names: await problemNames(page.getByRole('region', { name: CLIENT.label })),
        text: await page.locator('main').innerText(),
      };
    });
    expect(popup.names).toEqual(VANDELAY_PROBLEMS);
    expect(popup.text).not.toContain(KRAMERICA.label);
    expect(popup.text).not.toContain('kramerica.com');
  });

  it('adds an account with the keyboard alone', async () => {
    await options.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const focusedText = () => options.evaluate(() => document.activeElement?.textContent ?? '');
    for (let presses = 0; presses < 40 && (await focusedText()) !== 'Add an account'; presses++)
      await options.keyboard.press('Tab');
    expect(await focusedText()).toBe('Add an account');
    await options.keyboard.press('Enter');

    const focusedLabel = () =>
      options.evaluate(() => {
        const input = document.activeElement;
        return input instanceof HTMLInputElement ? (input.labels?.[0]?.textContent ?? '') : '';
      });
    const typeInto = async (label: string, text: string) => {
      await options.keyboard.press('Tab');
      expect(await focusedLabel()).toBe(label);
      await options.keyboard.press('ControlOrMeta+A');
      await options.keyboard.type(text);
    };
    await typeInto('Name', KRAMERICA.label);
    await typeInto('MBI client id', KRAMERICA.id);
    await typeInto('MBI app host', watch.sim.url);
    await typeInto('MBI API host', watch.sim.url);
    await typeInto('Export API key (optional)', KRAMERICA.key);
    await options.keyboard.press('Enter');

    await expect.poll(() => accountItems().count()).toBe(2);
    await expectBadge(watch, '5');
    expect((await syncSettings()).accounts.map((s) => [s.label, s.clientId])).toEqual([
      [CLIENT.label, CLIENT.id],
      [KRAMERICA.label, KRAMERICA.id],
    ]);
  });

  it('gives every input on the page an accessible name', async () => {
    await openAddForm();
    const inputs = await options.locator('input:not([type=hidden])').all();
    expect(inputs.length).toBeGreaterThan(15);
    const unnamed: string[] = [];
    for (const input of inputs) {
      const snapshot = await input.ariaSnapshot();
      if (!/^- \w+ "[^"]+"/.test(snapshot)) unnamed.push(await input.evaluate((el) => el.outerHTML));
    }
    expect(unnamed).toEqual([]);
    await addForm().getByRole('button', { name: 'Cancel' }).click();
  });

  it('threw nothing uncaught in the worker or any page', () => {
    expect(watch.errors).toEqual([]);
  });
});
