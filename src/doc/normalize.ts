/**
 * Text normalisation shared by ingest (what `Doc.text` is) and by every stage that matches words
 * (the `norm` form). Replacements in `normalizeBody` are one UTF-16 unit for one, after NFC, so
 * offsets computed on the normalised text are final.
 */

const APOSTROPHES = /([\p{L}])[ʼ’'`ʹ′‘]([\p{L}])/gu;
/** an apostrophe other than U+2019: only then can a word-internal one need rewriting */
const OTHER_APOSTROPHE = /[ʼ'`ʹ′‘]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]/;
// eslint-disable-next-line no-control-regex
const CONTROLS_G = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]/g;

/** NFC, unified word-internal apostrophes (U+2019), no NUL or other C0 controls but \n and \t. */
export function normalizeBody(text: string): string {
  let t = text.normalize('NFC');
  // each rewrite runs only when its characters occur (most texts need none of them)
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (CONTROLS.test(t)) t = t.replace(CONTROLS_G, '');
  if (OTHER_APOSTROPHE.test(t)) {
    t = t.replace(APOSTROPHES, '$1\u2019$2');
    t = t.replace(APOSTROPHES, '$1\u2019$2'); // overlapping matches (п’ять’)
  }
  return t;
}

/** The matching form of a word: lower case, ё→е, apostrophes as U+2019. Length is preserved. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[ʼ'`ʹ′‘]/g, '\u2019');
}
