// Re-derives the view from storage, draws the badge and tells open pages that state changed.
import { openWatchDb, readFeeds } from '../shared/db';
import { STATE_CHANNEL, type StateChanged } from '../shared/messages';
import { loadSnoozes } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import { deriveView } from '../shared/view';
import { badgeFor, renderBadge } from './badge';

export async function refreshBadge(now = Date.now()): Promise<void> {
  const [settings, db, snoozes] = await Promise.all([loadSettings(), openWatchDb(), loadSnoozes()]);
  await renderBadge(badgeFor(deriveView(settings, await readFeeds(db), now, snoozes)));
}

export function announce(polling: boolean): void {
  const channel = new BroadcastChannel(STATE_CHANNEL);
  channel.postMessage({ type: 'state-changed', polling } satisfies StateChanged);
  channel.close();
}
