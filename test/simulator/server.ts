// A local stand-in for MBI (app and API on one origin), Adobe's support/status pages, the providers' key
// pages, the vendors' status feeds (status.ts) and the Fivetran, Airbyte and Stitch APIs (pipelines.ts), listening on 127.0.0.1 only. Tests, `npm start` and
// benchmarks start it with startSimulator().

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Connection } from './data.js';
import type { FaultEndpoint, FaultMode, FaultSetting } from './faults.js';
import type { Ctx } from './http.js';
import { sendJson } from './http.js';
import { handleControl } from './routes-control.js';
import { handlePipelineApps } from './pipeline-apps.js';
import { handleMbi } from './routes-mbi.js';
import {
  handlePipelines,
  PipelineState,
  type Pipeline,
  type PipelineConnectionState,
  type PipelineFault,
  type PipelineFaultExtra,
  type PipelineSnapshot,
} from './pipelines.js';
import { SimError, SimState, type ConnectionPatch, type SimSnapshot, type UpdateCyclePatch } from './state.js';
import { handleStatus, StatusState, type StatusExtra, type StatusScenario, type StatusSnapshot } from './status.js';

export type {
  Connection,
  ConnectionPatch,
  FaultEndpoint,
  FaultMode,
  FaultSetting,
  Pipeline,
  PipelineConnectionState,
  PipelineFault,
  PipelineFaultExtra,
  PipelineSnapshot,
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
  /**
   * Back to seed: data, update cycles, faults, status scenarios and status request counts; the pipelines'
   * data (Fivetran with the size given at start), faults and request counts. Sessions and Airbyte tokens stay.
   */
  reset(): void;
  setConnection(clientId: number | string, connectionId: number | string, patch: ConnectionPatch): Connection;
  removeConnection(clientId: number | string, connectionId: number | string): void;
  expireSessions(): number;
  /** A valid value for the `rjm_session` cookie. */
  mintSession(): string;
  setUpdateCycle(clientId: number | string, patch: UpdateCyclePatch): void;
  generate(clientId: number | string, count: number, brokenRatio?: number): { count: number; broken: number };
  setFault(endpoint: FaultEndpoint, fault: FaultMode | FaultSetting): void;
  /**
   * Moves the clock forward for what the simulator wrote: every established time reads `ms` older, and so
   * does every time of the pipelines' data; Airbyte tokens age as well (180 s and they expire).
   */
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
  /**
   * What every request under the pipeline's prefix answers until changed (see pipelines.ts); throws a 400
   * SimError for an unknown pipeline or fault, or a bad `retryAfterSeconds`.
   */
  setPipelineFault(pipeline: Pipeline, fault: PipelineFault, extra?: PipelineFaultExtra): void;
  /** Sets one Fivetran or Airbyte connection or Stitch source to a state; 404 SimError for an unknown id. */
  setPipelineConnection(
    pipeline: Pipeline,
    id: string | number,
    state: PipelineConnectionState,
  ): { id: string; name: string; state: string };
  /** Replaces a pipeline's connections with `count`: the seed, then copies of it in turn. */
  seedPipeline(pipeline: Pipeline, count: number): { count: number };
  /** Requests under each pipeline's prefix since start or the last reset. */
  pipelineRequests(): Record<Pipeline, number>;
  /** Faults, request counts, Airbyte tokens issued and every connection's state, as GET /__sim/pipelines. */
  pipelines(): PipelineSnapshot;
  /** Every Airbyte access token stops working at once; returns how many were still valid. */
  expireAirbyteTokens(): number;
}

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How many Fivetran connections the seed has, now and after every reset (default 12; e.g. 1000 for a bench). */
  fivetranConnections?: number;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const state = new SimState();
  const status = new StatusState();
  const pipelines = new PipelineState(
    opts.fivetranConnections === undefined ? {} : { fivetranConnections: opts.fivetranConnections },
  );
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
    void handle(req, res, state, status, pipelines, sleep);
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
      pipelines.reset();
    },
    setConnection: (clientId, connectionId, patch) => state.setConnection(clientId, connectionId, patch),
    removeConnection: (clientId, connectionId) => state.removeConnection(clientId, connectionId),
    expireSessions: () => state.expireSessions(),
    mintSession: () => state.mintSession(),
    setUpdateCycle: (clientId, patch) => state.setUpdateCycle(clientId, patch),
    generate: (clientId, count, brokenRatio) => state.generate(clientId, count, brokenRatio),
    setFault: (endpoint, fault) => state.setFault(endpoint, fault),
    advanceClock: (ms) => {
      state.advanceClock(ms);
      pipelines.advanceClock(ms);
    },
    setStatus: (host, scenario, extra) => status.set(host, scenario, extra),
    resetStatus: () => status.reset(),
    statusRequests: () => status.snapshot().requests,
    status: () => status.snapshot(),
    setPipelineFault: (pipeline, fault, extra) => pipelines.setFault(pipeline, fault, extra),
    setPipelineConnection: (pipeline, id, connectionState) => pipelines.setConnection(pipeline, id, connectionState),
    seedPipeline: (pipeline, count) => pipelines.seed(pipeline, count),
    pipelineRequests: () => pipelines.requestCounts(),
    pipelines: () => pipelines.snapshot(),
    expireAirbyteTokens: () => pipelines.expireTokens(),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  state: SimState,
  status: StatusState,
  pipelines: PipelineState,
  sleep: Ctx['sleep'],
): Promise<void> {
  try {
    const ctx: Ctx = { req, res, state, status, pipelines, sleep, url: new URL(req.url ?? '/', 'http://127.0.0.1') };
    if (
      !(await handleControl(ctx)) &&
      !(await handleStatus(ctx)) &&
      !(await handlePipelines(ctx)) &&
      !(await handlePipelineApps(ctx)) &&
      !(await handleMbi(ctx))
    )
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
