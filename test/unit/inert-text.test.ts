import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasControls, inertText } from '../../src/core/inert-text';

// eslint-disable-next-line no-control-regex -- the characters under test
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

describe('inertText', () => {
  it.each([
    { input: '\u202EShop', expected: 'Shop' },
    { input: 'Shop\nState: healthy', expected: 'Shop State: healthy' },
    { input: 'a\r\n\tb', expected: 'a b' },
    { input: 'x\u0085y\u2028z\u2029w', expected: 'x y z w' },
    { input: '\u2066left\u2069 \u202Aembedded\u202C', expected: 'left embedded' },
    { input: 'bell\u0007', expected: 'bell ' },
    { input: 'Zoë 北京 مرحبا', expected: 'Zoë 北京 مرحبا' },
  ])('$input → $expected', ({ input, expected }) => {
    expect(inertText(input)).toBe(expected);
  });

  it('leaves no control or bidi-control character in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = inertText(text);
        expect(CONTROLS.test(out)).toBe(false);
        expect(hasControls(out)).toBe(false);
      }),
    );
  });

  it('changes nothing in text without controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!CONTROLS.test(text) && !/ {2}/.test(text));
        expect(inertText(text)).toBe(text);
        expect(hasControls(text)).toBe(false);
      }),
    );
  });
});
