import { describe, expect, it } from 'vitest';
import { keyPageFor, PROVIDERS } from '../../src/core/providers';
import { safeUrl } from '../../src/core/url-safety';

const SIM = 'http://127.0.0.1:8127';

describe('safeUrl opens', () => {
  it.each([
    { what: 'the Facebook business tools page', url: 'https://www.facebook.com/settings?tab=business_tools' },
    { what: 'the Google connections page', url: 'https://myaccount.google.com/connections' },
    {
      what: 'the Salesforce approvals article',
      url: 'https://help.salesforce.com/s/articleView?id=platform.remoteaccess_request_approve.htm',
    },
    { what: 'the Stripe API keys page', url: 'https://dashboard.stripe.com/apikeys' },
    { what: 'the QuickBooks support page', url: 'https://quickbooks.intuit.com/learn-support/' },
    { what: 'the Mixpanel project settings', url: 'https://mixpanel.com/settings/project/' },
    { what: "a Zendesk tenant's API page", url: 'https://vandelay.zendesk.com/admin/apps-integrations/apis/' },
    { what: 'Experience League support', url: 'https://experienceleague.adobe.com/home#support' },
    {
      what: 'an MBI connection page',
      url: 'https://dashboard.rjmetrics.com/v2/client/194/dashapp/settings/connection/5/',
    },
    { what: 'the MBI sign-in page', url: 'https://dashboard.rjmetrics.com/v2/session/create' },
  ])('$what as given', ({ url }) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each([
    { what: 'the Adobe status page', url: 'https://status.adobe.com', expected: 'https://status.adobe.com/' },
    {
      what: 'an upper-case host',
      url: 'https://DASHBOARD.RJMETRICS.COM/v2/',
      expected: 'https://dashboard.rjmetrics.com/v2/',
    },
    {
      what: 'an upper-case Zendesk tenant',
      url: 'https://Vandelay.Zendesk.com/',
      expected: 'https://vandelay.zendesk.com/',
    },
    {
      what: 'the default https port',
      url: 'https://dashboard.rjmetrics.com:443/v2/',
      expected: 'https://dashboard.rjmetrics.com/v2/',
    },
  ])('$what, normalized to $expected', ({ url, expected }) => {
    expect(safeUrl(url)).toBe(expected);
  });

  it('an http page on the MBI origin the admin configured', () => {
    expect(safeUrl(`${SIM}/x`, [SIM])).toBe(`${SIM}/x`);
  });

  it('every provider key page in the catalogue', () => {
    const pages = Object.keys(PROVIDERS).flatMap((type) => keyPageFor(type, 'vandelay') ?? []);
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.filter((page) => safeUrl(page) === null)).toEqual([]);
  });
});

describe('safeUrl refuses', () => {
  it.each([
    { what: 'a javascript: URL', url: 'javascript:alert(1)' },
    { what: 'a mixed-case javascript: URL with leading blanks', url: '  JaVaScRiPt:alert(1)' },
    { what: 'a data: URL', url: 'data:text/html,<script>alert(1)</script>' },
    { what: 'a file: URL', url: 'file:///etc/passwd' },
    { what: 'plain http to MBI', url: 'http://dashboard.rjmetrics.com/' },
    { what: 'plain http to a provider', url: 'http://www.facebook.com/settings?tab=business_tools' },
    { what: 'a user and password', url: 'https://user:pw@dashboard.rjmetrics.com/' },
    { what: 'a known host as the user name', url: 'https://experienceleague.adobe.com@evil.com/' },
    { what: 'a known host as a prefix of another', url: 'https://dashboard.rjmetrics.com.evil.com/' },
    { what: 'a known host in the path', url: 'https://evil.com/dashboard.rjmetrics.com' },
    { what: 'a known host in the fragment', url: 'https://evil.com#@dashboard.rjmetrics.com' },
    { what: 'a hyphenated look-alike', url: 'https://dashboard-rjmetrics.com/' },
    { what: 'a punycode look-alike', url: 'https://xn--dashbard-rjmetrics-xyz.com/' },
    { what: 'a Cyrillic homograph', url: 'https://dashb\u043eard.rjmetrics.com/' },
    { what: 'an encoded dot in the host', url: 'https://dashboard.rjmetrics.com%2eevil.com/' },
    { what: 'a backslash before the known host', url: 'https://evil.com\\@dashboard.rjmetrics.com' },
    { what: 'two labels before zendesk.com', url: 'https://a.b.zendesk.com/' },
    { what: 'the bare zendesk.com', url: 'https://zendesk.com/' },
    { what: 'zendesk.com as a prefix', url: 'https://zendesk.com.evil.io/' },
    { what: 'a tenant of zendesk.com as a prefix', url: 'https://vandelay.zendesk.com.evil.io/' },
    { what: 'a tenant label starting with a hyphen', url: 'https://-vandelay.zendesk.com/' },
    { what: 'a non-default port on a known host', url: 'https://dashboard.rjmetrics.com:8443/' },
    { what: 'a non-default port on a tenant', url: 'https://vandelay.zendesk.com:8443/' },
    { what: 'a local origin nobody configured', url: 'http://127.0.0.1:8127/' },
    { what: 'https on a local address', url: 'https://127.0.0.1/' },
    { what: 'an unparsable string', url: 'not a url' },
    { what: 'an empty string', url: '' },
    { what: 'a scheme-relative URL', url: '//dashboard.rjmetrics.com/' },
    { what: 'an unknown https host', url: 'https://example.com/' },
  ])('$what: $url', ({ url }) => {
    expect(safeUrl(url)).toBeNull();
  });

  it.each([
    { what: 'a blob: URL wrapping the configured origin', url: 'blob:http://127.0.0.1:8127/0b6c3d1e' },
    { what: 'a blob: URL wrapping MBI', url: 'blob:https://dashboard.rjmetrics.com/0b6c3d1e' },
    { what: 'another port on the configured host', url: 'http://127.0.0.1:8128/x' },
    { what: 'another host name for the same machine', url: 'http://localhost:8127/x' },
    { what: 'https where http was configured', url: 'https://127.0.0.1:8127/x' },
    { what: 'a user name on the configured origin', url: 'http://admin@127.0.0.1:8127/x' },
  ])(`$what: $url (${SIM} configured)`, ({ url }) => {
    expect(safeUrl(url, [SIM])).toBeNull();
  });
});

describe('safeUrl and the status pages', () => {
  it.each([
    { what: 'Zendesk’s status page', url: 'https://status.zendesk.com/' },
    { what: 'a page of Zendesk’s status site', url: 'https://status.zendesk.com/incidents/900' },
    { what: 'a Google Ads incident', url: 'https://ads.google.com/status/publisher/incidents/x' },
    { what: 'an Adobe product incident', url: 'https://status.adobe.com/products/9001/71234' },
    { what: 'a Salesforce Trust incident', url: 'https://status.salesforce.com/incidents/12345' },
    { what: 'a Salesforce instance', url: 'https://status.salesforce.com/instances/NA45' },
    { what: 'Intuit’s developer status page', url: 'https://status.developer.intuit.com/incidents/abc' },
    { what: 'Mixpanel’s status page', url: 'https://www.mixpanelstatus.com/incidents/abc' },
    { what: 'AWS Health', url: 'https://health.aws.amazon.com/health/status' },
    { what: 'Fivetran’s status page', url: 'https://status.fivetran.com/' },
    { what: 'an Airbyte incident', url: 'https://status.airbyte.com/incidents/abc' },
  ])('opens $what', ({ url }) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each([
    { what: 'plain http to Zendesk’s status page', url: 'http://status.zendesk.com/incidents/900' },
    { what: 'plain http to Google Ads’ status', url: 'http://ads.google.com/status/publisher/incidents/x' },
    { what: 'Google’s host as a prefix', url: 'https://ads.google.com.evil.io/status/publisher/incidents/x' },
    { what: 'a hyphenated look-alike of Zendesk’s', url: 'https://status-zendesk.com/incidents/900' },
    { what: 'Adobe’s status host as a prefix', url: 'https://status.adobe.com.evil.io/' },
    { what: 'a look-alike of Mixpanel’s', url: 'https://mixpanelstatus.com.evil.io/' },
    { what: 'a non-default port on a status host', url: 'https://status.salesforce.com:8443/incidents/1' },
    { what: 'a user name before a status host', url: 'https://status.zendesk.com@evil.io/' },
    { what: 'Stitch’s unconfirmed status host', url: 'https://status.stitchdata.com/' },
  ])('refuses $what: $url', ({ url }) => {
    expect(safeUrl(url)).toBeNull();
  });
});
