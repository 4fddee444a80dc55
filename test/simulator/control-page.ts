// The control page at /__sim/: plain HTML; one small inline script posts to the control API.

import { statusLabel } from './catalogue.js';
import type { ClientState } from './data.js';
import { FAULT_ENDPOINTS, FAULT_MODES } from './faults.js';
import { connectionUrl, esc, integrationsUrl, layout } from './pages.js';
import { PIPELINE_CREDENTIALS, PIPELINE_FAULTS, PIPELINES, type PipelineSnapshot } from './pipelines.js';
import type { SimSnapshot } from './state.js';
import { STATUS_SCENARIOS, type StatusSnapshot } from './status.js';

const MAX_ROWS = 200;

/** A button that POSTs `body` to `path` and reloads the page. */
function action(label: string, path: string, body: unknown = {}): string {
  return `<button type="button" data-post="${esc(path)}" data-body="${esc(JSON.stringify(body))}">${esc(label)}</button>`;
}

function clientSection(client: ClientState): string {
  const base = `/__sim/clients/${client.id}`;
  const cycle = client.updateCycle;
  const cycleText = cycle.none
    ? 'no completed update'
    : `${cycle.hoursAgo} h ago, status ${cycle.statusId} "${cycle.statusName}"`;
  const rows = client.connections.slice(0, MAX_ROWS).map((c) => {
    const path = `${base}/connections/${c.id}`;
    return `<tr><td>${esc(c.id)}</td><td><a href="${esc(connectionUrl(client.id, c.id))}">${esc(c.name)}</a></td>
<td>${esc(c.type)}</td><td>${esc(c.properties.status ?? '')} ${esc(statusLabel(c.properties.status))}</td><td>${esc(c.properties.error ?? '')}</td>
<td>${action('Break', path, { status: '2' })}${action('Fail', path, { status: '3' })}${action('Pause', path, { status: '0' })}${action('Fix', path, { status: '1' })}</td></tr>`;
  });
  const more =
    client.connections.length > MAX_ROWS ? `<p>… and ${esc(client.connections.length - MAX_ROWS)} more.</p>` : '';
  return `<section><h2>${esc(client.label)} (client ${esc(client.id)})</h2>
<p>Export API key <code>${esc(client.exportApiKey)}</code> ·
<a href="${esc(integrationsUrl(client.id))}">Integrations page</a> · last update: ${esc(cycleText)}</p>
<p>${action('Make data stale', `${base}/update-cycle`, { hoursAgo: 48 })}${action('Fresh data', `${base}/update-cycle`, { hoursAgo: 2, statusId: 4 })}${action(
    'No completed update',
    `${base}/update-cycle`,
    { none: true },
  )}${action('Generate 1,000', `${base}/generate`, { count: 1000, brokenRatio: 0.05 })}</p>
<table><thead><tr><th>id</th><th>Name</th><th>Type</th><th>Status</th><th>Error</th><th></th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>${more}</section>`;
}

function faultForm(snapshot: SimSnapshot): string {
  const current = FAULT_ENDPOINTS.map((e) => {
    const f = snapshot.faults[e];
    return `<li>${esc(e)}: ${esc(f ? `${f.mode}${f.delayMs !== undefined ? `, ${f.delayMs} ms` : ''}` : 'none')}</li>`;
  }).join('');
  const options = (list: readonly string[]): string => list.map((v) => `<option>${esc(v)}</option>`).join('');
  return `<section><h2>Faults</h2><ul>${current}</ul>
<form id="fault"><select name="endpoint">${options(FAULT_ENDPOINTS)}</select>
<select name="mode">${options(FAULT_MODES)}</select>
<label style="display:inline">delay ms <input name="delayMs" type="number" min="0" step="100"></label>
<button type="submit">Apply fault</button></form></section>`;
}

function statusSection(status: StatusSnapshot): string {
  const rows = Object.entries(status.scenarios).map(([host, scenario]) => {
    const options = STATUS_SCENARIOS.map((s) => `<option${s === scenario ? ' selected' : ''}>${esc(s)}</option>`).join(
      '',
    );
    return `<tr><td><code>${esc(host)}</code></td><td><select data-status-host="${esc(host)}" aria-label="Scenario of ${esc(host)}">${options}</select></td>
<td>${esc(status.requests[host] ?? 0)}</td></tr>`;
  });
  return `<section><h2>Status pages</h2>
<p>What the simulator build reads at <code>/__status/&lt;host&gt;/…</code> · ${action('Reset status pages', '/__sim/status/reset')}</p>
<table><thead><tr><th>Host</th><th>Scenario</th><th>Requests</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
}

const CREDENTIALS: Record<string, string> = {
  fivetran: `key ${PIPELINE_CREDENTIALS.fivetran.apiKey}, secret ${PIPELINE_CREDENTIALS.fivetran.apiSecret}`,
  airbyte: `client ${PIPELINE_CREDENTIALS.airbyte.clientId}, secret ${PIPELINE_CREDENTIALS.airbyte.clientSecret}`,
  stitch: `token ${PIPELINE_CREDENTIALS.stitch.token}`,
};

function pipelinesSection(p: PipelineSnapshot): string {
  const rows = PIPELINES.map((name) => {
    const current = p.faults[name].fault;
    const options = PIPELINE_FAULTS.map((f) => `<option${f === current ? ' selected' : ''}>${esc(f)}</option>`).join(
      '',
    );
    return `<tr><td>${esc(name)}</td><td><code>/${esc(name)}</code></td><td>${esc(CREDENTIALS[name] ?? '')}</td>
<td><select data-pipeline="${esc(name)}" aria-label="Fault of ${esc(name)}">${options}</select></td><td>${esc(p.requests[name])}</td></tr>`;
  });
  const connections = PIPELINES.map((name) => {
    const list = p.connections[name];
    const items = list.slice(0, MAX_ROWS).map((c) => {
      const buttons = (['ok', 'broken', 'reconnect', 'paused'] as const)
        .map((state) => action(state, '/__sim/pipelines/connection', { pipeline: name, id: c.id, state }))
        .join('');
      return `<tr><td><code>${esc(c.id)}</code></td><td>${esc(c.name)}</td><td>${esc(c.state)}</td><td>${buttons}</td></tr>`;
    });
    const more = list.length > MAX_ROWS ? `<p>… and ${esc(list.length - MAX_ROWS)} more.</p>` : '';
    return `<h3>${esc(name)} (${esc(list.length)})</h3>
<table><thead><tr><th>id</th><th>Name</th><th>State</th><th></th></tr></thead><tbody>${items.join('\n')}</tbody></table>${more}`;
  });
  return `<section><h2>Pipelines</h2>
<p>API base URL: the simulator's origin and the prefix · Airbyte tokens issued: ${esc(p.airbyteTokensIssued)} ·
${action('Expire Airbyte tokens', '/__sim/pipelines/expire-tokens')}${action('1,000 Fivetran connections', '/__sim/pipelines/seed', { pipeline: 'fivetran', count: 1000 })}</p>
<table><thead><tr><th>Pipeline</th><th>Prefix</th><th>Credentials</th><th>Fault</th><th>Requests</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${connections.join('\n')}</section>`;
}

const SCRIPT = `
async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) alert(await res.text()); else location.reload();
}
document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-post]');
  if (button) post(button.dataset.post, JSON.parse(button.dataset.body));
});
document.addEventListener('change', (event) => {
  const select = event.target.closest('select[data-status-host]');
  if (select) post('/__sim/status', { host: select.dataset.statusHost, scenario: select.value });
  const fault = event.target.closest('select[data-pipeline]');
  if (fault) post('/__sim/pipelines', { pipeline: fault.dataset.pipeline, fault: fault.value });
});
document.getElementById('fault').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const body = { endpoint: form.get('endpoint'), mode: form.get('mode') };
  if (form.get('delayMs')) body.delayMs = Number(form.get('delayMs'));
  post('/__sim/fault', body);
});`;

export function controlPage(snapshot: SimSnapshot, status?: StatusSnapshot, pipelines?: PipelineSnapshot): string {
  return layout(
    'MBI simulator — control',
    `<h1>MBI simulator — control</h1>
<p>${esc(snapshot.sessions)} signed-in session(s) ·
${action('Expire sessions', '/__sim/sessions/expire')}${action('Reset to seed', '/__sim/reset')} ·
<a href="/v2/session/create">Sign in</a> · <a href="/support">Support stand-in</a> · <a href="/status">Status stand-in</a> ·
<a href="/__sim/state">State (JSON)</a></p>
${faultForm(snapshot)}
${status ? statusSection(status) : ''}
${pipelines ? pipelinesSection(pipelines) : ''}
${snapshot.clients.map(clientSection).join('\n')}
<script>${SCRIPT}</script>`,
    'MBI simulator',
  );
}
