// The toolbar badge: a pure decision and one function that draws it.
import browser from 'webextension-polyfill';
import { ISSUES, PROBLEM_COLOR } from '../shared/issues';
import type { WatchView } from '../shared/view';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const NAME = 'MBI Integration Watch';

export function countText(count: number): string {
  return count > 999 ? '999+' : String(count);
}

function accountLines(view: WatchView): string[] {
  return view.accounts.map((a) => {
    const issue = a.issue ? ` — ${ISSUES[a.issue.kind].title}` : '';
    return `${a.source.label}: ${a.problems.length} of ${a.total} need attention${issue}`;
  });
}

export function badgeFor(view: WatchView): Badge {
  const lines = accountLines(view);
  if (view.issue) {
    const info = ISSUES[view.issue.kind];
    const where = view.issue.label ? ` (${view.issue.label})` : '';
    return { text: info.badge, color: info.color, title: [`${NAME}: ${info.title}${where}`, ...lines].join('\n') };
  }
  if (view.problemCount > 0) {
    const noun = view.problemCount === 1 ? 'integration needs' : 'integrations need';
    return { text: countText(view.problemCount), color: PROBLEM_COLOR, title: [`${NAME}: ${view.problemCount} ${noun} attention`, ...lines].join('\n') };
  }
  return { text: '', color: PROBLEM_COLOR, title: [`${NAME}: all integrations healthy`, ...lines].join('\n') };
}

export async function renderBadge(badge: Badge): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]);
  // Chrome-only (absent in test doubles): white text reads on every badge colour.
  const native = (globalThis as { chrome?: typeof chrome }).chrome;
  await native?.action?.setBadgeTextColor?.({ color: '#ffffff' });
}
