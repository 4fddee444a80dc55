// Seed data, pure: every function takes the current time and returns fresh objects.
// Records have exactly the shape of the published 2018 sample (see DESIGN.md); times are written in UTC.

import {
  STATUS,
  TYPE_CODES,
  defaultError,
  integrationType,
  typeInfo,
  type IntegrationType,
  type TypeCode,
} from './catalogue.js';

export type Properties = Record<string, string | null>;

export interface Connection {
  namespace: 'input-connections';
  created_at: string;
  display_name: string | null;
  id: number;
  type: string;
  name: string;
  integration_type: IntegrationType;
  meta_id: number;
  client_id: number;
  updated_at: string;
  properties: Properties;
}

export interface UpdateCycleControl {
  /** True when the account has no completed update job (`lastCompletedUpdateJob: null`). */
  none: boolean;
  hoursAgo: number;
  statusId: number;
  statusName: string;
  jobId: number;
}

export interface ClientState {
  id: number;
  label: string;
  exportApiKey: string;
  updateCycle: UpdateCycleControl;
  connections: Connection[];
}

const DAY = 24 * 3600 * 1000;

/** "YYYY-MM-DD HH:MM:SS" in UTC. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** "YYYY-MM-DD HH:MM:SS" at a fixed UTC-5 ("EST"), all year round, to keep the simulator simple. */
export function formatEst(ms: number): string {
  return formatUtc(ms - 5 * 3600 * 1000);
}

export interface ConnectionSpec {
  id: number;
  clientId: number;
  type: TypeCode;
  name: string;
  status?: string;
  error?: string;
  createdDaysAgo?: number;
  /** Days since the connection was last established (or broke). */
  establishedDaysAgo?: number;
  host?: string;
  subdomain?: string;
}

export function makeConnection(spec: ConnectionSpec, now: number): Connection {
  const status = spec.status ?? STATUS.ok;
  const created = now - (spec.createdDaysAgo ?? 400) * DAY;
  const established = now - (spec.establishedDaysAgo ?? 0.02) * DAY;
  const kind = typeInfo(spec.type).kind;
  const error = spec.error ?? defaultError(kind, status);
  const properties: Properties =
    kind === 'database'
      ? databaseProperties(spec, status, created, established)
      : { blackout: null, frequency: null, status, created: formatUtc(created), established: formatUtc(established) };
  if (spec.subdomain !== undefined) properties.subdomain = spec.subdomain;
  if (error !== null) properties.error = error;
  return {
    namespace: 'input-connections',
    created_at: `${formatUtc(created)}.0`,
    display_name: null,
    id: spec.id,
    type: spec.type,
    name: spec.name,
    integration_type: integrationType(spec.type),
    meta_id: 1,
    client_id: spec.clientId,
    updated_at: `${formatUtc(established + 1000)}.0`,
    properties,
  };
}

function databaseProperties(spec: ConnectionSpec, status: string, created: number, established: number): Properties {
  const postgres = integrationType(spec.type).protocol === 'postgresql';
  return {
    blackout: null,
    sourceTZ: null,
    encryption_type: spec.error?.startsWith('SSH') ? 'ssh' : 'none',
    useSSL: 'false',
    desiredTZ: null,
    sslCa: null,
    sslCert: null,
    status,
    host: spec.host ?? `${spec.name}.db.example.com`,
    noPhpPasswordEncryption: '1',
    port: postgres ? '5432' : '3306',
    created: formatUtc(created),
    username: 'mbi_reader',
    frequency: null,
    established: formatUtc(established),
    sslKey: null,
  };
}

/** The published 2018 sample record, verbatim: client 2's MySQL connection. */
export function publishedSample(): Connection {
  return {
    namespace: 'input-connections',
    created_at: '2018-04-10 10:03:09.0',
    display_name: null,
    id: 5,
    type: 'mysql',
    name: 'vandelay',
    integration_type: integrationType('mysql'),
    meta_id: 1,
    client_id: 2,
    updated_at: '2018-04-10 10:03:21.0',
    properties: {
      blackout: null,
      sourceTZ: null,
      encryption_type: 'none',
      useSSL: 'false',
      desiredTZ: null,
      sslCa: null,
      sslCert: null,
      status: '1',
      host: 'vandelay.cp83nhvyi9x1.us-east-1.rds.amazonaws.com',
      noPhpPasswordEncryption: '1',
      port: '3306',
      created: '2018-04-10 10:03:09',
      username: 'boxcutter',
      frequency: null,
      established: '2018-04-10 10:03:20',
      sslKey: null,
    },
  };
}

const BROKEN = { needsReauth: STATUS.needsReauth, failing: STATUS.failing };

function vandelay(now: number): Connection[] {
  const c = (id: number, type: TypeCode, name: string, extra: Partial<ConnectionSpec> = {}): Connection =>
    makeConnection({ id, clientId: 194, type, name, ...extra }, now);
  return [
    c(1101, 'adobe_analytics', 'Vandelay Web Analytics', { status: BROKEN.needsReauth, establishedDaysAgo: 15 }),
    c(1102, 'facebook_ads', 'Vandelay Latex Ads', { status: BROKEN.needsReauth, establishedDaysAgo: 61 }),
    c(1103, 'google_analytics', 'vandelay.com'),
    c(1104, 'google_adwords', 'Vandelay Search Ads'),
    c(1105, 'salesforce', 'Vandelay CRM'),
    c(1106, 'stripe', 'Vandelay Payments'),
    c(1107, 'quickbooks', 'Vandelay Books'),
    c(1108, 'zendesk', 'Vandelay Support', {
      status: BROKEN.needsReauth,
      establishedDaysAgo: 3,
      subdomain: 'vandelay',
    }),
    c(1109, 'mixpanel', 'Vandelay Product Events'),
    c(1110, 'mysql', 'vandelay', { host: 'vandelay.cp83nhvyi9x1.us-east-1.rds.amazonaws.com' }),
    c(1111, 'postgresql', 'warehouse', {
      status: BROKEN.failing,
      error: 'SSH host key verification failed',
      establishedDaysAgo: 1.5,
      host: 'warehouse.vandelay-industries.com',
    }),
    c(1112, 'data_import_api', 'Vandelay Import Feed'),
  ];
}

function kramerica(now: number): Connection[] {
  return [
    publishedSample(),
    makeConnection(
      {
        id: 6,
        clientId: 2,
        type: 'google_analytics',
        name: 'kramerica.com',
        status: BROKEN.needsReauth,
        establishedDaysAgo: 183,
      },
      now,
    ),
    makeConnection({ id: 7, clientId: 2, type: 'stripe', name: 'Kramerica Payments' }, now),
  ];
}

function updateCycle(jobId: number): UpdateCycleControl {
  return { none: false, hoursAgo: 2, statusId: 4, statusName: 'Completed Successfully', jobId };
}

export function seedClients(now: number): ClientState[] {
  return [
    {
      id: 194,
      label: 'Vandelay Industries',
      exportApiKey: 'sim-export-key-194',
      updateCycle: updateCycle(13554),
      connections: vandelay(now),
    },
    {
      id: 2,
      label: 'Kramerica',
      exportApiKey: 'sim-export-key-2',
      updateCycle: updateCycle(812),
      connections: kramerica(now),
    },
  ];
}

/**
 * `count` connections cycling through the type codes; broken ones are spread evenly so that about
 * `brokenRatio` of them are broken, alternating "2" (needs re-authorization) and "3" (failing).
 */
export function generateConnections(clientId: number, count: number, brokenRatio: number, now: number): Connection[] {
  const out: Connection[] = new Array<Connection>(count);
  let broken = 0;
  for (let i = 0; i < count; i++) {
    const type = TYPE_CODES[i % TYPE_CODES.length] ?? 'mysql';
    const isBroken = Math.floor((i + 1) * brokenRatio) > Math.floor(i * brokenRatio);
    const status = isBroken ? (broken++ % 2 === 0 ? STATUS.needsReauth : STATUS.failing) : STATUS.ok;
    const name =
      typeInfo(type).kind === 'database'
        ? `db_${String(i + 1).padStart(5, '0')}`
        : `${typeInfo(type).displayName} ${i + 1}`;
    out[i] = makeConnection(
      { id: 100_000 + i, clientId, type, name, status, establishedDaysAgo: isBroken ? 1 + (i % 30) : 0.02 },
      now,
    );
  }
  return out;
}
