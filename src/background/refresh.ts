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
import type { PopupModel } from '../shared/popup-model';

export async function refreshBadge(now = Date.now()): Promise<void> {
  const [settings, db, snoozes, verifications] = await Promise.all([loadSettings(), openWatchDb(), loadSnoozes(), loadVerifications()]);
  const view = deriveView(settings, await readFeeds(db), now, snoozes);
  await Promise.all([renderBadge(badgeFor(view)), writeModel(buildPopupModel(view, settings, verifications, snoozes, now))]);
}

/** Written only when it changed: every write wakes every listener, the worker's own included. */
async function writeModel(model: PopupModel): Promise<void> {
  const stored = (await browser.storage.local.get(POPUP_MODEL_KEY))[POPUP_MODEL_KEY] as PopupModel | null | undefined;
  if (stored && JSON.stringify({ ...stored, builtAt: 0 }) === JSON.stringify({ ...model, builtAt: 0 })) return;
  await browser.storage.local.set({ [POPUP_MODEL_KEY]: model });
}

export function announce(polling: boolean): void {
  const channel = new BroadcastChannel(STATE_CHANNEL);
  channel.postMessage({ type: 'state-changed', polling } satisfies StateChanged);
  channel.close();
}
