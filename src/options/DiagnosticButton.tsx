import { useState } from 'preact/hooks';
import { send } from '../shared/send';
import { copyText } from '../shared/copy';
import { t } from '../core/i18n';
import { MSG } from '../core/messages';

/** Copies the shape of MBI's last answer for this account, which the worker keeps (no values in it). */
export function DiagnosticButton({ accountId }: { accountId: string }) {
  const [note, setNote] = useState<string | null>(null);
  const copy = async () => {
    const sent = await send({ type: MSG.diagnostic, accountId });
    const sample = sent.sent ? sent.answer : null;
    if (!sample) return setNote(t('options_diagnostic_none'));
    setNote((await copyText(sample)) ? t('options_diagnostic_copied') : t('popup_copy_failed'));
  };
  return (
    <span class="diagnostic">
      <button
        type="button"
        class="secondary"
        onClick={() => {
          copy().catch((error: unknown) =>
            setNote(t('options_request_failed', error instanceof Error ? error.message : String(error))),
          );
        }}
      >
        {t('options_diagnostic')}
      </button>
      {note && (
        <span role="status" class="muted">
          {' '}
          {note}
        </span>
      )}
    </span>
  );
}
