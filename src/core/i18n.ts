// Every user-visible string goes through t(): messages live in public/_locales/<lang>/messages.json.
// Substitutions are written $1…$9 in a message; a literal dollar sign is $$.
import type en from '../../public/_locales/en/messages.json';

/** A message name; the English file is the list (a type-only import, so nothing of it is bundled). */
export type MessageKey = keyof typeof en;

/** A key base `b` for which both `b_one` and `b_other` exist. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer B}_one` ? (`${B}_other` extends MessageKey ? B : never) : never;
}[MessageKey];

// chrome.i18n rather than the polyfill: both calls are synchronous, and the polyfill throws when imported
// outside an extension, which would break the Node scripts and tests that import issues.ts or providers.ts.
function i18n(): typeof chrome.i18n | undefined {
  return (globalThis as { chrome?: typeof chrome }).chrome?.i18n;
}

/** The message in the browser's language (English where it has none), or the key itself: never blank. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const api = i18n();
  if (!api) return key;
  const texts = subs.map((s) => (typeof s === 'number' ? formatNumber(s) : s));
  let message: string | undefined;
  try {
    message = api.getMessage(key, texts);
  } catch {
    message = undefined;
  }
  if (message) return message;
  // Only the key: substitutions may hold account names or hosts.
  console.warn(`No message "${key}"`);
  return key;
}

/** `${base}_one` or `${base}_other` for `count` by the language's plural rules, with `count` as $1. */
export function plural(base: PluralKey, count: number, ...subs: (string | number)[]): string {
  const form = pluralRules(uiLocale()).select(count) === 'one' ? 'one' : 'other';
  return t(`${base}_${form}`, count, ...subs);
}

// Keyed by the UI language, which cannot change while a page or worker lives: one lookup per lifetime.
const localeByUi = new Map<string, string>();

/**
 * The locale to format dates, numbers and plurals in: the browser's UI language when the messages are in
 * it (so "en-GB" keeps its date order), else the language the messages fall back to. Chrome can report a
 * UI language other than the one whose messages it serves, and a plural form must match the text.
 */
export function uiLocale(): string {
  const api = i18n();
  if (!api) return 'en';
  const ui = api.getUILanguage();
  let locale = localeByUi.get(ui);
  if (locale === undefined) {
    const shown = t('app_lang');
    locale = ui.split('-')[0] === shown ? ui : shown;
    localeByUi.set(ui, locale);
  }
  return locale;
}

/** `make(locale)` made once per locale: building an Intl formatter costs far more than using one. */
export function perLocale<T>(make: (locale: string) => T): (locale: string) => T {
  const made = new Map<string, T>();
  return (locale) => {
    let value = made.get(locale);
    if (value === undefined) {
      value = make(locale);
      made.set(locale, value);
    }
    return value;
  };
}

const pluralRules = perLocale((locale) => new Intl.PluralRules(locale));
// 'min2': 1000 stays "1000", 10000 becomes "10,000" / "10.000" (German style groups from five digits).
const numberFormat = perLocale((locale) => new Intl.NumberFormat(locale, { useGrouping: 'min2' }));

/** 1000, 10,000 (10.000 in German): as counts read in the messages. */
export function formatNumber(n: number): string {
  return numberFormat(uiLocale()).format(n);
}
