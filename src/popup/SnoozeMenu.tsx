import { useState } from 'preact/hooks';
import { integrationKey, setSnooze, type Snooze } from '../shared/snooze';
import type { Integration } from '../shared/types';

const HOUR = 3_600_000;

export function SnoozeMenu({ sourceId, integration }: { sourceId: string; integration: Integration }) {
  const [open, setOpen] = useState(false);
  const snooze = (s: Snooze) => void setSnooze(integrationKey(sourceId, integration.id), s);
  if (!open) {
    return <button type="button" class="link" aria-expanded="false" onClick={() => setOpen(true)}>Snooze…</button>;
  }
  return (
    <span class="snooze-menu" role="group" aria-label={`Snooze ${integration.name}`}>
      <button type="button" class="link" onClick={() => snooze({ until: Date.now() + HOUR })}>1 hour</button>
      <button type="button" class="link" onClick={() => snooze({ until: Date.now() + 24 * HOUR })}>1 day</button>
      <button type="button" class="link" onClick={() => snooze({ whileState: integration.state })}>Until it changes</button>
    </span>
  );
}
