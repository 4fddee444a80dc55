// HTML pages of the simulated MBI app and its neighbours. Every interpolated string goes through esc().

import type { ClientState, Connection } from './data.js';
import { statusLabel, typeInfo } from './catalogue.js';

export function esc(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222}header{background:#2c2c2c;color:#fff;padding:10px 24px}
main{padding:16px 24px;max-width:1100px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left}
.status-Success{color:#177a2d}.status-Error,.status-Re-authorize{color:#b3261e;font-weight:600}.note{background:#e8f5e9;padding:8px 12px}
.error{background:#fdecea;padding:8px 12px}label{display:block;margin:8px 0}button{padding:6px 14px;margin-right:8px}`;

export function layout(title: string, body: string, header = 'Magento Business Intelligence'): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><header>${esc(header)}</header><main>
${body}
</main></body></html>`;
}

export interface SignInOptions {
  returnTo?: string;
  client?: string;
  message?: string;
}

export function signInPage(opts: SignInOptions): string {
  const hidden = [
    opts.returnTo ? `<input type="hidden" name="return" value="${esc(opts.returnTo)}">` : '',
    opts.client ? `<input type="hidden" name="client" value="${esc(opts.client)}">` : '',
  ].join('');
  return layout(
    'Sign in to MBI',
    `<h1>Sign in to MBI</h1>
${opts.message ? `<p class="note">${esc(opts.message)}</p>` : ''}
<form method="post" action="/v2/session/create">${hidden}
<label>E-mail <input type="email" name="email" autocomplete="username" required></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

/** An HTML page where JSON was expected that is not a sign-in page. */
export function maintenancePage(): string {
  return layout(
    'Scheduled maintenance',
    `<h1>We'll be right back</h1><p>Magento Business Intelligence is undergoing scheduled maintenance.
Please try again in a few minutes.</p>`,
  );
}

export function messagePage(title: string, text: string): string {
  return layout(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>`);
}

export function connectionUrl(clientId: number, connectionId: number): string {
  return `/v2/client/${clientId}/dashapp/settings/connection/${connectionId}/`;
}

export function integrationsUrl(clientId: number): string {
  return `/v2/client/${clientId}/dashapp/manage-data/integrations`;
}

export function integrationsPage(client: ClientState): string {
  const rows = client.connections
    .map((c) => {
      const label = statusLabel(c.properties.status);
      return `<tr data-connection-id="${esc(c.id)}"><td><a href="${esc(connectionUrl(client.id, c.id))}">${esc(c.name)}</a></td>
<td>${esc(c.integration_type.display_name)}</td><td class="status-${esc(label)}">${esc(label)}</td></tr>`;
    })
    .join('\n');
  return layout(
    `Integrations — ${client.label}`,
    `<p>${esc(client.label)} · <a href="/v2/session/destroy">Sign out</a></p>
<h1>Integrations</h1>
<p>Manage Data &gt; Integrations</p>
<table id="integrations"><thead><tr><th>Name</th><th>Type</th><th>Status</th></tr></thead>
<tbody>
${rows}
</tbody></table>`,
  );
}

export function connectionPage(client: ClientState, c: Connection, done: boolean): string {
  const label = statusLabel(c.properties.status);
  const error = c.properties.error;
  const database = typeInfo(c.type).kind === 'database';
  const buttons = database
    ? `<button type="submit" name="action" value="save-test">Save &amp; Test</button>${
        error?.includes('SSH')
          ? '<button type="submit" name="action" value="refresh-ssh-keys">Refresh SSH Host Keys</button>'
          : ''
      }`
    : '<button type="submit" name="action" value="reauthorize">Re-authorize</button>';
  return layout(
    `${c.name} — ${c.integration_type.display_name}`,
    `<p><a href="${esc(integrationsUrl(client.id))}">Manage Data &gt; Integrations</a></p>
${done ? '<p class="note" role="status">Connection re-authorized</p>' : ''}
<h1>${esc(c.name)}</h1>
<dl><dt>Type</dt><dd>${esc(c.integration_type.display_name)}</dd>
<dt>Status</dt><dd class="status-${esc(label)}" id="connection-status">${esc(label)}</dd>
<dt>Last established</dt><dd>${esc(c.properties.established ?? '')}</dd></dl>
${error ? `<p class="error">${esc(error)}</p>` : ''}
<form method="post" action="${esc(connectionUrl(client.id, c.id))}">${buttons}</form>`,
  );
}

export function supportPage(submitted: boolean): string {
  const body = submitted
    ? '<h1>Case submitted</h1><p>Your case was submitted. Adobe Support will contact you.</p>'
    : `<h1>Create a support case</h1>
<form method="post" action="/support">
<label>Product <select name="product"><option>Adobe Commerce Intelligence</option><option>Adobe Commerce</option></select></label>
<label>Summary <input name="summary" size="60"></label>
<label>Description <textarea id="case-description" name="description" rows="12" cols="80"></textarea></label>
<button type="submit">Submit case</button>
</form>`;
  return layout('Experience League — Support', body, 'Adobe Experience League');
}

export function statusPage(): string {
  return layout(
    'Adobe Status',
    `<h1>Adobe Status</h1>
<table><tr><th>Product</th><th>Status</th></tr>
<tr><td>Adobe Commerce Intelligence</td><td class="status-Success">Available</td></tr>
<tr><td>Adobe Experience League</td><td class="status-Success">Available</td></tr></table>`,
    'Adobe Status',
  );
}

export function providerPage(name: string): string {
  return layout(
    `${name} — API keys`,
    `<h1>${esc(name)} — API keys</h1>
<p>Create a new key or approve the connection, then paste it into MBI.</p>
<form onsubmit="event.preventDefault();document.getElementById('new-key').textContent='sim-'+Math.random().toString(36).slice(2)">
<button type="submit">Generate new key</button></form><p><code id="new-key"></code></p>`,
    name,
  );
}
