// The pages of Fivetran's, Airbyte's and Stitch's apps that the extension opens, on the simulator's origin
// (an account's "App address" points here): the connector's setup page, where "Save & Test" (Fivetran),
// "Re-authorize source" (Airbyte) or "Reconnect" (Stitch) fixes it, and each app's list page.

import { readForm, sendHtml, match, type Ctx } from './http.js';
import { esc, layout } from './pages.js';
import { fivetranLabel, airbyteLabel, stitchLabel } from './pipelines-data.js';
import type { Pipeline } from './pipelines.js';

interface Found {
  pipeline: Pipeline;
  id: string;
  name: string;
  state: string;
}

const HEADERS: Record<Pipeline, string> = {
  fivetran: 'Fivetran (simulator)',
  airbyte: 'Airbyte (simulator)',
  stitch: 'Stitch (simulator)',
};
const FIX: Record<Pipeline, string> = { fivetran: 'Save & Test', airbyte: 'Re-authorize source', stitch: 'Reconnect' };

function find(ctx: Ctx, pipeline: Pipeline, id: string): Found | undefined {
  const state = ctx.pipelines;
  if (pipeline === 'fivetran') {
    const r = state.fivetran.find((c) => c.id === id);
    return r && { pipeline, id: r.id, name: r.schema, state: fivetranLabel(r) };
  }
  if (pipeline === 'airbyte') {
    const c = state.airbyte.connections.find((x) => x.connectionId === id);
    return c && { pipeline, id, name: c.name, state: airbyteLabel(c, state.latestJob(id)) };
  }
  const s = state.stitch.find((x) => String(x.id) === id);
  return s && { pipeline, id, name: s.displayName, state: stitchLabel(s) };
}

function setupPage(found: Found, fixed: boolean): string {
  return layout(
    `${found.name} — setup`,
    `<h1>${esc(found.name)}</h1>
${fixed ? '<p class="note" role="status">Connection re-authorized; the next sync will run on schedule.</p>' : ''}
<p>Connection <code>${esc(found.id)}</code>: <strong data-testid="state">${esc(found.state)}</strong></p>
<form method="post"><button type="submit">${esc(FIX[found.pipeline])}</button></form>`,
    HEADERS[found.pipeline],
  );
}

function listPage(ctx: Ctx, pipeline: Pipeline): string {
  const rows =
    pipeline === 'fivetran'
      ? ctx.pipelines.fivetran.map((r) => [r.schema, fivetranLabel(r)])
      : pipeline === 'airbyte'
        ? ctx.pipelines.airbyte.connections.map((c) => [
            c.name,
            airbyteLabel(c, ctx.pipelines.latestJob(c.connectionId)),
          ])
        : ctx.pipelines.stitch.map((s) => [s.displayName, stitchLabel(s)]);
  const body = rows.map(([name, state]) => `<tr><td>${esc(name)}</td><td>${esc(state)}</td></tr>`).join('');
  return layout(
    'Connectors',
    `<h1>Connectors</h1><table><tr><th>Name</th><th>State</th></tr>${body}</table>`,
    HEADERS[pipeline],
  );
}

/** The app pages; false for any other path. */
export async function handlePipelineApps(ctx: Ctx): Promise<boolean> {
  const { req, res, url } = ctx;
  const path = url.pathname;
  const get = req.method === 'GET';
  const post = req.method === 'POST';
  let p: Record<string, string> | null;
  let target: { pipeline: Pipeline; id: string } | undefined;
  if ((p = match('/dashboard/connectors/:id/setup', path))) target = { pipeline: 'fivetran', id: p.id ?? '' };
  else if ((p = match('/workspaces/:workspace/connections/:id', path)))
    target = { pipeline: 'airbyte', id: p.id ?? '' };
  else if ((p = match('/client/:client/pipeline/v2/sources/:id', path)))
    target = { pipeline: 'stitch', id: p.id ?? '' };
  else if (path === '/dashboard/connectors' && get) {
    sendHtml(res, 200, listPage(ctx, 'fivetran'));
    return true;
  } else return false;
  if (!get && !post) return false;
  if (post) await readForm(req);
  if (post && find(ctx, target.pipeline, target.id)) ctx.pipelines.setConnection(target.pipeline, target.id, 'ok');
  const found = find(ctx, target.pipeline, target.id);
  if (!found) sendHtml(res, 404, layout('Not found', '<h1>No such connection</h1>', HEADERS[target.pipeline]));
  else sendHtml(res, 200, setupPage(found, post));
  return true;
}
