import { useState } from 'preact/hooks';
import { relativeTime, stateLabel } from '../shared/format';
import { reauthHint, reauthPages, SUPPORT_URL } from '../shared/links';
import type { Settings, SourceSettings } from '../shared/settings';
import { supportSummary } from '../shared/support-summary';
import type { Integration } from '../shared/types';
import { copyText, openPages } from '../shared/open-pages';

interface Props {
  integration: Integration;
  source: SourceSettings;
  settings: Settings;
  now: number;
}

export function ProblemRow({ integration, source, settings, now }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const reauthorize = async () => {
    if (!(await openPages(reauthPages(source, integration), settings))) setNote('That page is not on the list of allowed addresses.');
  };

  const openSupport = async () => {
    const summary = supportSummary({ source, integration, now: Date.now() });
    const copied = await copyText(summary);
    await openPages([SUPPORT_URL], settings);
    setNote(copied ? 'Case summary copied: paste it into the support form.' : 'Could not copy the case summary.');
  };

  return (
    <li class={`row state-${integration.state}`} data-integration={integration.id}>
      <div class="row-main">
        <span class="name">{integration.name}</span>
        <span class="muted provider">{integration.provider}</span>
      </div>
      <p class="state">
        <strong>{stateLabel(integration)}</strong>
        {integration.since !== undefined && <span class="muted"> · since {relativeTime(integration.since, now)}</span>}
      </p>
      {integration.detail && <p class="detail">{integration.detail}</p>}
      {reauthHint(integration) && <p class="muted hint">{reauthHint(integration)}</p>}
      <div class="row-actions">
        <button type="button" onClick={() => void reauthorize()}>Re-authorize</button>
        <button type="button" class="secondary" onClick={() => void openSupport()}>Open support case</button>
      </div>
      {note && <p class="muted note" role="status">{note}</p>}
    </li>
  );
}
