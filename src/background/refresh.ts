// Re-derives the view from storage, draws the badge, writes the popup's model, and tells open pages.
import browser from '../shared/browser';
import { openWatchDb, readFeeds } from '../shared/db';
import { POPUP_MODEL_KEY, POPUP_MORE_KEY, STATE_CHANNEL, type StateChanged } from '../shared/messages';
import { loadSnoozes } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import { loadVerifications } from '../shared/verification';
import { deriveView } from '../shared/view';
import { badgeFor, renderBadge } from './badge';
import { buildPopupModel } from './popup-model';
import type { PopupModel, PopupMore } from '../shared/popup-model';

export async function refreshBadge(now = Date.now()): Promise<void> {
  const [settings, db, snoozes, verifications] = await Promise.all([loadSettings(), openWatchDb(), loadSnoozes(), loadVerifications()]);
  const view = deriveView(settings, await readFeeds(db), now, snoozes);
  const { model, more } = buildPopupModel(view, settings, verifications, snoozes, now);
  await Promise.all([renderBadge(badgeFor(view)), writeModel(model, more)]);
}

/**
 * What this worker last wrote (or found stored), as compared: builtAt left out. Empty after a restart,
 * when the stored copies are read once instead.
 */
const written = new Map<string, string>();

/** Written only when it changed: every write wakes every listener, the worker's own included. */
async function writeModel(model: PopupModel, more: PopupMore): Promise<void> {
  const next = new Map([[POPUP_MODEL_KEY, JSON.stringify({ ...model, builtAt: 0 })], [POPUP_MORE_KEY, JSON.stringify(more)]]);
  if (written.size === 0) {
    const stored = await browser.storage.local.get([POPUP_MODEL_KEY, POPUP_MORE_KEY]);
    const storedModel = stored[POPUP_MODEL_KEY] as PopupModel | null | undefined;
    if (storedModel) written.set(POPUP_MODEL_KEY, JSON.stringify({ ...storedModel, builtAt: 0 }));
    if (stored[POPUP_MORE_KEY]) written.set(POPUP_MORE_KEY, JSON.stringify(stored[POPUP_MORE_KEY]));
  }
  const changed: Record<string, unknown> = {};
  if (written.get(POPUP_MODEL_KEY) !== next.get(POPUP_MODEL_KEY)) changed[POPUP_MODEL_KEY] = model;
  if (written.get(POPUP_MORE_KEY) !== next.get(POPUP_MORE_KEY)) changed[POPUP_MORE_KEY] = more;
  if (Object.keys(changed).length === 0) return;
  // Forgotten first: should the write fail, the next refresh writes again.
  written.clear();
  await browser.storage.local.set(changed);
  for (const [key, json] of next) written.set(key, json);
}

/** Another hand changed a stored copy (the bench, a developer): the next refresh compares with storage. */
export function onModelChanged(changes: Record<string, { newValue?: unknown }>, area: string): void {
  if (area !== 'local') return;
  for (const key of [POPUP_MODEL_KEY, POPUP_MORE_KEY]) {
    const change = changes[key];
    if (!change) continue;
    const value = change.newValue;
    const json = key === POPUP_MODEL_KEY && value ? JSON.stringify({ ...(value as PopupModel), builtAt: 0 }) : JSON.stringify(value);
    if (written.get(key) !== json) written.clear();
  }
}

export function announce(polling: boolean): void {
  const channel = new BroadcastChannel(STATE_CHANNEL);
  channel.postMessage({ type: 'state-changed', polling } satisfies StateChanged);
  channel.close();
}
