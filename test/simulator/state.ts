// The simulator's mutable state and every way to change it; the HTTP control API and the direct
// methods on Simulator both call these.

import { randomBytes } from 'node:crypto';
import { STATUS, defaultError, typeInfo } from './catalogue.js';
import { formatEst, formatUtc, generateConnections, seedClients, type ClientState, type Connection } from './data.js';
import {
  applyToConnections,
  applyToUpdateCycle,
  type FaultEndpoint,
  type FaultSetting,
  type UpdateCycleBody,
} from './faults.js';

export class SimError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ConnectionPatch {
  /** Any string: "1" ok, "0" paused, "2" needs re-authorization, "3" failing, anything else "unknown". */
  status?: string;
  /** A string sets `properties.error`, null removes it. */
  error?: string | null;
  name?: string;
  /** When it was last authorized (`properties.established`), in days before the simulator's clock. */
  authorizedDaysAgo?: number;
}

export interface UpdateCyclePatch {
  hoursAgo?: number;
  statusId?: number;
  statusName?: string;
  /** True: the account has no completed job (`lastCompletedUpdateJob: null`). */
  none?: boolean;
}

export interface SimSnapshot {
  clients: ClientState[];
  sessions: number;
  faults: Record<FaultEndpoint, FaultSetting | null>;
}

// Only id 4 is documented; the other names are invented for tests of unknown values.
const JOB_STATUS_NAMES: Record<number, string> = {
  3: 'Failed',
  4: 'Completed Successfully',
  5: 'Completed With Errors',
};
const JOB_SECONDS = 158;
export const SESSION_COOKIE = 'rjm_session';

export class SimState {
  clients: ClientState[] = [];
  readonly sessions = new Set<string>();
  faults: Record<FaultEndpoint, FaultSetting | null> = { connections: null, 'update-cycle': null };

  constructor(private readonly now: () => number = Date.now) {
    this.reset();
  }

  /**
   * Moves the clock forward for what the simulator has written: every connection's established and created
   * time reads `ms` older, as if that much time had passed since (the browser's own clock cannot move).
   */
  advanceClock(ms: number): void {
    for (const client of this.clients)
      for (const c of client.connections)
        for (const field of ['established', 'created'] as const) {
          const at = c.properties[field];
          if (typeof at === 'string') c.properties[field] = formatUtc(Date.parse(`${at.replace(' ', 'T')}Z`) - ms);
        }
  }

  /** Back to seed: data, update cycles, faults. Sessions survive so a signed-in browser stays signed in. */
  reset(): void {
    this.clients = seedClients(this.now());
    this.faults = { connections: null, 'update-cycle': null };
  }

  snapshot(): SimSnapshot {
    return structuredClone({ clients: this.clients, sessions: this.sessions.size, faults: this.faults });
  }

  findClient(clientId: number | string): ClientState | undefined {
    return this.clients.find((c) => String(c.id) === String(clientId));
  }

  client(clientId: number | string): ClientState {
    const client = this.findClient(clientId);
    if (!client) throw new SimError(404, `Unknown client ${clientId}`);
    return client;
  }

  connection(clientId: number | string, connectionId: number | string): Connection {
    const found = this.client(clientId).connections.find((c) => String(c.id) === String(connectionId));
    if (!found) throw new SimError(404, `Unknown connection ${connectionId} of client ${clientId}`);
    return found;
  }

  setConnection(clientId: number | string, connectionId: number | string, patch: ConnectionPatch): Connection {
    const c = this.connection(clientId, connectionId);
    const props = c.properties;
    const now = this.now();
    if (patch.status !== undefined) {
      props.status = patch.status;
      if (patch.status === STATUS.ok) props.established = formatUtc(now);
      const error = defaultError(typeInfo(c.type).kind, patch.status);
      if (patch.status === STATUS.ok || patch.status === STATUS.paused) delete props.error;
      else if (error !== null) props.error = error;
    }
    if (patch.error === null) delete props.error;
    else if (patch.error !== undefined) props.error = patch.error;
    if (patch.name !== undefined) c.name = patch.name;
    if (patch.authorizedDaysAgo !== undefined)
      props.established = formatUtc(now - patch.authorizedDaysAgo * 86_400_000);
    c.updated_at = `${formatUtc(now)}.0`;
    return structuredClone(c);
  }

  /** The connection is deleted in MBI: later answers no longer list it. */
  removeConnection(clientId: number | string, connectionId: number | string): void {
    const gone = this.connection(clientId, connectionId);
    const client = this.client(clientId);
    client.connections = client.connections.filter((c) => c !== gone);
  }

  /** What re-authorizing on the connection page does. */
  fixConnection(clientId: number | string, connectionId: number | string): Connection {
    return this.setConnection(clientId, connectionId, { status: STATUS.ok });
  }

  mintSession(): string {
    const id = randomBytes(18).toString('base64url');
    this.sessions.add(id);
    return id;
  }

  hasSession(id: string | undefined): boolean {
    return id !== undefined && this.sessions.has(id);
  }

  endSession(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  expireSessions(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  setUpdateCycle(clientId: number | string, patch: UpdateCyclePatch): void {
    const cycle = this.client(clientId).updateCycle;
    if (patch.hoursAgo !== undefined) cycle.hoursAgo = patch.hoursAgo;
    if (patch.statusId !== undefined) {
      cycle.statusId = patch.statusId;
      cycle.statusName = patch.statusName ?? JOB_STATUS_NAMES[patch.statusId] ?? `Status ${patch.statusId}`;
    } else if (patch.statusName !== undefined) cycle.statusName = patch.statusName;
    cycle.none = patch.none === true;
  }

  generate(clientId: number | string, count: number, brokenRatio = 0.1): { count: number; broken: number } {
    if (!Number.isInteger(count) || count < 0 || count > 1_000_000)
      throw new SimError(400, 'count must be an integer 0…1000000');
    if (!(brokenRatio >= 0 && brokenRatio <= 1)) throw new SimError(400, 'brokenRatio must be between 0 and 1');
    const client = this.client(clientId);
    client.connections = generateConnections(client.id, count, brokenRatio, this.now());
    const broken = client.connections.filter((c) => c.properties.status !== STATUS.ok).length;
    return { count, broken };
  }

  setFault(endpoint: FaultEndpoint, fault: FaultSetting | FaultSetting['mode']): void {
    const setting = typeof fault === 'string' ? { mode: fault } : fault;
    this.faults[endpoint] = setting.mode === 'none' && setting.delayMs === undefined ? null : { ...setting };
  }

  connectionsBody(clientId: number | string): Connection[] {
    const list = this.client(clientId).connections;
    const fault = this.faults.connections;
    return fault ? applyToConnections(list, fault.mode) : list;
  }

  updateCycleBody(clientId: number | string): UpdateCycleBody {
    const client = this.client(clientId);
    const cycle = client.updateCycle;
    const end = this.now() - cycle.hoursAgo * 3600 * 1000;
    const body: UpdateCycleBody = {
      clientId: client.id,
      lastCompletedUpdateJob: cycle.none
        ? null
        : {
            id: cycle.jobId,
            type: { id: 2, name: 'Full Update' },
            start: formatEst(end - JOB_SECONDS * 1000),
            end: formatEst(end),
            status: { id: cycle.statusId, name: cycle.statusName },
          },
      lastCompletedUpdateJobWithDataSync: null,
      timezoneAbbreviation: 'EST',
    };
    const fault = this.faults['update-cycle'];
    return fault ? applyToUpdateCycle(body, fault.mode, this.now()) : body;
  }
}
