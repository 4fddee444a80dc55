// Shared test fixtures: JSON bodies as the adapters receive them, and a fake MBI for the poll engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBrowser } from '@webext-core/fake-browser';
import { vi, type MockInstance } from 'vitest';
import { notifyChanges } from '../../src/background/notifier';
import { SNOOZES } from '../../src/core/stored-items';
import { openWatchDb, readFeeds } from '../../src/background/db';
import { loadSettings } from '../../src/shared/storage';
import { read } from '../../src/shared/stored';
import type { ListData, FeedRecord, Integration } from '../../src/core/types';

/** Reads a JSON fixture the way the adapters receive a body: parsed, of unknown shape. */
export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

// A path, not a URL: under jsdom, `URL` resolves relative to the page rather than to this file.
export function fixtureText(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

// The account every engine test watches: account "main", MBI client 194 on MBI's own hosts.
export const CONNECTIONS =
  'https://api.rjmetrics.com/v1/v2/clients/194/connections/input-connections?include_deleted=false';
export const UPDATE_CYCLE = 'https://api.rjmetrics.com/0.1/client/194/fullupdatestatus';

export type Answer = () => Response | Promise<Response>;

export const json =
  (text: string): Answer =>
  () =>
    new Response(text, { headers: { 'content-type': 'application/json' } });
export const SAMPLE = json(fixtureText('connections-2018-sample.json'));
export const CYCLE = json(fixtureText('update-cycle-sample.json'));

export function urlOf(input: string | URL | Request): string {
  if (input instanceof Request) return input.url;
  return input instanceof URL ? input.href : input;
}

/** Routes fetch by URL; anything unrouted is a network failure, as it would be for an unknown host. */
export function serve(routes: Record<string, Answer>): MockInstance<typeof fetch> {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = urlOf(input);
    const answer = routes[url];
    return answer ? Promise.resolve(answer()) : Promise.reject(new TypeError(`fetch failed: ${url}`));
  });
}

export function callsTo(spy: MockInstance<typeof fetch>, url: string): number {
  return spy.mock.calls.filter(([input]) => urlOf(input) === url).length;
}

/** An answer held back until `release()`, to keep a poll in flight. */
export function held(answer: Answer): { answer: Answer; release: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return {
    answer: async () => {
      await gate;
      return answer();
    },
    release: () => release(),
  };
}

/**
 * Lets everything already started run on: a hundred turns of the event loop, however slow the machine,
 * which is far more than a poll needs to read settings and IndexedDB before it fetches.
 */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 100; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
}

// The fake browser does not implement permissions; this answers `contains` from a set of granted patterns.
const permissions: { contains(request: { origins?: string[] }): Promise<boolean> } = fakeBrowser.permissions;

export function grantHostAccess(...patterns: string[]): void {
  const granted = new Set(patterns);
  vi.spyOn(permissions, 'contains').mockImplementation(({ origins = [] }) =>
    Promise.resolve(origins.every((o) => granted.has(o))),
  );
}

/** Configures account "main" (polled every `pollMinutes`) with an Export API key and host access to MBI. */
export async function watchMainStore(pollMinutes = 5): Promise<void> {
  // Versioned as the extension writes it, so that no settings migration applies.
  await fakeBrowser.storage.sync.set({
    settings: { version: 2, pollMinutes, accounts: [{ id: 'main', label: 'Main store', clientId: '194' }] },
  });
  await fakeBrowser.storage.local.set({
    secrets: { main: { exportApiKey: 'export-key', apiOrigin: 'https://api.rjmetrics.com', clientId: '194' } },
  });
  grantHostAccess('https://dashboard.rjmetrics.com/*', 'https://api.rjmetrics.com/*');
}

/** The stored record of one of account "main"'s feeds. */
export async function stored(feed: FeedRecord['feed']): Promise<FeedRecord | undefined> {
  return (await readFeeds(await openWatchDb())).find((r) => r.accountId === 'main' && r.feed === feed);
}

/** A stored connections record of `accountId` whose last check, at `at`, succeeded with these integrations. */
export function connectionsRecord(
  integrations: Integration[],
  at: number,
  accountId = 's',
  extra: Pick<ListData, 'anomalies'> = {},
): FeedRecord {
  return {
    key: `${accountId}:connections`,
    accountId,
    feed: 'connections',
    lastAttemptAt: at,
    lastSuccessAt: at,
    failures: 0,
    data: { feed: 'connections', integrations, ...extra },
  };
}

/** Notifies as the check cycle does, from the settings, records and snoozes in storage. */
export async function notifyFromStorage(now: number): Promise<void> {
  const [settings, records, snoozes] = await Promise.all([
    loadSettings(),
    openWatchDb().then(readFeeds),
    read(SNOOZES),
  ]);
  await notifyChanges({ settings, records, snoozes }, now);
}

/** A healthy Adobe Analytics integration: the rule of two weeks applies to it. */
export function adobeAnalytics(over: Partial<Integration> = {}): Integration {
  return {
    id: '1',
    name: 'Vandelay Analytics',
    type: 'adobe_analytics',
    provider: 'Adobe Analytics',
    kind: 'oauth',
    state: 'ok',
    rawStatus: '1',
    ...over,
  };
}
