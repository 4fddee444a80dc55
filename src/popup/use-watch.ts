// The popup's one link to the extension: reads the model the worker keeps, follows changes, sends commands.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import { REQUEST_TIMEOUT_MS } from '../shared/limits';
import { MSG, POPUP_MODEL_KEY, SETTINGS_KEY, STATE_CHANNEL, type Command, type StateChanged } from '../shared/messages';
import { isPopupModel, type PopupModel, type PopupMore } from '../shared/popup-model';

/** How long the first paint waits for policy accounts (an answer takes a few ms once Chrome has loaded policy). */
const MANAGED_WAIT_MS = 50;

/** Longer than any single poll can take (two requests, each with its timeout). */
const CHECKING_AT_MOST_MS = 2 * REQUEST_TIMEOUT_MS + 5_000;

/** What a command brought: the worker's answer, or why none came (a closed channel, a restarted worker). */
export type Sent<T> = { sent: true; answer: T | undefined } | { sent: false; reason: string };

/** Never rejects: a command that could not be delivered or answered resolves with the reason, for the caller to show. */
export async function send<T = { ok?: boolean }>(command: Command): Promise<Sent<T>> {
  try {
    return { sent: true, answer: await browser.runtime.sendMessage<Command, T | undefined>(command) };
  } catch (error) {
    return { sent: false, reason: reasonOf(error) };
  }
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "That did not work: …" for a command that failed or was refused. */
export function failureNote(reason: string): string {
  return t('popup_failed', reason);
}

/** The note for a command's outcome: null when the worker answered that it worked. */
export function failureOf(sent: Sent<{ ok?: boolean }>): string | null {
  if (!sent.sent) return failureNote(sent.reason);
  if (sent.answer === undefined) return failureNote(t('popup_no_answer'));
  return sent.answer.ok === false ? t('popup_not_allowed') : null;
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

/**
 * Names of the enabled accounts, own and by policy, read without the settings code (the popup stays
 * small): enough to say, before the worker has written a model, whether it is checking or needs an account.
 */
export async function readAccountLabels(): Promise<string[]> {
  const labels = (list: unknown): string[] =>
    (Array.isArray(list) ? list : []).flatMap((s: { label?: unknown; enabled?: unknown } | null) =>
      typeof s?.label === 'string' && s.enabled !== false ? [s.label] : [],
    );
  try {
    const [own, managed] = await Promise.all([
      browser.storage.sync.get(SETTINGS_KEY),
      // Absent outside managed browsers: no policy accounts then. On a fresh profile Chrome answers this
      // read only after about two seconds; the first paint does not wait that long for a rare policy.
      Promise.race([
        browser.storage.managed?.get().catch(() => ({})) ?? {},
        new Promise((resolve) => setTimeout(resolve, MANAGED_WAIT_MS, {})),
      ]),
    ]);
    const settings = own[SETTINGS_KEY] as { accounts?: unknown } | undefined;
    return [...labels((managed as { accounts?: unknown }).accounts), ...labels(settings?.accounts)];
  } catch {
    return [];
  }
}

const newer = (next: PopupModel) => (current: PopupModel | null) =>
  !current || next.builtAt > current.builtAt ? next : current;

/** Asks the worker for the rows beyond each account's first ones; the reason when it cannot answer. */
async function askMoreRows(): Promise<PopupMore | string> {
  const sent = await send<PopupMore>({ type: MSG.moreRows });
  return sent.sent ? (sent.answer ?? {}) : sent.reason;
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
  /** A check that cannot have finished: the worker stopped while it ran, or it outlasted every request's limit. */
  const [interrupted, setInterrupted] = useState(false);
  /** The model's last check when the interruption was noticed: a later one ends the note. */
  const checkedBefore = useRef<number | undefined>(undefined);
  const stuck = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Why there is no model to show, once a check has not brought one. */
  const [missing, setMissing] = useState<string | null>(null);
  /** The model version whose extra rows were last asked for; unset until "Show all". */
  const moreAsked = useRef<string | undefined>(undefined);
  const asks = useRef(0);
  /** Asks for the extra rows; of answers that cross, only the last asked for is shown. Resolves with the reason when it failed. */
  const fetchMore = useCallback(async (version: string): Promise<string | null> => {
    moreAsked.current = version;
    const ask = ++asks.current;
    const rows = await askMoreRows();
    if (typeof rows === 'string') return rows;
    if (ask === asks.current) setMore(rows);
    return null;
  }, []);

  const noteInterrupted = useCallback((lastCheckedAt: number | undefined) => {
    clearTimeout(stuck.current);
    checkedBefore.current = lastCheckedAt;
    setChecking(false);
    setInterrupted(true);
  }, []);

  /**
   * Nothing written yet (a first start, or an update): a check makes the worker write it. Should there
   * still be none after the check, the popup says why instead of staying blank.
   */
  const checkForModel = useCallback(async () => {
    setMissing(null);
    const sent = await send({ type: MSG.checkNow });
    if (!sent.sent) return setMissing(sent.reason);
    const after = await readModel();
    if (after) setModel(newer(after));
    else setMissing(t('popup_status_missing'));
  }, []);

  // The model shown, for the timer and listeners set up once below.
  const shown = useRef(model);
  shown.current = model;

  useEffect(() => {
    // checkForModel, readModel and fetchMore resolve in every case, failures included: nothing to catch.
    if (!stored) void checkForModel();
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const next = area === 'local' ? changes[POPUP_MODEL_KEY]?.newValue : undefined;
      if (!isPopupModel(next)) return;
      setModel(next);
      // A check recorded since the interruption: the note has served.
      if (next.lastCheckedAt !== checkedBefore.current) setInterrupted(false);
      if (moreAsked.current !== undefined && moreAsked.current !== next.moreVersion) void fetchMore(next.moreVersion);
    };
    browser.storage.onChanged.addListener(onStorage);
    // A change written between the first read and this listener would be missed: read once more.
    void readModel().then((again) => again && setModel(newer(again)));
    const channel = new BroadcastChannel(STATE_CHANNEL);
    channel.onmessage = (event: MessageEvent<StateChanged>) => {
      setChecking(event.data.polling);
      // A worker stopped mid-poll never says it finished; every request ends within its timeout anyway.
      clearTimeout(stuck.current);
      if (event.data.polling)
        stuck.current = setTimeout(() => noteInterrupted(shown.current?.lastCheckedAt), CHECKING_AT_MOST_MS);
    };
    return () => {
      clearTimeout(stuck.current);
      channel.close();
      browser.storage.onChanged.removeListener(onStorage);
    };
  }, []);

  const showAll = useCallback(() => fetchMore(model?.moreVersion ?? ''), [model, fetchMore]);

  /** Resolves in every case: a check the worker could not finish shows as interrupted, with the last result. */
  const checkNow = useCallback(async () => {
    setChecking(true);
    setInterrupted(false);
    const sent = await send({ type: MSG.checkNow });
    if (sent.sent) {
      setChecking(false);
      clearTimeout(stuck.current);
    } else {
      noteInterrupted(shown.current?.lastCheckedAt);
    }
  }, []);

  return { model, missing, more, checking, interrupted, checkNow, checkForModel, showAll };
}
