import { useState } from 'preact/hooks';
import { dueText } from '../core/format';
import { t } from '../core/i18n';
import { MSG } from '../core/messages';
import type { PopupComingUp } from '../core/popup-model';
import { OutageLine } from './OutageLine';
import { ProviderIcon } from './ProviderIcon';
import { StatusNote } from './StatusNote';
import { failureOf, reauthorize, send, supportCase } from './use-watch';

/** One integration a rule expects to stop: when, how sure, and what resets the clock or must be done. */
function ComingUpRow({ row, now }: { row: PopupComingUp; now: number }) {
  const [note, setNote] = useState<string | null>(null);
  const target = { accountId: row.accountId, integrationId: row.id };
  // Every action resolves in every case (send and copyText never reject) and shows its failure.
  const act = async () =>
    setNote(row.action === 'reauthorize' ? await reauthorize(target) : (await supportCase(target)).note);
  const snooze = async () =>
    row.due !== undefined &&
    setNote(failureOf(await send({ type: MSG.snooze, ...target, snooze: { until: row.due } })));
  const when = row.due === undefined ? t('popup_due_unknown') : dueText(row.due, now, row.fixed);
  return (
    <li class={`row due${row.due !== undefined && row.due <= now ? ' overdue' : ''}`} data-integration={row.id}>
      <div class="row-main">
        <ProviderIcon provider={row.provider} kind={row.kind} />
        <bdi class="name">{row.name}</bdi>
        <bdi class="muted provider">{row.accountLabel}</bdi>
      </div>
      <p class="state">
        <strong class="when">{when}</strong> <span class="muted">· {row.confidence}</span>
      </p>
      <p class="muted hint">{row.what}</p>
      {row.outage && <OutageLine outage={row.outage} now={now} ahead />}
      <div class="row-actions">
        <button type="button" data-primary onClick={() => void act()}>
          {row.action === 'reauthorize' ? t('popup_reauthorize_now') : t('popup_support')}
        </button>
        {row.due !== undefined && row.due > now && (
          <button type="button" class="secondary" onClick={() => void snooze()}>
            {t('popup_snooze_until_due')}
          </button>
        )}
      </div>
      {row.action === 'support' && <p class="muted hint">{row.todo}</p>}
      <StatusNote text={note} />
    </li>
  );
}

/** "Coming up": below the problems, the healthy integrations a dated rule expects to stop. */
export function ComingUp({ rows, count, now }: { rows: PopupComingUp[]; count: number; now: number }) {
  if (rows.length === 0) return null;
  return (
    <section class="coming-up" aria-label={t('popup_coming_up')}>
      <h2 class="account-title">{t('popup_coming_up')}</h2>
      <ul class="rows">
        {rows.map((row) => (
          <ComingUpRow key={`${row.accountId}/${row.id}`} row={row} now={now} />
        ))}
      </ul>
      {count > rows.length && <p class="muted">{t('popup_coming_up_more', count - rows.length)}</p>}
    </section>
  );
}
