import { readFileSync } from 'node:fs';
import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { plural, t, uiLocale, type MessageKey } from '../../src/core/i18n';
import { ISSUES } from '../../src/core/issues';

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;

function load(lang: string): Messages {
  return JSON.parse(
    readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'),
  ) as Messages;
}

const en = load('en');
const de = load('de');

/** German messages that are rightly the same as the English ones: names and words German shares. */
const SAME_IN_GERMAN = new Set(['app_name', 'options_name']);

const PREFIXES = [
  'app',
  'command',
  'issue',
  'state',
  'provider',
  'badge',
  'notify',
  'test',
  'validate',
  'backup',
  'options',
  'popup',
  'rule',
  'confidence',
  'status',
];

/** $1–$9 and $name$ placeholders a message uses, sorted. */
function substitutions(message: string): string[] {
  return [...message.matchAll(/\$(?:[1-9]|\w+\$)/g)].map((m) => m[0]).sort();
}

function inGerman(): void {
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de');
}

describe('the message files', () => {
  it('have the same keys in English and German', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s: German uses the same substitutions as English', (key) => {
    expect(substitutions(de[key]?.message ?? '')).toEqual(substitutions(en[key]?.message ?? ''));
  });

  it('translate every message into German, except names listed as the same', () => {
    const same = Object.keys(en).filter((key) => de[key]?.message === en[key]?.message);
    expect(same.sort()).toEqual([...SAME_IN_GERMAN].sort());
  });

  it('name messages with letters, digits and _ only, under a known prefix', () => {
    const bad = Object.keys(en).filter(
      (key) => !/^[a-zA-Z0-9_]+$/.test(key) || !PREFIXES.includes(key.split('_')[0] ?? ''),
    );
    expect(bad).toEqual([]);
  });

  it('write a literal dollar sign as $$, since Chrome drops a "$" before any other character', () => {
    const stray = [...Object.entries(en), ...Object.entries(de)].filter(([, m]) =>
      /\$(?![1-9$])/.test(m.message.replace(/\$\$|\$\w+\$/g, '')),
    );
    expect(stray.map(([key]) => key)).toEqual([]);
  });

  it('keep the short description within the 132 characters the Chrome Web Store shows, in every language', () => {
    for (const messages of [en, de])
      expect([...(messages.app_description?.message ?? '')].length).toBeLessThanOrEqual(132);
  });

  it('have both plural forms wherever one exists', () => {
    const forms = Object.keys(en).filter((key) => /_(one|other)$/.test(key));
    const lonely = forms.filter(
      (key) => !(key.replace(/_(one|other)$/, (_, f: string) => (f === 'one' ? '_other' : '_one')) in en),
    );
    expect(lonely).toEqual([]);
  });
});

describe('t', () => {
  it('returns the English message', () => {
    expect(t('options_save_account')).toBe('Save account');
  });

  it('fills $1 and $2, and formats numbers in the language of the messages', () => {
    expect(t('options_whole_hours', 1, 720)).toBe('Enter whole hours from 1 to 720.');
    expect(t('options_account_summary', '194', 'https://dashboard.rjmetrics.com')).toBe(
      'client 194 · https://dashboard.rjmetrics.com',
    );
    expect(t('badge_account', 'Main store', 12_345, 20_000)).toBe('Main store: 12,345 of 20,000 need attention');
  });

  it('answers in German when the browser does', () => {
    inGerman();
    expect(t('options_whole_hours', 1, 720)).toBe('Geben Sie ganze Stunden von 1 bis 720 ein.');
    expect(t('badge_account', 'Hauptshop', 12_345, 20_000)).toBe('Hauptshop: Handlungsbedarf bei 12.345 von 20.000');
    expect(ISSUES['signed-out'].title).toBe('Von MBI abgemeldet');
  });

  it('does not read "$1" inside a substituted value as a placeholder', () => {
    expect(t('state_unknown', '$2 $$')).toBe('Unknown status "$2 $$"');
  });

  it('falls back to the key, never to an empty text, and logs no substitution', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(t('no_such_message' as MessageKey, 'secret-key-123')).toBe('no_such_message');
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(() => {
      throw new Error('too many substitutions');
    });
    expect(t('options_saved')).toBe('options_saved');
    expect(warn.mock.calls.flat().join(' ')).not.toContain('secret-key-123');
  });
});

describe('plural', () => {
  it.each([
    { count: 0, english: '0 integrations need attention', german: 'Handlungsbedarf bei 0 Integrationen' },
    { count: 1, english: '1 integration needs attention', german: 'Handlungsbedarf bei 1 Integration' },
    { count: 2, english: '2 integrations need attention', german: 'Handlungsbedarf bei 2 Integrationen' },
  ])('$count → "$english", "$german"', ({ count, english, german }) => {
    expect(plural('badge_problems', count)).toBe(english);
    inGerman();
    expect(plural('badge_problems', count)).toBe(german);
  });
});

describe('uiLocale', () => {
  it.each([
    { ui: 'en-GB', expected: 'en-GB' },
    { ui: 'de-AT', expected: 'de-AT' },
    { ui: 'fr-FR', expected: 'en' },
  ])('is $expected when the browser speaks $ui', ({ ui, expected }) => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(ui);
    expect(uiLocale()).toBe(expected);
  });
});
