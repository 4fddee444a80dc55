import { useState } from 'preact/hooks';
import browser from '../shared/browser';
import { t, uiLocale } from '../core/i18n';
import { MSG } from '../core/messages';
import type { PopupModel } from '../core/popup-model';
import { StatusNote } from './StatusNote';
import { failureNote, failureOf, reasonOf, send } from './use-watch';

/**
 * Asks, once, for the status pages' hosts (all of them, listed), when a broken integration's provider has
 * one the extension may not read. "Not now" is remembered; the options page can still grant it.
 */
export function StatusAccess({ access }: { access: NonNullable<PopupModel['statusAccess']> }) {
  const [note, setNote] = useState<string | null>(null);
  const list = (items: string[], type: 'disjunction' | 'conjunction') =>
    new Intl.ListFormat(uiLocale(), { type }).format(items);
  const allow = async () => {
    try {
      // The worker hears of a grant (permissions.onAdded) and reads the pages then.
      if (!(await browser.permissions.request({ origins: access.origins }))) setNote(t('options_status_not_changed'));
    } catch (error) {
      setNote(failureNote(reasonOf(error)));
    }
  };
  const notNow = async () => setNote(failureOf(await send({ type: MSG.declineStatus })));
  return (
    <div class="banner banner-info" role="region" aria-label={t('options_status_title')} data-testid="status-access">
      <p>{t('popup_status_access', list(access.sources, 'disjunction'), list(access.hosts, 'conjunction'))}</p>
      <div class="row-actions">
        <button type="button" data-primary onClick={() => void allow()}>
          {t('popup_status_allow')}
        </button>
        <button type="button" class="secondary" onClick={() => void notNow()}>
          {t('popup_status_not_now')}
        </button>
      </div>
      <StatusNote text={note} />
    </div>
  );
}
