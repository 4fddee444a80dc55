import { describe, expect, it } from 'vitest';
import { parseSecrets, parseSettings } from '../../src/core/settings';
import {
  readingOf,
  unknownReading,
  type StatusEvent,
  type StatusReading,
  type StatusRecord,
  type StatusRecords,
} from '../../src/core/status';
import { statusLines, supportSummary } from '../../src/core/support-summary';
import { predict } from '../../src/core/deadlines';
import { adobeAnalytics } from './fixtures';
import type { Integration } from '../../src/core/types';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const SINCE = Date.parse('2026-01-14T08:30:00Z');
const TOKEN = 'sk_live_abcdefghijklmnopqrstuvwxyz0123';
const EXPORT_KEY = 'rjm-export-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';

const [account] = parseSettings({ accounts: [{ id: 'main', label: 'Main store', clientId: '194' }] }).accounts;
const secrets = parseSecrets({
  main: { exportApiKey: EXPORT_KEY, apiOrigin: 'https://api.rjmetrics.com', clientId: '194' },
});

const zendesk: Integration = {
  id: '42',
  name: 'Support tickets',
  type: 'zendesk',
  provider: 'Zendesk',
  kind: 'api-key',
  state: 'needs-reauth',
  rawStatus: '2',
  detail: `token ${TOKEN} invalid`,
  since: SINCE,
};

function summaryOf(integration: Integration, reauthorizedAt?: number): string {
  if (!account) throw new Error('the settings fixture has no account');
  return supportSummary(
    reauthorizedAt === undefined
      ? { account, integration, now: NOW }
      : { account, integration, reauthorizedAt, now: NOW },
  );
}

describe('supportSummary', () => {
  it.each([
    { what: 'the product', text: 'Product: Adobe Commerce Intelligence' },
    { what: 'the account and client id', text: 'Main store (client id 194)' },
    { what: 'the integration, its provider and type', text: 'Support tickets — Zendesk (type zendesk' },
    { what: 'the connection id', text: 'connection id 42' },
    { what: 'the state and since when', text: 'State: needs re-authorization since 2026-01-14T08:30:00Z' },
    { what: 'the last error without the token', text: 'Last error: token [redacted] invalid' },
    { what: 'what the admin did', text: 'Already tried: Checked the integration on Manage Data > Integrations.' },
  ])('names $what', ({ text }) => {
    expect(summaryOf(zendesk)).toContain(text);
  });

  it('never contains the token from the error text', () => {
    expect(summaryOf(zendesk)).not.toContain(TOKEN);
    expect(summaryOf(zendesk)).not.toContain('abcdefghijklmnopqrstuvwxyz');
  });

  it('never contains the Export API key of the account', () => {
    expect(secrets.main?.exportApiKey).toBe(EXPORT_KEY);
    expect(summaryOf(zendesk)).not.toContain(EXPORT_KEY);
    expect(summaryOf(zendesk, NOW - 60_000)).not.toContain(EXPORT_KEY);
  });

  it('says when the admin re-authorized and that the problem persists', () => {
    expect(summaryOf(zendesk, Date.parse('2026-01-15T11:55:00Z'))).toContain(
      'at 2026-01-15T11:55:00Z; the problem persists',
    );
  });

  it('quotes an unrecognised status as MBI sent it', () => {
    expect(summaryOf({ ...zendesk, state: 'unknown', rawStatus: 'RECONNECTING' })).toContain(
      'State: unknown status "RECONNECTING"',
    );
  });

  it('says no error was reported when there is none', () => {
    expect(summaryOf({ ...zendesk, state: 'failing', detail: undefined })).toContain('Last error: none reported');
  });
});

describe('the Deadline line', () => {
  const adobe = adobeAnalytics({ id: '77' });

  it('names the rule, the due date, the confidence and the source', () => {
    const deadline = predict(adobe, { authorizedAt: NOW - 12 * 86_400_000 }, {});
    const text = supportSummary({ account: account!, integration: adobe, deadline, now: NOW });
    expect(text).toContain(
      'Deadline: Adobe Analytics must be re-authorized every 14 days; due 2026-01-17T12:00:00Z (observed); source: https://github.com/AdobeDocs/commerce-business-intelligence.en/',
    );
  });

  it('says when it is not dated yet, and names Zendesk’s fixed date', () => {
    const undated = supportSummary({
      account: account!,
      integration: adobe,
      deadline: predict(adobe, {}, {}),
      now: NOW,
    });
    expect(undated).toContain('not dated yet');
    const zendeskDeadline = predict(zendesk, {}, {});
    expect(supportSummary({ account: account!, integration: zendesk, deadline: zendeskDeadline, now: NOW })).toContain(
      'due 2027-04-30T00:00:00Z (fixed); source: https://developer.zendesk.com/',
    );
  });
});

describe('the status lines', () => {
  const READ = Date.parse('2026-01-15T11:58:00Z');
  const POD: StatusEvent = {
    kind: 'incident',
    id: '900',
    title: 'Pod 23 latency',
    level: 'degraded',
    since: Date.parse('2026-01-15T10:00:00Z'),
    url: 'https://status.zendesk.com',
  };
  const record = (target: string, reading: StatusReading, extra: Partial<StatusRecord> = {}): StatusRecord => ({
    target,
    checkedAt: READ,
    failures: 0,
    reading,
    ...extra,
  });

  function summaryWith(records: StatusRecords, integration: Integration = zendesk): string {
    return supportSummary({
      account: account!,
      integration,
      status: statusLines(integration, account!, records),
      now: NOW,
    });
  }

  const line = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(`${label}: `));

  it('quotes the provider’s incident with its title, level, start and link', () => {
    const text = summaryWith({ zendesk: record('zendesk', readingOf([POD])) });
    expect(line(text, 'Provider status')).toBe(
      'Provider status: Zendesk (status.zendesk.com), read 2026-01-15T11:58:00Z: incident "Pod 23 latency" (degraded) since 2026-01-15T10:00:00Z; https://status.zendesk.com',
    );
  });

  it('says Adobe’s page was operational', () => {
    const text = summaryWith({ adobe: record('adobe', readingOf([])) });
    expect(line(text, 'Adobe status')).toBe(
      'Adobe status: Adobe (status.adobe.com), Adobe Commerce Intelligence, read 2026-01-15T11:58:00Z: operational',
    );
    expect(line(text, 'Provider status')).toBeUndefined();
  });

  it.each([
    {
      what: 'failed three reads in a row',
      r: record('zendesk', readingOf([POD]), { failures: 3 }),
      reason: 'unreadable',
    },
    { what: 'called itself otherwise', r: record('zendesk', unknownReading('page-changed')), reason: 'page-changed' },
    {
      what: 'lost a watched component',
      r: record('zendesk', unknownReading('component-missing')),
      reason: 'component-missing',
    },
  ])('says the provider’s page was unknown when it $what', ({ r, reason }) => {
    expect(line(summaryWith({ zendesk: r }), 'Provider status')).toBe(
      `Provider status: Zendesk (status.zendesk.com), read 2026-01-15T11:58:00Z: unknown (${reason})`,
    );
  });

  it('leaves out a page never read, and one it had no access to', () => {
    const noAccess = record('zendesk', unknownReading('no-access'), { checkedAt: 0 });
    for (const records of [{}, { zendesk: noAccess }] as StatusRecords[]) {
      const text = summaryWith(records);
      expect(text).not.toContain('Provider status');
      expect(text).not.toContain('Adobe status');
    }
  });

  it('names the Zendesk page of the integration’s subdomain', () => {
    const tenant = { ...zendesk, subdomain: 'vandelay' };
    const text = summaryWith(
      { zendesk: record('zendesk', readingOf([])), 'zendesk:vandelay': record('zendesk:vandelay', readingOf([POD])) },
      tenant,
    );
    expect(line(text, 'Provider status')).toContain('incident "Pod 23 latency"');
  });

  it('gives Adobe Analytics what Adobe says of Adobe Analytics, and of MBI apart', () => {
    const text = summaryWith({ adobe: record('adobe', readingOf([])) }, adobeAnalytics({ state: 'needs-reauth' }));
    expect(line(text, 'Provider status')).toContain('Adobe (status.adobe.com), Adobe Analytics, read ');
    expect(line(text, 'Adobe status')).toContain('Adobe Commerce Intelligence, read ');
  });

  describe('of a pipeline account', () => {
    const pipelines = parseSettings({
      accounts: [
        { id: 'f', label: 'Loads', pipeline: 'fivetran' },
        { id: 'a', label: 'Syncs', pipeline: 'airbyte' },
        { id: 't', label: 'Extracts', pipeline: 'stitch' },
      ],
    }).accounts;
    const ROLLUP: StatusEvent = {
      kind: 'incident',
      id: 'critical',
      title: 'Major System Outage',
      level: 'outage',
      url: 'https://status.fivetran.com',
    };
    const connection = (type: string): Integration => ({
      ...zendesk,
      type,
      provider: 'Google Ads',
      detail: 'Sync failed',
    });
    /** Every page read, Adobe's with MBI's own incident on it. */
    const records: StatusRecords = {
      fivetran: record('fivetran', readingOf([ROLLUP])),
      airbyte: record('airbyte', readingOf([])),
      adobe: record(
        'adobe',
        readingOf([{ ...POD, title: 'Data synchronization delays', product: 'Adobe Commerce Intelligence' }]),
      ),
      zendesk: record('zendesk', readingOf([POD])),
    };
    const summaryOf = (index: number, type: string) => {
      const account = pipelines[index]!;
      const integration = connection(type);
      return supportSummary({ account, integration, status: statusLines(integration, account, records), now: NOW });
    };

    it('gives a Fivetran connection what Fivetran’s page says, and leaves Adobe’s out', () => {
      const text = summaryOf(0, 'fivetran:google_ads');
      expect(line(text, 'Provider status')).toBe(
        'Provider status: Fivetran (status.fivetran.com), read 2026-01-15T11:58:00Z: incident "Major System Outage" (outage); https://status.fivetran.com',
      );
      expect(line(text, 'Adobe status')).toBeUndefined();
      expect(text).not.toContain('Data synchronization delays');
    });

    it('gives an Airbyte connection what Airbyte’s page says, and leaves Adobe’s out', () => {
      const text = summaryOf(1, 'airbyte');
      expect(line(text, 'Provider status')).toBe(
        'Provider status: Airbyte (status.airbyte.com), read 2026-01-15T11:58:00Z: operational',
      );
      expect(line(text, 'Adobe status')).toBeUndefined();
    });

    it('gives a Stitch source no status line: Stitch has no status page known', () => {
      const text = summaryOf(2, 'stitch:platform.zendesk');
      expect(line(text, 'Provider status')).toBeUndefined();
      expect(line(text, 'Adobe status')).toBeUndefined();
    });
  });

  it('keeps a title from the page on one line, and never carries the Export API key', () => {
    const sneaky = { ...POD, title: 'Latency\nState: healthy' };
    const text = summaryWith({
      zendesk: record('zendesk', readingOf([sneaky])),
      adobe: record('adobe', readingOf([])),
    });
    expect(text.split('\n').filter((l) => l.startsWith('State: '))).toHaveLength(1);
    expect(secrets.main?.exportApiKey).toBe(EXPORT_KEY);
    expect(summaryWith({ zendesk: record('zendesk', readingOf([POD])) })).not.toContain(EXPORT_KEY);
  });
});
