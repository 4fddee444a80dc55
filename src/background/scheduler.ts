// The poll alarm, created only when missing or different: re-creating it resets its countdown.
import browser from '../shared/browser';
import { POLL_ALARM } from '../core/messages';
import { loadSettings } from '../shared/storage';

export async function ensurePollAlarm(): Promise<void> {
  const { pollMinutes } = await loadSettings();
  const alarm = await browser.alarms.get(POLL_ALARM);
  if (alarm?.periodInMinutes === pollMinutes) return;
  // A changed interval takes effect now: the first run comes one new period from now (or at once if new).
  await browser.alarms.create(POLL_ALARM, { periodInMinutes: pollMinutes, delayInMinutes: alarm ? pollMinutes : 0 });
}
