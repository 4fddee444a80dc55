import { useState } from 'preact/hooks';
import { likelyCause } from '../shared/causes';
import { relativeTime, stateLabel } from '../shared/format';
import { ADOBE_STATUS_URL, reauthHint, SUPPORT_URL } from '../shared/links';
import { MSG } from '../shared/messages';
import { copyText, openPages } from '../shared/open-pages';
import type { Settings } from '../shared/settings';
import { supportSummary } from '../shared/support-summary';
import type { Integration } from '../shared/types';
import type { Verification } from '../shared/verification';
import type { AccountView } from '../shared/view';
import { CauseLine } from './CauseLine';
import { primaryAction } from './primary-action';
import { ProviderIcon } from './ProviderIcon';
import { SnoozeMenu } from './SnoozeMenu';
import { send } from './use-watch';
import { t } from '../shared/i18n';

interface Props {
  integration: Integration;
  account: AccountView;
  settings: Settings;
  now: number;
  verification: Verification | undefined;
  /** The first row takes part in the tab order; arrows reach the others. */
  first: boolean;
}

export function ProblemRow({ integration, account, settings, now, verification, first }: Props) {
  const { source } = account;
  const [copied, setCopied] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const action = primaryAction(integration);
  const escalated = integration.since !== undefined && now - integration.since >= settings.escalationHours * 3_600_000;
  const supportFirst = escalated || verification?.result === 'still-failing';
  const cause = likelyCause(integration, account);

  const reauthorize = async () => {
    const answer = (await send({ type: MSG.reauthorize, sourceId: source.id, integrationId: integration.id })) as { ok?: boolean } | undefined;
    if (!answer?.ok) setNote(t('popup_not_allowed'));
  };

  const openSupport = async () => {
    const input = { source, integration, now: Date.now() };
    const summary = supportSummary(verification ? { ...input, reauthorizedAt: verification.startedAt } : input);
    const ok = await copyText(summary);
    setCopied(ok ? summary : null);
    setNote(ok ? t('popup_copied') : t('popup_copy_failed'));
    await openPages([SUPPORT_URL], settings);
  };

  const reauthButton = (
    <button type="button" class={supportFirst ? 'secondary' : ''} data-primary={supportFirst ? undefined : true} onClick={() => void reauthorize()}>
      {action.label}
    </button>
  );
  const supportButton = (
    <button type="button" class={supportFirst ? '' : 'secondary'} data-primary={supportFirst ? true : undefined} onClick={() => void openSupport()}>
      {t('popup_support')}
    </button>
  );

  return (
    <li class={`row state-${integration.state}`} data-integration={integration.id} tabIndex={first ? 0 : -1}
      aria-label={`${integration.name}, ${integration.provider}, ${stateLabel(integration)}`}>
      <div class="row-main">
        <ProviderIcon provider={integration.provider} kind={integration.kind} />
        <span class="name">{integration.name}</span>
        <span class="muted provider">{integration.provider}</span>
      </div>
      <p class="state">
        <strong>{stateLabel(integration)}</strong>
        {integration.since !== undefined && (
          <span class="muted"> · {t(integration.firstSeen ? 'popup_noticed' : 'popup_since', relativeTime(integration.since, now))}</span>
        )}
      </p>
      {integration.detail && <p class="detail">{integration.detail}</p>}
      {cause && <CauseLine finding={cause} now={now} />}
      {verification && <p class={`verify verify-${verification.result ?? 'pending'}`} role="status">{verificationText(verification, now)}</p>}
      {escalated && <p class="escalated">{t('popup_escalated', settings.escalationHours)}</p>}
      <p class="muted hint">{action.hint ?? reauthHint(integration)}</p>
      <div class="row-actions">
        {supportFirst ? [supportButton, reauthButton] : [reauthButton, supportButton]}
        <button type="button" class="link" onClick={() => void openPages([ADOBE_STATUS_URL], settings)}>{t('popup_adobe_status')}</button>
        <SnoozeMenu sourceId={source.id} integration={integration} />
      </div>
      {note && <p class="muted note" role="status">{note}</p>}
      {copied && (
        <details class="copied" open>
          <summary>{t('popup_what_copied')}</summary>
          <pre>{copied}</pre>
        </details>
      )}
    </li>
  );
}

function verificationText(v: Verification, now: number): string {
  if (v.result === 'still-failing') return t('popup_still_failing', relativeTime(v.checkedAt ?? now, now));
  if (v.result === 'fixed') return t('popup_verify_fixed');
  return t('popup_verify_pending');
}
