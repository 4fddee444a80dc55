// Keys bound to their host, imports that are too large or do not fit the sync quota, "keep keys only
// until the browser closes" arriving by sync, and settings of a newer version — in real Chromium.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { SIM_TIMING } from '../../scripts/sim-timing';
import type { AccountSettings } from '../../src/core/settings';
import type { FeedRecord } from '../../src/core/types';
import { checkNow, CLIENT, launchSignedIn, openPopup, readStore, type Watch } from './harness';

/** A host that records the headers of every request it gets: where a tampered file points the API host. */
async function startRecorder(): Promise<{ url: string; requests: IncomingHttpHeaders[]; server: Server }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    requests.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe('keys and settings the admin can trust', () => {
  let watch: Watch;
  let options: Page;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;

  const worker = () => watch.worker;
  const storedAll = () =>
    worker().evaluate(async () => ({
      sync: (await chrome.storage.sync.get('settings')).settings,
      local: (await chrome.storage.local.get('secrets')).secrets,
      session: (await chrome.storage.session.get('secrets')).secrets,
    }));
  const syncSettings = async () =>
    (await worker().evaluate(() => chrome.storage.sync.get('settings'))).settings as {
      accounts: AccountSettings[];
    } & Record<string, unknown>;
  const writeSync = (settings: unknown) => worker().evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
  /** The text of every element the locator matches, now (without waiting for one to appear). */
  const textOf = async (locator: Locator): Promise<string> => (await locator.allTextContents()).join('\n');
  const backup = (): Locator => options.getByRole('region', { name: 'Import and export' });
  const keysBox = (): Locator =>
    options.getByRole('checkbox', { name: 'Keep keys and credentials only until the browser closes' });
  const settingsFile = (settings: unknown, secrets?: unknown) => ({
    name: 'settings.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'mbi-integration-watch/settings',
        version: 1,
        settings,
        ...(secrets ? { secrets } : {}),
      }),
    ),
  });
  const importFile = (file: { name: string; mimeType: string; buffer: Buffer }) =>
    backup().getByLabel('Import settings…').setInputFiles(file);
  const boundKey = (apiOrigin: string) => ({ 'sim-194': { exportApiKey: CLIENT.key, apiOrigin, clientId: CLIENT.id } });

  beforeAll(async () => {
    recorder = await startRecorder();
    watch = await launchSignedIn();
    options = await watch.context.newPage();
    await options.goto(watch.url('options'));
  });

  afterAll(async () => {
    await watch?.close();
    recorder?.server.close();
  });

  it('keeps the key on this computer with the API host and client it was entered for', async () => {
    await expect.poll(async () => (await storedAll()).local).toEqual(boundKey(watch.sim.url));
    await expect(options.getByRole('listitem').filter({ hasText: CLIENT.label }).textContent()).resolves.toContain(
      'Export API key set',
    );
  });

  it('refuses a file over 1 MB with a message and changes nothing', async () => {
    const before = await storedAll();
    await importFile({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(1024 * 1024 + 1, ' ') });
    await expect
      .poll(() => textOf(backup().getByRole('alert')))
      .toBe('Nothing was changed. The file is larger than 1 MB; a settings file is a few kilobytes.');
    expect(await storedAll()).toEqual(before);
  });

  it('says "Not saved" when sync refuses a file of many accounts (8 KB per item), leaving settings and keys as they were', async () => {
    const before = await storedAll();
    const current = await syncSettings();
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: `bulk-${i}`,
      label: `Bulk account ${i}`,
      clientId: String(1000 + i),
      appOrigin: watch.sim.url,
      apiOrigin: watch.sim.url,
      enabled: true,
    }));
    // The file's keys would replace the one held here: a half-done save would leave them behind.
    const keys = {
      'sim-194': { exportApiKey: 'key-from-the-file', apiOrigin: watch.sim.url, clientId: CLIENT.id },
      'bulk-0': { exportApiKey: 'bulk-key', apiOrigin: watch.sim.url, clientId: '1000' },
    };
    await importFile(settingsFile({ ...current, accounts: [...current.accounts, ...many] }, keys));

    await expect
      .poll(() => textOf(backup().getByRole('alert')))
      .toMatch(/^Not saved: .*QuotaBytesPerItem quota exceeded/);
    await options.waitForTimeout(500);
    expect(await storedAll()).toEqual(before);
    await expect(options.getByRole('listitem').filter({ hasText: 'Bulk account' }).count()).resolves.toBe(0);
  });

  it('moves the key off the disk when "keep keys only until the browser closes" arrives by sync, ticking the box only once it is gone', async () => {
    // Session storage full: the key cannot move yet, so it stays on disk and the box must not read as ticked.
    await worker().evaluate(async () => {
      const used = await chrome.storage.session.getBytesInUse(null);
      await chrome.storage.session.set({ filler: 'x'.repeat(chrome.storage.session.QUOTA_BYTES - used - 64) });
    });
    const current = await syncSettings();
    await writeSync({ ...current, secretsInSession: true });
    await options.waitForTimeout(1_500);
    expect((await storedAll()).local).toEqual(boundKey(watch.sim.url));
    await expect(keysBox().isChecked()).resolves.toBe(false);

    await worker().evaluate(() => chrome.storage.session.remove('filler'));
    await writeSync({ ...current, secretsInSession: true, staleHours: 27 });
    await expect.poll(async () => (await storedAll()).session).toEqual(boundKey(watch.sim.url));
    expect((await storedAll()).local).toBeUndefined();
    await expect.poll(() => keysBox().isChecked()).toBe(true);

    await writeSync({ ...current, secretsInSession: false });
    await expect.poll(async () => (await storedAll()).local).toEqual(boundKey(watch.sim.url));
    expect((await storedAll()).session).toBeUndefined();
    await expect.poll(() => keysBox().isChecked()).toBe(false);
  });

  it('imports a file that points the account at another API host without sending the key there', async () => {
    // Adobe's one-call-a-minute rule (shorter in the simulator build) would hold any key back anyway: the
    // import comes after that interval.
    const calls = async () =>
      (await readStore<FeedRecord>(watch, 'feeds'))
        .filter((r) => r.feed === 'update-cycle')
        .map((r) => r.lastAttemptAt);
    await expect.poll(async () => (await calls()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await options.waitForTimeout(
      Math.max(0, Math.max(...(await calls())) + SIM_TIMING.updateCycleMinIntervalMs + 1_000 - Date.now()),
    );
    const current = await syncSettings();
    const tampered = {
      ...current,
      accounts: current.accounts.map((s) => (s.id === 'sim-194' ? { ...s, apiOrigin: recorder.url } : s)),
    };
    await importFile(settingsFile(tampered));

    const review = backup().getByRole('alert');
    await expect
      .poll(() => textOf(review))
      .toContain(
        `${CLIENT.label}, MBI API host: ${watch.sim.url} → ${recorder.url} (its Export API key will be removed)`,
      );
    expect((await syncSettings()).accounts.find((s) => s.id === 'sim-194')?.apiOrigin).toBe(watch.sim.url);
    await backup().getByRole('button', { name: 'Import', exact: true }).click();
    await expect
      .poll(async () => (await syncSettings()).accounts.find((s) => s.id === 'sim-194')?.apiOrigin)
      .toBe(recorder.url);

    // Access to the new host is granted (the simulator build holds http://127.0.0.1/*); checks run there.
    const account = options.getByRole('listitem').filter({ hasText: CLIENT.label });
    await account.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => account.getByTestId('test-result').count()).toBe(1);
    const popup = await openPopup(watch);
    await checkNow(popup);
    await popup.close();

    expect(recorder.requests.length).toBeGreaterThan(0);
    expect(recorder.requests.filter((headers) => 'x-rjm-api-key' in headers)).toEqual([]);
    expect((await storedAll()).local).toEqual({});
    await expect
      .poll(() => textOf(account.getByRole('alert')))
      .toContain(
        `The key or credentials of ${CLIENT.label} were removed because its API host changed from ${watch.sim.url} to ${recorder.url}; enter them again for the new host.`,
      );
    await expect(account.textContent()).resolves.toContain(`API host ${recorder.url}`);
  }, 120_000);

  it('shows settings of a newer version without changing them, its save buttons disabled', async () => {
    const newer = { ...(await syncSettings()), version: 4, pollMinutes: 9, futureOption: { kept: true } };
    await writeSync(newer);
    await expect
      .poll(() => textOf(options.getByRole('alert').filter({ hasText: 'saved by a newer version' })))
      .toBe(
        'These settings were saved by a newer version of MBI Integration Watch; update this extension to change them here.',
      );
    await expect(options.getByRole('button', { name: 'Save polling' }).isDisabled()).resolves.toBe(true);
    await expect(options.getByRole('button', { name: 'Pause all checks' }).isDisabled()).resolves.toBe(true);
    await expect(keysBox().isDisabled()).resolves.toBe(true);
    const popup = await openPopup(watch);
    await checkNow(popup);
    await popup.close();
    await options.waitForTimeout(500);
    expect(await syncSettings()).toEqual(newer);
  });
});
