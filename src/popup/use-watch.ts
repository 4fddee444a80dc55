// The popup's one link to the extension: reads stored state at once, follows changes, sends commands.
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { openWatchDb, readFeeds } from '../shared/db';
import { REQUEST_TIMEOUT_MS } from '../shared/limits';
import { MSG, STATE_CHANNEL, type Command, type StateChanged } from '../shared/messages';
import type { Settings } from '../shared/settings';
import { loadSnoozes, type Snoozes } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import type { FeedRecord } from '../shared/types';
import { loadVerifications, type Verifications } from '../shared/verification';

/** Longer than any single poll can take (two requests, each with its timeout). */
const CHECKING_AT_MOST_MS = 2 * REQUEST_TIMEOUT_MS + 5_000;

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
    let stuck: ReturnType<typeof setTimeout> | undefined;
    channel.onmessage = (event: MessageEvent<StateChanged>) => {
      setChecking(event.data.polling);
      // A worker stopped mid-poll never says it finished; every request ends within its timeout anyway.
      clearTimeout(stuck);
      if (event.data.polling) stuck = setTimeout(() => setChecking(false), CHECKING_AT_MOST_MS);
      reload();
    };
    const onStorage = () => reload();
    browser.storage.onChanged.addListener(onStorage);
    return () => {
      clearTimeout(stuck);
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
