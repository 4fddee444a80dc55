// The row's main button, per kind of integration; all of them open the re-authorization pages.
import { providerFor } from '../shared/providers';
import type { Integration } from '../shared/types';
import { t } from '../shared/i18n';

export interface PrimaryAction {
  label: string;
  /** What to do on the page that opens; falls back to the provider's hint. */
  hint?: string;
}

const SSH = /ssh host key/i;

export function primaryAction(integration: Pick<Integration, 'kind' | 'type' | 'detail' | 'provider'>): PrimaryAction {
  if (integration.kind === 'database' && SSH.test(integration.detail ?? '')) {
    return { label: t('popup_action_ssh'), hint: t('popup_ssh_hint') };
  }
  if (integration.kind === 'database') return { label: t('popup_action_fix_credentials') };
  if (integration.kind === 'api-key') {
    const hint = providerFor(integration.type)?.reauthHint ?? t('popup_key_default');
    return { label: t('popup_action_reauthorize'), hint: t('popup_key_hint', integration.provider, hint) };
  }
  return { label: t('popup_action_reauthorize') };
}
