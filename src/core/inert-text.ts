// Pure: text from outside (MBI, a settings file, another computer) made inert before anyone reads it.
// Line breaks and other controls (C0, C1, U+2028/U+2029) would add lines to a support summary or a
// notification; bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) would reorder
// what is shown after them. Both are taken out; each run of whitespace they leave becomes one space.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const LINE_LIKE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** Anything the replacements below would change: most text has none, and is returned as it came. */
// eslint-disable-next-line no-control-regex -- as above
const ANY_CHANGE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]| {2}/;

/** `text` without control or bidi-control characters; a control that separated words leaves a space. */
export function inertText(text: string): string {
  if (!ANY_CHANGE.test(text)) return text;
  return text.replace(BIDI_CONTROLS, '').replace(LINE_LIKE, ' ').replace(/ {2,}/g, ' ');
}

/** True when `text` holds a character that inertText() would take out. */
export function hasControls(text: string): boolean {
  return new RegExp(LINE_LIKE.source).test(text) || new RegExp(BIDI_CONTROLS.source).test(text);
}

/**
 * `text` made inert and isolated for plain text (a tooltip, a notification), where no `<bdi>` exists:
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE keep a right-to-left name from reordering what follows.
 */
export function isolate(text: string): string {
  return `\u2068${inertText(text)}\u2069`;
}
