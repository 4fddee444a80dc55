// The toolbar badge: a pure decision and one function that draws it.
import browser from '../shared/browser';
import { plural, t } from '../core/i18n';
import { isolate } from '../core/inert-text';
import { ISSUES, PROBLEM_COLOR } from '../core/issues';
import type { WatchView } from '../core/view';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export function countText(count: number): string {
  return count > 999 ? '999+' : String(count);
}

function accountLines(view: WatchView): string[] {
  return view.accounts.map((a) => {
    const issue = a.issue ? ` — ${ISSUES[a.issue.kind].title}` : '';
    // Plain text: the label is isolated so that a right-to-left one cannot reorder the counts after it.
    return `${t('badge_account', isolate(a.account.label), a.problems.length, a.total)}${issue}`;
  });
}

export function badgeFor(view: WatchView): Badge {
  const lines = accountLines(view);
  const name = t('app_name');
  if (view.issue) {
    const info = ISSUES[view.issue.kind];
    const where = view.issue.label ? ` (${isolate(view.issue.label)})` : '';
    return { text: info.badge, color: info.color, title: [`${name}: ${info.title}${where}`, ...lines].join('\n') };
  }
  if (view.problemCount > 0) {
    const title = `${name}: ${plural('badge_problems', view.problemCount)}`;
    return { text: countText(view.problemCount), color: PROBLEM_COLOR, title: [title, ...lines].join('\n') };
  }
  return { text: '', color: PROBLEM_COLOR, title: [`${name}: ${t('badge_all_healthy')}`, ...lines].join('\n') };
}

/** The badge this worker last drew: Chrome keeps it while the worker sleeps, so it is drawn again only when it changes. */
let drawn: string | undefined;

export async function renderBadge(badge: Badge): Promise<void> {
  const key = JSON.stringify(badge);
  if (key === drawn) return;
  drawn = undefined;
  // Chrome-only (absent in test doubles): white text reads on every badge colour.
  const native = (globalThis as { chrome?: typeof chrome }).chrome;
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
    native?.action?.setBadgeTextColor?.({ color: '#ffffff' }),
  ]);
  drawn = key;
}
