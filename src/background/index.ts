// Service worker entry: every listener is registered synchronously here, handlers live beside it.
import { SNOOZES, VERIFICATIONS } from '../core/stored-items';
import type { Runtime } from 'webextension-polyfill';
import browser from '../shared/browser';
import { POLL_ALARM, VERIFY_ALARM } from '../core/messages';
import { isSettingsChange } from '../shared/storage';
import { touches } from '../shared/stored';
import { onInstalled, onSettingsChanged, onStartup, onTabRemoved, onVerifyAlarm, onWake, report } from './commands';
import { answerMessage } from './answer-message';
import { requestCycle } from './cycle';
import { onNotificationButton, onNotificationClicked } from './notifier';
import { isOwnWrite } from './own-writes';

browser.runtime.onInstalled.addListener(({ reason }) => {
  // Alarms are cleared on update; migrate settings, recreate the alarm and take a first look.
  onInstalled(reason).catch(report('install'));
});

browser.runtime.onStartup.addListener(() => {
  onStartup().catch(report('startup'));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === POLL_ALARM) requestCycle({ force: false }).catch(report('check'));
  if (alarm.name === VERIFY_ALARM) onVerifyAlarm().catch(report('re-authorization check'));
});

// Closing a re-authorization tab is the cue to check whether it worked (no `tabs` permission needed).
browser.tabs.onRemoved.addListener((tabId) => {
  onTabRemoved(tabId).catch(report('re-authorization check'));
});

browser.runtime.onMessage.addListener(answerMessage as Runtime.OnMessageListenerCallback);

// Whoever wrote it (an options page, another computer through sync, a policy, the popup's snooze), the
// next cycle reads it; what a cycle wrote itself asks for no other.
browser.storage.onChanged.addListener((changes, area) => {
  const marks = [SNOOZES, VERIFICATIONS].filter(
    (item) => touches(item, changes, area) && !isOwnWrite(item.key, changes[item.key]?.newValue),
  );
  if (isSettingsChange(changes, area)) onSettingsChanged().catch(report('settings change'));
  else if (marks.length > 0) requestCycle({ force: false, onlyOverdue: true }).catch(report('check'));
});

browser.permissions.onAdded.addListener(() => {
  requestCycle({ force: true }).catch(report('check after permission change'));
});

browser.permissions.onRemoved.addListener(() => {
  requestCycle({ force: true }).catch(report('check after permission change'));
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
  requestCycle({ force: true }).catch(report('check after reconnect'));
});

onWake().catch(report('wake'));
