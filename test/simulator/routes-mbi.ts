// The MBI app pages, the two API endpoints, and the stand-ins for Adobe's support/status pages and the
// providers' key pages. Returns false when no route matches.

import { faultDelay, replacesAnswer, writeFault, type FaultEndpoint } from './faults.js';
import { match, readForm, redirect, sendHtml, sendJson, sessionCookie, sessionId, type Ctx } from './http.js';
import {
  connectionPage,
  connectionUrl,
  integrationsPage,
  integrationsUrl,
  messagePage,
  providerPage,
  signInPage,
  statusPage,
  supportPage,
} from './pages.js';
import { SESSION_COOKIE } from './state.js';

const SIGN_IN = '/v2/session/create';
const DEFAULT_CLIENT = '194';

export async function handleMbi(ctx: Ctx): Promise<boolean> {
  const { req, res, url, state } = ctx;
  const path = url.pathname;
  const get = req.method === 'GET' || req.method === 'HEAD';
  const post = req.method === 'POST';
  let p: Record<string, string> | null;

  if (path === '/' && get) {
    redirect(res, 302, state.hasSession(sessionId(req)) ? integrationsUrl(Number(DEFAULT_CLIENT)) : SIGN_IN);
  } else if (path === SIGN_IN && get) {
    sendHtml(
      res,
      200,
      signInPage({ returnTo: url.searchParams.get('return') ?? '', client: url.searchParams.get('client') ?? '' }),
    );
  } else if (path === SIGN_IN && post) {
    await signIn(ctx);
  } else if (path === '/v2/session/destroy' && get) {
    state.endSession(sessionId(req));
    redirect(res, 302, SIGN_IN, { 'set-cookie': `${SESSION_COOKIE}=; Max-Age=0; Path=/` });
  } else if ((p = match('/v1/v2/clients/:client/connections/input-connections', path)) && get) {
    const client = state.findClient(p.client ?? '');
    await api(
      ctx,
      'connections',
      () => (client ? state.connectionsBody(client.id) : []),
      () => {
        if (!state.hasSession(sessionId(req))) return void redirect(res, 302, SIGN_IN);
        if (!client) return void sendJson(res, 404, { error: 'Not Found' });
        sendJson(res, 200, state.connectionsBody(client.id));
      },
    );
  } else if ((p = match('/0.1/client/:client/fullupdatestatus', path)) && get) {
    const client = state.findClient(p.client ?? '');
    await api(
      ctx,
      'update-cycle',
      () => state.updateCycleBody(client?.id ?? DEFAULT_CLIENT),
      () => {
        // An unknown client has no key, so every request for it is refused like a wrong key.
        if (!client || req.headers['x-rjm-api-key'] !== client.exportApiKey)
          return void sendJson(res, 403, { error: 'Forbidden' });
        sendJson(res, 200, state.updateCycleBody(client.id));
      },
    );
  } else if ((p = match('/v2/client/:client/dashapp/manage-data/integrations', path)) && get) {
    const client = state.findClient(p.client ?? '');
    if (!requireSession(ctx)) return true;
    if (!client) sendHtml(res, 404, messagePage('Not found', 'There is no such client.'));
    else sendHtml(res, 200, integrationsPage(client));
  } else if ((p = match('/v2/client/:client/dashapp/settings/connection/:connection/', path)) && (get || post)) {
    if (!requireSession(ctx)) return true;
    await connection(ctx, p.client ?? '', p.connection ?? '', post);
  } else if (path === '/support' && (get || post)) {
    if (post) await readForm(req);
    sendHtml(res, 200, supportPage(post));
  } else if (path === '/status' && get) {
    sendHtml(res, 200, statusPage());
  } else if ((p = match('/provider/:name', path)) && get) {
    sendHtml(res, 200, providerPage(p.name ?? ''));
  } else {
    return false;
  }
  return true;
}

/** Runs a fault for the endpoint if one is set, else the normal answer (after any delay). */
async function api(ctx: Ctx, endpoint: FaultEndpoint, body: () => unknown, normal: () => void): Promise<void> {
  const fault = ctx.state.faults[endpoint];
  if (fault) {
    const delay = faultDelay(fault);
    if (delay > 0 && !(await ctx.sleep(delay))) return;
    if (ctx.res.destroyed) return;
    if (replacesAnswer(fault.mode)) return writeFault(ctx.res, endpoint, fault.mode, body);
  }
  normal();
}

function requireSession(ctx: Ctx): boolean {
  if (ctx.state.hasSession(sessionId(ctx.req))) return true;
  redirect(ctx.res, 302, `${SIGN_IN}?return=${encodeURIComponent(ctx.url.pathname)}`);
  return false;
}

async function signIn(ctx: Ctx): Promise<void> {
  const form = await readForm(ctx.req);
  const client = form.get('client') || ctx.url.searchParams.get('client') || DEFAULT_CLIENT;
  const back = form.get('return') || ctx.url.searchParams.get('return') || '';
  // Only paths inside the app are followed, never another origin.
  const target = /^\/v2\/client\/\d+\//.test(back)
    ? back
    : integrationsUrl(/^\d+$/.test(client) ? Number(client) : 194);
  redirect(ctx.res, 303, target, { 'set-cookie': sessionCookie(ctx.state.mintSession()) });
}

async function connection(ctx: Ctx, clientId: string, connectionId: string, post: boolean): Promise<void> {
  const { state, res, url } = ctx;
  const client = state.findClient(clientId);
  const conn = client?.connections.find((c) => String(c.id) === connectionId);
  if (!client || !conn) return sendHtml(res, 404, messagePage('Not found', 'There is no such connection.'));
  if (post) {
    await readForm(ctx.req);
    state.fixConnection(client.id, conn.id);
    return redirect(res, 303, `${connectionUrl(client.id, conn.id)}?result=reauthorized`);
  }
  sendHtml(res, 200, connectionPage(client, conn, url.searchParams.get('result') === 'reauthorized'));
}
