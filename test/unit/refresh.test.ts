// The popup's stored model: written when it changed, and only then, even across a worker restart; the
// rows beyond the first ones built when asked.
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openWatchDb, readFeed } from '../../src/shared/db';
import { POPUP_MODEL_KEY } from '../../src/shared/messages';
import type { PopupModel } from '../../src/shared/popup-model';
import { parseSettings } from '../../src/shared/settings';
import { saveSettings } from '../../src/shared/storage';
import { feedKey, type Integration } from '../../src/shared/types';

const NOW = Date.parse('2026-11-27T12:00:00Z');

/** A fresh copy of the module, as a restarted worker loads it. */
async function freshWorker() {
  vi.resetModules();
  return import('../../src/background/refresh');
}

async function storeProblems(count: number): Promise<void> {
  const integrations: Integration[] = Array.from({ length: count }, (_, i) => ({
    id: String(i + 1),
    name: `integration ${i + 1}`,
    type: 'mysql',
    provider: 'MySQL',
    kind: 'database',
    state: 'failing',
    rawStatus: '3',
    since: NOW - (i + 1) * 60_000,
  }));
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

async function stored(): Promise<PopupModel | undefined> {
  return (await fakeBrowser.storage.local.get(POPUP_MODEL_KEY))[POPUP_MODEL_KEY] as PopupModel | undefined;
}

describe('the popup model in storage', () => {
  beforeEach(async () => {
    await saveSettings(parseSettings({ accounts: [{ id: 'main', label: 'Main store', clientId: '194' }] }));
  });

  it('stores the first 10 rows, and builds the rest when asked', async () => {
    await storeProblems(12);
    const { moreRows, refreshBadge } = await freshWorker();
    await refreshBadge(NOW);
    const model = await stored();
    expect(model?.accounts[0]?.problems).toHaveLength(10);
    expect(model?.accounts[0]?.problemCount).toBe(12);
    expect((await moreRows(NOW)).main?.map((r) => r.id)).toEqual(['11', '12']);
  });

  it('writes nothing when nothing changed, not even after a restart', async () => {
    await storeProblems(3);
    await (await freshWorker()).refreshBadge(NOW);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const { refreshBadge } = await freshWorker();
    await refreshBadge(NOW + 1_000);
    await refreshBadge(NOW + 2_000);
    expect(set).not.toHaveBeenCalled();
  });

  it('writes a new version when only a row beyond the first ones changed, so a popup showing it asks again', async () => {
    await storeProblems(12);
    const { refreshBadge } = await freshWorker();
    await refreshBadge(NOW);
    const before = await stored();
    const db = await openWatchDb();
    const record = await readFeed(db, 'main', 'connections');
    if (record?.data?.feed !== 'connections') throw new Error('no connections stored');
    record.data.integrations[10] = { ...record.data.integrations[10]!, detail: 'Access denied' };
    await db.put('feeds', record);
    await refreshBadge(NOW);
    const after = await stored();
    expect(after?.accounts).toEqual(before?.accounts);
    expect(after?.moreVersion).not.toBe(before?.moreVersion);
  });

  it('writes again after another hand changed the stored copy', async () => {
    await storeProblems(3);
    const { onModelChanged, refreshBadge } = await freshWorker();
    await refreshBadge(NOW);
    await fakeBrowser.storage.local.set({ [POPUP_MODEL_KEY]: null });
    onModelChanged({ [POPUP_MODEL_KEY]: { newValue: null } }, 'local');
    await refreshBadge(NOW);
    expect((await stored())?.accounts[0]?.problemCount).toBe(3);
  });

  it('draws from the copy a poll hands it, unless something was written since that copy was read', async () => {
    await storeProblems(3);
    const { refreshBadge } = await freshWorker();
    const { loadWatchState, noteWrite } = await import('../../src/background/watch-state');
    const copy = await loadWatchState();
    // A snooze from the popup, after the poll read its copy.
    await fakeBrowser.storage.local.set({ snoozes: { 'main/1': { until: NOW + 3_600_000 } } });
    await refreshBadge(NOW, copy);
    expect((await stored())?.problemCount).toBe(3);
    noteWrite();
    await refreshBadge(NOW, copy);
    expect((await stored())?.problemCount).toBe(2);
  });

  it('keeps what it wrote itself', async () => {
    await storeProblems(3);
    const { onModelChanged, refreshBadge } = await freshWorker();
    await refreshBadge(NOW);
    onModelChanged({ [POPUP_MODEL_KEY]: { newValue: await stored() } }, 'local');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    await refreshBadge(NOW + 1_000);
    expect(set).not.toHaveBeenCalled();
    // Its own write came back as a change: it still knows what is stored, without reading it again.
    expect(get.mock.calls.filter(([keys]) => keys === POPUP_MODEL_KEY)).toEqual([]);
  });
});
