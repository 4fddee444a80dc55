import { ownTime } from '../core/format';
import { t, type MessageKey } from '../core/i18n';
import type { PopupOutage } from '../core/popup-model';

const SAYS: Readonly<Record<PopupOutage['kind'], MessageKey>> = {
  incident: 'popup_outage_incident',
  component: 'popup_outage_component',
  maintenance: 'popup_outage_maintenance',
};

/** What a status page reports, in a sentence; the title is the page's own words, shown as text. */
export function OutageLine({
  outage,
  now,
  ahead,
  onOpen,
}: {
  outage: PopupOutage;
  now: number;
  /** For an integration due soon rather than broken. */
  ahead?: boolean;
  onOpen?: () => void;
}) {
  const said = t(
    outage.mbi && outage.kind !== 'maintenance' ? 'popup_outage_mbi' : SAYS[outage.kind],
    outage.source,
    '\u0000',
  );
  const [before, after = ''] = said.split('\u0000');
  return (
    <p class={`outage outage-${outage.kind}`} data-cause={outage.internal ? 'internal' : undefined} role="note">
      {outage.internal && `${t('popup_cause', t('popup_cause_internal'))} `}
      {before}
      <bdi class="outage-title">{outage.title}</bdi>
      {after}
      {outage.since !== undefined && ` ${t('popup_outage_since', ownTime(outage.since, now))}`}.
      {outage.holds && ` ${t(ahead ? 'popup_outage_ahead' : 'popup_outage_wait')}`}
      {onOpen && (
        <>
          {' '}
          <button type="button" class="link" onClick={onOpen}>
            {t('popup_outage_link')}
          </button>
        </>
      )}
    </p>
  );
}
