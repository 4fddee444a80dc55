// Messages are answered only when they come from our own pages (isOwnPage), and are still parsed like any
// other input.
import { MSG, type Command, type PageName, type SnoozeRequest } from './messages';
import { parseSettings } from './settings';
import { parseSnoozes } from './snooze';

const PAGES: readonly PageName[] = ['sign-in', 'integrations', 'adobe-status'];

/**
 * Whether a message comes from one of our own pages (popup, options): not a content script in a web page,
 * not another extension. `extensionOrigin` is runtime.getURL(''), e.g. "chrome-extension://<id>/".
 */
export function isOwnPage(
  sender: { id?: string; url?: string },
  extensionId: string,
  extensionOrigin: string,
): boolean {
  // The trailing slash keeps "chrome-extension://<id>.evil/" out.
  const origin = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(origin);
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

function parseSnooze(raw: unknown): SnoozeRequest | null | undefined {
  if (raw === null) return null;
  return parseSnoozes({ one: raw }).one;
}

export function parseCommand(raw: unknown): Command | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const target =
    str(r.accountId) && str(r.integrationId) ? { accountId: r.accountId, integrationId: r.integrationId } : null;
  switch (r.type) {
    case MSG.checkNow:
      return str(r.accountId) ? { type: MSG.checkNow, accountId: r.accountId } : { type: MSG.checkNow };
    case MSG.reauthorize:
      return target && { type: MSG.reauthorize, ...target };
    case MSG.supportCase:
      return target && { type: MSG.supportCase, ...target };
    case MSG.openPage:
      if (!PAGES.includes(r.page as PageName)) return null;
      return str(r.accountId)
        ? { type: MSG.openPage, page: r.page as PageName, accountId: r.accountId }
        : { type: MSG.openPage, page: r.page as PageName };
    case MSG.snooze: {
      const snooze = parseSnooze(r.snooze);
      return target && snooze !== undefined ? { type: MSG.snooze, ...target, snooze } : null;
    }
    case MSG.resume:
      return { type: MSG.resume };
    case MSG.openIncident:
      return target && { type: MSG.openIncident, ...target };
    case MSG.declineStatus:
      return { type: MSG.declineStatus };
    case MSG.diagnostic:
      return str(r.accountId) ? { type: MSG.diagnostic, accountId: r.accountId } : null;
    case MSG.testAccount: {
      const [account] = parseSettings({ accounts: [r.account] }).accounts;
      if (!account) return null;
      const command: Command = { type: MSG.testAccount, account };
      if (typeof r.exportApiKey === 'string' && r.exportApiKey.trim() !== '') {
        command.exportApiKey = r.exportApiKey.trim();
        if (typeof r.secret === 'string' && r.secret.trim() !== '') command.secret = r.secret.trim();
      }
      return command;
    }
    default:
      return null;
  }
}
