// The provider catalogue: every integration named in DESIGN.md, keyed by MBI's type code
// (type codes are this project's reading of the connections list; unknown codes fall back safely).
import type { IntegrationKind } from './types';

export interface Provider {
  name: string;
  kind: IntegrationKind;
  /** The provider's own key or consent page; `{subdomain}` is filled from the integration when known. */
  keyPage?: string;
  /** What the admin does on the MBI connection page. */
  reauthHint: string;
  /** Why this provider's authorization lapses, when it is known. */
  lapse?: string;
}

const GOOGLE: Omit<Provider, 'name'> = {
  kind: 'oauth',
  keyPage: 'https://myaccount.google.com/connections',
  reauthHint: 'Sign in with Google on the MBI connection page.',
  lapse: 'Google revokes refresh tokens unused for six months, on revoke, and after some password changes.',
};

const DATABASE: Omit<Provider, 'name'> = {
  kind: 'database',
  reauthHint: 'Fix the user or password, then click "Save & Test". The firewall must allow 54.88.76.97 and 34.250.211.151.',
};

export const PROVIDERS: Readonly<Record<string, Provider>> = {
  adobe_analytics: {
    name: 'Adobe Analytics',
    kind: 'oauth',
    reauthHint: 'On the edit page click "Re-Authorize with Adobe Analytics".',
    lapse: 'Adobe Analytics must be re-authorized every two weeks.',
  },
  facebook_ads: {
    name: 'Facebook Ads',
    kind: 'oauth',
    keyPage: 'https://www.facebook.com/settings?tab=business_tools',
    reauthHint: 'Click "Authorize" on the MBI connection page.',
    lapse: 'Facebook tokens last about 60 days.',
  },
  google_adwords: { name: 'Google Ads', ...GOOGLE },
  google_analytics: { name: 'Google Analytics', ...GOOGLE },
  google_analytics_warehoused: { name: 'Google Analytics (warehoused)', ...GOOGLE },
  google_ecommerce: { name: 'Google ECommerce', ...GOOGLE },
  salesforce: {
    name: 'Salesforce',
    kind: 'oauth',
    keyPage: 'https://help.salesforce.com/s/articleView?id=platform.remoteaccess_request_approve.htm',
    reauthHint: 'Click "Connect to Salesforce" on the MBI connection page.',
    lapse: 'Salesforce keeps 5 approvals per user and app; older ones are revoked.',
  },
  stripe: {
    name: 'Stripe',
    kind: 'oauth',
    keyPage: 'https://dashboard.stripe.com/apikeys',
    reauthHint: 'Click "Connect with Stripe" on the MBI connection page.',
  },
  quickbooks: {
    name: 'QuickBooks Online',
    kind: 'oauth',
    keyPage: 'https://quickbooks.intuit.com/learn-support/',
    reauthHint: 'Click "Connect to QuickBooks" as a QuickBooks admin.',
  },
  zendesk: {
    name: 'Zendesk',
    kind: 'api-key',
    keyPage: 'https://{subdomain}.zendesk.com/admin/apps-integrations/apis/',
    reauthHint: 'Create an API token in Zendesk, then paste it with the site prefix and login e-mail in MBI.',
  },
  mixpanel: {
    name: 'Mixpanel',
    kind: 'api-key',
    keyPage: 'https://mixpanel.com/settings/project/',
    reauthHint: 'Copy the project key and secret from Mixpanel, then paste them in MBI.',
    lapse: 'Mixpanel retires Project Secret authentication on 2027-03-03.',
  },
  mysql: { name: 'MySQL', ...DATABASE },
  postgresql: { name: 'PostgreSQL', ...DATABASE },
  sqlserver: { name: 'SQL Server', ...DATABASE },
  mongodb: { name: 'MongoDB', ...DATABASE },
  amazon_rds: { name: 'Amazon RDS', ...DATABASE },
  magento: { name: 'Adobe Commerce', ...DATABASE },
  woocommerce: { name: 'WooCommerce', ...DATABASE },
  prestashop: { name: 'PrestaShop', ...DATABASE },
  spree: { name: 'Spree', ...DATABASE },
  data_import_api: {
    name: 'Data Import API',
    kind: 'push',
    reauthHint: 'Create a new key under Manage Data > Integrations and update the sender.',
  },
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
