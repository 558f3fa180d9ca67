/**
 * Tokenizer and sentence splitter for ru / uk / en news: one pass of char-code scanning over the
 * text (sticky regular expressions only where a URL, e-mail or domain may start), then one pass
 * over the tokens to place sentence boundaries.
 *
 * Token conventions (what later stages can rely on):
 * - words keep inner hyphens, apostrophes and underscores (`пресс-секретарь`, `Нью-Йорк`, `п’ятий`,
 *   `O'Neill`, `COVID-19`, `Су-57`, `1-й`, `EP_President`); a hyphen between two numbers is its own
 *   token (`2020`, `-`, `2021`); the English possessive is split off (`Trump`, `’s`);
 * - a number glued to a known abbreviation is two tokens (`1933г.` -> `1933`, `г.`);
 * - an abbreviation or an initial is one token WITH its period (`г.`, `руб.`, `т.`, `е.`, `В.`,
 *   `Дж.`, `U.S.`, `т.д.`); its `kind` is `word`;
 * - numbers keep separators between digits (`10.02.2026`, `2026-02-05`, `3,5`, `12:30`) and thousands groups
 *   separated by a space (`12 100`, `1 000 000`); kind `number` (also `90-х`, `1-й`);
 * - every quote mark, bracket and dash is its own `punct` token; `...`, `?!`, `!!!` are one token;
 * - URLs (`https://...`, `www...`, `INTERFAX.RU`, `rbc.ru/...`) are `url`, e-mails `email`;
 * - `% $ € № + =` and other symbols are `symbol`;
 * - `norm` is `fold(text)`, except that a soft hyphen or zero-width joiner inside a word is dropped
 *   from it (`пере\u00adговоры` -> `переговоры`), so it may then be shorter than `text`.
 *
 * Sentences: a line break ends a sentence (so a heading line is its own sentence), except a single
 * break inside a hard-wrapped sentence (a word or comma, then a lower-case word); `. ! ? …`
 * end one when the next token starts a sentence (a capital letter, a digit, an opening quote or
 * bracket, a dash followed by a capital); closing quotes and brackets right after the final mark
 * stay in the sentence (`?»`, `."`); initials and abbreviations of the `prefix` class never end one;
 * `numeric` abbreviations (`г.`, `р.`) end one only after a number that does not open the sentence;
 * `?»` / `!"` followed by a dash and a lower-case word (`— сказал он`), or in English by a name and a
 * speech verb, continue it; a dateline `Москва. 10 февраля.` is not split; a list bullet starts an item.
 * Sentences inside quotes are split only where the quoted text itself has a sentence end.
 */
import type { Sentence, Token, TokenKind } from '../../doc/model.js';
import { fold } from '../../doc/normalize.js';
import { abbrTable, type AbbrTable } from './abbr.js';

// ---- character classes -------------------------------------------------------------------------

const LETTER_RE = /[\p{L}\p{M}]/u;
const SYMBOL_RE = /\p{S}/u;
const UPPER_RE = /\p{Lu}/u;

function isLetterCode(c: number, text: string, i: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
  if (c >= 0x410 && c <= 0x44f) return true; // А-я
  if (c >= 0x400 && c <= 0x52f) return c < 0x482 || c > 0x489; // rest of Cyrillic (not ҂ and combining signs)
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c === 0x2bc) return false; // ʼ is an apostrophe here
  if (c >= 0xd800 && c <= 0xdbff) {
    const cp = text.codePointAt(i)!;
    return LETTER_RE.test(String.fromCodePoint(cp));
  }
  return LETTER_RE.test(text[i]);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x2009 || c === 0x202f ||
    c === 0x2007 || c === 0x2002 || c === 0x2003 || c === 0x200b || c === 0x3000 || c === 0x0b || c === 0x0c ||
    c === 0x2028 || c === 0x2029 || c === 0x85;
}

/** apostrophes that may join two letters into one word */
function isApostrophe(c: number): boolean {
  return c === 0x2019 || c === 0x27 || c === 0x2bc || c === 0x60 || c === 0x2b9 || c === 0x2032 || c === 0x2018;
}

/** hyphens that may join two parts of one word */
function isHyphen(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011;
}

function isUpperAt(s: string, i = 0): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x410 && c <= 0x42f) return true;
  if (c >= 0x430 && c <= 0x44f) return false;
  if (c >= 0x61 && c <= 0x7a) return false;
  return UPPER_RE.test(String.fromCodePoint(s.codePointAt(i) ?? 0));
}

// ---- token-level regular expressions (sticky) ------------------------------------------------

const URL_RE = /(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"«»\u201c\u201d]+/iy;
const EMAIL_RE = /[\p{L}\d][\p{L}\d._%+-]{0,63}@[\p{L}\d-]{1,63}(?:\.[\p{L}\d-]{1,63}){0,4}\.\p{L}{2,12}/uy;
// a bare domain with a known TLD: `INTERFAX.RU`, `rbc.ru/politics/...`, `ria.ru`, `слово.укр`
// (label lengths and counts are bounded so hostile input like `a.a.a.a...` stays linear)
const DOMAIN_RE =
  /[\p{L}\d][\p{L}\d-]{0,62}(?:\.[\p{L}\d-]{1,63}){0,4}\.(?:ru|ua|com|org|net|info|gov|edu|eu|uk|us|de|fr|it|pl|by|kz|su|io|tv|news|media|online|рф|укр)(?![\p{L}\d])(?:\/[^\s<>"«»\u201c\u201d]*)?/iuy;
// dotted letter abbreviations without spaces: `U.S.`, `т.д.`, `e.g.`
const DOTTED_RE = /(?:\p{L}{1,3}\.){2,4}/uy;

/** trailing characters never part of a URL */
function trimUrlEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const ch = text[end - 1];
    if ('.,;:!?…'.includes(ch)) end--;
    else if (ch === ')' && !text.slice(start, end - 1).includes('(')) end--;
    else if (ch === '\u2019' || ch === "'") end--;
    else break;
  }
  return end;
}

// ---- tokenizer ---------------------------------------------------------------------------------

export interface TokenizeOptions {
  /** document language: chooses whose abbreviation classification wins */
  lang?: string;
}

/** `-MM-DD` at j (after a 4-digit year), not followed by another digit */
function isIsoDateTail(text: string, j: number): boolean {
  return (
    isDigit(text.charCodeAt(j + 1)) && isDigit(text.charCodeAt(j + 2)) && isHyphen(text.charCodeAt(j + 3)) &&
    isDigit(text.charCodeAt(j + 4)) && isDigit(text.charCodeAt(j + 5)) && !isDigit(text.charCodeAt(j + 6))
  );
}

/** letters at j followed by a period form a known abbreviation (`г.`, `тыс.`, `км.`) */
function gluedAbbr(text: string, j: number, abbr: AbbrTable): boolean {
  let l = j;
  while (l < text.length && l - j < 6 && isLetterCode(text.charCodeAt(l), text, l)) l++;
  if (text.charCodeAt(l) !== 0x2e || l - j >= 6) return false;
  return abbr.single.get(text.slice(j, l + 1).toLowerCase()) !== undefined;
}

/** `’s` after a Latin letter at a word end (`Trump’s`, `NATO's`): the English possessive clitic */
function isEnglishPossessive(text: string, j: number): boolean {
  const p = text.charCodeAt(j - 1);
  const e = text.charCodeAt(j + 1);
  if (!((p >= 0x61 && p <= 0x7a) || (p >= 0x41 && p <= 0x5a))) return false;
  if (e !== 0x73 && e !== 0x53) return false;
  const a = text.charCodeAt(j + 2);
  return !(isDigit(a) || (j + 2 < text.length && isLetterCode(a, text, j + 2)));
}

function isRoman(s: string): boolean {
  return /^[IVXLCDM]+$/.test(s);
}

/** characters that need more than lower-casing in `norm`: ё, apostrophe variants, invisible joiners */
const SPECIAL = /[ёЁʼ'`ʹ′‘\u00ad\u200c\u200d\u2060]/;
const INVISIBLE = /[\u00ad\u200c\u200d\u2060]/;
const INVISIBLE_G = /[\u00ad\u200c\u200d\u2060]/g;

function makeToken(text: string, start: number, end: number, kind: TokenKind, spaceBefore: boolean): Token {
  const t = text.slice(start, end);
  let norm: string;
  if (kind === 'punct' && t.length === 1 && !isApostrophe(t.charCodeAt(0))) norm = t;
  else if (!SPECIAL.test(t)) norm = t.toLowerCase(); // identical to fold(t) without ё or apostrophe variants
  else {
    norm = fold(t);
    // soft hyphens / zero-width joiners inside a word (web text) are dropped from the matching form
    if (kind === 'word' && INVISIBLE.test(norm)) norm = norm.replace(INVISIBLE_G, '');
  }
  // the morphology's fields are there from the start (undefined until the morph stage fills them):
  // every token has one shape (words and punctuation alike), and filling them costs no property
  // store of its own per token (~10% of the CPU time of the whole pipeline on new articles)
  return { start, end, text: t, norm, kind, sent: 0, spaceBefore, lemma: undefined, pos: undefined, tags: undefined, alts: undefined };
}

/** the kind `linkOrDotted` found (an e-mail, a URL, or still a word) */
let linkKind: TokenKind = 'word';

/**
 * A word scanned over [i, j) followed by `@` or by `.` and a letter: the end of an e-mail address,
 * a bare domain or a dotted abbreviation (`U.S.`) starting at i, its kind in `linkKind` ('word' and
 * j when it is none of them). (Parts of `tokenize` that run on few tokens are functions of their
 * own: V8 recompiles a function whole when a rare path of it first runs.)
 */
function linkOrDotted(text: string, i: number, j: number, next: number, abbr: AbbrTable): number {
  let kind: TokenKind = isDigit(text.charCodeAt(i)) ? 'number' : 'word';
  let end = j;
  if (next === 0x40) {
    EMAIL_RE.lastIndex = i;
    if (EMAIL_RE.test(text)) {
      end = EMAIL_RE.lastIndex;
      kind = 'email';
    }
  }
  if (kind !== 'email') {
    DOMAIN_RE.lastIndex = i;
    if (DOMAIN_RE.test(text)) {
      end = trimUrlEnd(text, i, DOMAIN_RE.lastIndex);
      kind = 'url';
    }
  }
  if (kind === 'word') {
    DOTTED_RE.lastIndex = i;
    if (DOTTED_RE.test(text)) {
      const cand = text.slice(i, DOTTED_RE.lastIndex);
      const low = cand.toLowerCase();
      // U.S., U.K., т.д., e.g. — known, or single capitals only (A.B.C.)
      if (abbr.single.has(low) || /^(?:\p{Lu}\.){2,4}$/u.test(cand)) end = DOTTED_RE.lastIndex;
    }
  }
  linkKind = kind;
  return end;
}

/** the end of a number of 1-3 digits ending at j with its thousands groups (`12 100`, `1 000 000`) */
function thousandsEnd(text: string, j: number): number {
  const n = text.length;
  let end = j;
  let k = j;
  for (;;) {
    const sp = text.charCodeAt(k);
    if (!(sp === 0x20 || sp === 0xa0 || sp === 0x202f || sp === 0x2009)) break;
    if (!(isDigit(text.charCodeAt(k + 1)) && isDigit(text.charCodeAt(k + 2)) && isDigit(text.charCodeAt(k + 3)))) break;
    const after = k + 4 < n ? text.charCodeAt(k + 4) : 0;
    if (isDigit(after) || isLetterCode(after, text, k + 4) || (after === 0x2e || after === 0x2c) && isDigit(text.charCodeAt(k + 5))) {
      // 1 000,5 is fine; `5 2020г` is not a group
      if (!((after === 0x2e || after === 0x2c) && isDigit(text.charCodeAt(k + 5)))) break;
    }
    k += 4;
    end = k;
  }
  return end;
}

/** the word [i, j) before a period is an abbreviation or an initial (the period is part of it) */
function abbrWithPeriod(text: string, i: number, j: number, c: number, hasLetter: boolean, hasDigit: boolean, out: Token[], abbr: AbbrTable): boolean {
  const w = text.slice(i, j);
  const wl = w.toLowerCase() + '.';
  const prev = out.length ? out[out.length - 1] : undefined;
  const isInitial =
    (hasLetter && !hasDigit && (j - i === 1 || (j - i === 2 && c >= 0xd800)) && isUpperAt(text, i)) ||
    abbr.initials.has(w + '.');
  return (
    isInitial ||
    abbr.single.has(wl) ||
    (prev !== undefined && prev.end <= i && abbr.multi.has(`${prev.norm} ${fold(wl)}`)) ||
    abbr.multiFirst.has(wl)
  );
}

/** Splits `text` into tokens (the `sent` field is filled by `segment`). */
export function tokenize(text: string, opts: TokenizeOptions = {}): Token[] {
  const abbr = abbrTable(opts.lang ?? 'und');
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  let space = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      space = true;
      i++;
      continue;
    }
    if (c === 0xad || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfe0f || c === 0xfe0e) {
      i++; // invisible format characters outside a word: no token
      continue;
    }
    // URLs starting with a scheme or www
    if (c === 0x68 || c === 0x48 || c === 0x77 || c === 0x57 || c === 0x66) {
      URL_RE.lastIndex = i;
      if (URL_RE.test(text)) {
        const end = trimUrlEnd(text, i, URL_RE.lastIndex);
        out.push(makeToken(text, i, end, 'url', space));
        space = false;
        i = end;
        continue;
      }
    }
    const letter = isLetterCode(c, text, i);
    if (letter || isDigit(c)) {
      // scan a word / number: letters, digits, marks; inner hyphens/apostrophes between alphanumerics
      let j = i;
      let hasLetter = false;
      let hasDigit = false;
      let splitGlued = false;
      for (;;) {
        while (j < n) {
          const d = text.charCodeAt(j);
          if (isDigit(d)) {
            hasDigit = true;
            j++;
          } else if (isLetterCode(d, text, j)) {
            // `2019г.`, `10км.`, `2,5тыс.`: a number glued to a known abbreviation is two tokens
            if (!hasLetter && hasDigit && j > i && isDigit(text.charCodeAt(j - 1)) && gluedAbbr(text, j, abbr)) {
              splitGlued = true;
              break;
            }
            hasLetter = true;
            j += d >= 0xd800 && d <= 0xdbff && j + 1 < n ? 2 : 1;
          } else break;
        }
        if (splitGlued || j + 1 >= n) break;
        const d = text.charCodeAt(j);
        const e = text.charCodeAt(j + 1);
        const eAlnum = isDigit(e) || isLetterCode(e, text, j + 1);
        if (!eAlnum) break;
        if (isHyphen(d)) {
          // 2020-2021: two numbers and a hyphen; but an ISO date 2026-02-05 is one number
          if (isDigit(e) && isDigit(text.charCodeAt(j - 1))) {
            if (j - i === 4 && !hasLetter && isIsoDateTail(text, j)) {
              j += 6;
              continue;
            }
            break;
          }
          j += 1;
          continue;
        }
        if (d === 0xad || d === 0x200c || d === 0x200d || d === 0x2060) {
          // soft hyphen and zero-width joiners inside a word (web text): part of the word
          j += 1;
          continue;
        }
        if (d === 0x5f) {
          // snake_case handles and identifiers: @EP_President, Nord_Stream_2
          j += 1;
          continue;
        }
        if (isApostrophe(d) && isEnglishPossessive(text, j)) break; // Trump’s -> Trump ’s
        if (isApostrophe(d) && !isDigit(e) && isLetterCode(text.charCodeAt(j - 1), text, j - 1)) {
          j += 1;
          continue;
        }
        if ((d === 0x2e || d === 0x2c || d === 0x3a || d === 0x2f) && isDigit(e) && isDigit(text.charCodeAt(j - 1)) && !hasLetter) {
          // 10.02.2026, 3,5, 12:30, 24/7
          j += 1;
          continue;
        }
        break;
      }
      let kind: TokenKind = isDigit(c) ? 'number' : 'word';
      let end = j;
      const next = j < n ? text.charCodeAt(j) : 0;
      // e-mail or bare domain
      if (next === 0x40 || (next === 0x2e && j + 1 < n && isLetterCode(text.charCodeAt(j + 1), text, j + 1))) {
        end = linkOrDotted(text, i, j, next, abbr);
        kind = linkKind;
      }
      if (kind === 'number' && end === j && !hasLetter) {
        // thousands groups: `12 100`, `1 000 000` (first group 1-3 digits, then groups of exactly 3)
        if (j - i <= 3) end = thousandsEnd(text, j);
      }
      // abbreviation or initial: include the period
      if (kind === 'word' && end === j && next === 0x2e && abbrWithPeriod(text, i, j, c, hasLetter, hasDigit, out, abbr)) end = j + 1;
      out.push(makeToken(text, i, end, kind, space));
      space = false;
      i = end;
      continue;
    }
    // punctuation and symbols
    if (isApostrophe(c) && !space && isEnglishPossessive(text, i)) {
      out.push(makeToken(text, i, i + 2, 'word', false));
      i += 2;
      continue;
    }
    let end = i + 1;
    let kind: TokenKind = 'punct';
    if (c === 0x2e) {
      while (end < n && text.charCodeAt(end) === 0x2e) end++; // ...
    } else if (c === 0x21 || c === 0x3f) {
      while (end < n && (text.charCodeAt(end) === 0x21 || text.charCodeAt(end) === 0x3f || text.charCodeAt(end) === 0x2026)) end++; // ?! !!! ?..
      while (end < n && text.charCodeAt(end) === 0x2e) end++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // an astral character (emoji) is one symbol; a lone surrogate is a symbol of its own
      const lo = text.charCodeAt(i + 1);
      end = c <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? i + 2 : i + 1;
      kind = 'symbol';
    } else if (c === 0x2d && end < n && text.charCodeAt(end) === 0x2d) {
      while (end < n && text.charCodeAt(end) === 0x2d) end++; // -- as a dash
    } else if (SYMBOL_RE.test(text[i]) || c === 0x25 || c === 0x2116 || c === 0x23 || c === 0x26 || c === 0x40 || c === 0xa7) {
      kind = 'symbol';
    }
    out.push(makeToken(text, i, end, kind, space));
    space = false;
    i = end;
  }
  return out;
}

// ---- sentence boundaries -----------------------------------------------------------------------

const OPEN_QUOTES = new Set(['«', '„', '“', '‘', '‹', '‚']);
const CLOSE_AFTER_END = new Set(['»', '“', '”', '"', '’', "'", ')', ']', '›', '‘']);
const DASHES = new Set(['—', '–', '-', '--', '―', '‒']);
const BULLETS = new Set(['•', '▪', '●', '◦', '►', '▶', '■', '‣', '⁃', '◆', '◾', '▸']);
const ENDERS = /^(?:[.!?…]+|\.{2,}|[!?][!?.…]*)$/;

function hasNewlineBetween(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x0a || c === 0x2028 || c === 0x2029 || c === 0x0d) return true;
  }
  return false;
}

function startsUpperWord(t: Token): boolean {
  return (t.kind === 'word' || t.kind === 'url' || t.kind === 'email') && isUpperAt(t.text, 0);
}

/** Does the token at `k` open a new sentence (looking past a dash to the word after it)? */
function opensSentence(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  if (!t) return true;
  if (t.kind === 'number') return true;
  if (t.kind === 'word' || t.kind === 'url' || t.kind === 'email') return isUpperAt(t.text, 0);
  if (OPEN_QUOTES.has(t.text) || t.text === '(' || t.text === '[') {
    // `млрд грн. (що складає ...)`: a bracket or quote opening on a lower-case word continues
    const u = tokens[k + 1];
    return !(u && u.kind === 'word' && !isUpperAt(u.text, 0));
  }
  if (t.text === '*' || BULLETS.has(t.text)) return true;
  if (t.text === '"' || t.text === "'") return t.spaceBefore || k === 0;
  if (DASHES.has(t.text)) {
    const u = tokens[k + 1];
    return u === undefined || (u.kind === 'word' ? isUpperAt(u.text, 0) : u.kind !== 'punct');
  }
  if (t.kind === 'symbol') return t.text === '@' || t.text === '$' || t.text === '€';
  return false;
}

/**
 * Sentence boundaries over `tokens` of `text`: fills each token's `sent` and returns the sentences
 * with token ranges and paragraph indexes. Spans run from the first token's start to the last
 * token's end (no surrounding whitespace).
 */
export function segment(text: string, tokens: Token[], opts: TokenizeOptions = {}): Sentence[] {
  const abbr = abbrTable(opts.lang ?? 'und');
  const sentences: Sentence[] = [];
  const n = tokens.length;
  let para = 0;
  let sStart = 0; // token index of the current sentence's first token
  const close = (endTok: number): void => {
    // endTok is exclusive
    if (endTok <= sStart) return;
    const first = tokens[sStart];
    const last = tokens[endTok - 1];
    const idx = sentences.length;
    for (let k = sStart; k < endTok; k++) tokens[k].sent = idx;
    sentences.push({ start: first.start, end: last.end, tokenStart: sStart, tokenEnd: endTok, para });
    sStart = endTok;
  };
  let noEnd1 = -1;
  let noEnd2 = -1;
  for (let k = 0; k < n; k++) {
    const t = tokens[k];
    const paraStart = k === 0 || (t.spaceBefore && hasNewlineBetween(text, tokens[k - 1].end, t.start) && !isWrappedLine(text, tokens, k));
    if (paraStart) {
      if (k > 0) {
        close(k);
        para++;
      }
      // a dateline `Москва. 10 февраля. INTERFAX.RU - ...`, `КИЕВ. 8 ноября. УНН. ...` is one unit
      if (isDateline(tokens, k)) {
        noEnd1 = k + 1;
        noEnd2 = k + 4;
      }
    }
    const x = t.text;
    // a list bullet inside a paragraph (`• Грэм Полл (Англия) • Франк Де Блекере ...`) starts an item
    if (BULLETS.has(x) && k > sStart && !BULLETS.has(tokens[k - 1].text)) close(k);
    let isEnd = false;
    if (t.kind === 'punct' && ENDERS.test(x)) {
      isEnd = true;
      // a list marker `1.` at the start of a sentence is not a sentence
      if (x === '.' && k === sStart + 1 && tokens[sStart].kind === 'number' && !t.spaceBefore) isEnd = false;
      // ` .РФ`, ` .NET`: a period with a space before and a word glued after is part of a name
      if (x === '.' && t.spaceBefore && k + 1 < n && !tokens[k + 1].spaceBefore && tokens[k + 1].kind === 'word') isEnd = false;
    } else if (t.kind === 'word' && x.charCodeAt(x.length - 1) === 0x2e) {
      isEnd = abbrEnds(tokens, k, sStart, abbr);
    }
    if (k === noEnd1 || k === noEnd2) isEnd = false;
    if (!isEnd) continue;
    // absorb closing quotes / brackets written right after the final mark (and a further mark: `».`)
    let m = k + 1;
    for (;;) {
      if (m < n && !tokens[m].spaceBefore && CLOSE_AFTER_END.has(tokens[m].text)) m++;
      else if (m + 2 < n && isFootnote(tokens, m)) m += 3; // `...акцій.[12]`
      else break;
    }
    if (m < n && m > k + 1 && !tokens[m].spaceBefore && tokens[m].kind === 'punct' && ENDERS.test(tokens[m].text)) m++;
    if (m >= n) break;
    if (hasNewlineBetween(text, tokens[m - 1].end, tokens[m].start) && !isWrappedLine(text, tokens, m)) {
      k = m - 1;
      continue; // the line break closes it
    }
    // English `"...?" Vitter demanded.` / `"...!" Mr. Trump said.`: the attribution continues it
    if (m > k + 1 && x !== '.' && speechFollows(tokens, m, abbr)) {
      k = m - 1;
      continue;
    }
    if (opensSentence(tokens, m)) {
      close(m);
      k = m - 1;
    }
  }
  close(n);
  return sentences;
}

/**
 * A hard-wrapped line (plain-text wire copy): one line break, no blank line, between a word or a
 * comma and a lower-case word (`...переговоры\nс Францией`). A heading is followed by a capital
 * and a paragraph ends with a mark, so every other line break still ends the sentence.
 */
function isWrappedLine(text: string, tokens: Token[], k: number): boolean {
  const prev = tokens[k - 1];
  const t = tokens[k];
  if (t.kind !== 'word' || isUpperAt(t.text, 0)) return false;
  if (!(prev.kind === 'word' || prev.kind === 'number' || prev.text === ',')) return false;
  if (prev.kind === 'word' && prev.text.endsWith('.')) return false;
  let breaks = 0;
  for (let q = prev.end; q < t.start; q++) if (text.charCodeAt(q) === 0x0a) breaks++;
  return breaks === 1;
}

/** `[12]` glued to the preceding token: a footnote reference */
function isFootnote(tokens: Token[], m: number): boolean {
  return (
    tokens[m].text === '[' && !tokens[m].spaceBefore && tokens[m + 1].kind === 'number' && !tokens[m + 1].spaceBefore &&
    tokens[m + 2].text === ']' && !tokens[m + 2].spaceBefore
  );
}

function speechFollows(tokens: Token[], m: number, abbr: AbbrTable): boolean {
  if (!abbr.speechVerbs.size) return false;
  const a = tokens[m];
  if (!a || a.kind !== 'word' || !isUpperAt(a.text, 0)) return false;
  for (let q = m + 1; q <= m + 2 && q < tokens.length; q++) {
    if (abbr.speechVerbs.has(tokens[q].norm)) return true;
    if (tokens[q].kind !== 'word' || !isUpperAt(tokens[q].text, 0)) return false;
  }
  return false;
}

/** `City . <day> <month> .` at a paragraph start (the month is a lower-case word) */
function isDateline(tokens: Token[], k: number): boolean {
  const city = tokens[k];
  const dot1 = tokens[k + 1];
  const day = tokens[k + 2];
  const month = tokens[k + 3];
  const dot2 = tokens[k + 4];
  if (!city || !dot1 || !day || !month || !dot2) return false;
  return (
    city.kind === 'word' && isUpperAt(city.text, 0) && city.text.length > 2 &&
    dot1.text === '.' && !dot1.spaceBefore &&
    day.kind === 'number' && /^\d{1,2}$/.test(day.text) &&
    month.kind === 'word' && !isUpperAt(month.text, 0) && month.text.length >= 3 &&
    dot2.text === '.' && !dot2.spaceBefore
  );
}

/** May the abbreviation / initial token at k end a sentence (given that the next token opens one)? */
function abbrEnds(tokens: Token[], k: number, sStart: number, abbr: AbbrTable): boolean {
  const t = tokens[k];
  const low = t.norm;
  const prev = k > 0 ? tokens[k - 1] : undefined;
  const next = tokens[k + 1];
  // multi-part abbreviations: only the last part may end
  const multiLast = prev ? abbr.multi.get(`${prev.norm} ${low}`) : undefined;
  if (multiLast !== undefined) return multiLast && (next === undefined || opensAfterAbbr(next));
  // a capital letter with a period is an initial (`Д. Рааб`, `Г.Блюмель`), whatever the table says
  // about the lower-case abbreviation (`д.` дом, `г.` год)
  const initial = t.text.length === 2 && isUpperAt(t.text, 0);
  const cls = initial ? undefined : abbr.single.get(low);
  if (cls === undefined) {
    if (abbr.multiFirst.has(low)) return false;
    // glued to what follows (`Ж.-К.Трише`, `В.Зворыкин`, `I.S.P.A.-Engineering`): inside a name
    if (next !== undefined && !next.spaceBefore) return false;
    // an initial: ends only when what follows is not a capitalised word (`В. В. Путин`), or is one in
    // another script — a name's initials are written in its own (`у соцмережі X. Того ж дня …`)
    if (initial && next !== undefined && startsUpperWord(next)) {
      const latin = (c: string) => /[A-Za-z]/.test(c);
      const cyr = (c: string) => /[\u0400-\u04FF]/.test(c);
      const a = t.text[0];
      const b = next.text[0];
      if ((latin(a) && cyr(b)) || (cyr(a) && latin(b))) return true;
    }
    return next !== undefined && !startsUpperWord(next);
  }
  if (cls === 'prefix') return false;
  if (next && abbr.continuedBy.get(low)?.has(next.norm)) return false; // `1 млрд дол. США`
  if (cls === 'numeric') {
    const afterNumber = prev !== undefined && ((prev.kind === 'number' && /^[\d\s.,:]+$/.test(prev.text)) || isRoman(prev.text));
    if (!afterNumber) return false;
    // `Ще у травні 2014 р. Росія ...`: a date opening the sentence is not a sentence
    let j = k - 2;
    while (j >= sStart && (abbr.timeLead.has(tokens[j].norm) || tokens[j].kind === 'number' || tokens[j].text === '-')) j--;
    if (j < sStart) return false;
  }
  return next === undefined || opensAfterAbbr(next);
}

/** after an abbreviation a sentence starts with a capitalised word, a quote or a dash — not a number */
function opensAfterAbbr(next: Token): boolean {
  if (next.kind === 'number') return false;
  return true;
}

/** Tokens and sentences of a text in one call. */
export function segmentText(text: string, opts: TokenizeOptions = {}): { tokens: Token[]; sentences: Sentence[] } {
  const tokens = tokenize(text, opts);
  const sentences = segment(text, tokens, opts);
  return { tokens, sentences };
}
