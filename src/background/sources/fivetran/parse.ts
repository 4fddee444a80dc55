// Pure: one page of Fivetran's `GET /v1/connections` (`data.items[]`, `data.next_cursor`) parsed into
// integrations (DOMAIN-NEXT §3.1). Its refusals' Retry-After is read by http.ts, as every answer's.
import { isRecord } from '../../../core/keyed-record';
import { formatChanged, readList, whatIs, withPaging, type Obj, type PageResult } from '../../../core/pipeline-page';
import { MAX_ID, MAX_NAME, text } from '../../../core/remote-text';
import type { Integration } from '../../../core/types';
import { stateForConnection } from './status';

/** Display names of common Fivetran services; any other is shown as Fivetran names it. */
const SERVICE_NAMES: Readonly<Record<string, string>> = {
  google_sheets: 'Google Sheets',
  gsheets: 'Google Sheets',
  google_ads: 'Google Ads',
  google_analytics_4: 'Google Analytics 4',
  facebook_ads: 'Facebook Ads',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  stripe: 'Stripe',
  shopify: 'Shopify',
  zendesk: 'Zendesk',
  mysql: 'MySQL',
  postgres: 'PostgreSQL',
  sql_server: 'SQL Server',
};

/** `type` is "fivetran:<service>" and holds at most 64 characters. */
const MAX_SERVICE = 64 - 'fivetran:'.length;
/** Fivetran's cursors are opaque tokens; a longer one is not a cursor. */
const MAX_CURSOR = 2048;

export function providerName(service: string): string {
  return Object.hasOwn(SERVICE_NAMES, service) ? (SERVICE_NAMES[service] ?? service) : service;
}

/** One element of `data.items[]` → an integration, or null when it lacks an id, a name or a status. */
function readConnection(raw: Obj, now: number): Integration | null {
  const id = text(raw.id, MAX_ID);
  const service = text(raw.service, MAX_SERVICE);
  const name = text(raw.schema, MAX_NAME) ?? service;
  if (id === undefined || name === undefined || !isRecord(raw.status)) return null;
  const { state, rawStatus, detail, kind } = stateForConnection(raw, now);
  const integration: Integration = {
    id,
    name,
    type: `fivetran:${service ?? 'unknown'}`,
    provider: service === undefined ? 'Fivetran' : providerName(service),
    kind,
    state,
    rawStatus,
  };
  if (detail !== undefined) integration.detail = detail;
  const group = text(raw.group_id, MAX_ID);
  if (group !== undefined) integration.group = group;
  return integration;
}

/**
 * Pure: a parsed body of `GET /v1/connections` → one page of integrations and the next cursor, or
 * `format-changed`. `now` is the time of the check, against which the sync schedule is judged.
 */
export function parseFivetranConnections(body: unknown, now: number): PageResult<string> {
  const data = isRecord(body) ? body.data : undefined;
  if (!isRecord(data) || !Array.isArray(data.items))
    return formatChanged(`Expected Fivetran's list of connections ({data: {items: [...]}}), got ${whatIs(body)}.`);
  const list = readList(data.items, {
    noun: 'Connection',
    type: 'fivetran:unknown',
    provider: 'Fivetran',
    idOf: (raw) => text(raw.id, MAX_ID),
    read: (raw) => readConnection(raw, now),
  });
  if (!list.ok) return list;
  const cursor = data.next_cursor;
  // The cursor goes back into a URL as it came: printable text without blanks around it, or it is not one.
  const readable =
    typeof cursor === 'string' && cursor !== '' && cursor.length <= MAX_CURSOR && text(cursor, MAX_CURSOR) === cursor;
  if (!readable && cursor !== undefined && cursor !== null && cursor !== '')
    list.anomalies.push('The next_cursor could not be read; the list may be incomplete.');
  return withPaging(
    { integrations: list.integrations },
    list.anomalies,
    readable ? cursor : undefined,
    data.items.length,
  );
}
