// Settings migrations: each step lifts stored settings one version; run on install and update.
import { DEFAULT_SETTINGS, MBI_API_ORIGIN, MBI_APP_ORIGIN } from './settings';

type Raw = Record<string, unknown>;

/** MIGRATIONS[n] lifts version n to n + 1. */
const MIGRATIONS: Readonly<Record<number, (raw: Raw) => Raw>> = {
  // Unversioned settings held one account in top-level fields; it becomes the first one.
  0: ({ clientId, appHost, apiHost, label, ...rest }) => ({
    ...rest,
    version: 1,
    sources:
      clientId === undefined
        ? (rest.sources ?? [])
        : [
            {
              id: 'mbi-1',
              label: label ?? 'MBI',
              clientId: typeof clientId === 'number' || typeof clientId === 'string' ? String(clientId) : '',
              appOrigin: appHost ?? MBI_APP_ORIGIN,
              apiOrigin: apiHost ?? MBI_API_ORIGIN,
              enabled: true,
            },
          ],
  }),
  // Version 1 called the accounts `sources`.
  1: ({ sources, ...rest }) => ({ ...rest, version: 2, accounts: rest.accounts ?? sources }),
  // Version 3 adds accounts of other pipelines (Fivetran, Airbyte, Stitch); MBI's accounts are unchanged.
  // The number tells an older version that these settings hold accounts it must not read as MBI's.
  2: (raw) => ({ ...raw, version: 3 }),
};

export function migrate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  let current = raw as Raw;
  let version = typeof current.version === 'number' ? current.version : 0;
  while (version < DEFAULT_SETTINGS.version) {
    const step = MIGRATIONS[version];
    if (!step) break;
    current = step(current);
    version++;
  }
  return current;
}
