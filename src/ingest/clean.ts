/**
 * The last step of every reader: an article's fields as they may be stored and printed.
 * - No control characters anywhere: ANSI escape sequences (`ESC[31m`, OSC titles) and C0/C1
 *   controls are removed (a terminal printing `stats` or `search` must not obey them); one-line
 *   fields (title, outlet, id, url, lang) also lose their line breaks.
 * - A title that carries markup (`<script>…</script>`, `<b>`) keeps only its text.
 * - A title that is page furniture (`Поиск`, a photo caption `… / © Associated Press`) is none; an
 *   article with no title whose text opens with such furniture takes the headline after it.
 * - The work per article is bounded: a text longer than `maxChars` is cut at the last paragraph or
 *   sentence end before the limit, with a warning naming the input.
 */
import type { RawArticle } from '../doc/model.js';
import { isFurnitureLine, titleAfterFurniture } from './furniture.js';
import { htmlFragmentToText } from './html.js';
import type { IngestItem } from './index.js';

/** A name as it may be printed: control characters (a newline in a file name, ESC) escaped. */
export function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f]/.test(name)
    ? name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))
    : name;
}


// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-character escapes; then C0/C1 controls
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function cleanText(s: string): string {
  if (!ANY_CONTROL.test(s)) return s;
  return s.replace(ANSI, '').replace(CONTROL_TEXT, '');
}

export function cleanLine(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  let t = s;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(t)) t = t.replace(ANSI, '').replace(CONTROL_LINE, ' ');
  t = t.replace(/\s+/g, ' ').trim();
  return t || null;
}

/** A title as text: markup removed (script and style contents with it). */
export function cleanTitle(s: string | null | undefined): string | null {
  const t = cleanLine(s);
  if (!t || !/<[a-zA-Z!/?]/.test(t)) return t;
  try {
    return cleanLine(htmlFragmentToText(t));
  } catch {
    return cleanLine(t.replace(/<[^>]*>/g, ' '));
  }
}

/** The title, unless it is page furniture; else the headline after the furniture the text opens with. */
function articleTitle(title: string | null, text: string): string | null {
  if (title && !isFurnitureLine(title)) return title;
  return titleAfterFurniture(text);
}

/** Where to cut a text of more than `max` characters: a paragraph, sentence or word end before it. */
function cutPoint(text: string, max: number): number {
  const floor = Math.floor(max * 0.8);
  const para = text.lastIndexOf('\n', max);
  if (para >= floor) return para;
  for (let i = max - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if ((c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026) && /\s/.test(text[i + 1] ?? ' ')) return i + 1;
  }
  const space = text.lastIndexOf(' ', max);
  if (space >= floor) return space;
  // no boundary: do not split a surrogate pair
  const c = text.charCodeAt(max - 1);
  return c >= 0xd800 && c <= 0xdbff ? max - 1 : max;
}

export function finish(item: IngestItem, maxChars: number): IngestItem {
  if (!item.ok) return { ...item, error: cleanLine(item.error) ?? item.error };
  const a: RawArticle = item.article;
  let text = cleanText(a.text);
  if (!/[^\s\p{Cf}\p{Cc}]/u.test(text)) {
    const where = item.article.source.item != null && item.input !== '-' && /\.(jsonl|ndjson|json)$/i.test(item.input) ? item.article.source.item : undefined;
    const input = printable(item.input);
    return { ok: false, input: item.input, line: where, error: `${input}${where != null ? `:${where}` : ''}: no visible text (only whitespace, control or invisible format characters)` };
  }
  const warnings = [...(item.warnings ?? [])];
  if (text.length > maxChars) {
    const at = cutPoint(text, maxChars);
    warnings.push(
      `text cut to its first ${at.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters (the analysis limit per article); the rest is not analysed or stored`,
    );
    text = text.slice(0, at).trimEnd();
  }
  const source = { ...a.source };
  if (source.outlet !== undefined) source.outlet = cleanLine(source.outlet);
  if (source.url !== undefined) source.url = cleanLine(source.url) ?? undefined;
  const article: RawArticle = {
    ...a,
    id: a.id === undefined ? undefined : cleanLine(a.id) ?? undefined,
    title: articleTitle(cleanTitle(a.title), text),
    lang: a.lang === undefined ? undefined : cleanLine(a.lang),
    text,
    source,
  };
  if (warnings.length) return { ...item, article, warnings };
  const { warnings: _none, ...rest } = item;
  return { ...rest, article };
}
