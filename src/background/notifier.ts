// Desktop notifications (optional permission): shown for what planNotes() decides, clicks handled here.
import type { Notifications } from 'webextension-polyfill';
import browser from '../shared/browser';
import { isolate } from '../shared/inert-text';
import { emptyRecord, recordFrom } from '../shared/keyed-record';
import type { Settings } from '../shared/settings';
import { integrationKey, setSnooze, snoozeAll } from '../shared/snooze';
import { stateLabel } from '../shared/format';
import { plural, t } from '../shared/i18n';
import { startReauthorization } from './follow-up';
import { openPage } from './page-actions';
import { serially } from './serially';
import { currentState, type WatchState } from './watch-state';
import {
  isSummary,
  parseNoteId,
  planNotes,
  sameMemory,
  type Note,
  type NoteMemory,
  type SummaryNote,
} from './notify-policy';

const MEMORY_KEY = 'notified';
/** Summary note id → the ids of the integrations it covers, for its Snooze button. */
const GROUPS_KEY = 'notified-groups';
const DAY = 86_400_000;
/** Names a summary lists before "and N more". */
const NAMES_SHOWN = 3;

type Groups = Record<string, string[]>;

async function canNotify(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['notifications'] });
}

function summaryTitle(note: SummaryNote, account: string, settings: Settings): string {
  const count = note.integrations.length;
  if (note.kind === 'recovered') return plural('notify_group_recovered', count, account);
  if (note.kind === 'escalation') return plural('notify_group_escalation', count, account, settings.escalationHours);
  return note.integrations.every((i) => i.state === 'needs-reauth')
    ? plural('notify_group_reauth', count, account)
    : plural('notify_group_problem', count, account);
}

function summaryNames(note: SummaryNote): string {
  const names = note.integrations
    .slice(0, NAMES_SHOWN)
    .map((i) => isolate(i.name))
    .join(', ');
  const rest = note.integrations.length - NAMES_SHOWN;
  return rest > 0 ? plural('notify_group_more', rest, names) : names;
}

/** Plain text, so every name and error is isolated: a right-to-left one cannot reorder the words around it. */
function textOf(note: Note, label: string, settings: Settings): { title: string; message: string } {
  const account = isolate(label);
  if (isSummary(note)) return { title: summaryTitle(note, account, settings), message: summaryNames(note) };
  const { integration } = note;
  const name = isolate(integration.name);
  if (note.kind === 'escalation')
    return { title: t('notify_escalation', name, settings.escalationHours), message: t('notify_escalation_advice') };
  const message = [
    integration.detail === undefined ? '' : isolate(integration.detail),
    `${isolate(integration.provider)} · ${account}`,
  ]
    .filter(Boolean)
    .join('\n');
  if (note.kind === 'recovered') return { title: t('notify_recovered', name), message };
  return { title: `${name}: ${stateLabel(integration)}`, message };
}

function optionsFor(note: Note, settings: Settings): Notifications.CreateNotificationOptions {
  const account = settings.accounts.find((s) => s.id === note.accountId)?.label ?? '';
  const options: Notifications.CreateNotificationOptions = {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    ...textOf(note, account, settings),
  };
  // Chrome-only field (at most two buttons); recoveries need no action.
  if (note.kind !== 'recovered')
    Object.assign(options, { buttons: [{ title: t('notify_reauthorize') }, { title: t('notify_snooze_day') }] });
  return options;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored groups; an entry that is not a list of ids is dropped, and anything else reads as none. */
export function parseGroups(raw: unknown): Groups {
  if (!isRecord(raw)) return emptyRecord();
  return recordFrom(
    Object.entries(raw).filter(
      (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((id) => typeof id === 'string'),
    ),
  );
}

/**
 * What was last notified. An entry that cannot be read is dropped: its account then counts as not seen
 * yet, so its next check sets a new baseline silently rather than announcing everything again.
 */
export function parseMemory(raw: unknown): NoteMemory {
  const memory: NoteMemory = emptyRecord();
  if (!isRecord(raw)) return memory;
  for (const [accountId, seen] of Object.entries(raw)) {
    if (!isRecord(seen)) continue;
    const valid = Object.values(seen).every(
      (r) => isRecord(r) && typeof r.state === 'string' && typeof r.escalated === 'boolean',
    );
    if (valid) memory[accountId] = recordFrom(Object.entries(seen) as [string, NoteMemory[string][string]][]);
  }
  return memory;
}

async function loadGroups(): Promise<Groups> {
  return parseGroups((await browser.storage.local.get(GROUPS_KEY))[GROUPS_KEY]);
}

/** Remembers what each summary with a Snooze button covers; a summary shown again replaces its list. */
async function rememberGroups(summaries: readonly SummaryNote[]): Promise<void> {
  const groups = await loadGroups();
  for (const note of summaries) groups[note.id] = note.integrations.map((i) => i.id);
  await browser.storage.local.set({ [GROUPS_KEY]: groups });
}

/** The integration ids a summary covered, forgotten as they are read (its notification is being cleared). */
async function takeGroup(id: string): Promise<string[]> {
  const groups = await loadGroups();
  const ids = groups[id];
  if (!ids) return [];
  delete groups[id];
  await browser.storage.local.set({ [GROUPS_KEY]: groups });
  return ids;
}

async function show(notes: readonly Note[], settings: Settings): Promise<void> {
  const snoozable = notes.filter(isSummary).filter((n) => n.kind !== 'recovered');
  // Before the notifications exist, so a click on one always finds its list.
  if (snoozable.length > 0) await rememberGroups(snoozable);
  await Promise.all(notes.map((note) => browser.notifications.create(note.id, optionsFor(note, settings))));
}

/**
 * Compares stored state with what was last notified, shows what is new, then remembers it. `state`: what
 * the caller already read (after a poll); read here when not given.
 */
export const notifyChanges = serially(async (now: number = Date.now(), state?: WatchState): Promise<void> => {
  // The permission is asked alongside the reads rather than after them: one round trip less when a note is due.
  const [{ settings, records, snoozes }, stored, allowed] = await Promise.all([
    currentState(state),
    browser.storage.local.get(MEMORY_KEY),
    canNotify(),
  ]);
  const memory = parseMemory(stored[MEMORY_KEY]);
  const plan = planNotes({ settings, records, memory, snoozes, now });
  if (plan.notes.length > 0 && allowed) await show(plan.notes, settings);
  // Most polls change nothing, and rewriting the memory is what a poll of thousands spends its time on.
  if (!sameMemory(memory, plan.memory)) await browser.storage.local.set({ [MEMORY_KEY]: plan.memory });
});

/**
 * The Integrations page of an account: a summary stands for several integrations, so no single one opens.
 * Not the popup: it cannot be told which account to show, and action.openPopup() needs a focused window.
 */
async function openAccount(accountId: string): Promise<void> {
  await openPage('integrations', accountId);
}

/** Clicking a notification, or its Re-authorize button, starts a followed re-authorization (a summary: its account). */
export async function onNotificationClicked(id: string): Promise<void> {
  const parsed = parseNoteId(id);
  if (parsed?.integrationId === null) {
    await takeGroup(id);
    await openAccount(parsed.accountId);
  } else if (parsed) {
    await startReauthorization(parsed.accountId, parsed.integrationId);
  }
  await browser.notifications.clear(id);
}

export async function onNotificationButton(id: string, index: number): Promise<void> {
  const parsed = parseNoteId(id);
  if (parsed?.integrationId === null) {
    const covered = await takeGroup(id);
    if (index === 0) await openAccount(parsed.accountId);
    if (index === 1)
      await snoozeAll(
        covered.map((integrationId) => integrationKey(parsed.accountId, integrationId)),
        { until: Date.now() + DAY },
      );
  } else if (parsed) {
    if (index === 0) await startReauthorization(parsed.accountId, parsed.integrationId);
    if (index === 1)
      await setSnooze(integrationKey(parsed.accountId, parsed.integrationId), { until: Date.now() + DAY });
  }
  await browser.notifications.clear(id);
}
