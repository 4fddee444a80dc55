// The control API under /__sim/ (JSON, no auth) and the control page for a person.

import { controlPage } from './control-page.js';
import { isFaultEndpoint, isFaultMode } from './faults.js';
import { match, readJsonObject, redirect, sendHtml, sendJson, type Ctx } from './http.js';
import { SESSION_COOKIE, SimError, type ConnectionPatch, type UpdateCyclePatch } from './state.js';
import type { StatusExtra } from './status.js';

export async function handleControl(ctx: Ctx): Promise<boolean> {
  const { req, res, url, state, status } = ctx;
  const path = url.pathname;
  if (!path.startsWith('/__sim')) return false;
  let p: Record<string, string> | null;
  if (req.method === 'GET') {
    if (path === '/__sim') redirect(res, 302, '/__sim/');
    else if (path === '/__sim/')
      sendHtml(res, 200, controlPage(state.snapshot(), status.snapshot(), ctx.pipelines.snapshot()));
    else if (path === '/__sim/state') sendJson(res, 200, state.snapshot());
    else if (path === '/__sim/status') sendJson(res, 200, status.snapshot());
    else if (path === '/__sim/pipelines') sendJson(res, 200, ctx.pipelines.snapshot());
    else return false;
    return true;
  }
  if (req.method !== 'POST') return false;
  const body = await readJsonObject(req);
  if (path === '/__sim/reset') {
    state.reset();
    status.reset();
    ctx.pipelines.reset();
    sendJson(res, 200, { ok: true });
  } else if (path === '/__sim/status') {
    status.set(body.host, body.scenario, statusExtra(body));
    sendJson(res, 200, status.snapshot());
  } else if (path === '/__sim/status/reset') {
    status.reset();
    sendJson(res, 200, { ok: true });
  } else if (path === '/__sim/pipelines') {
    const { pipeline, fault, retryAfterSeconds } = body;
    ctx.pipelines.setFault(
      pipeline,
      fault,
      retryAfterSeconds === undefined ? {} : { retryAfterSeconds: retryAfterSeconds as number },
    );
    sendJson(res, 200, ctx.pipelines.snapshot());
  } else if (path === '/__sim/pipelines/connection') {
    sendJson(res, 200, ctx.pipelines.setConnection(body.pipeline, body.id, body.state));
  } else if (path === '/__sim/pipelines/seed') {
    sendJson(res, 200, ctx.pipelines.seed(body.pipeline, body.count));
  } else if (path === '/__sim/pipelines/expire-tokens') {
    sendJson(res, 200, { expired: ctx.pipelines.expireTokens() });
  } else if (path === '/__sim/clock') {
    const { advanceMs } = body;
    if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs))
      throw new SimError(400, 'advanceMs must be a number');
    state.advanceClock(advanceMs);
    ctx.pipelines.advanceClock(advanceMs);
    sendJson(res, 200, { ok: true });
  } else if (path === '/__sim/sessions/expire') {
    sendJson(res, 200, { expired: state.expireSessions() });
  } else if (path === '/__sim/session') {
    sendJson(res, 200, { cookie: SESSION_COOKIE, value: state.mintSession() });
  } else if (path === '/__sim/fault') {
    const { endpoint, mode, delayMs } = body;
    if (!isFaultEndpoint(endpoint)) throw new SimError(400, 'endpoint must be "connections" or "update-cycle"');
    if (!isFaultMode(mode)) throw new SimError(400, `unknown fault mode ${JSON.stringify(mode)}`);
    if (delayMs !== undefined && !isNonNegative(delayMs)) throw new SimError(400, 'delayMs must be a number ≥ 0');
    state.setFault(endpoint, delayMs === undefined ? { mode } : { mode, delayMs });
    sendJson(res, 200, { faults: state.faults });
  } else if ((p = match('/__sim/clients/:client/connections/:connection', path))) {
    sendJson(res, 200, state.setConnection(p.client ?? '', p.connection ?? '', connectionPatch(body)));
  } else if ((p = match('/__sim/clients/:client/update-cycle', path))) {
    state.setUpdateCycle(p.client ?? '', updateCyclePatch(body));
    sendJson(res, 200, state.updateCycleBody(p.client ?? ''));
  } else if ((p = match('/__sim/clients/:client/generate', path))) {
    const { count, brokenRatio } = body;
    if (typeof count !== 'number') throw new SimError(400, 'count must be a number');
    if (brokenRatio !== undefined && typeof brokenRatio !== 'number')
      throw new SimError(400, 'brokenRatio must be a number');
    sendJson(res, 200, state.generate(p.client ?? '', count, brokenRatio));
  } else {
    return false;
  }
  return true;
}

function isNonNegative(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** The optional fields of a status scenario, by type; status.ts checks what they may be. */
function statusExtra(body: Record<string, unknown>): StatusExtra {
  const extra: StatusExtra = {};
  const { title, startedAt, region, instance, product } = body;
  for (const [name, value] of Object.entries({ title, region, instance, product }))
    if (value !== undefined && typeof value !== 'string') throw new SimError(400, `${name} must be a string`);
  if (startedAt !== undefined && (typeof startedAt !== 'number' || !Number.isFinite(startedAt)))
    throw new SimError(400, 'startedAt must be a number (ms since epoch)');
  if (typeof title === 'string') extra.title = title;
  if (typeof startedAt === 'number') extra.startedAt = startedAt;
  if (typeof region === 'string') extra.region = region;
  if (typeof instance === 'string') extra.instance = instance;
  if (typeof product === 'string') extra.product = product;
  return extra;
}

function connectionPatch(body: Record<string, unknown>): ConnectionPatch {
  const patch: ConnectionPatch = {};
  const { status, error, name, authorizedDaysAgo } = body;
  if (authorizedDaysAgo !== undefined) {
    if (typeof authorizedDaysAgo !== 'number' || !Number.isFinite(authorizedDaysAgo))
      throw new SimError(400, 'authorizedDaysAgo must be a number');
    patch.authorizedDaysAgo = authorizedDaysAgo;
  }
  if (status !== undefined) {
    if (typeof status !== 'string') throw new SimError(400, 'status must be a string, e.g. "2"');
    patch.status = status;
  }
  if (error !== undefined) {
    if (typeof error !== 'string' && error !== null) throw new SimError(400, 'error must be a string or null');
    patch.error = error;
  }
  if (name !== undefined) {
    if (typeof name !== 'string') throw new SimError(400, 'name must be a string');
    patch.name = name;
  }
  return patch;
}

function updateCyclePatch(body: Record<string, unknown>): UpdateCyclePatch {
  const patch: UpdateCyclePatch = {};
  const { hoursAgo, statusId, statusName, none } = body;
  if (hoursAgo !== undefined) {
    if (typeof hoursAgo !== 'number' || !Number.isFinite(hoursAgo))
      throw new SimError(400, 'hoursAgo must be a number');
    patch.hoursAgo = hoursAgo;
  }
  if (statusId !== undefined) {
    if (!Number.isInteger(statusId)) throw new SimError(400, 'statusId must be an integer');
    patch.statusId = statusId as number;
  }
  if (statusName !== undefined) {
    if (typeof statusName !== 'string') throw new SimError(400, 'statusName must be a string');
    patch.statusName = statusName;
  }
  if (none !== undefined) {
    if (typeof none !== 'boolean') throw new SimError(400, 'none must be true or false');
    patch.none = none;
  }
  return patch;
}
