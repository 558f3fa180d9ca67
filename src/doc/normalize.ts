/**
 * Text normalisation shared by ingest (what `Doc.text` is) and by every stage that matches words
 * (the `norm` form). Replacements in `normalizeBody` are one UTF-16 unit for one, after NFC, so
 * offsets computed on the normalised text are final.
 */

const APOSTROPHES = /([\p{L}])[ʼ’'`ʹ′‘]([\p{L}])/gu;

/** NFC, unified word-internal apostrophes (U+2019), no NUL or other C0 controls but \n and \t. */
export function normalizeBody(text: string): string {
  let t = text.normalize('NFC');
  t = t.replace(/\r\n?/g, '\n');
  // eslint-disable-next-line no-control-regex
  t = t.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]/g, '');
  t = t.replace(APOSTROPHES, '$1\u2019$2');
  t = t.replace(APOSTROPHES, '$1\u2019$2'); // overlapping matches (п’ять’)
  return t;
}

/** The matching form of a word: lower case, ё→е, apostrophes as U+2019. Length is preserved. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[ʼ'`ʹ′‘]/g, '\u2019');
}
