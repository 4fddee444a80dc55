import type { IntegrationKind } from '../core/types';

/** A monogram in the colour of the integration's kind: small, and no remote image is ever loaded. */
export function ProviderIcon({ provider, kind }: { provider: string; kind: IntegrationKind }) {
  const letters = provider
    .split(/[\s()]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  return (
    <span class={`provider-icon kind-${kind}`} aria-hidden="true">
      {letters || '?'}
    </span>
  );
}
