import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it, vi } from 'vitest';
import { absoluteTime, relativeTime } from '../../src/core/format';
import { plural, t, uiLocale } from '../../src/core/i18n';

const NOW = Date.UTC(2026, 10, 27, 12, 0);
const MINUTE = 60_000;

describe('relativeTime', () => {
  it.each([
    { ago: 0, locale: 'en', expected: 'now' },
    { ago: 40_000, locale: 'en', expected: '40 seconds ago' },
    { ago: 5 * MINUTE, locale: 'en', expected: '5 minutes ago' },
    { ago: 24 * 60 * MINUTE, locale: 'en', expected: 'yesterday' },
    { ago: 5 * MINUTE, locale: 'de', expected: 'vor 5 Minuten' },
    { ago: 24 * 60 * MINUTE, locale: 'de', expected: 'gestern' },
  ])('$ago ms ago in $locale → "$expected"', ({ ago, locale, expected }) => {
    expect(relativeTime(NOW - ago, NOW, locale)).toBe(expected);
    // Again from the kept formatter, in between another language's.
    relativeTime(NOW, NOW, locale === 'en' ? 'de' : 'en');
    expect(relativeTime(NOW - ago, NOW, locale)).toBe(expected);
  });
});

describe('absoluteTime', () => {
  it('writes the date in the order of the locale', () => {
    const at = Date.UTC(2026, 0, 15, 9, 30);
    expect(absoluteTime(at, 'en-US')).toContain('Jan 15, 2026');
    expect(absoluteTime(at, 'de')).toContain('15.01.2026');
    expect(absoluteTime(at, 'en-US')).toContain('Jan 15, 2026');
  });
});

describe('the language of the messages', () => {
  it('is looked up once for a page however many numbers and times it formats', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-AU');
    const lookups = vi.spyOn(fakeBrowser.i18n, 'getMessage');
    for (let i = 0; i < 50; i++) {
      relativeTime(NOW - i * MINUTE, NOW);
      t('badge_account', 'Main store', i, 20_000);
      plural('badge_problems', i);
    }
    expect(uiLocale()).toBe('en-AU');
    expect(lookups.mock.calls.filter(([name]) => name === 'app_lang')).toHaveLength(1);
  });

  it('follows the browser into German, with German numbers and plurals', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('de-CH');
    expect(uiLocale()).toBe('de-CH');
    expect(relativeTime(NOW - 5 * MINUTE, NOW)).toBe('vor 5 Minuten');
    expect(plural('badge_problems', 1)).toBe('Handlungsbedarf bei 1 Integration');
  });
});
