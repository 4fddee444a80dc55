// The worker's message listener: our own pages' commands, answered through sendResponse.
import type { Runtime } from 'webextension-polyfill';
import browser from '../shared/browser';
import { onCommand, report } from './commands';
import { isOwnPage, parseCommand } from '../core/parse-command';

// Answered through sendResponse (returning true keeps the channel open): Chrome before the native
// `browser` namespace ignores a promise returned by the listener. Messages not from our own pages, and
// unknown ones, get no answer, so other listeners are not misled; the polyfill's types allow only
// `true`, Chrome also takes undefined.
export function answerMessage(
  message: unknown,
  sender: Runtime.MessageSender,
  sendResponse: (answer: unknown) => void,
): true | undefined {
  if (!isOwnPage(sender, browser.runtime.id, browser.runtime.getURL(''))) return undefined;
  const command = parseCommand(message);
  if (!command) return undefined;
  onCommand(command).then(sendResponse, (error: unknown) => {
    report('command')(error);
    sendResponse(undefined);
  });
  return true;
}
