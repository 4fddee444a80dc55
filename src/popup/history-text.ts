// The row's history line in the popup's language: "Broken 3 times in 30 days; last fixed Nov 2".
import { perLocale, plural, uiLocale } from '../core/i18n';
import type { PopupRow } from '../core/popup-model';

// Here rather than in format.ts, which the worker shares and has no use for it.
const dayFormat = perLocale((locale) => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }));

export function historyText({ breaks, lastFixedAt }: NonNullable<PopupRow['history']>): string {
  return lastFixedAt === undefined
    ? plural('popup_history', breaks)
    : plural('popup_history_fixed', breaks, dayFormat(uiLocale()).format(lastFixedAt));
}
