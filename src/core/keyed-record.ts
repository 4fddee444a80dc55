// Objects keyed by ids from outside (MBI's integration ids, keys read back from storage). Without a
// prototype, an id such as "__proto__" or "constructor" is an entry like any other, and an absent one
// reads as absent rather than as something inherited.

export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A prototype-free record of `entries`; JSON.parse and storage give plain objects back, this makes them safe. */
export function recordFrom<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = emptyRecord<T>();
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** The one object guard: a plain object (not null, not an array), its fields still unknown. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
