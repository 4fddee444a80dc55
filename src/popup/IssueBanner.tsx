import { useState } from 'preact/hooks';
import browser from '../shared/browser';
import type { IssueAction } from '../core/issues';
import { MSG } from '../core/messages';
import type { PopupIssue } from '../core/popup-model';
import { failureNote, failureOf, reasonOf, send } from './use-watch';
import { StatusNote } from './StatusNote';

interface Props {
  issue: PopupIssue;
  accountId?: string;
  onCheckNow: () => void;
}

/** Runs the banner's action; resolves with what to tell the admin when it did not work, else null. */
async function runAction(
  action: IssueAction,
  accountId: string | undefined,
  onCheckNow: () => void,
): Promise<string | null> {
  switch (action) {
    case 'sign-in':
      return failureOf(
        await send(
          accountId ? { type: MSG.openPage, page: 'sign-in', accountId } : { type: MSG.openPage, page: 'sign-in' },
        ),
      );
    case 'open-integrations':
      return failureOf(
        await send(
          accountId
            ? { type: MSG.openPage, page: 'integrations', accountId }
            : { type: MSG.openPage, page: 'integrations' },
        ),
      );
    case 'open-options':
      return browser.runtime.openOptionsPage().then(
        () => null,
        (error: unknown) => failureNote(reasonOf(error)),
      );
    case 'check-now':
      // Check now shows its own outcome (Checking…, then the result or the interrupted note).
      onCheckNow();
      return null;
    case 'resume':
      return failureOf(await send({ type: MSG.resume }));
  }
}

export function IssueBanner({ issue, accountId, onCheckNow }: Props) {
  const [note, setNote] = useState<string | null>(null);
  // runAction resolves in every case, with the failure to show.
  const act = () => void runAction(issue.action, accountId, onCheckNow).then(setNote);
  return (
    <section class={`banner banner-${issue.kind}`} role="status" data-issue={issue.kind}>
      <h2>{issue.title}</h2>
      <p>{issue.advice}</p>
      {issue.message && (
        <p class="muted detail">
          <bdi>{issue.message}</bdi>
        </p>
      )}
      <button type="button" onClick={act}>
        {issue.actionLabel}
      </button>
      <StatusNote text={note} />
    </section>
  );
}
