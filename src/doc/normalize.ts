/**
 * Text normalisation shared by ingest (what `Doc.text` is) and by every stage that matches words
 * (the `norm` form). `normalizeBody` keeps the text as the source gives it but for NFC, line ends and
 * control characters, so evidence spans quote the source (`L'Express`, `Trump's`, `прем'єр`); the
 * variants of the apostrophe are unified only in the matching form (`fold`, tokens' `norm`).
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]/;
// eslint-disable-next-line no-control-regex
const CONTROLS_G = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]/g;

/** NFC, \n line ends, no NUL or other C0 controls but \n and \t; apostrophes as the source wrote them. */
export function normalizeBody(text: string): string {
  let t = text.normalize('NFC');
  // each rewrite runs only when its characters occur (most texts need none of them)
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  if (CONTROLS.test(t)) t = t.replace(CONTROLS_G, '');
  return t;
}

/** The matching form of a word: lower case, ё→е, apostrophes as U+2019. Length is preserved. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[ʼ'`ʹ′‘]/g, '\u2019');
}
