// Re-derives the view from storage, draws the badge, writes the popup's model, and tells open pages.
import browser from '../shared/browser';
import { POPUP_MODEL_KEY, STATE_CHANNEL, type StateChanged } from '../shared/messages';
import { deriveView } from '../shared/view';
import { badgeFor, renderBadge } from './badge';
import { buildPopupModel } from './popup-model';
import { serially } from './serially';
import { currentState, loadHistories, loadWatchState, problemIds, type WatchState } from './watch-state';
import type { PopupModel, PopupMore } from '../shared/popup-model';

/**
 * `state`: what the caller already read (after a poll), used unless something was written since. One
 * refresh at a time, so the last one asked for is the one left on the badge and in storage.
 */
export const refreshBadge = serially(async (now: number = Date.now(), state?: WatchState): Promise<void> => {
  const { settings, records, snoozes, verifications } = await currentState(state);
  const view = deriveView(settings, records, now, snoozes);
  // The badge first: building every row of the popup's model takes longer than the badge's own calls.
  const drawing = renderBadge(badgeFor(view));
  // Awaited below; until then a failure of it must not count as unhandled.
  drawing.catch(() => undefined);
  try {
    const { model, more } = buildPopupModel(
      view,
      settings,
      verifications,
      snoozes,
      now,
      await loadHistories(now, problemIds(view)),
    );
    await writeModel({ ...model, moreVersion: await versionOf(more) });
  } finally {
    await drawing;
  }
});

/** Tells two versions of the rows beyond the first ones apart: SHA-256 of their JSON, natively, 64 bits in hex. */
async function versionOf(more: PopupMore): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(more)));
  return [...new Uint8Array(hash, 0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The rows beyond each account's first ones, for a popup showing them all: built when asked, never stored. */
export async function moreRows(now = Date.now()): Promise<PopupMore> {
  const { settings, records, snoozes, verifications } = await loadWatchState();
  const view = deriveView(settings, records, now, snoozes);
  return buildPopupModel(view, settings, verifications, snoozes, now, await loadHistories(now, problemIds(view))).more;
}

const comparable = (model: PopupModel) => JSON.stringify({ ...model, builtAt: 0 });

/**
 * The model this worker last wrote (or found stored), as compared: builtAt left out. Unknown after a
 * restart, when the stored one is read once instead.
 */
let written: string | undefined;

/** Written only when it changed: every write wakes every listener, the worker's own included. */
async function writeModel(model: PopupModel): Promise<void> {
  const next = comparable(model);
  if (written === undefined) {
    const stored = (await browser.storage.local.get(POPUP_MODEL_KEY))[POPUP_MODEL_KEY] as PopupModel | null | undefined;
    if (stored) written = comparable(stored);
  }
  if (written === next) return;
  // Forgotten first: should the write fail, the next refresh writes again.
  written = undefined;
  await browser.storage.local.set({ [POPUP_MODEL_KEY]: model });
  written = next;
}

/** Another hand changed the stored model (the bench, a developer): the next refresh compares with storage. */
export function onModelChanged(changes: Record<string, { newValue?: unknown }>, area: string): void {
  const change = area === 'local' ? changes[POPUP_MODEL_KEY] : undefined;
  if (!change) return;
  const value = change.newValue as PopupModel | null | undefined;
  if (!value || comparable(value) !== written) written = undefined;
}

export function announce(polling: boolean): void {
  const channel = new BroadcastChannel(STATE_CHANNEL);
  channel.postMessage({ type: 'state-changed', polling } satisfies StateChanged);
  channel.close();
}
