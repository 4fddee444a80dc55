// The popup's one link to the extension: reads the model the worker keeps, follows changes, sends commands.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import { REQUEST_TIMEOUT_MS } from '../shared/limits';
import { MSG, POPUP_MODEL_KEY, STATE_CHANNEL, type Command, type StateChanged } from '../shared/messages';
import { isPopupModel, type PopupModel, type PopupMore } from '../shared/popup-model';

/** Longer than any single poll can take (two requests, each with its timeout). */
const CHECKING_AT_MOST_MS = 2 * REQUEST_TIMEOUT_MS + 5_000;

export function send<T = { ok?: boolean }>(command: Command): Promise<T | undefined> {
  return browser.runtime.sendMessage<Command, T | undefined>(command);
}

/**
 * The stored model, or undefined when the worker has written none of this version's shape yet (a first
 * start, or just after an update), or it cannot be read.
 */
export async function readModel(): Promise<PopupModel | undefined> {
  try {
    const stored: unknown = (await browser.storage.local.get(POPUP_MODEL_KEY))[POPUP_MODEL_KEY];
    return isPopupModel(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

const newer = (next: PopupModel) => (current: PopupModel | null) => (!current || next.builtAt > current.builtAt ? next : current);

/** Asks the worker for the rows beyond each account's first ones; none when it cannot answer. */
async function askMoreRows(): Promise<PopupMore> {
  try {
    return (await send<PopupMore>({ type: MSG.moreRows })) ?? {};
  } catch {
    return {};
  }
}

/**
 * `stored` is the model read before the first render, so the popup's first frame already shows it. The
 * rows beyond each account's first ones (`more`) are asked for on `showAll`, and again whenever the
 * model says they changed.
 */
export function useWatch(stored: PopupModel | undefined) {
  const [model, setModel] = useState<PopupModel | null>(stored ?? null);
  const [more, setMore] = useState<PopupMore | null>(null);
  const [checking, setChecking] = useState(false);
  /** Why there is no model to show, once a check has not brought one. */
  const [missing, setMissing] = useState<string | null>(null);
  /** The model version whose extra rows were last asked for; unset until "Show all". */
  const moreAsked = useRef<string | undefined>(undefined);
  const asks = useRef(0);
  /** Asks for the extra rows; of answers that cross, only the last asked for is shown. */
  const fetchMore = useCallback(async (version: string) => {
    moreAsked.current = version;
    const ask = ++asks.current;
    const rows = await askMoreRows();
    if (ask === asks.current) setMore(rows);
  }, []);

  /**
   * Nothing written yet (a first start, or an update): a check makes the worker write it. Should there
   * still be none after the check, the popup says why instead of staying blank.
   */
  const checkForModel = useCallback(async () => {
    setMissing(null);
    try {
      await send({ type: MSG.checkNow });
      const after = await readModel();
      if (after) setModel(newer(after));
      else setMissing(t('popup_status_missing'));
    } catch (error) {
      setMissing(error instanceof Error ? error.message : String(error));
    }
  }, []);

  useEffect(() => {
    if (!stored) void checkForModel();
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const next = area === 'local' ? changes[POPUP_MODEL_KEY]?.newValue : undefined;
      if (!isPopupModel(next)) return;
      setModel(next);
      if (moreAsked.current !== undefined && moreAsked.current !== next.moreVersion) void fetchMore(next.moreVersion);
    };
    browser.storage.onChanged.addListener(onStorage);
    // A change written between the first read and this listener would be missed: read once more.
    void readModel().then((again) => again && setModel(newer(again)));
    const channel = new BroadcastChannel(STATE_CHANNEL);
    let stuck: ReturnType<typeof setTimeout> | undefined;
    channel.onmessage = (event: MessageEvent<StateChanged>) => {
      setChecking(event.data.polling);
      // A worker stopped mid-poll never says it finished; every request ends within its timeout anyway.
      clearTimeout(stuck);
      if (event.data.polling) stuck = setTimeout(() => setChecking(false), CHECKING_AT_MOST_MS);
    };
    return () => {
      clearTimeout(stuck);
      channel.close();
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);

  const showAll = useCallback(() => fetchMore(model?.moreVersion ?? ''), [model, fetchMore]);

  const checkNow = useCallback(async () => {
    setChecking(true);
    try {
      await send({ type: MSG.checkNow });
    } finally {
      setChecking(false);
    }
  }, []);

  return { model, missing, more, checking, checkNow, checkForModel, showAll };
}
