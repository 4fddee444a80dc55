// Service worker entry: every listener is registered synchronously here, handlers live beside it.
import type { Runtime } from 'webextension-polyfill';
import browser from '../shared/browser';
import { POLL_ALARM, VERIFY_ALARM } from '../shared/messages';
import { isSnoozeChange } from '../shared/snooze';
import { isSettingsChange } from '../shared/storage';
import { isVerificationChange } from '../shared/verification';
import {
  onInstalled,
  onSettingsChanged,
  onStartup,
  onTabRemoved,
  onVerifyAlarm,
  onWake,
  pollAndRender,
  report,
} from './commands';
import { answerMessage } from './answer-message';
import { onNotificationButton, onNotificationClicked } from './notifier';
import { onModelChanged, refreshBadge } from './refresh';
import { noteWrite } from './watch-state';

browser.runtime.onInstalled.addListener(() => {
  // Alarms are cleared on update; migrate settings, recreate the alarm and take a first look.
  onInstalled().catch(report('install'));
});

browser.runtime.onStartup.addListener(() => {
  onStartup().catch(report('startup'));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === POLL_ALARM) pollAndRender({ force: false }).catch(report('poll'));
  if (alarm.name === VERIFY_ALARM) onVerifyAlarm().catch(report('re-authorization check'));
});

// Closing a re-authorization tab is the cue to check whether it worked (no `tabs` permission needed).
browser.tabs.onRemoved.addListener((tabId) => {
  onTabRemoved(tabId).catch(report('re-authorization check'));
});

browser.runtime.onMessage.addListener(answerMessage as Runtime.OnMessageListenerCallback);

browser.storage.onChanged.addListener((changes, area) => {
  onModelChanged(changes, area);
  const settings = isSettingsChange(changes, area);
  const marks = isSnoozeChange(changes, area) || isVerificationChange(changes, area);
  // Whoever wrote it, what a running poll read before is stale now.
  if (settings || marks) noteWrite();
  if (settings) onSettingsChanged().catch(report('settings change'));
  else if (marks) refreshBadge().catch(report('badge'));
});

browser.permissions.onAdded.addListener(() => {
  pollAndRender({ force: true }).catch(report('poll after permission change'));
});

browser.permissions.onRemoved.addListener(() => {
  pollAndRender({ force: true }).catch(report('poll after permission change'));
});

// `notifications` is optional: the namespace exists only once granted (then the worker restarts).
if (browser.notifications) {
  browser.notifications.onClicked.addListener((id) => {
    onNotificationClicked(id).catch(report('notification click'));
  });
  browser.notifications.onButtonClicked.addListener((id, index) => {
    onNotificationButton(id, index).catch(report('notification button'));
  });
}

self.addEventListener('online', () => {
  pollAndRender({ force: true }).catch(report('poll after reconnect'));
});

onWake().catch(report('wake'));
