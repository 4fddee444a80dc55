import { useState } from 'preact/hooks';
import { copyText } from '../shared/copy';
import { t } from '../core/i18n';
import { MSG } from '../core/messages';
import { failureNote, send } from './use-watch';
import { StatusNote } from './StatusNote';

/** What was off in MBI's list, though the rest was read, with the diagnostic sample to copy for a report. */
export function AnomalyBanner({
  anomalies,
  accountId,
  pipeline,
}: {
  anomalies: string[];
  accountId: string;
  /** The vendor's name, for an account that is not MBI's. */
  pipeline?: string | undefined;
}) {
  const [note, setNote] = useState<string | null>(null);
  // send and copyText never reject: every outcome ends in the note.
  const copy = async () => {
    const sent = await send({ type: MSG.diagnostic, accountId });
    if (!sent.sent) return setNote(failureNote(sent.reason));
    if (!sent.answer) return setNote(t('options_diagnostic_none'));
    setNote((await copyText(sent.answer)) ? t('options_diagnostic_copied') : t('popup_diagnostic_failed'));
  };
  return (
    <section class="banner banner-anomalies" role="status" data-testid="anomalies">
      <h2>{pipeline ? t('popup_anomalies_title_vendor', pipeline) : t('popup_anomalies_title')}</h2>
      <p>{t('popup_anomalies_advice')}</p>
      <ul class="muted detail">
        {anomalies.map((text, i) => (
          <li key={i}>
            <bdi>{text}</bdi>
          </li>
        ))}
      </ul>
      <button type="button" class="secondary" onClick={() => void copy()}>
        {t('options_diagnostic')}
      </button>
      <StatusNote text={note} />
    </section>
  );
}
