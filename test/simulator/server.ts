// A local stand-in for MBI (app and API on one origin), Adobe's support/status pages, the providers' key
// pages and the vendors' status feeds (status.ts), listening on 127.0.0.1 only. Tests, `npm start` and
// benchmarks start it with startSimulator().

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Connection } from './data.js';
import type { FaultEndpoint, FaultMode, FaultSetting } from './faults.js';
import type { Ctx } from './http.js';
import { sendJson } from './http.js';
import { handleControl } from './routes-control.js';
import { handleMbi } from './routes-mbi.js';
import { SimError, SimState, type ConnectionPatch, type SimSnapshot, type UpdateCyclePatch } from './state.js';
import { handleStatus, StatusState, type StatusExtra, type StatusScenario, type StatusSnapshot } from './status.js';

export type {
  Connection,
  ConnectionPatch,
  FaultEndpoint,
  FaultMode,
  FaultSetting,
  SimSnapshot,
  StatusExtra,
  StatusScenario,
  StatusSnapshot,
  UpdateCyclePatch,
};

export interface Simulator {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Stops listening and destroys every open connection, including hanging ones. */
  close(): Promise<void>;
  /** A deep copy of the whole state, as GET /__sim/state returns it. */
  state(): SimSnapshot;
  /** Back to seed: data, update cycles, faults, status scenarios and status request counts. */
  reset(): void;
  setConnection(clientId: number | string, connectionId: number | string, patch: ConnectionPatch): Connection;
  removeConnection(clientId: number | string, connectionId: number | string): void;
  expireSessions(): number;
  /** A valid value for the `rjm_session` cookie. */
  mintSession(): string;
  setUpdateCycle(clientId: number | string, patch: UpdateCyclePatch): void;
  generate(clientId: number | string, count: number, brokenRatio?: number): { count: number; broken: number };
  setFault(endpoint: FaultEndpoint, fault: FaultMode | FaultSetting): void;
  /** Moves the clock forward for what the simulator wrote: every established time reads `ms` older. */
  advanceClock(ms: number): void;
  /**
   * Sets what one status host answers at `/__status/<host>/…` (see status.ts); throws a 400 SimError for an
   * unknown host, scenario or extra.
   */
  setStatus(host: string, scenario: StatusScenario, extra?: StatusExtra): void;
  /** Every status host back to `operational`, and no status requests counted. */
  resetStatus(): void;
  /** Status requests per host since start or the last reset; a host never asked is absent. */
  statusRequests(): Record<string, number>;
  /** Every status host's scenario and the request counts, as GET /__sim/status returns them. */
  status(): StatusSnapshot;
}

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const state = new SimState();
  const status = new StatusState();
  const sockets = new Set<Socket>();
  const sleepers = new Set<{ timer: NodeJS.Timeout; wake: (done: boolean) => void }>();
  const log = process.env.SIM_LOG === '1';

  const sleep = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const sleeper = { timer: setTimeout(() => wake(true), ms), wake };
      function wake(done: boolean): void {
        clearTimeout(sleeper.timer);
        sleepers.delete(sleeper);
        resolve(done);
      }
      sleepers.add(sleeper);
    });

  const server = createServer((req, res) => {
    if (log) res.on('finish', () => console.log(`${req.method} ${req.url} → ${res.statusCode}`));
    void handle(req, res, state, status, sleep);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const sleeper of [...sleepers]) sleeper.wake(false);
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close,
    state: () => state.snapshot(),
    reset: () => {
      state.reset();
      status.reset();
    },
    setConnection: (clientId, connectionId, patch) => state.setConnection(clientId, connectionId, patch),
    removeConnection: (clientId, connectionId) => state.removeConnection(clientId, connectionId),
    expireSessions: () => state.expireSessions(),
    mintSession: () => state.mintSession(),
    setUpdateCycle: (clientId, patch) => state.setUpdateCycle(clientId, patch),
    generate: (clientId, count, brokenRatio) => state.generate(clientId, count, brokenRatio),
    setFault: (endpoint, fault) => state.setFault(endpoint, fault),
    advanceClock: (ms) => state.advanceClock(ms),
    setStatus: (host, scenario, extra) => status.set(host, scenario, extra),
    resetStatus: () => status.reset(),
    statusRequests: () => status.snapshot().requests,
    status: () => status.snapshot(),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: SimState,
  status: StatusState,
  sleep: Ctx['sleep'],
): Promise<void> {
  try {
    const ctx: Ctx = { req, res, state, status, sleep, url: new URL(req.url ?? '/', 'http://127.0.0.1') };
    if (!(await handleControl(ctx)) && !(await handleStatus(ctx)) && !(await handleMbi(ctx)))
      sendJson(res, 404, { error: 'Not Found' });
  } catch (error) {
    if (error instanceof SimError) sendJson(res, error.status, { error: error.message });
    else if (error instanceof URIError) sendJson(res, 400, { error: 'Malformed URL encoding' });
    else if (!req.destroyed && !res.destroyed) {
      console.error('simulator error:', error);
      sendJson(res, 500, { error: 'Simulator error' });
    }
  }
}
