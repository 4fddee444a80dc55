// Organization policy (storage.managed, schema in public/managed_schema.json): preset accounts and
// polling. Managed values win over the admin's own and show as locked.
import { isRecord } from './keyed-record';
import { parseSettings, type Settings, type AccountSettings } from './settings';

export type LockableField = 'pollMinutes' | 'staleHours' | 'escalationHours';

export interface Managed {
  fields: Partial<Pick<Settings, LockableField>>;
  accounts: AccountSettings[];
}

const FIELDS: LockableField[] = ['pollMinutes', 'staleHours', 'escalationHours'];

export function parseManaged(raw: unknown): Managed {
  const r = isRecord(raw) ? raw : {};
  // The same parser as for the admin's own settings: policy values are clamped and checked alike.
  const parsed = parseSettings(r);
  // Ids are given after parsing: the own-settings parser never lets an account take a `managed-` id.
  const accounts = (Array.isArray(r.accounts) ? r.accounts : Array.isArray(r.sources) ? r.sources : []).flatMap(
    (s: unknown, i) => {
      const src = isRecord(s) ? s : {};
      const [account] = parseSettings({
        accounts: [{ ...src, id: undefined, appOrigin: src.appHost, apiOrigin: src.apiHost }],
      }).accounts;
      // MBI accounts only: a policy cannot give the credentials a Fivetran, Airbyte or Stitch account needs, and a
      // locked account could not take them either.
      if (!account || account.pipeline) return [];
      return [{ ...account, id: `managed-${account.clientId}-${i}`, managed: true }];
    },
  );
  const fields: Managed['fields'] = {};
  for (const field of FIELDS) if (typeof r[field] === 'number') fields[field] = parsed[field];
  return { fields, accounts };
}

export function applyManaged(settings: Settings, managed: Managed): Settings {
  const own = settings.accounts.filter(
    (s) =>
      !s.managed &&
      !managed.accounts.some((m) => !s.pipeline && m.clientId === s.clientId && m.appOrigin === s.appOrigin),
  );
  return { ...settings, ...managed.fields, accounts: [...managed.accounts, ...own] };
}

/** What is written to sync: the admin's own settings, without what policy supplies. */
export function ownPart(settings: Settings): Settings {
  return { ...settings, accounts: settings.accounts.filter((s) => !s.managed) };
}
