// The popup's one link to the extension: reads the model the worker keeps, follows changes, sends commands.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../core/i18n';
import { REQUEST_TIMEOUT_MS } from '../core/limits';
import { MSG, STATE_CHANNEL, type StateChanged } from '../core/messages';
import { copyText } from '../shared/copy';
import { reasonOf, send, type Sent } from '../shared/send';
import { POPUP_MODEL, POPUP_ROWS, SETTINGS_PLACE, type PopupModel, type PopupRows } from '../core/popup-model';
import { read, readRaw } from '../shared/stored';

/** How long the first paint waits for policy accounts (an answer takes a few ms once Chrome has loaded policy). */
const MANAGED_WAIT_MS = 50;

/** Longer than any single poll can take (two requests, each with its timeout). */
const CHECKING_AT_MOST_MS = 2 * REQUEST_TIMEOUT_MS + 5_000;

export { send, reasonOf, type Sent } from '../shared/send';

type Target = { accountId: string; integrationId: string };

/** Re-authorize from a row: the note to show, null when the pages opened. Never rejects. */
export async function reauthorize(target: Target): Promise<string | null> {
  const sent = await send({ type: MSG.reauthorize, ...target });
  return sent.sent && !sent.answer?.ok ? t('popup_not_allowed') : failureOf(sent);
}

/** Opens a support case and copies its summary: the note to show, and what was copied. Never rejects. */
export async function supportCase(target: Target): Promise<{ note: string; copied: string | null }> {
  const sent = await send({ type: MSG.supportCase, ...target });
  if (!sent.sent) return { note: failureNote(sent.reason), copied: null };
  const summary = sent.answer?.summary;
  const ok = summary !== undefined && (await copyText(summary));
  return ok ? { note: t('popup_copied'), copied: summary } : { note: t('popup_copy_failed'), copied: null };
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
    return await read(POPUP_MODEL);
  } catch {
    return undefined;
  }
}

/**
 * Names of the enabled accounts, own and by policy: enough to say, before the worker has written a model,
 * whether it is checking or needs an account.
 */
export async function readAccountLabels(): Promise<string[]> {
  const labels = (list: unknown): string[] =>
    (Array.isArray(list) ? list : []).flatMap((s: { label?: unknown; enabled?: unknown } | null) =>
      typeof s?.label === 'string' && s.enabled !== false ? [s.label] : [],
    );
  try {
    const [own, managed] = await Promise.all([
      readRaw(SETTINGS_PLACE),
      // Absent outside managed browsers: no policy accounts then. On a fresh profile Chrome answers this
      // read only after about two seconds; the first paint does not wait that long for a rare policy.
      Promise.race([
        browser.storage.managed?.get().catch(() => ({})) ?? {},
        new Promise((resolve) => setTimeout(resolve, MANAGED_WAIT_MS, {})),
      ]),
    ]);
    // Read raw, labels only (the popup carries no settings parser); version 1 called them sources.
    const [policy, mine] = [managed, own] as { accounts?: unknown; sources?: unknown }[];
    return [...labels(policy?.accounts ?? policy?.sources), ...labels(mine?.accounts ?? mine?.sources)];
  } catch {
    return [];
  }
}

const newer = (next: PopupModel) => (current: PopupModel | null) =>
  !current || next.builtAt > current.builtAt ? next : current;

/**
 * `stored` is the model read before the first render, so the popup's first frame already shows it. The
 * full list of every account's entries (`rows`) is read on `showAll`, and followed from then on.
 */
export function useWatch(stored: PopupModel | undefined) {
  const [model, setModel] = useState<PopupModel | null>(stored ?? null);
  const [rows, setRows] = useState<PopupRows | null>(null);
  /** Set once the full list was asked for: its changes are followed from then on. */
  const following = useRef(false);
  const [checking, setChecking] = useState(false);
  /** A check that cannot have finished: the worker stopped while it ran, or it outlasted every request's limit. */
  const [interrupted, setInterrupted] = useState(false);
  /** The model's last check when the interruption was noticed: a later one ends the note. */
  const checkedBefore = useRef<number | undefined>(undefined);
  const stuck = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Why there is no model to show, once a check has not brought one. */
  const [missing, setMissing] = useState<string | null>(null);
  /** Reads the full list and follows it; resolves with the reason when it could not be read, else null. */
  const showAll = useCallback(async (): Promise<string | null> => {
    following.current = true;
    try {
      setRows(await read(POPUP_ROWS));
      return null;
    } catch (error) {
      return reasonOf(error);
    }
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
    // checkForModel and readModel resolve in every case, failures included: nothing to catch.
    if (!stored) void checkForModel();
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      const full = changes[POPUP_ROWS.key];
      if (following.current && full) setRows(POPUP_ROWS.parse(full.newValue));
      const next = POPUP_MODEL.parse(changes[POPUP_MODEL.key]?.newValue);
      if (!next) return;
      setModel(next);
      // A check recorded since the interruption: the note has served.
      if (next.lastCheckedAt !== checkedBefore.current) setInterrupted(false);
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

  return { model, missing, rows, checking, interrupted, checkNow, checkForModel, showAll };
}
