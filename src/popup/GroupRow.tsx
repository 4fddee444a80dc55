import { useState } from 'preact/hooks';
import { ownTime } from '../core/format';
import { t } from '../core/i18n';
import type { PopupGroup, PopupRow } from '../core/popup-model';
import { ProblemRow } from './ProblemRow';
import { OutageLine } from './OutageLine';
import { ProviderIcon } from './ProviderIcon';
import { StatusNote } from './StatusNote';
import { failureNote } from './use-watch';

interface Props {
  group: PopupGroup;
  /** Its rows, once the full list was read. */
  rows: PopupRow[] | undefined;
  now: number;
  first: boolean;
  escalationHours: number;
  /** Reads the full list; resolves with the reason when it could not, else null. */
  onExpand: () => Promise<string | null>;
}

/** Problems alike in provider, state and error, as one row that expands in place to show each of them. */
export function GroupRow({ group, rows, now, first, escalationHours, onExpand }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const title = t('popup_group', group.count, group.provider, group.stateLabel);
  const toggle = () => {
    if (open || rows) return setOpen(!open);
    // onExpand resolves in every case, with the reason when the list could not be read.
    void onExpand().then((failed) => (failed === null ? setOpen(true) : setNote(failureNote(failed))));
  };
  return (
    <li class={`row group state-${group.state}`} data-group={group.key} tabIndex={first ? 0 : -1} aria-label={title}>
      <div class="row-main">
        <ProviderIcon provider={group.provider} kind={group.kind} />
        <bdi class="name">{title}</bdi>
      </div>
      {group.since !== undefined && <p class="muted state">{t('popup_since', ownTime(group.since, now))}</p>}
      {group.detail && (
        <p class="detail">
          <bdi>{group.detail}</bdi>
        </p>
      )}
      {group.outage && <OutageLine outage={group.outage} now={now} />}
      {group.hint && !group.outage?.holds && <p class="muted hint">{group.hint}</p>}
      <div class="row-actions">
        <button type="button" class="secondary" aria-expanded={open} onClick={toggle}>
          {t(open ? 'popup_group_hide' : 'popup_group_show', group.count)}
        </button>
      </div>
      <StatusNote text={note} />
      {open && rows && (
        <ul class="rows group-rows">
          {rows.map((row) => (
            <ProblemRow key={row.id} row={row} now={now} first={false} escalationHours={escalationHours} />
          ))}
        </ul>
      )}
    </li>
  );
}
