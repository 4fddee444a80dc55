import { useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t } from '../core/i18n';
import { failureNote, reasonOf } from './use-watch';
import { StatusNote } from './StatusNote';

/**
 * Before the worker has written a model (just after install): the set-up prompt when no account exists,
 * else that the accounts are being checked for the first time. Never an empty page while it waits.
 */
export function FirstRun({ accounts }: { accounts: string[] }) {
  const [note, setNote] = useState<string | null>(null);
  const openOptions = () =>
    void browser.runtime.openOptionsPage().then(
      () => setNote(null),
      (error: unknown) => setNote(failureNote(reasonOf(error))),
    );
  if (accounts.length > 0) {
    return (
      <p class="first-check" role="status">
        <span class="spinner" aria-hidden="true" /> {t('popup_first_check', accounts.join(', '))}
      </p>
    );
  }
  return (
    <section class="banner" role="status" data-testid="setup">
      <h2>{t('issue_not_configured_title')}</h2>
      <p>{t('popup_setup')}</p>
      <button type="button" onClick={openOptions}>
        {t('issue_action_open_options')}
      </button>
      <StatusNote text={note} />
    </section>
  );
}
