// Pure: MBI's connections list, as received, parsed into integrations (the core's lint rules hold here).
import { isRecord } from '../../../core/keyed-record';
import { capped, UNREADABLE_STATUS } from '../../../core/pipeline-page';
import { providerFor } from '../../../core/providers';
import { MAX_DETAIL, MAX_ID, MAX_NAME, text } from '../../../core/remote-text';
import { type ListData, type FeedResult, type Integration, type IntegrationKind } from '../../../core/types';
import { stateForStatus } from './status';

type Obj = Record<string, unknown>;

function kindOf(known: IntegrationKind | undefined, integrationType: Obj): IntegrationKind {
  if (known) return known;
  return integrationType.replication_type === 'db' ? 'database' : 'unknown';
}

function idOf(raw: Obj): string | undefined {
  return typeof raw.id === 'number' && Number.isFinite(raw.id) ? String(raw.id) : text(raw.id, MAX_ID);
}

/**
 * MBI's "YYYY-MM-DD HH:MM:SS" (no zone; read as UTC, as the 2018 sample and the simulator write it), or
 * undefined for anything else, a day that does not exist included.
 */
export function parseMbiTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const at = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(at);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? at : undefined;
}

/** One list element → an Integration, or null when it lacks what every connection must have. */
function normalizeConnection(raw: unknown): Integration | null {
  if (!isRecord(raw)) return null;
  const id = idOf(raw);
  const name = text(raw.display_name, MAX_NAME) ?? text(raw.name, MAX_NAME);
  const type = text(raw.type, 64);
  if (id === undefined || name === undefined || type === undefined || !isRecord(raw.properties)) return null;
  const integrationType = isRecord(raw.integration_type) ? raw.integration_type : {};
  const props = raw.properties;
  const { state, rawStatus } = stateForStatus(props.status);
  const known = providerFor(type);
  const integration: Integration = {
    id,
    name,
    type,
    provider: known?.name ?? text(integrationType.display_name, 80) ?? type,
    kind: kindOf(known?.kind, integrationType),
    state,
    rawStatus,
  };
  const detail = text(props.error, MAX_DETAIL);
  if (detail !== undefined) integration.detail = detail;
  const subdomain = text(props.subdomain, 63);
  if (subdomain !== undefined) integration.subdomain = subdomain;
  const authorizedAt = parseMbiTime(props.established);
  if (authorizedAt !== undefined) integration.authorizedAt = authorizedAt;
  return integration;
}

/** An element that cannot be read, kept as an integration in state unknown so that it counts on the badge. */
function unreadableConnection(raw: unknown, position: number): Integration {
  const type = isRecord(raw) ? text(raw.type, 64) : undefined;
  return {
    id: (isRecord(raw) ? idOf(raw) : undefined) ?? `#${position}`,
    name: `Connection #${position} (could not be read)`,
    type: type ?? 'unknown',
    provider: type ?? 'unknown',
    kind: 'unknown',
    state: 'unknown',
    rawStatus: UNREADABLE_STATUS,
  };
}

/**
 * Pure: a parsed JSON body → integrations, or `format-changed` naming what was off. One bad element does
 * not blind the account: of a repeated id the first is watched, an element that cannot be read counts as
 * unknown, and both are reported as anomalies. Only a body that is not a list, or a list of which not
 * one element can be read, is a changed format.
 */
export function parseConnections(body: unknown): FeedResult<ListData> {
  if (!Array.isArray(body)) {
    return {
      ok: false,
      error: {
        kind: 'format-changed',
        message: `Expected a list of connections, got ${isRecord(body) ? 'an object' : typeof body}.`,
      },
    };
  }
  const integrations: Integration[] = [];
  const anomalies: string[] = [];
  const ids = new Set<string>();
  let readable = 0;
  for (const [index, item] of body.entries()) {
    const read = normalizeConnection(item);
    const integration = read ?? unreadableConnection(item, index + 1);
    // Ids identify integrations across polls: a later element with the same id is not watched.
    if (ids.has(integration.id)) {
      anomalies.push(`Two connections share the id "${integration.id}"; the first is watched.`);
      continue;
    }
    if (read) readable++;
    else anomalies.push(`Connection #${index + 1} lacks an id, name, type or properties; it counts as unknown.`);
    ids.add(integration.id);
    integrations.push(integration);
  }
  if (body.length > 0 && readable === 0) {
    return {
      ok: false,
      error: {
        kind: 'format-changed',
        message: `None of the ${body.length} connections could be read; connection #1 lacks an id, name, type or properties.`,
      },
    };
  }
  const data: ListData = { feed: 'connections', integrations };
  const kept = capped(anomalies);
  if (kept) data.anomalies = kept;
  return { ok: true, data };
}
