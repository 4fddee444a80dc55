// Pure: what the toolbar badge says for a view: its text, colour and tooltip.
import { dueText } from './format';
import { plural, t } from './i18n';
import { isolate } from './inert-text';
import { ISSUES, issueTexts, PROBLEM_COLOR } from './issues';
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
    const issue = a.issue ? ` — ${issueTexts(a.issue.kind, a.issue.pipeline).title}` : '';
    // Plain text: the label is isolated so that a right-to-left one cannot reorder the counts after it.
    return `${t('badge_account', isolate(a.account.label), a.problems.length, a.total)}${issue}`;
  });
}

/** The amber of a credential that is due soon: apart from the red of a break. */
export const DUE_SOON_COLOR = '#b45309';

/** "Due soon: Adobe Analytics (Main store), in 2 days, Dec 2" per integration, soonest first. */
function dueLines(view: WatchView, now: number): string[] {
  if (view.dueSoonCount === 0) return [];
  const items = view.accounts.flatMap((a) =>
    a.comingUp
      .filter((c) => c.dueSoon && c.prediction.due !== undefined)
      .map((c) => {
        const when = dueText(c.prediction.due ?? now, now, c.prediction.rule.kind === 'fixed');
        return `  ${isolate(c.integration.name)} (${isolate(a.account.label)}): ${when}`;
      }),
  );
  return [plural('badge_due_soon', view.dueSoonCount), ...items];
}

export function badgeFor(view: WatchView, now = Date.now()): Badge {
  const lines = [...accountLines(view), ...dueLines(view, now)];
  const name = t('app_name');
  if (view.issue) {
    const info = ISSUES[view.issue.kind];
    const { title } = issueTexts(view.issue.kind, view.issue.pipeline);
    const where = view.issue.label ? ` (${isolate(view.issue.label)})` : '';
    return { text: info.badge, color: info.color, title: [`${name}: ${title}${where}`, ...lines].join('\n') };
  }
  if (view.problemCount > 0) {
    const title = `${name}: ${plural('badge_problems', view.problemCount)}`;
    return { text: countText(view.problemCount), color: PROBLEM_COLOR, title: [title, ...lines].join('\n') };
  }
  if (view.dueSoonCount > 0) {
    const title = `${name}: ${plural('badge_due_soon', view.dueSoonCount)}`;
    return { text: '!', color: DUE_SOON_COLOR, title: [title, ...lines].join('\n') };
  }
  return { text: '', color: PROBLEM_COLOR, title: [`${name}: ${t('badge_all_healthy')}`, ...lines].join('\n') };
}
