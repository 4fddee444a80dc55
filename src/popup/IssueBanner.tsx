import browser from '../shared/browser';
import { ISSUES, type IssueAction } from '../shared/issues';
import { integrationsPageUrl, signInUrl } from '../shared/links';
import type { Settings, SourceSettings } from '../shared/settings';
import { saveSettings } from '../shared/storage';
import type { AccountIssue } from '../shared/view';
import { openPages } from '../shared/open-pages';

interface Props {
  issue: AccountIssue;
  settings: Settings;
  source?: SourceSettings;
  onCheckNow: () => void;
}

function runAction(action: IssueAction, settings: Settings, source: SourceSettings | undefined, onCheckNow: () => void): Promise<unknown> {
  switch (action) {
    case 'sign-in':
      return source ? openPages([signInUrl(source)], settings) : Promise.resolve();
    case 'open-integrations':
      return source ? openPages([integrationsPageUrl(source)], settings) : Promise.resolve();
    case 'open-options':
      return browser.runtime.openOptionsPage();
    case 'check-now':
      onCheckNow();
      return Promise.resolve();
    case 'resume':
      return saveSettings({ ...settings, paused: false });
  }
}

export function IssueBanner({ issue, settings, source, onCheckNow }: Props) {
  const info = ISSUES[issue.kind];
  return (
    <section class={`banner banner-${issue.kind}`} role="status" data-issue={issue.kind}>
      <h2>{info.title}</h2>
      <p>{info.advice}</p>
      {issue.message !== info.advice && <p class="muted detail">{issue.message}</p>}
      <button type="button" onClick={() => void runAction(info.action, settings, source, onCheckNow)}>
        {info.actionLabel}
      </button>
    </section>
  );
}
