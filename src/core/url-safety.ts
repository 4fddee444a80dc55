// The one gate every URL passes before the extension opens it.
import { PROVIDERS } from './providers';
import { humanHosts } from './status-pages';

export const SUPPORT_URL = 'https://experienceleague.adobe.com/home#support';
export const ADOBE_STATUS_URL = 'https://status.adobe.com';

const FIXED_HOSTS = new Set([
  'dashboard.rjmetrics.com',
  'experienceleague.adobe.com',
  'status.adobe.com',
  // The other pipelines' apps, where a connector is fixed, and their support pages.
  'fivetran.com',
  'cloud.airbyte.com',
  'app.stitchdata.com',
  'support.fivetran.com',
  'support.airbyte.com',
  'help.qlik.com',
  // The providers' status pages, where an incident's link leads.
  ...humanHosts(),
  ...Object.values(PROVIDERS).flatMap((p) =>
    p.keyPage && !p.keyPage.includes('{subdomain}') ? [new URL(p.keyPage).hostname] : [],
  ),
]);

/** Hosts where any single-label subdomain is a tenant (e.g. vandelay.zendesk.com). */
const TENANT_SUFFIXES = ['.zendesk.com'];

const TENANT_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

function isTenantHost(hostname: string): boolean {
  return TENANT_SUFFIXES.some((suffix) => {
    if (!hostname.endsWith(suffix)) return false;
    return TENANT_LABEL.test(hostname.slice(0, -suffix.length));
  });
}

/**
 * Returns the normalized URL when it may be opened, else null. Allowed: https on a known host, or any
 * URL on one of `configuredOrigins` (the MBI app origins the admin set, which may be http on localhost).
 * Refused: other schemes (javascript:, data:, file:, …), user info, look-alike and unknown hosts.
 */
export function safeUrl(candidate: string, configuredOrigins: readonly string[] = []): string | null {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '') return null;
  // Scheme first: a blob: URL reports the origin inside it.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (configuredOrigins.includes(url.origin)) return url.href;
  if (url.protocol !== 'https:' || url.port !== '') return null;
  if (FIXED_HOSTS.has(url.hostname) || isTenantHost(url.hostname)) return url.href;
  return null;
}
