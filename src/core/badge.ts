// Pure: what the toolbar badge says for a view: its text, colour and tooltip.
import { plural, t } from './i18n';
import { isolate } from './inert-text';
import { ISSUES, PROBLEM_COLOR } from './issues';
import type { WatchView } from './view';

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
