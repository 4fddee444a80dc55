// Organization policy (storage.managed, schema in public/managed_schema.json): preset accounts and
// polling. Managed values win over the admin's own and show as locked.
import { parseSettings, type Settings, type SourceSettings } from './settings';

export type LockableField = 'pollMinutes' | 'staleHours' | 'escalationHours';

export interface Managed {
  fields: Partial<Pick<Settings, LockableField>>;
  sources: SourceSettings[];
}

const FIELDS: LockableField[] = ['pollMinutes', 'staleHours', 'escalationHours'];

export function parseManaged(raw: unknown): Managed {
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  // The same parser as for the admin's own settings: policy values are clamped and checked alike.
  const parsed = parseSettings(r);
  // Ids are given after parsing: the own-settings parser never lets an account take a `managed-` id.
  const sources = (Array.isArray(r.sources) ? r.sources : []).flatMap((s: unknown, i) => {
    const src = typeof s === 'object' && s !== null ? (s as Record<string, unknown>) : {};
    const [source] = parseSettings({
      sources: [{ ...src, id: undefined, appOrigin: src.appHost, apiOrigin: src.apiHost }],
    }).sources;
    return source ? [{ ...source, id: `managed-${source.clientId}-${i}`, managed: true }] : [];
  });
  const fields: Managed['fields'] = {};
  for (const field of FIELDS) if (typeof r[field] === 'number') fields[field] = parsed[field];
  return { fields, sources };
}

export function applyManaged(settings: Settings, managed: Managed): Settings {
  const own = settings.sources.filter(
    (s) => !s.managed && !managed.sources.some((m) => m.clientId === s.clientId && m.appOrigin === s.appOrigin),
  );
  return { ...settings, ...managed.fields, sources: [...managed.sources, ...own] };
}

/** What is written to sync: the admin's own settings, without what policy supplies. */
export function ownPart(settings: Settings): Settings {
  return { ...settings, sources: settings.sources.filter((s) => !s.managed) };
}
