// Desktop notifications (optional permission): shown for what planNotes() decides, clicks handled here.
import { NOTIFIED, NOTIFIED_DUE, NOTIFIED_GROUPS, NOTIFIED_HELD } from '../core/stored-items';
import { heldNow, planReleased, type Readings } from '../core/outage';
import type { WatchView } from '../core/view';
import { inQuietHours } from '../core/settings';
import type { Notifications } from 'webextension-polyfill';
import browser from '../shared/browser';
import { isolate } from '../core/inert-text';
import type { Settings } from '../core/settings';
import { integrationKey } from '../core/snooze';
import { setSnoozes } from './snoozes';
import { read, write } from '../shared/stored';
import { dueText, stateLabel } from '../core/format';
import { ruleFor } from '../core/deadlines';
import { findIntegration } from '../core/types';
import { openWatchDb, readFeeds } from './db';
import { plural, t } from '../core/i18n';
import { startReauthorization } from './follow-up';
import { openPage } from './page-actions';
import type { FeedRecord } from '../core/types';
import type { Snoozes } from '../core/snooze';
import {
  isSummary,
  outageOverNotes,
  parseNoteId,
  planDueNotes,
  planNotes,
  sameMemory,
  type DueItem,
  type DueNote,
  type Note,
  type SummaryNote,
} from '../core/notify-policy';

const DAY = 86_400_000;
/** Names a summary lists before "and N more". */
const NAMES_SHOWN = 3;

async function canNotify(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['notifications'] });
}

function summaryTitle(note: SummaryNote, account: string, settings: Settings): string {
  const count = note.integrations.length;
  if (note.kind === 'outage-over' && 'source' in note)
    return note.source === ''
      ? plural('notify_group_outages_over', count, account)
      : plural('notify_group_outage_over', count, isolate(String(note.source)), account);
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
const isDue = (note: Note): note is DueNote => note.kind === 'due-soon' || note.kind === 'due-today';

function textOf(note: Note, label: string, settings: Settings): { title: string; message: string } {
  const account = isolate(label);
  if (isSummary(note)) return { title: summaryTitle(note, account, settings), message: summaryNames(note) };
  const { integration } = note;
  const name = isolate(integration.name);
  if (note.kind === 'escalation')
    return { title: t('notify_escalation', name, settings.escalationHours), message: t('notify_escalation_advice') };
  if (note.kind === 'outage-over' && 'source' in note)
    return {
      title: t('notify_outage_over', isolate(String(note.source)), name),
      message: `${t('notify_outage_over_advice')}\n${isolate(integration.provider)} · ${account}`,
    };
  if (isDue(note)) {
    const fixed = ruleFor(integration.type)?.kind === 'fixed';
    const title =
      note.kind === 'due-today'
        ? t('notify_due_today', name)
        : t('notify_due_soon', name, dueText(note.due, Date.now(), fixed));
    return { title, message: `${isolate(integration.provider)} · ${account}` };
  }
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
  // Chrome-only field (at most two buttons; Firefox refuses it, a click on the body acts there); recoveries
  // need no action, a deadline's action is on its click.
  if (import.meta.env.VITE_BROWSER !== 'firefox' && note.kind !== 'recovered' && !isDue(note))
    Object.assign(options, { buttons: [{ title: t('notify_reauthorize') }, { title: t('notify_snooze_day') }] });
  return options;
}

const loadGroups = () => read(NOTIFIED_GROUPS);

/** Remembers what each summary with a Snooze button covers; a summary shown again replaces its list. */
async function rememberGroups(summaries: readonly SummaryNote[]): Promise<void> {
  const groups = await loadGroups();
  for (const note of summaries) groups[note.id] = note.integrations.map((i) => i.id);
  await write(NOTIFIED_GROUPS, groups);
}

/** The integration ids a summary covered, forgotten as they are read (its notification is being cleared). */
async function takeGroup(id: string): Promise<string[]> {
  const groups = await loadGroups();
  const ids = groups[id];
  if (!ids) return [];
  delete groups[id];
  await write(NOTIFIED_GROUPS, groups);
  return ids;
}

async function show(notes: readonly Note[], settings: Settings): Promise<void> {
  const snoozable = notes.filter(isSummary).filter((n) => n.kind !== 'recovered');
  // Before the notifications exist, so a click on one always finds its list.
  if (snoozable.length > 0) await rememberGroups(snoozable);
  await Promise.all(notes.map((note) => browser.notifications.create(note.id, optionsFor(note, settings))));
}

/**
 * Compares the state a check left with what was last notified, shows what is new, then remembers it;
 * likewise for the integrations due soon (`dueItems`).
 */
export async function notifyChanges(
  {
    settings,
    records,
    snoozes,
    status,
  }: { settings: Settings; records: readonly FeedRecord[]; snoozes: Snoozes; status?: { readings: Readings } },
  now: number,
  dueItems: readonly DueItem[] = [],
  view?: WatchView,
): Promise<void> {
  // The permission is asked alongside the reads: one round trip less when a note is due.
  const [memory, dueMemory, heldMemory, allowed] = await Promise.all([
    read(NOTIFIED),
    read(NOTIFIED_DUE),
    read(NOTIFIED_HELD),
    canNotify(),
  ]);
  const readings = status?.readings ?? new Map();
  const quiet = inQuietHours(settings.notifications, new Date(now));
  const released = view ? planReleased(heldMemory, view, readings, quiet) : { released: [], memory: heldMemory };
  // Held by an outage, or released by one just now (that note says what to do): other notes for it wait.
  const held = new Set(view ? heldNow(view, readings).keys() : []);
  for (const r of released.released) held.add(integrationKey(r.accountId, r.integration.id));
  const plan = planNotes({ settings, records, memory, snoozes, now, held });
  const duePlan = planDueNotes(dueItems, dueMemory, settings, now);
  const over = settings.notifications.newProblem ? outageOverNotes(released.released) : [];
  const notes = [...plan.notes, ...over, ...duePlan.notes];
  if (notes.length > 0 && allowed) await show(notes, settings);
  // Most polls change nothing, and rewriting the memory is what a poll of thousands spends its time on.
  if (!sameMemory(memory, plan.memory)) await write(NOTIFIED, plan.memory);
  if (JSON.stringify(dueMemory) !== JSON.stringify(duePlan.memory)) await write(NOTIFIED_DUE, duePlan.memory);
  if (JSON.stringify(heldMemory) !== JSON.stringify(released.memory)) await write(NOTIFIED_HELD, released.memory);
}

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
  } else if (parsed && (parsed.kind === 'due-soon' || parsed.kind === 'due-today')) {
    // What resets the clock: a re-authorization, or (a vendor's deadline) the account's page, for the support case.
    const records = await readFeeds(await openWatchDb());
    const type = findIntegration(records, parsed.accountId, parsed.integrationId)?.integration.type ?? '';
    if (ruleFor(type)?.action === 'support') await openAccount(parsed.accountId);
    else await startReauthorization(parsed.accountId, parsed.integrationId);
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
      await setSnoozes(
        covered.map((integrationId) => integrationKey(parsed.accountId, integrationId)),
        { until: Date.now() + DAY },
      );
  } else if (parsed) {
    if (index === 0) await startReauthorization(parsed.accountId, parsed.integrationId);
    if (index === 1)
      await setSnoozes([integrationKey(parsed.accountId, parsed.integrationId)], { until: Date.now() + DAY });
  }
  await browser.notifications.clear(id);
}
