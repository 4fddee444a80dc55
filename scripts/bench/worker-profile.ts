// Where a poll's time goes, without touching src/: for one extra poll, the worker's browser APIs and
// JSON.parse are wrapped and the time spent awaiting each is summed. Everything else is JS and IndexedDB.
import type { BenchBrowser } from './browser';

export interface ApiTime {
  api: string;
  calls: number;
  ms: number;
}

const APIS: readonly string[] = [
  'notifications.create', 'storage.local.get', 'storage.local.set', 'storage.sync.get', 'storage.session.get',
  'storage.managed.get', 'permissions.contains', 'action.setBadgeText', 'action.setTitle', 'action.setBadgeBackgroundColor',
];

/** Installs the wrappers; `uninstallProfile` puts the originals back and returns the sums. */
export async function installProfile(browser: BenchBrowser): Promise<void> {
  await browser.inWorker((apis) => {
    type Fn = (this: unknown, ...args: unknown[]) => unknown;
    const g = globalThis as unknown as { __benchProfile?: { sums: Record<string, [number, number]>; undo: (() => void)[] } };
    if (g.__benchProfile) return;
    const profile: { sums: Record<string, [number, number]>; undo: (() => void)[] } = { sums: {}, undo: [] };
    g.__benchProfile = profile;
    const add = (label: string, elapsed: number) => {
      const sum = (profile.sums[label] ??= [0, 0]);
      sum[0] += 1;
      sum[1] += elapsed;
    };
    const wrap = (owner: Record<string, unknown>, name: string, label: string) => {
      const original = owner[name] as Fn | undefined;
      if (typeof original !== 'function') return;
      owner[name] = function (this: unknown, ...args: unknown[]) {
        const start = performance.now();
        const finish = () => add(label, performance.now() - start);
        const last = args[args.length - 1];
        if (typeof last === 'function') {
          // Callback style, as webextension-polyfill calls the chrome APIs.
          args[args.length - 1] = function (this: unknown, ...results: unknown[]) {
            finish();
            return (last as Fn).apply(this, results);
          };
          return original.apply(this, args);
        }
        const result = original.apply(this, args);
        if (result instanceof Promise) result.then(finish, finish);
        else finish();
        return result;
      };
      profile.undo.push(() => {
        owner[name] = original;
      });
    };
    for (const api of apis) {
      const path = api.split('.');
      const name = path.pop() ?? '';
      const owner = path.reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], chrome);
      if (owner) wrap(owner as Record<string, unknown>, name, api);
    }
    wrap(JSON as unknown as Record<string, unknown>, 'parse', 'JSON.parse');
  }, APIS);
}

export async function uninstallProfile(browser: BenchBrowser): Promise<ApiTime[]> {
  const sums = await browser.inWorker(() => {
    const g = globalThis as unknown as { __benchProfile?: { sums: Record<string, [number, number]>; undo: (() => void)[] } };
    const profile = g.__benchProfile;
    delete g.__benchProfile;
    for (const undo of profile?.undo ?? []) undo();
    return profile?.sums ?? {};
  }, undefined);
  return Object.entries(sums).map(([api, [calls, ms]]) => ({ api, calls, ms })).sort((a, b) => b.ms - a.ms);
}
