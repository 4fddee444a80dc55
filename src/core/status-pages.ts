// The status pages the extension may read, as data: which page speaks for which provider, in which format,
// what the page must call itself, and which of its components or products matter for MBI's use of it.
// Facts and sources: DOMAIN-NEXT.md §2.2 and §2.3.
import type { AccountSettings, OtherPipeline } from './settings';

/**
 * The formats a status page may have; each has one pure parser (background/status/formats). `rollup`:
 * Statuspage's `status.json` alone, one indicator for the whole page.
 */
export type StatusFormat = 'statuspage' | 'rollup' | 'google' | 'adobe' | 'zendesk' | 'salesforce' | 'aws';

/**
 * A component or product that matters: by its id, or by its group and name together (null: not in a group).
 * Never by name alone: names repeat across groups (one per region or data centre).
 */
export type Watched = { id: string } | { group: string | null; name: string };

/** What a page needs from the account before it can be read: the Salesforce instance, the AWS region. */
export type PagePart = 'salesforceInstance' | 'awsRegion';

export interface StatusPage {
  /** Stable key of the page in storage and messages. */
  key: string;
  /** Who reports: "Zendesk reports an incident". */
  name: string;
  format: StatusFormat;
  /** What is fetched, in order; `{instance}` or `{region}` is filled from the account. */
  urls: readonly string[];
  /** The page a person reads; incident links are built on its host. */
  human: string;
  /**
   * The page's own id and name, where they are published: a page that calls itself otherwise is not the one
   * meant (an unclaimed statuspage.io page can pose as any vendor's).
   */
  pageId?: string;
  pageName?: string;
  /** What matters for MBI; an incident or component elsewhere on the page is not joined to an integration. */
  watch: readonly Watched[];
  needs?: PagePart;
  /** Narrowed to the integration's tenant when it names one (`?subdomain=`). */
  scope?: 'subdomain';
  /**
   * A page that speaks for a whole pipeline holds back advice only in an outage: its minor incidents (one
   * connector, one region) say too little about one connection to mute its notifications.
   */
  holdsOnlyOutages?: true;
  /** The page speaks only for accounts on this API origin (Airbyte Cloud's, not a self-managed one). */
  apiOrigin?: string;
}

export const STATUS_PAGES = {
  adobe: {
    key: 'adobe',
    name: 'Adobe',
    format: 'adobe',
    urls: ['https://data.status.adobe.com/adobestatus/StatusEvents'],
    human: 'https://status.adobe.com',
    // Products by cloud and name: Adobe's product ids changed with its service registry and are not published.
    watch: [
      { group: 'Adobe Experience Cloud', name: 'Adobe Commerce Intelligence' },
      { group: 'Adobe Experience Cloud', name: 'Adobe Analytics' },
    ],
  },
  google: {
    key: 'google',
    name: 'Google',
    format: 'google',
    urls: ['https://ads.google.com/status/publisher/incidents.json'],
    human: 'https://ads.google.com/status/publisher',
    // The Ads dashboard lists products without groups; "Multiple Products" incidents name them in affected_products.
    watch: [
      { group: null, name: 'Google Ads API' },
      { group: null, name: 'Google Ads' },
      { group: null, name: 'Google Analytics' },
    ],
  },
  zendesk: {
    key: 'zendesk',
    name: 'Zendesk',
    format: 'zendesk',
    // `?subdomain=` narrows the history to the pod the integration's Zendesk account lives on.
    urls: ['https://status.zendesk.com/api/ssp/services.json', 'https://status.zendesk.com/api/ssp/incidents.json'],
    human: 'https://status.zendesk.com',
    // MBI reads tickets and users through the Support API; the services list shows it is still there, and
    // incidents name the services they touch.
    watch: [{ group: null, name: 'Support' }],
    scope: 'subdomain',
  },
  mixpanel: {
    key: 'mixpanel',
    name: 'Mixpanel',
    format: 'statuspage',
    urls: ['https://www.mixpanelstatus.com/api/v2/summary.json'],
    human: 'https://www.mixpanelstatus.com',
    // MBI reads data out of Mixpanel: exports, not ingestion.
    watch: [{ group: null, name: 'Data Export' }],
  },
  quickbooks: {
    key: 'quickbooks',
    name: 'Intuit',
    format: 'statuspage',
    urls: ['https://status.developer.intuit.com/api/v2/summary.json'],
    human: 'https://status.developer.intuit.com',
    // Intuit's developer page lists only its APIs (8 components whose names are not published): all of it.
    watch: [],
  },
  salesforce: {
    key: 'salesforce',
    name: 'Salesforce',
    format: 'salesforce',
    urls: ['https://api.status.salesforce.com/v1/instances/{instance}/status'],
    human: 'https://status.salesforce.com/instances/{instance}',
    watch: [],
    needs: 'salesforceInstance',
  },
  aws: {
    key: 'aws',
    name: 'AWS',
    format: 'aws',
    urls: ['https://health.aws.amazon.com/public/currentevents'],
    human: 'https://health.aws.amazon.com/health/status',
    // RDS events by service id, per region: `rds-{region}`.
    watch: [{ id: 'rds-{region}' }],
    needs: 'awsRegion',
  },
  fivetran: {
    key: 'fivetran',
    name: 'Fivetran',
    format: 'rollup',
    // Statuspage-shaped, not a Statuspage: only status.json answers (components and incidents are 404), and
    // the page gives no id or name to check. Its one indicator is the whole of what Fivetran publishes.
    urls: ['https://status.fivetran.com/api/v2/status.json'],
    human: 'https://status.fivetran.com',
    watch: [],
    holdsOnlyOutages: true,
  },
  airbyte: {
    key: 'airbyte',
    name: 'Airbyte',
    format: 'statuspage',
    urls: ['https://status.airbyte.com/api/v2/summary.json'],
    human: 'https://status.airbyte.com',
    // Airbyte Cloud's component names are not published: all of it, as Intuit's.
    watch: [],
    holdsOnlyOutages: true,
    // A self-managed Airbyte is not Airbyte Cloud.
    apiOrigin: 'https://api.airbyte.com',
  },
  // Stitch: no status page is confirmed (DOMAIN-NEXT §2.2); its integrations have no target.
} as const satisfies Record<string, StatusPage>;

export type PageKey = keyof typeof STATUS_PAGES;

/** The page whose incidents explain a broken integration of each MBI type; MBI itself is on Adobe's. */
export const PAGE_OF_TYPE: Readonly<Record<string, PageKey>> = {
  adobe_analytics: 'adobe',
  google_adwords: 'google',
  google_analytics: 'google',
  google_analytics_warehoused: 'google',
  google_ecommerce: 'google',
  zendesk: 'zendesk',
  mixpanel: 'mixpanel',
  quickbooks: 'quickbooks',
  salesforce: 'salesforce',
  amazon_rds: 'aws',
};

/** On a page that speaks for several products (Adobe's), the product of each MBI type. */
export const PRODUCT_OF_TYPE: Readonly<Record<string, string>> = { adobe_analytics: 'Adobe Analytics' };

/** Adobe's page speaks for MBI itself: an incident there can break every integration. */
export const MBI_PAGE: PageKey = 'adobe';
/** Of Adobe's products, the one that is MBI. */
export const MBI_PRODUCT = 'Adobe Commerce Intelligence';

/**
 * The page of each other pipeline's own platform: its incident, not the connector's credentials, is what
 * breaks every connection, and re-authorizing will not fix it. Stitch publishes none.
 */
export const PAGE_OF_PIPELINE: Readonly<Record<OtherPipeline, PageKey | undefined>> = {
  fivetran: 'fivetran',
  airbyte: 'airbyte',
  stitch: undefined,
};

/** The page of an integration's type in an MBI account, or of the pipeline an account is of. */
export function pageOf(type: string, pipeline?: OtherPipeline): StatusPage | undefined {
  if (pipeline !== undefined) {
    const key = PAGE_OF_PIPELINE[pipeline];
    return key && STATUS_PAGES[key];
  }
  return Object.hasOwn(PAGE_OF_TYPE, type) ? STATUS_PAGES[PAGE_OF_TYPE[type]!] : undefined;
}

/**
 * The status page of a pipeline account's platform, when it speaks for the account's installation (Airbyte
 * Cloud's says nothing of a self-managed Airbyte); none for MBI accounts, Stitch, or another installation.
 */
export function vendorPageOf(account: Pick<AccountSettings, 'pipeline' | 'apiOrigin'>): StatusPage | undefined {
  const page = account.pipeline && pageOf('', account.pipeline);
  return page && (page.apiOrigin === undefined || page.apiOrigin === account.apiOrigin) ? page : undefined;
}

/** Every host a status page is read from: what the extension asks access to, once, for all of them. */
export function statusHosts(): string[] {
  return [...new Set(Object.values(STATUS_PAGES).flatMap((p) => p.urls.map((u) => new URL(u).hostname)))];
}

/** Every status host as a host permission pattern: what is asked for, once, for all of them. */
export function statusOrigins(): string[] {
  return statusHosts().map((host) => `https://${host}/*`);
}

/** The hosts people read status on: links to them may be opened. */
export function humanHosts(): string[] {
  return [...new Set(Object.values(STATUS_PAGES).map((p) => new URL(p.human.replace('{instance}', 'x')).hostname))];
}

/** The page a stored target ("salesforce:NA45") is of, if this version has it. */
export function pageOfTarget(target: string): StatusPage | undefined {
  const key = target.split(':')[0] ?? '';
  return Object.hasOwn(STATUS_PAGES, key) ? STATUS_PAGES[key as PageKey] : undefined;
}
