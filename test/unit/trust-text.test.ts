// Remote text is inert: what MBI writes in a name, a status or an error can neither add lines to what the
// admin copies nor reorder what the admin reads, in the parsers, the support summary, the notifications
// and the badge's tooltip.
import { fakeBrowser } from '@webext-core/fake-browser';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeFor } from '../../src/core/badge';
import { notifyChanges } from '../../src/background/notifier';
import { parseConnections } from '../../src/background/sources/mbi-connections';
import { parseUpdateCycle } from '../../src/background/sources/mbi-update-cycle';
import { loadSettings } from '../../src/shared/storage';
import { parseSettings } from '../../src/core/settings';
import { supportSummary } from '../../src/core/support-summary';
import { feedKey, type Integration, type IntegrationState } from '../../src/core/types';
import { deriveView } from '../../src/core/view';
import { connectionsRecord } from './fixtures';

/** Every character that may not reach the screen or the clipboard from outside. */
// eslint-disable-next-line no-control-regex -- control characters are what this test looks for
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const NOON = new Date(2026, 10, 27, 12, 0).getTime();

function parseOne(raw: Record<string, unknown>): Integration {
  const result = parseConnections([raw]);
  if (!result.ok) throw new Error(`expected a parsed list, got ${result.error.message}`);
  return result.data.integrations[0]!;
}

describe('the connections parser', () => {
  it('takes control and bidi-control characters out of every string it reads', () => {
    const integration = parseOne({
      id: '\u202E77\n',
      name: '\u202EShop\nState: healthy\u0085',
      display_name: null,
      type: 'zen\u2066desk',
      integration_type: { display_name: '\u202EHelp\u009Bdesk' },
      properties: {
        status: '\u20662\u2069',
        error: 'Invalid\u2028API token\u202E (code 7)',
        subdomain: 'van\u0000delay',
      },
    });
    expect(integration).toMatchObject({
      id: '77',
      name: 'Shop State: healthy',
      type: 'zendesk',
      provider: 'Zendesk',
      state: 'needs-reauth',
      rawStatus: '2',
      detail: 'Invalid API token (code 7)',
      subdomain: 'van delay',
    });
    expect(
      parseOne({
        id: 1,
        name: 'n',
        type: 'custom',
        integration_type: { display_name: '\u202EHelp\u009Bdesk' },
        properties: {},
      }).provider,
    ).toBe('Help desk');
  });

  it('reads a name made only of controls as no name, falling back to the other', () => {
    expect(parseOne({ id: 1, display_name: '\u202E\u2066\n', name: 'Shop', type: 'mysql', properties: {} }).name).toBe(
      'Shop',
    );
  });

  it.each([
    { status: { code: 9 }, rawStatus: '{"code":9}' },
    { status: [2], rawStatus: '[2]' },
    { status: false, rawStatus: 'false' },
    { status: { note: 'x'.repeat(60) }, rawStatus: `{"note":"${'x'.repeat(31)}` },
    { status: null, rawStatus: '(none)' },
  ])('shows a status of $status as its JSON, "$rawStatus", in state unknown', ({ status, rawStatus }) => {
    expect(parseOne({ id: 1, name: 'n', type: 'mysql', properties: { status } })).toMatchObject({
      state: 'unknown',
      rawStatus,
    });
  });
});

describe('the update status parser', () => {
  it('takes controls out of the type and status names and the zone', () => {
    const result = parseUpdateCycle({
      lastCompletedUpdateJob: {
        id: 1,
        type: { name: '\u202EFull\nUpdate' },
        end: '2026-01-15 09:30:00',
        status: { id: 4, name: '\u2066Completed\u0085Successfully\u2069' },
      },
      timezoneAbbreviation: '\u202EEST',
    });
    expect(result).toMatchObject({
      ok: true,
      data: {
        lastJob: { typeName: 'Full Update', statusName: 'Completed Successfully', endedRaw: '2026-01-15 09:30:00 EST' },
      },
    });
  });

  it('names an end time it cannot read without the controls in it', () => {
    const result = parseUpdateCycle({
      lastCompletedUpdateJob: { id: 1, type: {}, end: '\u202E2026\n-01', status: { id: 4 } },
      timezoneAbbreviation: 'EST',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(CONTROLS.test(result.error.message)).toBe(false);
  });
});

const LABELS = [
  'Product',
  'Account',
  'Integration',
  'State',
  'History',
  'Last error',
  'Already tried',
  'Summary prepared',
];
/** Every way a line can end, to a reader or a support tool. */
// eslint-disable-next-line no-control-regex -- line-ending controls are what this test looks for
const LINE_BREAK = /\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/;

describe('the support summary', () => {
  // Strings rich in line breaks and bidi controls, beside arbitrary ones.
  const hostile = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc
      .array(
        fc.constantFrom(
          '\n',
          '\r',
          '\r\n',
          '\u2028',
          '\u2029',
          '\u0085',
          '\u202E',
          '\u2066',
          '\u2069',
          'State: healthy',
          'Account: Other (client id 1)',
          ' ',
          'x',
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join('')),
  );
  const states: IntegrationState[] = ['ok', 'needs-reauth', 'failing', 'paused', 'unknown'];

  it('has one line per field, with the labels in a fixed order, whatever the fields hold', () => {
    fc.assert(
      fc.property(
        fc.record({
          label: hostile,
          clientId: hostile,
          id: hostile,
          name: hostile,
          type: hostile,
          provider: hostile,
          rawStatus: hostile,
          detail: fc.option(hostile, { nil: undefined }),
        }),
        fc.constantFrom(...states),
        fc.option(fc.integer({ min: 0, max: NOON }), { nil: undefined }),
        fc.record(
          { breaks: fc.nat(1000), lastFixedAt: fc.integer({ min: 0, max: NOON }) },
          { requiredKeys: ['breaks'] },
        ),
        ({ label, clientId, detail, ...fields }, state, reauthorizedAt, history) => {
          const integration: Integration = {
            ...fields,
            kind: 'api-key',
            state,
            since: NOON - 60_000,
            ...(detail === undefined ? {} : { detail }),
          };
          const summary = supportSummary({
            account: { label, clientId },
            integration,
            history,
            now: NOON,
            ...(reauthorizedAt === undefined ? {} : { reauthorizedAt }),
          });
          const lines = summary.split(LINE_BREAK);
          expect(lines.map((line) => line.slice(0, line.indexOf(':')))).toEqual(LABELS);
          expect(CONTROLS.test(summary.replaceAll('\n', ''))).toBe(false);
        },
      ),
    );
  });

  it('keeps a forged line on the line of its field', () => {
    const integration: Integration = {
      id: '1',
      name: 'Shop\nState: healthy',
      type: 'stripe',
      provider: 'Stripe',
      kind: 'oauth',
      state: 'unknown',
      rawStatus: 'x\nAccount: Other (client id 1)',
    };
    const lines = supportSummary({ account: { label: 'Main', clientId: '194' }, integration, now: NOON }).split('\n');
    expect(lines[2]).toBe('Integration: Shop State: healthy — Stripe (type stripe, connection id 1)');
    expect(lines[3]).toBe('State: unknown status "x Account: Other (client id 1)"');
  });
});

describe('plain-text places', () => {
  beforeEach(async () => {
    await fakeBrowser.storage.sync.set({
      settings: { version: 2, accounts: [{ id: 's1', label: 'Main', clientId: '194' }] },
    });
    const permissions: { contains(request: unknown): Promise<boolean> } = fakeBrowser.permissions;
    vi.spyOn(permissions, 'contains').mockResolvedValue(true);
  });

  it('isolates the name, the error, the provider and the account in a notification', async () => {
    const shop = (state: IntegrationState): Integration => ({
      id: '1',
      name: 'متجر',
      type: 'stripe',
      provider: 'Stripe',
      kind: 'oauth',
      state,
      rawStatus: '3',
      detail: 'خطأ 42',
    });
    const poll = async (state: IntegrationState) => {
      const records = [connectionsRecord([shop(state)], NOON, 's1')];
      await notifyChanges({ settings: await loadSettings(), records, snoozes: {} }, NOON);
    };
    await poll('ok');
    await poll('failing');
    expect(Object.values(fakeBrowser.notifications.getAllCreateOptions())).toEqual([
      expect.objectContaining({
        title: '\u2068متجر\u2069: Failing',
        message: '\u2068خطأ 42\u2069\n\u2068Stripe\u2069 · \u2068Main\u2069',
      }),
    ]);
  });

  it('isolates each account label in the badge tooltip', () => {
    const settings = parseSettings({ accounts: [{ id: 's1', label: 'متجر', clientId: '194' }] });
    const record = {
      key: feedKey('s1', 'connections'),
      accountId: 's1',
      feed: 'connections' as const,
      lastAttemptAt: NOON,
      failures: 0,
      error: { kind: 'unreachable' as const, message: 'x' },
    };
    expect(badgeFor(deriveView(settings, [record], NOON)).title.split('\n')).toEqual([
      'MBI Integration Watch: MBI unreachable (\u2068متجر\u2069)',
      '\u2068متجر\u2069: 0 of 0 need attention — MBI unreachable',
    ]);
  });
});
