// Pure: what the Fivetran, Airbyte and Stitch parsers share to read one page of a vendor's list: its
// elements into integrations (or jobs), its anomalies, and its paging fields.
import { isRecord } from './keyed-record';
import type { FeedError, Integration } from './types';

/** One page of a vendor's list; `next` is the cursor or offset of the following page, absent on the last. */
export interface Page<N> {
  integrations: Integration[];
  next?: N;
  anomalies?: string[];
}
export type PageResult<N> = { ok: true; page: Page<N> } | { ok: false; error: FeedError };

export type Obj = Record<string, unknown>;

/** The raw status an element of a list that could not be read is shown with; it counts as a problem, never as healthy. */
export const UNREADABLE_STATUS = '(unreadable)';
/** Anomalies kept word for word; beyond them, one line says how many more. */
const MAX_ANOMALIES = 5;

export const formatChanged = (message: string): { ok: false; error: FeedError } => ({
  ok: false,
  error: { kind: 'format-changed', message },
});

/** What a body that is not the expected object or list is, for a format-changed message. */
export function whatIs(body: unknown): string {
  if (Array.isArray(body)) return 'a list';
  return isRecord(body) ? 'an object' : body === null ? 'null' : `a ${typeof body}`;
}

export function capped(anomalies: readonly string[]): string[] | undefined {
  if (anomalies.length === 0) return undefined;
  const more = anomalies.length - MAX_ANOMALIES;
  return more > 0 ? [...anomalies.slice(0, MAX_ANOMALIES), `…and ${more} more.`] : [...anomalies];
}

/** A listed element that is gone (deleted): read, but not watched. */
export const HIDDEN = Symbol('hidden');

export interface ListSpec {
  /** What an element is called in anomalies and in the name of one that cannot be read ("Connector"). */
  noun: string;
  /** The type and provider an element that cannot be read is shown with. */
  type: string;
  provider: string;
  idOf(raw: Obj): string | undefined;
  /** An element → an integration, HIDDEN for a deleted one, null when it lacks what every element has. */
  read(raw: Obj): Integration | typeof HIDDEN | null;
}

/**
 * A page's elements → integrations. As for MBI's list, one bad element does not blind the account: it is
 * watched in state unknown, a repeated id is watched once, and both are anomalies; only a page of which
 * not one element can be read is a changed format.
 */
export function readList(
  items: readonly unknown[],
  spec: ListSpec,
): { ok: true; integrations: Integration[]; anomalies: string[] } | { ok: false; error: FeedError } {
  const integrations: Integration[] = [];
  const anomalies: string[] = [];
  const ids = new Set<string>();
  let readable = 0;
  for (const [index, item] of items.entries()) {
    const read = isRecord(item) ? spec.read(item) : null;
    if (read === HIDDEN) {
      readable++;
      continue;
    }
    const position = index + 1;
    const integration = read ?? {
      id: (isRecord(item) ? spec.idOf(item) : undefined) ?? `#${position}`,
      name: `${spec.noun} #${position} (could not be read)`,
      type: spec.type,
      provider: spec.provider,
      kind: 'unknown',
      state: 'unknown',
      rawStatus: UNREADABLE_STATUS,
    };
    // Ids identify integrations across polls: a later element with the same id is not watched.
    if (ids.has(integration.id)) {
      anomalies.push(`Two ${spec.noun.toLowerCase()}s share the id "${integration.id}"; the first is watched.`);
      continue;
    }
    if (read) readable++;
    else anomalies.push(`${spec.noun} #${position} could not be read; it counts as unknown.`);
    ids.add(integration.id);
    integrations.push(integration);
  }
  if (items.length > 0 && readable === 0)
    return formatChanged(`None of the ${items.length} ${spec.noun.toLowerCase()}s on the page could be read.`);
  return { ok: true, integrations, anomalies };
}

/** Paging fields added to a page: an empty page ends the list whatever it says, so paging always stops. */
export function withPaging<P extends object, N>(
  page: P,
  anomalies: readonly string[],
  next: N | undefined,
  items: number,
) {
  const paged: P & { next?: N; anomalies?: string[] } = page;
  if (next !== undefined && items > 0) paged.next = next;
  const kept = capped(anomalies);
  if (kept) paged.anomalies = kept;
  return { ok: true as const, page: paged };
}

/** One page of a vendor's job list (Airbyte's jobs, Stitch's extractions). */
export type JobsResult<J, N> =
  { ok: true; page: { jobs: J[]; next?: N; anomalies?: string[] } } | { ok: false; error: FeedError };

/** A page's jobs; one that cannot be read is named and skipped (it lists no integration to count). */
export function readJobs<J>(
  items: readonly unknown[],
  noun: string,
  read: (raw: unknown) => J | null,
): { ok: true; jobs: J[]; anomalies: string[] } | { ok: false; error: FeedError } {
  const jobs: J[] = [];
  const anomalies: string[] = [];
  for (const [index, raw] of items.entries()) {
    const job = read(raw);
    if (job) jobs.push(job);
    else anomalies.push(`${noun} #${index + 1} could not be read; it is not counted.`);
  }
  if (items.length > 0 && jobs.length === 0)
    return formatChanged(`None of the ${items.length} ${noun.toLowerCase()}s on the page could be read.`);
  return { ok: true, jobs, anomalies };
}
