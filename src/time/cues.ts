/**
 * Temporal cues: the words without which no date expression of a language can be parsed (a month
 * or weekday name, `сегодня`, the head word of a relative phrase such as `неделе` in `на прошлой
 * неделе`, a year, a numeric date). Only a few words around each cue are handed to the parsers:
 * most sentences of a news article carry no date at all.
 *
 * Cues are found on the tokens layer (a Set look-up per word, no regular expression over the
 * text); without tokens, a plain word scan stands in.
 */
import type { Doc, Span } from '../doc/model.js';
import type { TimeLexicon } from './lexicon.js';

/** What a cue can start: the parsers that need none of a document's cue classes are not run. */
export const CUE_MONTH = 1;
export const CUE_WEEKDAY = 2;
export const CUE_DIGIT = 4;
export const CUE_REL = 8;
export const CUE_ALL = 15;

export interface CueIndex {
  /** whole words (lower case, ё→е, apostrophes as ’) */
  words: Set<string>;
  months: Set<string>;
  weekdays: Set<string>;
  /** word starts (`недел`, `месяц`): any word beginning so is a cue */
  stems: Set<string>;
  /** the stems by their first two characters (stemKey), each list holding every stem of two or more characters that begins so */
  stemsByHead: Map<number, string[]>;
  /** stems of one character (none in the shipped lexicons) */
  shortStems: string[];
  /** the shortest cue word or stem (and never more than 3: a year or a numeric date has more) */
  minLength: number;
}

export interface CueSpan extends Span {
  cls: number;
}

/** the token layer's folding: lower case, ё→е, every apostrophe as ’ */
export function foldWord(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[ʼ'`ʹ′‘]/g, '\u2019');
}

const WORD_CHARS = /[\p{L}\p{N}’]+/gu;

/** the word of a phrase that must occur for the phrase to occur: its last one that is no function word */
function anchorOf(phrase: string, stop: Set<string>): string | null {
  const ws = (foldWord(phrase).match(WORD_CHARS) ?? []).filter((w) => w.length > 1 && !stop.has(w));
  return ws.length ? ws[ws.length - 1] : null;
}

const cache = new Map<string, CueIndex>();

export function cueIndex(lx: TimeLexicon): CueIndex {
  let c = cache.get(lx.lang);
  if (c) return c;
  const stop = new Set((lx.cueStop ?? []).map(foldWord));
  const words = new Set<string>();
  const add = (w: string | null, into?: Set<string>) => {
    if (!w || w.length <= 1) return;
    const f = foldWord(w).replace(/\.$/, '');
    words.add(f);
    into?.add(f);
  };
  const months = new Set<string>();
  const weekdays = new Set<string>();
  for (const w of Object.keys(lx.months)) add(w, months);
  for (const w of Object.keys(lx.weekdays)) add(w, weekdays);
  for (const w of lx.today) add(w);
  for (const p of [...Object.keys(lx.relativeDays), ...Object.keys(lx.relativePeriods), ...Object.keys(lx.yearRef)]) add(anchorOf(p, stop));
  const stems = new Set(lx.cueStems.map(foldWord));
  const minLength = Math.min(3, ...[...words, ...stems].map((w) => w.length));
  const stemsByHead = new Map<number, string[]>();
  const shortStems: string[] = [];
  for (const st of stems) {
    if (st.length < 2) {
      shortStems.push(st);
      continue;
    }
    const k = stemKey(st);
    const list = stemsByHead.get(k);
    if (list) list.push(st);
    else stemsByHead.set(k, [st]);
  }
  c = { words, months, weekdays, stems, stemsByHead, shortStems, minLength };
  cache.set(lx.lang, c);
  return c;
}

const YEAR = /^(?:19|20)\d{2}(?![\p{L}\p{N}])/u;
const NUMERIC_DATE = /^\d{1,2}[./]\d{1,2}/;

/** the first two UTF-16 code units of a string (of two or more) as one number (a small integer) */
function stemKey(s: string): number {
  return s.charCodeAt(0) * 0x10000 + s.charCodeAt(1);
}

function cueWordClass(w: string, ci: CueIndex): number {
  if (ci.words.has(w)) return ci.months.has(w) ? CUE_MONTH : ci.weekdays.has(w) ? CUE_WEEKDAY : CUE_REL;
  // a stem the word begins with (no slices: the stems are looked up by the word's first two characters)
  if (w.length >= 2) {
    const list = ci.stemsByHead.get(stemKey(w));
    if (list) for (const st of list) if (w.startsWith(st)) return CUE_REL;
  }
  for (const st of ci.shortStems) if (w.startsWith(st)) return CUE_REL;
  return 0;
}

/**
 * The cue class of the token text `norm` (folded), 0 when it is no temporal cue. Hyphenated words
 * count by their parts (`mid-january`).
 */
export function cueClass(norm: string, ci: CueIndex): number {
  // no cue is shorter than three characters (`мая`, `год`, `ago`; a year or `5.02`): `в`, `на`, `и` are none
  if (norm.length < ci.minLength) return 0;
  // (no memo: two small-table look-ups cost less than one in a memo of every word met, which
  // missed the processor's caches and held ~100k strings)
  return cueClassOnce(norm, ci);
}

export function isCue(norm: string, ci: CueIndex): boolean {
  return cueClass(norm, ci) !== 0;
}

function cueClassOnce(norm: string, ci: CueIndex): number {
  const c = norm.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (YEAR.test(norm) || NUMERIC_DATE.test(norm)) return CUE_DIGIT;
    // a day glued to its month: `21травня`
    const rest = norm.replace(/^\d{1,2}/, '');
    return rest && rest.length < norm.length && cueWordClass(rest, ci) === CUE_MONTH ? CUE_MONTH | CUE_DIGIT : 0;
  }
  const k = cueWordClass(norm, ci);
  if (k) return k;
  // an abbreviation keeps its dot in the token: `sept.`, `февр.`
  if (norm.length > 2 && norm.charCodeAt(norm.length - 1) === 46) {
    const d = cueWordClass(norm.slice(0, -1), ci);
    if (d) return d;
  }
  if (norm.includes('-')) {
    for (const part of norm.split('-')) {
      if (!part) continue;
      const d = part.charCodeAt(0);
      if (d >= 48 && d <= 57 ? YEAR.test(part) : cueWordClass(part, ci)) return CUE_ALL;
    }
  }
  return 0;
}

const SCAN = /[\p{L}\p{N}][\p{L}\p{N}’'ʼ./-]*/gu;

/** Spans of the cue words of a document, in text order, with their classes. */
export function cueSpans(doc: Doc, ci: CueIndex): CueSpan[] {
  const out: CueSpan[] = [];
  const toks = doc.layers.tokens;
  if (toks && toks.length) {
    for (const t of toks) {
      if (t.kind !== 'word' && t.kind !== 'number') continue;
      const cls = cueClass(t.norm, ci);
      if (cls) out.push({ start: t.start, end: t.end, cls });
    }
    return out;
  }
  SCAN.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = SCAN.exec(doc.text)); ) {
    const w = foldWord(m[0]).replace(/[./-]+$/, '');
    const cls = w ? cueClass(w, ci) : 0;
    if (cls) out.push({ start: m.index, end: m.index + w.length, cls });
  }
  return out;
}
