// Re-derives the view from storage, draws the badge, writes the popup's model, and tells open pages.
import browser from '../shared/browser';
import { openWatchDb, readFeeds } from '../shared/db';
import { POPUP_MODEL_KEY, STATE_CHANNEL, type StateChanged } from '../shared/messages';
import { loadSnoozes } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import { loadVerifications } from '../shared/verification';
import { deriveView } from '../shared/view';
import { badgeFor, renderBadge } from './badge';
import { buildPopupModel } from './popup-model';

export async function refreshBadge(now = Date.now()): Promise<void> {
  const [settings, db, snoozes, verifications] = await Promise.all([loadSettings(), openWatchDb(), loadSnoozes(), loadVerifications()]);
  const view = deriveView(settings, await readFeeds(db), now, snoozes);
  await Promise.all([
    renderBadge(badgeFor(view)),
    browser.storage.local.set({ [POPUP_MODEL_KEY]: buildPopupModel(view, settings, verifications, snoozes, now) }),
  ]);
}

export function announce(polling: boolean): void {
  const channel = new BroadcastChannel(STATE_CHANNEL);
  channel.postMessage({ type: 'state-changed', polling } satisfies StateChanged);
  channel.close();
}
