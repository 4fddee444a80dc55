// The integration types the simulator knows: MBI type code → how its `integration_type` block reads.
// The codes and display names are this project's reading; the extension's provider catalogue uses the same.

export type AuthKind = 'oauth' | 'api-key' | 'database' | 'push';

export interface IntegrationType {
  protocol: string;
  directions: string[];
  cbi_is_available: boolean;
  pricing_tier: string;
  replication_type: 'db' | 'api';
  pipeline_state: 'released';
  display_name: string;
  type: string;
}

interface TypeInfo {
  displayName: string;
  kind: AuthKind;
  /** `integration_type.protocol`; databases name their engine as in the published MySQL sample. */
  protocol: string;
  pricingTier: 'standard' | 'premium';
}

export const TYPE_CATALOGUE = {
  adobe_analytics: { displayName: 'Adobe Analytics', kind: 'oauth', protocol: 'oauth2', pricingTier: 'premium' },
  facebook_ads: { displayName: 'Facebook Ads', kind: 'oauth', protocol: 'oauth2', pricingTier: 'standard' },
  google_adwords: { displayName: 'Google Adwords', kind: 'oauth', protocol: 'oauth2', pricingTier: 'standard' },
  google_analytics: { displayName: 'Google Analytics', kind: 'oauth', protocol: 'oauth2', pricingTier: 'standard' },
  google_analytics_warehoused: {
    displayName: 'Google Analytics Warehoused',
    kind: 'oauth',
    protocol: 'oauth2',
    pricingTier: 'premium',
  },
  google_ecommerce: { displayName: 'Google ECommerce', kind: 'oauth', protocol: 'oauth2', pricingTier: 'standard' },
  salesforce: { displayName: 'Salesforce', kind: 'oauth', protocol: 'oauth2', pricingTier: 'premium' },
  stripe: { displayName: 'Stripe', kind: 'oauth', protocol: 'oauth2', pricingTier: 'standard' },
  quickbooks: { displayName: 'QuickBooks Online', kind: 'oauth', protocol: 'oauth2', pricingTier: 'standard' },
  zendesk: { displayName: 'Zendesk', kind: 'api-key', protocol: 'api_token', pricingTier: 'standard' },
  mixpanel: { displayName: 'Mixpanel', kind: 'api-key', protocol: 'api_key', pricingTier: 'standard' },
  mysql: { displayName: 'MySQL', kind: 'database', protocol: 'mysql', pricingTier: 'standard' },
  postgresql: { displayName: 'PostgreSQL', kind: 'database', protocol: 'postgresql', pricingTier: 'standard' },
  sqlserver: { displayName: 'SQL Server', kind: 'database', protocol: 'sqlserver', pricingTier: 'standard' },
  mongodb: { displayName: 'MongoDB', kind: 'database', protocol: 'mongodb', pricingTier: 'standard' },
  amazon_rds: { displayName: 'Amazon RDS', kind: 'database', protocol: 'mysql', pricingTier: 'standard' },
  magento: { displayName: 'Adobe Commerce', kind: 'database', protocol: 'mysql', pricingTier: 'standard' },
  woocommerce: { displayName: 'WooCommerce', kind: 'database', protocol: 'mysql', pricingTier: 'standard' },
  prestashop: { displayName: 'PrestaShop', kind: 'database', protocol: 'mysql', pricingTier: 'standard' },
  spree: { displayName: 'Spree', kind: 'database', protocol: 'postgresql', pricingTier: 'standard' },
  data_import_api: { displayName: 'Data Import API', kind: 'push', protocol: 'https', pricingTier: 'standard' },
} as const satisfies Record<string, TypeInfo>;

export type TypeCode = keyof typeof TYPE_CATALOGUE;

export const TYPE_CODES = Object.keys(TYPE_CATALOGUE) as TypeCode[];

export function isTypeCode(value: string): value is TypeCode {
  return Object.hasOwn(TYPE_CATALOGUE, value);
}

export function typeInfo(code: string): TypeInfo {
  return isTypeCode(code)
    ? TYPE_CATALOGUE[code]
    : { displayName: code, kind: 'oauth', protocol: 'oauth2', pricingTier: 'standard' };
}

export function integrationType(code: TypeCode): IntegrationType {
  const info = TYPE_CATALOGUE[code];
  return {
    protocol: info.protocol,
    directions: ['inbound'],
    cbi_is_available: true,
    pricing_tier: info.pricingTier,
    replication_type: info.kind === 'database' ? 'db' : 'api',
    pipeline_state: 'released',
    display_name: info.displayName,
    type: code,
  };
}

/** Status codes in `properties.status`. Only "1" is documented; the others are this project's reading. */
export const STATUS = { paused: '0', ok: '1', needsReauth: '2', failing: '3' } as const;

/** The label the simulated Integrations page shows for a status code. */
export function statusLabel(status: string | null | undefined): string {
  switch (status) {
    case STATUS.ok:
      return 'Success';
    case STATUS.paused:
      return 'Paused';
    case STATUS.needsReauth:
      return 'Re-authorize';
    case STATUS.failing:
      return 'Error';
    default:
      return status ?? '';
  }
}

/** The error text a connection gets when it is broken without an explicit text. */
export function defaultError(kind: AuthKind, status: string): string | null {
  if (status === STATUS.needsReauth) {
    if (kind === 'oauth') return 'OAuth token expired or revoked';
    if (kind === 'database') return "Access denied for user 'mbi'";
    return 'Invalid API token';
  }
  if (status === STATUS.failing) {
    return kind === 'database'
      ? 'Could not connect to host: connection timed out'
      : 'Sync failed: the provider answered HTTP 500';
  }
  return null;
}
