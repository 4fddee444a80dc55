// Small fetch helpers for the simulator's own tests.

import type { Simulator } from './server.js';

export const KEY_194 = 'sim-export-key-194';

export function connectionsUrl(sim: Simulator, clientId: number | string = 194): string {
  return `${sim.url}/v1/v2/clients/${clientId}/connections/input-connections?include_deleted=false`;
}

export function updateCycleUrl(sim: Simulator, clientId: number | string = 194): string {
  return `${sim.url}/0.1/client/${clientId}/fullupdatestatus`;
}

/** A Cookie header value with a session minted through the control API. */
export async function sessionCookie(sim: Simulator): Promise<string> {
  const res = await fetch(`${sim.url}/__sim/session`, { method: 'POST' });
  const body = (await res.json()) as { cookie: string; value: string };
  return `${body.cookie}=${body.value}`;
}

export async function control(sim: Simulator, path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${sim.url}/__sim/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export interface Row {
  id: number;
  name: string;
  type: string;
  display_name: string | null;
  integration_type: { display_name: string };
  properties: Record<string, string | null>;
}

export async function getConnections(sim: Simulator, cookie: string, clientId: number | string = 194): Promise<Row[]> {
  const res = await fetch(connectionsUrl(sim, clientId), { headers: { cookie }, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`connections answered ${res.status}`);
  return (await res.json()) as Row[];
}

export function problems(rows: Row[]): Row[] {
  return rows.filter((r) => r.properties.status !== '1');
}
