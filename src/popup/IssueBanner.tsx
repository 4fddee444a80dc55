import browser from '../shared/browser';
import type { IssueAction } from '../shared/issues';
import { MSG } from '../shared/messages';
import type { PopupIssue } from '../shared/popup-model';
import { send } from './use-watch';

interface Props {
  issue: PopupIssue;
  sourceId?: string;
  onCheckNow: () => void;
}

function runAction(action: IssueAction, sourceId: string | undefined, onCheckNow: () => void): Promise<unknown> {
  switch (action) {
    case 'sign-in':
      return send(sourceId ? { type: MSG.openPage, page: 'sign-in', sourceId } : { type: MSG.openPage, page: 'sign-in' });
    case 'open-integrations':
      return send(sourceId ? { type: MSG.openPage, page: 'integrations', sourceId } : { type: MSG.openPage, page: 'integrations' });
    case 'open-options':
      return browser.runtime.openOptionsPage();
    case 'check-now':
      onCheckNow();
      return Promise.resolve();
    case 'resume':
      return send({ type: MSG.resume });
  }
}

export function IssueBanner({ issue, sourceId, onCheckNow }: Props) {
  return (
    <section class={`banner banner-${issue.kind}`} role="status" data-issue={issue.kind}>
      <h2>{issue.title}</h2>
      <p>{issue.advice}</p>
      {issue.message && <p class="muted detail">{issue.message}</p>}
      <button type="button" onClick={() => void runAction(issue.action, sourceId, onCheckNow)}>
        {issue.actionLabel}
      </button>
    </section>
  );
}
