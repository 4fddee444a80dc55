// Where each action leads. MBI in-app paths follow DESIGN.md (marked "verify" there); every URL built here
// still passes safeUrl() before it is opened.
import { keyPageFor, providerFor } from './providers';
import type { AccountSettings } from './settings';
import type { Integration } from './types';
import { ADOBE_STATUS_URL, SUPPORT_URL } from './url-safety';

export function signInUrl(account: AccountSettings): string {
  return `${account.appOrigin}/v2/session/create`;
}

/** Where the account's integrations are listed: MBI's Integrations page, or the vendor app's connectors. */
export function integrationsPageUrl(account: AccountSettings): string {
  if (account.pipeline === 'fivetran') return `${account.appOrigin}/dashboard/connectors`;
  if (account.pipeline) return `${account.appOrigin}/`;
  return `${account.appOrigin}/v2/client/${encodeURIComponent(account.clientId)}/dashapp/manage-data/integrations`;
}

export function connectionPageUrl(account: AccountSettings, integration: Pick<Integration, 'id'>): string {
  return `${account.appOrigin}/v2/client/${encodeURIComponent(account.clientId)}/dashapp/settings/connection/${encodeURIComponent(integration.id)}/`;
}

/**
 * The provider's key page for API-key integrations (opened before the MBI page), else undefined; none
 * where the provider no longer issues the tokens MBI needs, as nothing can be made there.
 */
export function providerKeyPage(integration: Pick<Integration, 'type' | 'kind' | 'subdomain'>): string | undefined {
  if (integration.kind !== 'api-key' || providerFor(integration.type)?.tokensRetire) return undefined;
  return keyPageFor(integration.type, integration.subdomain);
}

/** What Re-authorize opens, in order: the provider's key page first for API-key integrations, then MBI. */
export function reauthPages(account: AccountSettings, integration: Integration): string[] {
  const keyPage = providerKeyPage(integration);
  return keyPage ? [keyPage, connectionPageUrl(account, integration)] : [connectionPageUrl(account, integration)];
}

export function reauthHint(integration: Pick<Integration, 'type'>): string | undefined {
  return providerFor(integration.type)?.reauthHint;
}

export { ADOBE_STATUS_URL, SUPPORT_URL };
