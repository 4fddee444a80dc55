// The row's main button, per kind of integration; all of them open the re-authorization pages.
import { providerFor } from '../shared/providers';
import type { Integration } from '../shared/types';

export interface PrimaryAction {
  label: string;
  /** What to do on the page that opens; falls back to the provider's hint. */
  hint?: string;
}

const SSH = /ssh host key/i;

export function primaryAction(integration: Pick<Integration, 'kind' | 'type' | 'detail' | 'provider'>): PrimaryAction {
  if (integration.kind === 'database' && SSH.test(integration.detail ?? '')) {
    return { label: 'Refresh SSH host keys', hint: 'On the connection page click "Refresh SSH Host Keys". If two refreshes fail, open a support case.' };
  }
  if (integration.kind === 'database') return { label: 'Fix credentials' };
  if (integration.kind === 'api-key') {
    const hint = providerFor(integration.type)?.reauthHint ?? 'Create a new key at the provider and paste it in MBI.';
    return { label: 'Re-authorize', hint: `Opens ${integration.provider}'s key page, then the MBI connection page. ${hint}` };
  }
  return { label: 'Re-authorize' };
}
