import { describe, expect, it } from 'vitest';
import { fetchConnections, parseConnections } from '../../src/background/sources/mbi-connections';
import type { Integration } from '../../src/core/types';
import { CONNECTIONS, fixture, json, SAMPLE, serve } from './fixtures';

/** One connection in the shape of the 2018 sample, with `overrides` on top and `props` under properties. */
function connection(
  overrides: Record<string, unknown> = {},
  props: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id: 7,
    name: 'orders-db',
    display_name: null,
    type: 'mysql',
    integration_type: { display_name: 'MySQL', replication_type: 'db', pipeline_state: 'released' },
    properties: { status: '1', established: '2018-04-10 10:03:20', ...props },
    ...overrides,
  };
}

function parseOne(raw: unknown): Integration {
  const result = parseConnections([raw]);
  if (!result.ok) throw new Error(`expected a parsed list, got ${result.error.kind}: ${result.error.message}`);
  const [integration] = result.data.integrations;
  if (!integration) throw new Error('expected one integration');
  return integration;
}

describe('parseConnections', () => {
  it('reads the published 2018 sample as one healthy MySQL database named "vandelay"', () => {
    expect(parseConnections(fixture('connections-2018-sample.json'))).toEqual({
      ok: true,
      data: {
        feed: 'connections',
        integrations: [
          {
            id: '5',
            name: 'vandelay',
            type: 'mysql',
            provider: 'MySQL',
            kind: 'database',
            state: 'ok',
            rawStatus: '1',
            // "established": "2018-04-10 10:03:20", read as UTC.
            authorizedAt: Date.UTC(2018, 3, 10, 10, 3, 20),
          },
        ],
      },
    });
  });

  it('reads an empty list as a healthy account with no integrations', () => {
    expect(parseConnections([])).toEqual({ ok: true, data: { feed: 'connections', integrations: [] } });
  });

  it.each([
    { status: '1', state: 'ok', rawStatus: '1' },
    { status: 1, state: 'ok', rawStatus: '1' },
    { status: 'Success', state: 'ok', rawStatus: 'Success' },
    { status: '0', state: 'paused', rawStatus: '0' },
    { status: '2', state: 'needs-reauth', rawStatus: '2' },
    { status: '3', state: 'failing', rawStatus: '3' },
    { status: '7', state: 'unknown', rawStatus: '7' },
    { status: 'RECONNECTING', state: 'unknown', rawStatus: 'RECONNECTING' },
    { status: '__proto__', state: 'unknown', rawStatus: '__proto__' },
    { status: '', state: 'unknown', rawStatus: '(blank)' },
    { status: null, state: 'unknown', rawStatus: '(none)' },
    { status: true, state: 'unknown', rawStatus: 'true' },
  ])('shows status $status as $state (raw "$rawStatus")', ({ status, state, rawStatus }) => {
    expect(parseOne(connection({}, { status }))).toMatchObject({ state, rawStatus });
  });

  it('shows a connection without a status as unknown', () => {
    expect(parseOne({ ...connection(), properties: {} })).toMatchObject({ state: 'unknown', rawStatus: '(none)' });
  });

  it.each([
    { error: 'SSH host key verification failed', detail: 'SSH host key verification failed' },
    { error: "  Access denied for user 'boxcutter'  ", detail: "Access denied for user 'boxcutter'" },
    { error: 'x'.repeat(2000), detail: 'x'.repeat(500) },
    { error: '   ', detail: undefined },
    { error: 42, detail: undefined },
  ])('shows the error text $error as the detail', ({ error, detail }) => {
    expect(parseOne(connection({}, { status: '3', error })).detail).toBe(detail);
  });

  it.each([
    { display_name: 'Main store database', name: 'vandelay', shown: 'Main store database' },
    { display_name: null, name: 'vandelay', shown: 'vandelay' },
    { display_name: '', name: 'vandelay', shown: 'vandelay' },
    { display_name: '   ', name: 'vandelay', shown: 'vandelay' },
    { display_name: 'Main store database', name: null, shown: 'Main store database' },
  ])(
    'names the integration "$shown" for display_name $display_name and name $name',
    ({ display_name, name, shown }) => {
      expect(parseOne(connection({ display_name, name })).name).toBe(shown);
    },
  );

  it.each([
    { name: '<img src=x onerror=alert(1)>' },
    { name: '"; DROP TABLE connections; --' },
    { name: "Tom &amp; Jerry's <b>shop</b>" },
    { name: '{{constructor.constructor("alert(1)")()}}' },
  ])('keeps the hostile name $name as plain text', ({ name }) => {
    expect(parseOne(connection({ name })).name).toBe(name);
  });

  it("keeps a Zendesk connection's site prefix so its token page can be linked", () => {
    const zendesk = connection(
      { type: 'zendesk', integration_type: { display_name: 'Zendesk' } },
      { status: '2', subdomain: 'vandelay' },
    );
    expect(parseOne(zendesk)).toMatchObject({
      provider: 'Zendesk',
      kind: 'api-key',
      state: 'needs-reauth',
      subdomain: 'vandelay',
    });
  });

  it.each([
    { what: 'a catalogued type', overrides: { type: 'facebook_ads' }, provider: 'Facebook Ads', kind: 'oauth' },
    {
      what: 'an unknown database type',
      overrides: { type: 'snowflake', integration_type: { display_name: 'Snowflake', replication_type: 'db' } },
      provider: 'Snowflake',
      kind: 'database',
    },
    {
      what: 'an unknown API type',
      overrides: { type: 'klaviyo', integration_type: { display_name: 'Klaviyo', replication_type: 'api' } },
      provider: 'Klaviyo',
      kind: 'unknown',
    },
    {
      what: 'a type without integration_type',
      overrides: { type: 'klaviyo', integration_type: null },
      provider: 'klaviyo',
      kind: 'unknown',
    },
  ])('names the provider of $what "$provider" ($kind)', ({ overrides, provider, kind }) => {
    expect(parseOne(connection(overrides))).toMatchObject({ provider, kind });
  });

  it.each([
    { what: 'an object', body: { connections: [] } },
    { what: 'a paged object', body: { data: { items: [] } } },
    { what: 'null', body: null },
    { what: 'a string', body: '[]' },
    { what: 'a list of strings', body: ['vandelay'] },
    { what: 'a list with an empty object', body: [{}] },
    { what: 'a connection without properties', body: [connection({ properties: undefined })] },
    { what: 'a connection with list properties', body: [connection({ properties: [] })] },
    { what: 'a connection without an id', body: [connection({ id: undefined })] },
    { what: 'a connection with a boolean id', body: [connection({ id: true })] },
    { what: 'a connection without a type', body: [connection({ type: undefined })] },
    { what: 'a connection without any name', body: [connection({ name: undefined, display_name: null })] },
  ])('reports "format-changed" for $what', ({ body }) => {
    const result = parseConnections(body);
    expect(result.ok ? 'ok' : result.error.kind).toBe('format-changed');
  });

  it('says which connection could not be read', () => {
    const result = parseConnections([connection(), connection({ id: 8 }), { id: 9 }]);
    expect(result.ok ? result.data.anomalies?.join(' ') : '').toContain('#3');
  });
});

describe('the shape kept for the diagnostic sample', () => {
  const account = {
    id: 'main',
    label: 'Main store',
    clientId: '194',
    appOrigin: 'https://dashboard.rjmetrics.com',
    apiOrigin: 'https://api.rjmetrics.com',
    enabled: true,
  };

  it('is described only for an answer not wholly read: walking thousands of connections costs every check', async () => {
    serve({ [CONNECTIONS]: SAMPLE });
    const clean = await fetchConnections(account);
    expect(clean.ok && clean.data.shape).toBeUndefined();

    serve({ [CONNECTIONS]: json(JSON.stringify([{ id: 5, name: 'vandelay', type: 'mysql', properties: {} }, 7])) });
    const odd = await fetchConnections(account);
    expect(odd.ok && odd.data.anomalies?.length).toBeGreaterThan(0);
    expect(odd.ok && odd.data.shape).toContain('(2 items)');
  });
});
