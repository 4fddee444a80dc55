// The provider catalogue: every integration named in DESIGN.md, keyed by MBI's type code
// (type codes are this project's reading of the connections list; unknown codes fall back safely).
import { t, type MessageKey } from './i18n';
import type { IntegrationKind } from './types';

export interface Provider {
  name: string;
  kind: IntegrationKind;
  /** The provider's own key or consent page; `{subdomain}` is filled from the integration when known. */
  keyPage?: string;
  /** What the admin does on the MBI connection page, where re-authorizing there can fix it. */
  reauthHint?: string;
  /** Why this provider's authorization lapses, when it is known. */
  lapse?: string;
  /**
   * The provider retires the API tokens MBI's integration authenticates with (ISO dates): no new ones
   * since `noNewSince`, none work from `retiresOn`. Re-authorizing cannot help then; a support case can.
   */
  tokensRetire?: { noNewSince: string; retiresOn: string };
}

/** Message names of a provider's texts. */
interface Texts {
  reauth?: MessageKey;
  lapse?: MessageKey;
}

function provider(
  name: string,
  kind: IntegrationKind,
  texts: Texts,
  keyPage?: string,
  tokensRetire?: Provider['tokensRetire'],
): Provider {
  // Getters: the text is looked up when read, so importing the catalogue needs no browser.
  return {
    name,
    kind,
    ...(keyPage === undefined ? {} : { keyPage }),
    ...(tokensRetire === undefined ? {} : { tokensRetire }),
    get reauthHint() {
      return texts.reauth && t(texts.reauth);
    },
    get lapse() {
      return texts.lapse && t(texts.lapse);
    },
  };
}

const GOOGLE: Texts = { reauth: 'provider_google_reauth', lapse: 'provider_google_lapse' };
const GOOGLE_PAGE = 'https://myaccount.google.com/connections';
const DATABASE: Texts = { reauth: 'provider_database_reauth' };

export const PROVIDERS: Readonly<Record<string, Provider>> = {
  adobe_analytics: provider('Adobe Analytics', 'oauth', {
    reauth: 'provider_adobe_analytics_reauth',
    lapse: 'provider_adobe_analytics_lapse',
  }),
  facebook_ads: provider(
    'Facebook Ads',
    'oauth',
    { reauth: 'provider_facebook_ads_reauth', lapse: 'provider_facebook_ads_lapse' },
    'https://www.facebook.com/settings?tab=business_tools',
  ),
  google_adwords: provider('Google Ads', 'oauth', GOOGLE, GOOGLE_PAGE),
  google_analytics: provider('Google Analytics', 'oauth', GOOGLE, GOOGLE_PAGE),
  google_analytics_warehoused: provider('Google Analytics (warehoused)', 'oauth', GOOGLE, GOOGLE_PAGE),
  google_ecommerce: provider('Google ECommerce', 'oauth', GOOGLE, GOOGLE_PAGE),
  salesforce: provider(
    'Salesforce',
    'oauth',
    { reauth: 'provider_salesforce_reauth', lapse: 'provider_salesforce_lapse' },
    'https://help.salesforce.com/s/articleView?id=platform.remoteaccess_request_approve.htm',
  ),
  stripe: provider('Stripe', 'oauth', { reauth: 'provider_stripe_reauth' }, 'https://dashboard.stripe.com/apikeys'),
  quickbooks: provider(
    'QuickBooks Online',
    'oauth',
    { reauth: 'provider_quickbooks_reauth' },
    'https://quickbooks.intuit.com/learn-support/',
  ),
  // Zendesk's OAuth migration guide: no new API tokens since 2026-10-27, all deactivated on 2027-04-30.
  zendesk: provider('Zendesk', 'api-key', {}, 'https://{subdomain}.zendesk.com/admin/apps-integrations/apis/', {
    noNewSince: '2026-10-27',
    retiresOn: '2027-04-30',
  }),
  mixpanel: provider(
    'Mixpanel',
    'api-key',
    { reauth: 'provider_mixpanel_reauth', lapse: 'provider_mixpanel_lapse' },
    'https://mixpanel.com/settings/project/',
  ),
  mysql: provider('MySQL', 'database', DATABASE),
  postgresql: provider('PostgreSQL', 'database', DATABASE),
  sqlserver: provider('SQL Server', 'database', DATABASE),
  mongodb: provider('MongoDB', 'database', DATABASE),
  amazon_rds: provider('Amazon RDS', 'database', DATABASE),
  magento: provider('Adobe Commerce', 'database', DATABASE),
  woocommerce: provider('WooCommerce', 'database', DATABASE),
  prestashop: provider('PrestaShop', 'database', DATABASE),
  spree: provider('Spree', 'database', DATABASE),
  data_import_api: provider('Data Import API', 'push', { reauth: 'provider_data_import_api_reauth' }),
};

export function providerFor(type: string): Provider | undefined {
  return Object.hasOwn(PROVIDERS, type) ? PROVIDERS[type] : undefined;
}

/** The provider's key page for this integration, or undefined when it has none or lacks a safe subdomain. */
export function keyPageFor(type: string, subdomain?: string): string | undefined {
  const page = providerFor(type)?.keyPage;
  if (!page?.includes('{subdomain}')) return page;
  return subdomain && /^[a-z0-9][a-z0-9-]{0,62}$/i.test(subdomain) ? page.replace('{subdomain}', subdomain) : undefined;
}
