// The row's main button, per kind of integration; all of them open the re-authorization pages, unless the
// support case comes first because re-authorizing cannot help.
import { providerFor, type Provider } from './providers';
import type { Integration } from './types';
import { perLocale, t, uiLocale } from './i18n';

export interface PrimaryAction {
  label: string;
  /** What to do on the page that opens; falls back to the provider's hint. */
  hint?: string;
  /** The support case is the main button: the provider retired what re-authorizing would need. */
  supportFirst?: true;
}

// Written out in the admin's language ("Oct 27, 2026", "27.10.2026"); the dates are days, not instants.
const dayFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));

function retiredTokens(name: string, retire: NonNullable<Provider['tokensRetire']>): PrimaryAction {
  const day = (iso: string) => dayFormat(uiLocale()).format(Date.parse(iso));
  const hint = t('provider_tokens_retired', name, day(retire.noNewSince), day(retire.retiresOn));
  return { label: t('popup_action_reauthorize'), hint, supportFirst: true };
}

const SSH = /ssh host key/i;

export function primaryAction(integration: Pick<Integration, 'kind' | 'type' | 'detail' | 'provider'>): PrimaryAction {
  if (integration.kind === 'database' && SSH.test(integration.detail ?? '')) {
    return { label: t('popup_action_ssh'), hint: t('popup_ssh_hint') };
  }
  if (integration.kind === 'database') return { label: t('popup_action_fix_credentials') };
  if (integration.kind === 'api-key') {
    const provider = providerFor(integration.type);
    if (provider?.tokensRetire) return retiredTokens(provider.name, provider.tokensRetire);
    const hint = provider?.reauthHint ?? t('popup_key_default');
    return { label: t('popup_action_reauthorize'), hint: t('popup_key_hint', integration.provider, hint) };
  }
  return { label: t('popup_action_reauthorize') };
}
