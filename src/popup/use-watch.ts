// The popup's one link to the extension: reads stored state at once, follows changes, sends commands.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { openWatchDb, readFeeds } from '../shared/db';
import { MSG, STATE_CHANNEL, type Command, type StateChanged } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { loadSnoozes, type Snoozes } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import type { FeedRecord } from '../shared/types';
import { loadVerifications, type Verifications } from '../shared/verification';

export interface WatchState {
  settings: Settings;
  records: FeedRecord[];
  snoozes: Snoozes;
  verifications: Verifications;
}

async function readState(): Promise<WatchState> {
  const [settings, db, snoozes, verifications] = await Promise.all([loadSettings(), openWatchDb(), loadSnoozes(), loadVerifications()]);
  return { settings, records: await readFeeds(db), snoozes, verifications };
}

export function send(command: Command): Promise<unknown> {
  return browser.runtime.sendMessage(command);
}

export function useWatch() {
  const [state, setState] = useState<WatchState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const reload = useCallback(() => {
    readState().then(setState, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  useEffect(() => {
    reload();
    const channel = new BroadcastChannel(STATE_CHANNEL);
    channel.onmessage = (event: MessageEvent<StateChanged>) => {
      setChecking(event.data.polling);
      reload();
    };
    const onStorage = () => reload();
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      channel.close();
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, [reload]);

  const checkNow = useCallback(async () => {
    setChecking(true);
    try {
      await send({ type: MSG.checkNow });
    } finally {
      setChecking(false);
      reload();
    }
  }, [reload]);

  return { state, error, checking, checkNow };
}
