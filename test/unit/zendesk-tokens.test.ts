// Zendesk issues no API tokens since 2026-10-27 and turns them all off on 2027-04-30: a broken Zendesk
// integration leads with the support case, says why, and Re-authorize no longer sends the admin to make one.
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { buildPopupModel } from '../../src/core/popup-build';
import { isGroup, type PopupRow } from '../../src/core/popup-model';
import { reauthPages } from '../../src/core/links';
import { parseSettings } from '../../src/core/settings';
import { supportSummary } from '../../src/core/support-summary';
import type { FeedRecord, Integration } from '../../src/core/types';
import { deriveView } from '../../src/core/view';
import { connectionsRecord } from './fixtures';

const NOW = Date.UTC(2026, 10, 30, 12);
const settings = parseSettings({
  escalationHours: 24,
  accounts: [{ id: 's', label: 'Main', clientId: '194', appHost: 'dashboard.rjmetrics.com' }],
});
const account = settings.accounts[0]!;
const CONNECTION_PAGE = 'https://dashboard.rjmetrics.com/v2/client/194/dashapp/settings/connection/8/';

const zendesk: Integration = {
  id: '8',
  name: 'Support desk',
  type: 'zendesk',
  provider: 'Zendesk',
  kind: 'api-key',
  state: 'needs-reauth',
  rawStatus: '2',
  detail: 'Invalid API token',
  subdomain: 'vandelay',
  since: NOW - 3_600_000,
};
const mixpanel: Integration = {
  ...zendesk,
  id: '9',
  name: 'Events',
  type: 'mixpanel',
  provider: 'Mixpanel',
  detail: 'Unauthorized',
};

function rowOf(integration: Integration): PopupRow | undefined {
  const records: FeedRecord[] = [connectionsRecord([integration], NOW)];
  const [entry] =
    buildPopupModel(deriveView(settings, records, NOW), settings, {}, {}, NOW).model.accounts[0]?.entries ?? [];
  expect(entry && isGroup(entry)).toBe(false);
  return entry && !isGroup(entry) ? entry : undefined;
}

describe('a broken Zendesk integration', () => {
  it('puts the support case first and says in one sentence why re-authorizing cannot help', () => {
    const row = rowOf(zendesk);
    expect(row?.supportFirst).toBe(true);
    expect(row?.actionLabel).toBe('Re-authorize');
    expect(row?.hint).toBe(
      "Zendesk stopped issuing API tokens on Oct 27, 2026 and turns all of them off on Apr 30, 2027; MBI's Zendesk integration depends on one, so open a support case.",
    );
  });

  it('says so in German, with German dates', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de');
    expect(rowOf(zendesk)?.hint).toBe(
      'Zendesk stellt seit dem 27.10.2026 keine API-Tokens mehr aus und schaltet am 30.04.2027 alle ab; die Zendesk-Integration von MBI hängt von einem ab, öffnen Sie daher einen Supportfall.',
    );
  });

  it('no longer tells the admin to create an API token in Zendesk', () => {
    expect(rowOf(zendesk)?.hint).not.toMatch(/create an API token|key page/i);
  });

  it("opens only the MBI connection page on Re-authorize, not Zendesk's token page", () => {
    expect(reauthPages(account, zendesk)).toEqual([CONNECTION_PAGE]);
  });

  it('adds a note on the retired tokens to the support summary', () => {
    const summary = supportSummary({ account, integration: zendesk, now: NOW });
    expect(summary.split('\n')).toContain(
      "Note: MBI's Zendesk integration depends on Zendesk API tokens; Zendesk stopped issuing new ones on 2026-10-27 and deactivates all of them on 2027-04-30.",
    );
  });
});

describe('another API-token integration (Mixpanel)', () => {
  it('keeps Re-authorize first, with the key page opened before MBI', () => {
    expect(rowOf(mixpanel)?.supportFirst).toBe(false);
    expect(reauthPages(account, mixpanel)).toEqual([
      'https://mixpanel.com/settings/project/',
      CONNECTION_PAGE.replace('/8/', '/9/'),
    ]);
  });

  it('gets no note on retired tokens in its support summary', () => {
    expect(supportSummary({ account, integration: mixpanel, now: NOW })).not.toContain('Note:');
  });
});
