// Service worker entry: every listener is registered synchronously here, handlers live beside it.
import browser from 'webextension-polyfill';
import { parseCommand, POLL_ALARM } from '../shared/messages';
import { isSettingsChange } from '../shared/storage';
import { onCommand, onSettingsChanged, onStartup, pollAndRender } from './commands';
import { refreshBadge } from './refresh';
import { ensurePollAlarm } from './scheduler';

function report(what: string) {
  return (error: unknown) => console.error(`MBI Integration Watch: ${what} failed`, error);
}

browser.runtime.onInstalled.addListener(() => {
  // Alarms are cleared on update; recreate ours and take a first look.
  onStartup().catch(report('install'));
});

browser.runtime.onStartup.addListener(() => {
  onStartup().catch(report('startup'));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === POLL_ALARM) pollAndRender({ force: false }).catch(report('poll'));
});

browser.runtime.onMessage.addListener((message: unknown) => {
  const command = parseCommand(message);
  // Unknown messages get no answer, so other listeners (and senders) are not misled.
  return command ? onCommand(command) : undefined;
});

browser.storage.onChanged.addListener((changes, area) => {
  if (isSettingsChange(changes, area)) onSettingsChanged().catch(report('settings change'));
});

browser.permissions.onAdded.addListener(() => {
  pollAndRender({ force: true }).catch(report('poll after permission change'));
});

browser.permissions.onRemoved.addListener(() => {
  pollAndRender({ force: true }).catch(report('poll after permission change'));
});

self.addEventListener('online', () => {
  pollAndRender({ force: true }).catch(report('poll after reconnect'));
});

// Every wake: the badge from stored state at once, and the alarm if it went missing.
refreshBadge().catch(report('badge'));
ensurePollAlarm().catch(report('alarm'));
