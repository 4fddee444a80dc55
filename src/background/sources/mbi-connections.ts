// Adapter: per-integration status from the MBI app's connections list, read with the signed-in session.
import { providerFor } from '../../shared/providers';
import type { SourceSettings } from '../../shared/settings';
import type { ConnectionsData, FeedResult, Integration, IntegrationKind } from '../../shared/types';
import { errorForStatus, parseJsonBody, request, type RequestLimits } from '../http';
import { stateForStatus } from './mbi-status';
import { describeShape } from '../../shared/shape';

const MAX_NAME = 200;
const MAX_DETAIL = 500;

export function connectionsUrl(source: SourceSettings): string {
  return `${source.apiOrigin}/v1/v2/clients/${encodeURIComponent(source.clientId)}/connections/input-connections?include_deleted=false`;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  let cut = value.trim().slice(0, max);
  // Never leave half of a surrogate pair, nor a trailing blank, where the cut fell.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.trimEnd();
  return cut === '' ? undefined : cut;
}

function kindOf(type: string, integrationType: Obj): IntegrationKind {
  const known = providerFor(type)?.kind;
  if (known) return known;
  return integrationType.replication_type === 'db' ? 'database' : 'unknown';
}

/** One list element → an Integration, or null when it lacks what every connection must have. */
function normalizeConnection(raw: unknown): Integration | null {
  if (!isObj(raw)) return null;
  const id = typeof raw.id === 'number' && Number.isFinite(raw.id) ? String(raw.id) : text(raw.id, 64);
  const name = text(raw.display_name, MAX_NAME) ?? text(raw.name, MAX_NAME);
  const type = text(raw.type, 64);
  if (id === undefined || name === undefined || type === undefined || !isObj(raw.properties)) return null;
  const integrationType = isObj(raw.integration_type) ? raw.integration_type : {};
  const props = raw.properties;
  const { state, rawStatus } = stateForStatus(props.status);
  const integration: Integration = {
    id,
    name,
    type,
    provider: providerFor(type)?.name ?? text(integrationType.display_name, 80) ?? type,
    kind: kindOf(type, integrationType),
    state,
    rawStatus,
  };
  const detail = text(props.error, MAX_DETAIL);
  if (detail !== undefined) integration.detail = detail;
  const subdomain = text(props.subdomain, 63);
  if (subdomain !== undefined) integration.subdomain = subdomain;
  return integration;
}

/** Pure: a parsed JSON body → integrations, or `format-changed` naming what was off. */
export function parseConnections(body: unknown): FeedResult<ConnectionsData> {
  if (!Array.isArray(body)) {
    return { ok: false, error: { kind: 'format-changed', message: `Expected a list of connections, got ${isObj(body) ? 'an object' : typeof body}.` } };
  }
  const integrations: Integration[] = [];
  const ids = new Set<string>();
  for (const [index, item] of body.entries()) {
    const integration = normalizeConnection(item);
    if (!integration) {
      return { ok: false, error: { kind: 'format-changed', message: `Connection #${index + 1} lacks an id, name, type or properties.` } };
    }
    // Ids identify integrations across polls; a repeated one means the list is not what we think.
    if (ids.has(integration.id)) return { ok: false, error: { kind: 'format-changed', message: `Two connections share the id "${integration.id}".` } };
    ids.add(integration.id);
    integrations.push(integration);
  }
  return { ok: true, data: { feed: 'connections', integrations } };
}

export async function fetchConnections(source: SourceSettings, limits?: RequestLimits): Promise<FeedResult<ConnectionsData>> {
  const response = await request(connectionsUrl(source), { credentials: 'include', headers: { Accept: 'application/json' } }, limits);
  if (!response.ok) return response;
  const statusError = errorForStatus(response, 'signed-out');
  if (statusError) return { ok: false, error: statusError };
  const json = parseJsonBody(response, 'signed-out');
  if (!json.ok) return json;
  const result = parseConnections(json.value);
  const shape = describeShape(json.value);
  return result.ok ? { ok: true, data: { ...result.data, shape } } : { ok: false, error: { ...result.error, shape } };
}
