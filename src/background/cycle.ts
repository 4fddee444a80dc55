// The check cycle. Alarm, Check now, wake, a permission or settings change, a snooze: each asks for the
// same serialized cycle — read settings, keys and stored state once; poll the due sources; judge
// re-authorizations and drop spent snoozes; derive the view; draw the badge; write the popup's model
// once; send the notifications it calls for. A request made while a cycle runs is merged into one more
// cycle after it.
import {
  POPUP_MODEL,
  POPUP_ROWS,
  REAUTHORIZED,
  SNOOZES,
  STATUS_DECLINED,
  STATUS_RECORDS,
  VERIFICATIONS,
} from '../core/stored-items';
import { checkStatuses, missingHosts, readingsOf, type StatusCheck } from './status/check';
import { statusAccess } from './status/access';
import { openWatchDb, pruneLogs, readFeeds, transitionsOfMany, type WatchDb } from './db';
import { historiesOf } from '../core/history';
import { STATE_CHANNEL, type StateChanged } from '../core/messages';
import { loadSecrets, loadSettings } from '../shared/storage';
import { noteReauthorized } from '../core/deadlines';
import type { DueItem } from '../core/notify-policy';
import { deriveView, type WatchView } from '../core/view';
import type { Settings } from '../core/settings';
import type { Snoozes } from '../core/snooze';
import type { FeedRecord } from '../core/types';
import type { Verifications } from '../core/verification';
import { badgeFor } from '../core/badge';
import { renderBadge } from './badge';
import { updateVerifications } from './follow-up';
import { notifyChanges } from './notifier';
import { pruneSnoozes } from './snoozes';
import { read, write, writeAll } from '../shared/stored';
import { pollDue, type Clock, type CycleRequest } from './poll';
import { buildPopupModel } from '../core/popup-build';

export type { CycleRequest };

/** Chrome's answer to an API call of a worker it is stopping: nothing failed, the next start runs again. */
const STOPPING = 'No SW';

/** Reported, and the cycle goes on: one step failing must not leave the badge or the popup behind. */
export function report(what: string) {
  return (error: unknown) => {
    if (error instanceof Error && error.message === STOPPING) return;
    console.error(`MBI Integration Watch: ${what} failed`, error);
  };
}

function announce(polling: boolean): void {
  const channel = new BroadcastChannel(STATE_CHANNEL);
  channel.postMessage({ type: 'state-changed', polling } satisfies StateChanged);
  channel.close();
}

/** The integrations whose rows the popup can show: every problem, snoozed or not, of every account. */
function problemIds(view: WatchView): [string, string][] {
  return view.accounts.flatMap((a) => [...a.problems, ...a.snoozed].map((i): [string, string] => [a.account.id, i.id]));
}

/** The model (without its build time) and full list this worker last wrote: unchanged, they are not written again. */
let written: string | undefined;

/** What the cycle read at its start, and what it changes as it goes. */
interface CycleState {
  settings: Settings;
  db: WatchDb;
  records: FeedRecord[];
  snoozes: Snoozes;
  verifications: Verifications;
  reauthorized: Readonly<Record<string, number>>;
  /** What the status pages said. */
  status: Pick<StatusCheck, 'records' | 'readings'>;
  statusDeclined: boolean;
}

/** Derives the view, draws the badge and writes the popup's model (only when it changed); returns the view. */
async function render(state: CycleState, now: number): Promise<WatchView> {
  const { settings, db, records, snoozes, verifications, reauthorized, status } = state;
  const view = deriveView(settings, records, now, snoozes, reauthorized);
  // The badge first: building every row of the popup's model takes longer than the badge's own calls.
  const drawing = renderBadge(badgeFor(view, now));
  drawing.catch(() => undefined);
  try {
    const [transitions, missing] = await Promise.all([
      transitionsOfMany(db, problemIds(view)),
      state.statusDeclined ? [] : missingHosts(view, settings),
    ]);
    const histories = historiesOf(transitions, now);
    const access = statusAccess(view, missing);
    const { model, rows } = buildPopupModel(view, settings, verifications, snoozes, now, histories, {
      readings: status.readings,
      ...(access ? { access } : {}),
    });
    const next = JSON.stringify([{ ...model, builtAt: 0 }, rows]);
    if (next === written) return view;
    written = undefined;
    await writeAll(
      [
        [POPUP_MODEL, model],
        [POPUP_ROWS, rows],
      ],
      'local',
    );
    written = next;
    return view;
  } finally {
    await drawing;
  }
}

/** The integrations due soon and dated, for their notifications. */
function dueItems(view: WatchView): DueItem[] {
  return view.accounts.flatMap((a) =>
    a.comingUp.flatMap(({ integration, prediction, dueSoon }) =>
      dueSoon && prediction.due !== undefined ? [{ accountId: a.account.id, integration, due: prediction.due }] : [],
    ),
  );
}

async function runCycle(request: CycleRequest, clock: Clock): Promise<void> {
  announce(true);
  try {
    const [settings, db] = await Promise.all([loadSettings(), openWatchDb()]);
    const [secrets, records, snoozes, verifications, reauthorized, statusRecords, statusDeclined] = await Promise.all([
      loadSecrets(settings),
      readFeeds(db),
      read(SNOOZES),
      read(VERIFICATIONS),
      read(REAUTHORIZED),
      read(STATUS_RECORDS),
      read(STATUS_DECLINED),
    ]);
    const status = { records: statusRecords, readings: readingsOf(statusRecords, clock.now()) };
    const state: CycleState = { settings, db, records, snoozes, verifications, reauthorized, status, statusDeclined };
    // Shown before the poll when the poll may take a while to say anything new: a worker's first cycle
    // (the badge after a restart), or an account not checked yet ("checking for the first time").
    const unseen = settings.accounts.some((a) => a.enabled && !records.some((r) => r.accountId === a.id));
    if (written === undefined || unseen) await render(state, clock.now()).catch(report('badge'));
    try {
      state.records = await pollDue(db, { settings, secrets, records }, request, clock);
    } finally {
      const now = clock.now();
      [state.verifications, state.snoozes] = await Promise.all([
        updateVerifications(verifications, state.records, now).catch((error: unknown) => {
          report('re-authorization follow-up')(error);
          return verifications;
        }),
        pruneSnoozes(state.records, now, snoozes).catch((error: unknown) => {
          report('snooze clean-up')(error);
          return snoozes;
        }),
      ]);
      // A re-authorization that turned the integration healthy restarts its credential's clock.
      const noted = noteReauthorized(reauthorized, verifications, state.verifications);
      if (noted !== reauthorized) {
        state.reauthorized = noted;
        await write(REAUTHORIZED, { ...noted }).catch(report('re-authorization record'));
      }
      let view = await render(state, now);
      // Status pages after the badge and the model: a slow one must not hold up what the admin sees.
      const checked = await checkStatuses(view, settings, state.status.records, now).catch((error: unknown) => {
        report('status pages')(error);
        return undefined;
      });
      if (checked?.changed) {
        state.status = checked;
        view = await render(state, now);
      }
      await notifyChanges(state, now, dueItems(view), view).catch(report('notifications'));
      // Retention: an index range delete, cheap when there is nothing to remove.
      await pruneLogs(db, now - settings.retentionDays * 86_400_000).catch(report('history clean-up'));
    }
  } finally {
    announce(pending !== undefined);
  }
}

/** Merges two requests into one cycle that does what both asked. */
function merged(a: CycleRequest, b: CycleRequest): CycleRequest {
  const out: CycleRequest = {
    at: Math.max(a.at ?? 0, b.at ?? 0),
    force: a.force || b.force,
    onlyOverdue: (a.onlyOverdue ?? false) && (b.onlyOverdue ?? false),
  };
  if (a.accountIds && b.accountIds) out.accountIds = [...new Set([...a.accountIds, ...b.accountIds])];
  return out;
}

let running: Promise<void> | undefined;
let pending: { request: CycleRequest; clock: Clock; done: Promise<void>; start: () => void } | undefined;

function start(request: CycleRequest, clock: Clock): Promise<void> {
  const cycle = runCycle(request, clock);
  running = cycle.finally(() => {
    running = undefined;
    const next = pending;
    pending = undefined;
    next?.start();
  });
  running.catch(() => undefined);
  return cycle;
}

/**
 * Runs a cycle now, or — while one runs — once after it, merged with every other request made meanwhile.
 * Resolves when the cycle that served this request has ended.
 */
export function requestCycle(
  request: CycleRequest,
  clock: Clock = { now: Date.now, random: Math.random },
): Promise<void> {
  if (!running) return start(request, clock);
  const waiting = { ...request, at: clock.now() };
  if (pending) {
    pending.request = merged(pending.request, waiting);
    return pending.done;
  }
  let begin!: () => void;
  const done = new Promise<void>((resolve, reject) => {
    begin = () => {
      if (pending?.done === done) pending = undefined;
      start(next.request, next.clock).then(resolve, reject);
    };
  });
  const next = { request: waiting, clock, done, start: () => begin() };
  pending = next;
  return done;
}

/** True while a cycle runs or waits to run. */
export function isChecking(): boolean {
  return running !== undefined;
}
