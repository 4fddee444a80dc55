// Desktop notifications (optional permission): shown for what planNotes() decides, clicks handled here.
import type { Notifications } from 'webextension-polyfill';
import browser from '../shared/browser';
import { openWatchDb, readFeeds } from '../shared/db';
import type { Settings } from '../shared/settings';
import { integrationKey, loadSnoozes, setSnooze } from '../shared/snooze';
import { loadSettings } from '../shared/storage';
import { stateLabel } from '../shared/format';
import { t } from '../shared/i18n';
import { startReauthorization } from './follow-up';
import { parseNoteId, planNotes, type Note, type NoteMemory } from './notify-policy';

const MEMORY_KEY = 'notified';
const DAY = 86_400_000;

async function canNotify(): Promise<boolean> {
  return browser.permissions.contains({ permissions: ['notifications'] });
}

function optionsFor(note: Note, settings: Settings): Notifications.CreateNotificationOptions {
  const { integration } = note;
  const account = settings.sources.find((s) => s.id === note.sourceId)?.label ?? '';
  const titles = {
    'new-problem': `${integration.name}: ${stateLabel(integration)}`,
    recovered: t('notify_recovered', integration.name),
    escalation: t('notify_escalation', integration.name, settings.escalationHours),
  };
  const message = note.kind === 'escalation'
    ? t('notify_escalation_advice')
    : [integration.detail, `${integration.provider} · ${account}`].filter(Boolean).join('\n');
  const options: Notifications.CreateNotificationOptions = {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: titles[note.kind],
    message,
  };
  // Chrome-only field (at most two buttons); recoveries need no action.
  if (note.kind !== 'recovered') Object.assign(options, { buttons: [{ title: t('notify_reauthorize') }, { title: t('notify_snooze_day') }] });
  return options;
}

/** Compares stored state with what was last notified, shows what is new, then remembers it. */
export async function notifyChanges(now = Date.now()): Promise<void> {
  const [settings, db, snoozes, stored] = await Promise.all([loadSettings(), openWatchDb(), loadSnoozes(), browser.storage.local.get(MEMORY_KEY)]);
  const memory = (stored[MEMORY_KEY] ?? {}) as NoteMemory;
  const plan = planNotes({ settings, records: await readFeeds(db), memory, snoozes, now });
  if (plan.notes.length > 0 && (await canNotify())) {
    for (const note of plan.notes) await browser.notifications.create(note.id, optionsFor(note, settings));
  }
  await browser.storage.local.set({ [MEMORY_KEY]: plan.memory });
}

/** Clicking a notification, or its Re-authorize button, starts a followed re-authorization. */
export async function onNotificationClicked(id: string): Promise<void> {
  const parsed = parseNoteId(id);
  if (parsed) await startReauthorization(parsed.sourceId, parsed.integrationId);
  await browser.notifications.clear(id);
}

export async function onNotificationButton(id: string, index: number): Promise<void> {
  const parsed = parseNoteId(id);
  if (parsed && index === 0) await startReauthorization(parsed.sourceId, parsed.integrationId);
  if (parsed && index === 1) await setSnooze(integrationKey(parsed.sourceId, parsed.integrationId), { until: Date.now() + DAY });
  await browser.notifications.clear(id);
}
