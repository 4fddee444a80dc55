// The popup's stored model, as the check cycle writes it: each account's first entries in the model and
// every entry in the full list, in one write, and only when something the popup shows changed.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { openWatchDb } from '../../src/background/db';
import { isGroup, type PopupEntry, type PopupGroup, type PopupRow } from '../../src/core/popup-model';
import { parseSettings } from '../../src/core/settings';
import { POPUP_MODEL, POPUP_ROWS, SNOOZES, VERIFICATIONS } from '../../src/core/stored-items';
import { saveSettings } from '../../src/shared/storage';
import { read, write } from '../../src/shared/stored';
import { feedKey, type Integration } from '../../src/core/types';
import { grantHostAccess, serve } from './fixtures';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const MINUTE = 60_000;

/** A fresh copy of the worker's modules, as a restarted worker loads them. */
async function freshWorker() {
  vi.resetModules();
  return import('../../src/background/cycle');
}

/**
 * A cycle at `at` that polls nothing: the account was checked at NOW, within the interval, as on a wake or
 * after a snooze. What it writes comes from what is stored alone.
 */
async function cycleAt(worker: Awaited<ReturnType<typeof freshWorker>>, at: number): Promise<void> {
  await worker.requestCycle({ force: false, onlyOverdue: true }, { now: () => at, random: Math.random });
}

function failing(id: string, extra: Partial<Integration> = {}): Integration {
  return {
    id,
    name: `integration ${id}`,
    type: 'mysql',
    provider: 'MySQL',
    kind: 'database',
    state: 'failing',
    rawStatus: '3',
    since: NOW - Number(id) * MINUTE,
    ...extra,
  };
}

/** Integrations 1…count, most recently broken first, each with its own error: none alike. */
const unlike = (count: number) =>
  Array.from({ length: count }, (_, i) => failing(String(i + 1), { detail: `Error ${i + 1}` }));

async function storeIntegrations(integrations: Integration[]): Promise<void> {
  const db = await openWatchDb();
  await db.put('feeds', {
    key: feedKey('main', 'connections'),
    accountId: 'main',
    feed: 'connections',
    lastAttemptAt: NOW,
    lastSuccessAt: NOW,
    failures: 0,
    data: { feed: 'connections', integrations },
  });
}

const ids = (entries: readonly PopupEntry[] | undefined) =>
  (entries ?? []).map((e) => (isGroup(e) ? `group of ${e.count}` : e.id));

/** Every row of the entries, those folded into a group too. */
const rowsIn = (entries: readonly PopupEntry[] | undefined): PopupRow[] =>
  (entries ?? []).flatMap((e) => (isGroup(e) ? (e.rows ?? []) : [e]));

function groupOf(entry: PopupEntry | undefined): PopupGroup {
  if (entry === undefined || !isGroup(entry)) throw new Error(`not a group: ${JSON.stringify(entry)}`);
  return entry;
}

/** The keys of each storage.local write of the popup's items (the notifier keeps its memory there too). */
const writes = (set: MockInstance) =>
  set.mock.calls
    .map(([items]) => Object.keys(items as object).sort())
    .filter((keys) => keys.includes(POPUP_MODEL.key) || keys.includes(POPUP_ROWS.key));

let fetchSpy: ReturnType<typeof serve>;

beforeEach(async () => {
  await saveSettings(parseSettings({ accounts: [{ id: 'main', label: 'Main store', clientId: '194' }] }));
  grantHostAccess('https://dashboard.rjmetrics.com/*', 'https://api.rjmetrics.com/*');
  // Nothing is served: a poll would fail and show in the stored record.
  fetchSpy = serve({});
});

describe('the popup model the check cycle writes', () => {
  it('stores the first 10 entries in the model and every entry in the full list, in one write', async () => {
    await storeIntegrations(unlike(12));
    const worker = await freshWorker();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await cycleAt(worker, NOW + MINUTE);

    expect(fetchSpy).not.toHaveBeenCalled();
    const model = await read(POPUP_MODEL);
    expect(model?.builtAt).toBe(NOW + MINUTE);
    expect(model?.accounts[0]).toMatchObject({ problemCount: 12, entryCount: 12 });
    expect(ids(model?.accounts[0]?.entries)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const rows = await read(POPUP_ROWS);
    expect(Object.keys(rows)).toEqual(['main']);
    expect(ids(rows.main)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(rows.main?.slice(0, 10)).toEqual(model?.accounts[0]?.entries);
    // One write for both, so a popup listening wakes once.
    expect(writes(set)).toEqual([['popupModel', 'popupRows']]);
  });

  it('folds alike problems into a group: in the model without its rows, in the full list with them', async () => {
    const alike = ['2', '3', '4', '5', '6'].map((id) => failing(id, { detail: 'Access denied' }));
    await storeIntegrations([
      failing('1', { detail: 'Unknown host' }),
      ...alike,
      failing('7', { state: 'needs-reauth' }),
    ]);
    await cycleAt(await freshWorker(), NOW + MINUTE);

    const model = await read(POPUP_MODEL);
    expect(model?.accounts[0]).toMatchObject({ problemCount: 7, entryCount: 3 });
    expect(ids(model?.accounts[0]?.entries)).toEqual(['1', 'group of 5', '7']);
    const group = groupOf(model?.accounts[0]?.entries[1]);
    expect(group).toMatchObject({ provider: 'MySQL', state: 'failing', detail: 'Access denied', count: 5 });
    expect(group.rows).toBeUndefined();
    const full = groupOf((await read(POPUP_ROWS)).main?.[1]);
    expect(full.key).toBe(group.key);
    expect(full.rows?.map((r) => r.id)).toEqual(['2', '3', '4', '5', '6']);
  });

  it('writes nothing when nothing changed, cycle after cycle of one worker', async () => {
    await storeIntegrations(unlike(12));
    const worker = await freshWorker();
    await cycleAt(worker, NOW + MINUTE);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await cycleAt(worker, NOW + 2 * MINUTE);
    await cycleAt(worker, NOW + 3 * MINUTE);

    expect(fetchSpy).not.toHaveBeenCalled();
    expect(set).not.toHaveBeenCalled();
    // It knows what it wrote without reading the stored copy back.
    expect(get.mock.calls.flat().filter((keys) => JSON.stringify(keys).includes(POPUP_MODEL.key))).toEqual([]);
    // The stored model is the first cycle's: its build time too.
    expect((await read(POPUP_MODEL))?.builtAt).toBe(NOW + MINUTE);
  });

  it('writes once after a restart, which does not know what the worker before it wrote, then nothing', async () => {
    await storeIntegrations(unlike(3));
    await cycleAt(await freshWorker(), NOW + MINUTE);
    const before = await read(POPUP_MODEL);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const restarted = await freshWorker();
    await cycleAt(restarted, NOW + 2 * MINUTE);
    await cycleAt(restarted, NOW + 3 * MINUTE);

    expect(writes(set)).toEqual([['popupModel', 'popupRows']]);
    expect({ ...(await read(POPUP_MODEL)), builtAt: 0 }).toEqual({ ...before, builtAt: 0 });
  });

  it('writes again when a snooze changes what it shows', async () => {
    await storeIntegrations(unlike(12));
    const worker = await freshWorker();
    await cycleAt(worker, NOW + MINUTE);
    await write(SNOOZES, { 'main/1': { until: NOW + 60 * MINUTE } });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await cycleAt(worker, NOW + 2 * MINUTE);

    expect(writes(set)).toEqual([['popupModel', 'popupRows']]);
    const model = await read(POPUP_MODEL);
    expect(model?.accounts[0]).toMatchObject({ problemCount: 11, entryCount: 11 });
    expect(model?.accounts[0]?.snoozed.map((r) => [r.id, r.wakeAt])).toEqual([['1', NOW + 60 * MINUTE]]);
    expect(ids((await read(POPUP_ROWS)).main)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
  });

  it('writes the full list again when only a row past the first entries changed: a re-authorization from "Show all"', async () => {
    await storeIntegrations(unlike(12));
    const worker = await freshWorker();
    await cycleAt(worker, NOW + MINUTE);
    const model = await read(POPUP_MODEL);
    await write(VERIFICATIONS, {
      'main/12': {
        accountId: 'main',
        integrationId: '12',
        name: 'integration 12',
        startedAt: NOW + MINUTE,
        tabIds: [7],
      },
    });
    await cycleAt(worker, NOW + MINUTE + 1_000);

    // The model's first ten entries are as they were; the twelfth row shows it is being followed.
    expect({ ...(await read(POPUP_MODEL)), builtAt: 0 }).toEqual({ ...model, builtAt: 0 });
    expect((await read(POPUP_ROWS)).main?.at(-1)).toMatchObject({ id: '12', verification: {} });
  });

  it('writes the full list again when only a row in it changed: a re-authorization started from a group', async () => {
    const alike = ['1', '2', '3', '4', '5'].map((id) => failing(id, { detail: 'Access denied' }));
    await storeIntegrations(alike);
    const worker = await freshWorker();
    await cycleAt(worker, NOW + MINUTE);
    const model = await read(POPUP_MODEL);
    // Started from the expanded group: the row shows it is being followed, the model's group the same.
    await write(VERIFICATIONS, {
      'main/4': { accountId: 'main', integrationId: '4', name: 'integration 4', startedAt: NOW + MINUTE, tabIds: [7] },
    });
    await cycleAt(worker, NOW + MINUTE + 1_000);

    expect({ ...(await read(POPUP_MODEL)), builtAt: 0 }).toEqual({ ...model, builtAt: 0 });
    const rows = rowsIn((await read(POPUP_ROWS)).main);
    expect(rows.map((r) => [r.id, r.verification])).toEqual([
      ['1', undefined],
      ['2', undefined],
      ['3', undefined],
      ['4', {}],
      ['5', undefined],
    ]);
  });
});
