// What a hostile or odd status page cannot do: make a parser throw, put a time no Date holds into the
// support summary, keep an old reading current once access is withdrawn, or hide one summary behind another.
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../src/background/status/formats';
import { checkStatuses } from '../../src/background/status/check';
import { outageOverNotes } from '../../src/core/notify-policy';
import { parseSettings } from '../../src/core/settings';
import { parseStatusRecords, targetOf, type PageTarget } from '../../src/core/status';
import { STATUS_PAGES, type StatusFormat } from '../../src/core/status-pages';
import { statusLines } from '../../src/core/support-summary';
import type { Integration } from '../../src/core/types';
import { deriveView } from '../../src/core/view';
import { connectionsRecord, grantHostAccess, json, serve } from './fixtures';

const NOW = Date.UTC(2026, 10, 27, 12);
const t = (page: Parameters<typeof targetOf>[0], account = {}) => targetOf(page, account)!;
/** JSON as a page could send it: an object whose "toString" is not a function. */
const HOSTILE = JSON.parse('{"toString": 1}') as unknown;

describe('a status body with {"toString": 1} in a field', () => {
  const services = { data: [{ id: '1', attributes: { name: 'Support' } }] };
  it.each<{ format: StatusFormat; target: PageTarget; bodies: unknown[] }>([
    {
      format: 'statuspage',
      target: t(STATUS_PAGES.quickbooks),
      bodies: [
        { page: { id: 'x', name: 'y' }, incidents: [{ id: 'i', name: 'n', impact: HOSTILE, status: 'investigating' }] },
      ],
    },
    { format: 'google', target: t(STATUS_PAGES.google), bodies: [[{ status_impact: HOSTILE }]] },
    {
      format: 'adobe',
      target: t(STATUS_PAGES.adobe),
      bodies: [
        {
          incidentEvent: {
            incidents: {
              e: {
                id: 'e',
                clouds: { 1: { name: 'Adobe Experience Cloud' } },
                products: { p: { id: 'p', name: 'Adobe Commerce Intelligence', history: { 1: { status: HOSTILE } } } },
              },
            },
          },
        },
      ],
    },
    {
      format: 'zendesk',
      target: t(STATUS_PAGES.zendesk),
      bodies: [
        services,
        {
          data: [
            {
              id: HOSTILE,
              attributes: { name: 'x', resolvedAt: null, degradation: true },
              relationships: { incidentServices: { data: [{ id: 's' }] } },
            },
          ],
          included: [{ id: 's', attributes: { serviceName: 'Support', resolvedAt: null } }],
        },
      ],
    },
    {
      format: 'salesforce',
      target: t(STATUS_PAGES.salesforce, { salesforceInstance: 'P1' }),
      bodies: [{ key: 'P1', status: 'MAJOR_INCIDENT_CORE', Incidents: [{ id: HOSTILE, status: 'Active' }] }],
    },
  ])('is read by the $format parser, not thrown on', ({ format, target, bodies }) => {
    expect(() => PARSERS[format](bodies, target, NOW)).not.toThrow();
  });

  it('leaves the check whole: every page is read and stored', async () => {
    const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });
    const broken = (id: string, type: string): Integration => ({
      id,
      name: id,
      type,
      provider: type,
      kind: 'oauth',
      state: 'needs-reauth',
      rawStatus: '2',
      since: NOW - 1000,
    });
    const view = deriveView(settings, [connectionsRecord([broken('1', 'google_adwords')], NOW)], NOW);
    grantHostAccess('https://ads.google.com/*', 'https://data.status.adobe.com/*');
    serve({
      'https://ads.google.com/status/publisher/incidents.json': json('[{"status_impact": {"toString": 1}}]'),
      'https://data.status.adobe.com/adobestatus/StatusEvents': json('{"incidentEvent": {}}'),
    });
    const check = await checkStatuses(view, settings, {}, NOW);
    // An incident whose impact is no known value joins nothing: the page reads operational.
    expect(check.records.google).toMatchObject({ failures: 0, reading: { level: 'operational' } });
    expect(check.records.adobe?.failures).toBe(0);
  });
});

describe('a start outside the dates JavaScript can hold', () => {
  it('AWS: date "99999999999999" gives no `since` that breaks the support summary', () => {
    const aws = t(STATUS_PAGES.aws, { awsRegion: 'us-east-1' });
    const reading = PARSERS.aws([[{ service: 'rds-us-east-1', status: '1', date: '99999999999999' }]], aws, NOW);
    const account = parseSettings({ accounts: [{ id: 's', clientId: '194', awsRegion: 'us-east-1' }] }).accounts[0]!;
    const records = parseStatusRecords(
      JSON.parse(JSON.stringify({ 'aws:us-east-1': { checkedAt: NOW, failures: 0, reading } })),
    );
    expect(() => statusLines({ type: 'amazon_rds' }, account, records)).not.toThrow();
  });

  it('Adobe: startedOn 1e13 gives no `since` beyond 8.64e15', () => {
    const body = {
      incidentEvent: {
        incidents: {
          e: {
            id: 'e',
            startedOn: 1e13,
            clouds: { 1: { name: 'Adobe Experience Cloud' } },
            products: {
              p: {
                id: 'p',
                name: 'Adobe Commerce Intelligence',
                history: { 1: { status: 'opened', severity: 'major' } },
              },
            },
          },
        },
      },
    };
    const reading = PARSERS.adobe([body], t(STATUS_PAGES.adobe), NOW);
    const since = reading === 'unreadable' ? undefined : reading.events[0]?.since;
    expect(since === undefined || Math.abs(since) <= 8.64e15).toBe(true);
  });
});

describe('host access withdrawn after a reading', () => {
  it('no longer serves the last reading as current', async () => {
    const settings = parseSettings({ accounts: [{ id: 's', label: 'Main', clientId: '194' }] });
    const z: Integration = {
      id: '1',
      name: 'Z',
      type: 'zendesk',
      provider: 'Zendesk',
      kind: 'api-key',
      state: 'needs-reauth',
      rawStatus: '2',
      since: NOW - 1000,
    };
    const view = deriveView(settings, [connectionsRecord([z], NOW)], NOW);
    grantHostAccess('https://data.status.adobe.com/*');
    const before = {
      zendesk: {
        target: 'zendesk',
        checkedAt: NOW - 7 * 86_400_000,
        failures: 0,
        reading: {
          level: 'degraded' as const,
          events: [{ kind: 'incident' as const, id: '900', title: 'Pod 23 latency', level: 'degraded' as const }],
        },
      },
    };
    serve({ 'https://data.status.adobe.com/adobestatus/StatusEvents': json('{"incidentEvent": {}}') });
    const check = await checkStatuses(view, settings, before, NOW);
    expect(check.readings.get('zendesk')).toEqual({ level: 'unknown', events: [], reason: 'no-access' });
  });
});

describe("integrations of one account released from two providers' incidents at once", () => {
  it('are announced in one summary that names no single provider, so none is lost', () => {
    const integration = (id: string): Integration => ({
      id,
      name: id,
      type: 'zendesk',
      provider: 'Zendesk',
      kind: 'api-key',
      state: 'needs-reauth',
      rawStatus: '2',
    });
    const released = [
      ...['1', '2', '3', '4'].map((id) => ({
        accountId: 's1',
        integration: integration(id),
        by: { source: 'Zendesk' },
      })),
      ...['5', '6', '7', '8'].map((id) => ({ accountId: 's1', integration: integration(id), by: { source: 'Adobe' } })),
    ];
    const notes = outageOverNotes(released);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ id: 'outage-over|s1|*', source: '' });
    expect('integrations' in notes[0]! ? notes[0].integrations.map((i) => i.id) : []).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
  });
});

describe('a stored status record with a reason this version does not know', () => {
  it('keeps the reading and drops the reason, so the options page never shows a message key it lacks', () => {
    const records = parseStatusRecords({
      zendesk: { checkedAt: NOW, failures: 0, reading: { level: 'unknown', events: [], reason: 'constructor' } },
    });
    expect(records.zendesk?.reading).toEqual({ level: 'unknown', events: [] });
  });
});
