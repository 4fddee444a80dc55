// The popup's one link to the extension: reads the model the worker keeps, follows changes, sends commands.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { REQUEST_TIMEOUT_MS } from '../shared/limits';
import { MSG, POPUP_MODEL_KEY, STATE_CHANNEL, type Command, type StateChanged } from '../shared/messages';
import type { PopupModel } from '../shared/popup-model';

/** Longer than any single poll can take (two requests, each with its timeout). */
const CHECKING_AT_MOST_MS = 2 * REQUEST_TIMEOUT_MS + 5_000;

export function send<T = { ok?: boolean }>(command: Command): Promise<T | undefined> {
  return browser.runtime.sendMessage<Command, T | undefined>(command);
}

async function readModel(): Promise<PopupModel | undefined> {
  return (await browser.storage.local.get(POPUP_MODEL_KEY))[POPUP_MODEL_KEY] as PopupModel | undefined;
}

export function useWatch() {
  const [model, setModel] = useState<PopupModel | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    readModel().then((stored) => {
      if (stored) setModel(stored);
      // Nothing written yet (a first start): asking for a check makes the worker write it.
      else void send({ type: MSG.checkNow });
    }, () => undefined);
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const next = changes[POPUP_MODEL_KEY]?.newValue;
      if (area === 'local' && next) setModel(next as PopupModel);
    };
    browser.storage.onChanged.addListener(onStorage);
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

  const checkNow = useCallback(async () => {
    setChecking(true);
    try {
      await send({ type: MSG.checkNow });
    } finally {
      setChecking(false);
    }
  }, []);

  return { model, checking, checkNow };
}
