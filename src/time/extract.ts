/**
 * Temporal expressions of one document, normalised against its `published` date.
 *
 * Finding: chrono-node's ru/uk/en casual parsers plus Parley's own (parsers.ts). Resolving, here:
 * - a full date is kept as is; a date without a year, a month without a year and a weekday point
 *   the way the governing clause's tense points (past -> the latest such date not after the
 *   article + PAST_MARGIN_DAYS, future -> the next one; no tense -> the nearest past, as news mostly
 *   reports); in an article without a date a day-month keeps an unknown year (`XXXX-10-23`);
 * - weekends (`в минувшие выходные`, `over the weekend`) are their ISO week with `-WE`;
 * - `накануне`, `днем ранее`, `the day before` count from the nearest earlier day-precise date of
 *   the narrative (a main-clause date, not one inside a `что`-clause), else from the article date;
 * - parts of a month or year carry `mod` START / MID / END; relative weeks give ISO weeks.
 */
import type { Doc, Timex } from '../doc/model.js';
import {
  addDays,
  addMonths,
  compare,
  isoDay,
  isoMonth,
  isoWeek,
  parseIsoDate,
  toUtc,
  validDay,
  weekday,
  type Ymd,
} from './calendar.js';
import { clauseDirection, normWord, sentenceAt, sentences, wordsIn, type Direction } from './clause.js';
import { LB, RB, alternation, timeLexicon, type TimeLang, type TimeLexicon } from './lexicon.js';
import { cueIndex, cueSpans } from './cues.js';
import { TAG, chronoForCues } from './parsers.js';


interface Found {
  start: number;
  end: number;
  tags: Set<string>;
  known: Partial<Record<'year' | 'month' | 'day' | 'weekday', number>>;
  endKnown?: Partial<Record<'year' | 'month' | 'day' | 'weekday', number>>;
}

interface Placed {
  start: number;
  day: Ymd | null;
  main: boolean;
}

const reCache = new Map<string, { skip: RegExp; prep: RegExp; prev: RegExp; next: RegExp; headPrev: RegExp; headNext: RegExp; now: Set<string>; subordinate: RegExp }>();
function regexes(lx: TimeLexicon) {
  let r = reCache.get(lx.lang);
  if (!r) {
    r = {
      skip: new RegExp(`${LB}(?:${alternation(lx.skip)})${RB}`, 'giu'),
      prep: new RegExp(`${LB}(?:${alternation(lx.weekdayPrep)})\\s+$`, 'iu'),
      prev: new RegExp(`${LB}(?:${alternation(lx.weekdayPrev)})\\s+$`, 'iu'),
      next: new RegExp(`${LB}(?:${alternation(lx.weekdayNext)})\\s+$`, 'iu'),
      // `в прошлый вторник` / `в следующую среду` at the start of an expression
      headPrev: new RegExp(`^(?:(?:${alternation(lx.weekdayPrep)})\\s+)?(?:${alternation(lx.weekdayPrev)})\\s`, 'iu'),
      headNext: new RegExp(`^(?:(?:${alternation(lx.weekdayPrep)})\\s+)?(?:${alternation(lx.weekdayNext)})\\s`, 'iu'),
      // not dates by themselves (the present moment of speech)
      now: new Set(lx.nowWords),
      // a clause opened by one of these before a time makes it no main time of its sentence
      subordinate: new RegExp(`(?:^|[\\s,])(?:${alternation(lx.subordinators)})(?=[\\s,])`, 'iu'),
    };
    reCache.set(lx.lang, r);
  }
  return r;
}

function known(c: { isCertain(k: string): boolean; get(k: string): number | null }) {
  const out: Found['known'] = {};
  for (const k of ['year', 'month', 'day', 'weekday'] as const) if (c.isCertain(k)) out[k] = c.get(k) ?? undefined;
  return out;
}

/** what a Timex value may be: year, month, ISO week or day, year ≥ 1000 */
const ISO_VALUE = /^(?:[1-9]\d{3}(-(0[1-9]|1[0-2]|W[0-5]\d)(-(0[1-9]|[12]\d|3[01]))?)?|XXXX-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/;

/** characters of context kept on each side of a temporal cue for the date parsers: the longest
 * expressions reach about 20 characters from their cue (`с 8 по 24 января`, `в последних числах
 * января`, `at the beginning of January`, `вечером в прошлый понедельник`) */
const CUE_WINDOW = 32;

/** how many days after the article a day-month told in the past tense may fall (see pickDay) */
const PAST_MARGIN_DAYS = 14;

const PIECE_JOIN = '\n¶\n';

/** a window of the text handed to chrono: its offset in the joined text, its start and length in the document */
interface Piece {
  at: number;
  start: number;
  len: number;
}
type ChronoResult = ReturnType<ReturnType<typeof chronoForCues>['parse']>[number];

const WORD_CHAR = /[\p{L}\p{N}’'-]/u;

/** the start of the word at or before `i - n` (never inside a word), clamped to [lo, …) */
function wordStartBefore(s: string, i: number, n: number, lo: number): number {
  let a = Math.max(lo, i - n);
  while (a > lo && WORD_CHAR.test(s[a - 1])) a--;
  return a;
}

/** the end of the word at or after `i + n`, clamped to […, hi) */
function wordEndAfter(s: string, i: number, n: number, hi: number): number {
  let b = Math.min(hi, i + n);
  while (b < hi && WORD_CHAR.test(s[b])) b++;
  return b;
}

/** the text around the temporal cues, in pieces joined by PIECE_JOIN (see extractTimes), and the cue classes met */
function cueWindows(doc: Doc, lx: TimeLexicon): { pieces: Piece[]; joined: string; mask: number } {
  const text = doc.text;
  const pieces: Piece[] = [];
  let joined = '';
  const cues = cueSpans(doc, cueIndex(lx));
  let mask = 0;
  for (const c of cues) mask |= c.cls;
  if (cues.length) {
    const sents = sentences(doc);
    let si = 0;
    let from = -1;
    let to = -1;
    let sent: { start: number; end: number } | null = null;
    const flush = () => {
      if (from < 0) return;
      pieces.push({ at: joined.length, start: from, len: to - from });
      joined += text.slice(from, to) + PIECE_JOIN;
      from = -1;
    };
    for (const c of cues) {
      while (si < sents.length && sents[si].end <= c.start) si++;
      const s = si < sents.length && sents[si].start <= c.start ? sents[si] : { start: c.start, end: c.end };
      if (s !== sent) {
        flush();
        sent = s;
      }
      const a = wordStartBefore(text, c.start, CUE_WINDOW, s.start);
      const b = wordEndAfter(text, c.end, CUE_WINDOW, s.end);
      if (from >= 0 && a <= to) to = Math.max(to, b);
      else {
        flush();
        from = a;
        to = b;
      }
    }
    flush();
  }
  return { pieces, joined, mask };
}

/** chrono's results placed back in the text, trimmed, with their preposition or modifier */
function foundIn(text: string, results: ChronoResult[], spanOf: Map<ChronoResult, [number, number]>, skips: [number, number][], rx: ReturnType<typeof regexes>): Found[] {
  const found: Found[] = [];
  for (const r of results) {
    const span = spanOf.get(r);
    if (!span) continue;
    let [s, e] = span;
    while (s < e && /[\s,.;:()—–-]/.test(text[s])) s++;
    while (e > s && /[\s,;:()—–-]/.test(text[e - 1])) e--;
    if (e > s && text[e - 1] === '.' && !/\d\.$|(?:г|р)\.$/u.test(text.slice(s, e))) e--;
    if (e <= s) continue;
    const surface = normWord(text.slice(s, e));
    if (rx.now.has(surface)) continue;
    if (skips.some(([a, b]) => a < e && s < b)) continue;
    if (/^\d{1,2}[/]\d{1,2}$/.test(surface)) continue; // fractions, scores
    const tags = r.tags();
    const k = known(r.start);
    const ours = [...tags].some((t) => t.startsWith('parley/'));
    if (!ours && k.day === undefined && k.month === undefined && k.year === undefined && k.weekday === undefined) continue; // time of day only
    // a weekday or a bare month name takes its preposition / modifier: `во вторник`, `в прошлый вторник`
    let prefixStart = s;
    const before = text.slice(Math.max(0, s - 24), s);
    const mp = rx.prev.exec(before) ?? rx.next.exec(before);
    if (k.weekday !== undefined && mp) prefixStart = s - mp[0].length;
    const pp = rx.prep.exec(text.slice(Math.max(0, prefixStart - 16), prefixStart));
    if ((k.weekday !== undefined || (k.month !== undefined && k.day === undefined)) && pp) prefixStart -= pp[0].length;
    found.push({
      start: prefixStart,
      end: e,
      tags,
      known: k,
      endKnown: r.end ? known(r.end) : undefined,
    });
  }
  return found;
}

export function extractTimes(doc: Doc, lang: TimeLang): Timex[] {
  const text = doc.text;
  if (!text) return [];
  const lx = timeLexicon(lang);
  const rx = regexes(lx);
  const pub = parseIsoDate(doc.published);
  const ref = pub ? toUtc(pub) : new Date(Date.UTC(2000, 0, 1, 12));
  // chrono runs only over windows around temporal cues (a month or weekday name, `сегодня`, a year,
  // the head of a relative phrase): chrono runs every parser's pattern over all it is given, a date
  // expression is a few words around its cue, and most sentences have none. The windows are parsed
  // in one call, joined by a line holding a pilcrow (offsets mapped back): neither a space, a dash nor a
  // letter, so no pattern or range refiner reads across two pieces (`31]\n\n30 грудня` is no range).
  const { pieces, joined, mask } = cueWindows(doc, lx);
  // only the parsers the cues can feed: a text without a month name runs no month parser
  const results = joined ? chronoForCues(lang, lx, mask).parse(joined, { instant: ref, timezone: 0 }, { forwardDate: false }) : [];
  // a result's text may begin with the line breaks that join two pieces: map the offset of its first
  // non-space character, so it is placed in its own piece (not the one before), and keep the span
  const spanOf = new Map<(typeof results)[number], [number, number]>();
  let lo = 0;
  for (const r of results) {
    if (r.text.includes('¶')) continue; // across two pieces
    const lead = r.text.length - r.text.trimStart().length;
    const at = r.index + lead;
    if (lo > 0 && pieces[lo].at > at) lo = 0;
    while (lo + 1 < pieces.length && pieces[lo + 1].at <= at) lo++;
    const start = at + pieces[lo].start - pieces[lo].at;
    spanOf.set(r, [start, start + r.text.length - lead]);
  }

  const skips: [number, number][] = [];
  rx.skip.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = rx.skip.exec(text)); ) skips.push([m.index, m.index + m[0].length]);

  const found = foundIn(text, results, spanOf, skips, rx);
  found.sort((a, b) => a.start - b.start);

  const out: Timex[] = [];
  const placed: Placed[] = [];
  for (const f of found) {
    const tx = resolve(doc, lx, rx, f, pub, placed);
    if (!tx) continue;
    if (out.length && out[out.length - 1].end > tx.start) continue;
    out.push(tx);
  }
  return out;
}

function tagValue(tags: Set<string>, prefix: string): string | undefined {
  for (const t of tags) if (t.startsWith(prefix)) return t.slice(prefix.length);
  return undefined;
}

function isMain(doc: Doc, start: number, rx: ReturnType<typeof regexes>): boolean {
  const s = sentenceAt(doc, start);
  return !rx.subordinate.test(doc.text.slice(s.start, start));
}

/** `накануне визита` is "on the eve of the visit": a genitive noun follows. */
function eveOfNoun(doc: Doc, end: number): boolean {
  const next = doc.text.slice(end, end + 40);
  if (/^\s*[,.;:!?—–(]/.test(next) || !/^\s+\S/.test(next)) return false;
  const w = wordsIn(doc, end, Math.min(doc.text.length, end + 40))[0];
  if (!w) return false;
  const t = w.tok;
  if (t && t.pos) {
    if (t.pos !== 'NOUN' && t.pos !== 'ADJ' && t.pos !== 'DET' && t.pos !== 'PROPN') return false;
    return t.tags?.Case === 'Gen';
  }
  if (w.text[0] !== w.text[0].toLowerCase()) return false;
  return /(?:ия|ии|ого|его|ой|ей|ов|ев|ства|ния|ения|ання|ення|ання|ів|ої|ого)$/u.test(w.norm) && w.norm.length > 4;
}

function pickDay(pub: Ymd, month: number, day: number, dir: Direction, year?: number): Ymd | null {
  if (year !== undefined) return validDay(year, month, day) ? { y: year, m: month, d: day } : null;
  const cands: Ymd[] = [];
  for (const y of [pub.y - 1, pub.y, pub.y + 1]) if (validDay(y, month, day)) cands.push({ y, m: month, d: day });
  if (!cands.length) return null;
  const tomorrow = addDays(pub, 1);
  // a past-tense report of a date a few days after the article is that date (an article dated by its
  // first version, a schedule told in the past: `были намечены на 2 сентября`), not the year before
  const latest = addDays(pub, PAST_MARGIN_DAYS);
  if (dir === 'future') {
    const f = cands.filter((c) => compare(c, pub) >= 0);
    if (f.length) return f[0];
  }
  const past = cands.filter((c) => compare(c, dir === 'past' ? latest : tomorrow) <= 0);
  if (dir === 'past' && past.length) return past[past.length - 1];
  // no tense: the nearest, ties to the past
  let best = cands[0];
  let bd = Infinity;
  for (const c of cands) {
    const d = Math.abs(toUtc(c).getTime() - toUtc(pub).getTime());
    if (d < bd || (d === bd && compare(c, pub) < 0)) (best = c), (bd = d);
  }
  return best;
}

/**
 * The Saturday of a weekend `off` weekends from the article's: -1 the last one wholly before it,
 * +1 the first one after it; 0 (`this weekend`, `на выходных`) the one the clause's tense points to
 * (without a tense: the one just past early in the week, the coming one from Thursday), the
 * article's own when it is dated on a Saturday or Sunday.
 */
function pickWeekend(pub: Ymd, off: number, dir: Direction): Ymd {
  const wd = weekday(pub); // 0 Sunday, 6 Saturday
  const lastSat = addDays(pub, -((wd + 1) % 7)); // the Saturday on or before the article
  if (off < 0) return wd === 0 || wd === 6 ? addDays(lastSat, -7) : lastSat;
  if (off > 0) return addDays(lastSat, 7);
  if (wd === 0 || wd === 6) return lastSat;
  const past = dir === 'past' || (dir === 'none' && wd <= 3);
  return past ? lastSat : addDays(lastSat, 7);
}

function pickMonth(pub: Ymd, month: number, dir: Direction): { y: number; m: number } {
  if (dir === 'future') return { y: month >= pub.m ? pub.y : pub.y + 1, m: month };
  return { y: month <= pub.m ? pub.y : pub.y - 1, m: month };
}

function pickWeekday(pub: Ymd, wd: number, dir: Direction, modifier: 'prev' | 'next' | null): Ymd {
  const cur = weekday(pub);
  if (modifier === 'next' || (dir === 'future' && modifier !== 'prev')) {
    let n = (wd - cur + 7) % 7;
    if (modifier === 'next' && n === 0) n = 7;
    return addDays(pub, n);
  }
  let n = (cur - wd + 7) % 7;
  if (modifier === 'prev' && n === 0) n = 7;
  return addDays(pub, -n);
}

function resolve(
  doc: Doc,
  lx: TimeLexicon,
  rx: ReturnType<typeof regexes>,
  f: Found,
  pub: Ymd | null,
  placed: Placed[],
): Timex | null {
  const text = doc.text.slice(f.start, f.end);
  // no publication date: only an expression that names its year has a value (`сегодня`, `today`
  // would otherwise resolve against the parser's placeholder reference day)
  // … except a day and month (`23 октября`), which keeps an unknown year: `XXXX-10-23`
  if (!pub && !/\d{4}/.test(text) && !(f.known.day !== undefined && f.known.month !== undefined && f.known.year === undefined && ![...f.tags].some((t) => t.startsWith('parley/')) && !f.endKnown?.year)) return null;
  const base = { start: f.start, end: f.end, text };
  const main = isMain(doc, f.start, rx);
  const place = (day: Ymd | null) => placed.push({ start: f.start, day, main });
  const mod = tagValue(f.tags, TAG.part) as Timex['mod'] | undefined;
  const k = f.known;

  const rel = tagValue(f.tags, TAG.relDay);
  if (rel !== undefined) {
    if (lx.relativeDays[normWord(text).replace(/\s+/g, ' ')]?.eve && eveOfNoun(doc, f.end)) return null;
    let anchorDay = pub;
    let anchor = 'published';
    // a past-tense `накануне` counts from no date after the article (`зустрінуться 4 вересня.
    // Напередодні в Москві підтвердили` is the day before the article, not 3 September)
    let past: boolean | undefined;
    for (let i = placed.length - 1; i >= 0; i--) {
      const p = placed[i];
      if (p.day && p.main) {
        if (pub && compare(p.day, pub) > 0 && (past ??= clauseDirection(doc, lx, f.start, f.end) === 'past')) break;
        anchorDay = p.day;
        anchor = String(p.start);
        break;
      }
    }
    if (!anchorDay) return null;
    const d = addDays(anchorDay, +rel);
    place(d);
    return { ...base, value: isoDay(d), anchor };
  }

  const period = tagValue(f.tags, TAG.period);
  if (period !== undefined) {
    if (!pub) return null;
    const [unit, off] = period.split(':');
    place(null);
    if (unit === 'week') return { ...base, value: isoWeek(addDays(pub, 7 * +off)), anchor: 'published' };
    if (unit === 'weekend') {
      const sat = pickWeekend(pub, +off, +off === 0 ? clauseDirection(doc, lx, f.start, f.end) : 'none');
      return { ...base, value: `${isoWeek(sat)}-WE`, anchor: 'published' };
    }
    if (unit === 'month') {
      const m = addMonths(pub.y, pub.m, +off);
      return { ...base, value: isoMonth(m.y, m.m), ...(mod ? { mod } : {}), anchor: 'published' };
    }
    return { ...base, value: String(pub.y + +off), anchor: 'published' };
  }

  const yref = tagValue(f.tags, TAG.yearRef);
  if (yref !== undefined) {
    if (!pub) return null;
    const y = pub.y + +yref;
    place(null);
    const value = k.month !== undefined ? isoMonth(y, k.month) : String(y);
    return { ...base, value, ...(mod ? { mod } : {}), anchor: 'published' };
  }

  const needsDir = k.year === undefined;
  const dir: Direction = needsDir ? clauseDirection(doc, lx, f.start, f.end) : 'none';

  // a range: `с 1 по 3 февраля`
  const one = (kk: Found['known']): { value: string; day: Ymd | null } | null => {
    if (kk.day !== undefined && kk.month !== undefined) {
      if (!pub && kk.year === undefined) return validDay(2000, kk.month, kk.day) ? { value: `XXXX-${isoDay({ y: 2000, m: kk.month, d: kk.day }).slice(5)}`, day: null } : null;
      const d = pickDay(pub ?? { y: kk.year!, m: 1, d: 1 }, kk.month, kk.day, dir, kk.year);
      return d ? { value: isoDay(d), day: d } : null;
    }
    if (kk.day !== undefined && f.tags.has(TAG.dayOfMonth)) {
      if (!pub) return null;
      let ym = { y: pub.y, m: pub.m };
      if (dir !== 'future' && kk.day > pub.d) ym = addMonths(pub.y, pub.m, -1);
      if (dir === 'future' && kk.day < pub.d) ym = addMonths(pub.y, pub.m, 1);
      if (!validDay(ym.y, ym.m, kk.day)) return null;
      const d = { y: ym.y, m: ym.m, d: kk.day };
      return { value: isoDay(d), day: d };
    }
    if (kk.month !== undefined) {
      if (kk.year !== undefined) return { value: isoMonth(kk.year, kk.month), day: null };
      if (!pub) return null;
      const m = pickMonth(pub, kk.month, dir);
      return { value: isoMonth(m.y, m.m), day: null };
    }
    if (kk.weekday !== undefined) {
      if (!pub) return null;
      const pre = doc.text.slice(f.start, f.end);
      const rx = regexes(lx);
      const m2 = rx.headPrev.test(pre)
        ? 'prev'
        : rx.headNext.test(pre)
          ? 'next'
          : null;
      const d = pickWeekday(pub, kk.weekday, dir, m2);
      return { value: isoDay(d), day: d };
    }
    if (kk.year !== undefined) return { value: String(kk.year), day: null };
    return null;
  };
  const a = one(k);
  if (!a) return null;
  const value = a.value;
  // a range (`с 8 по 24 января`): `value` is where it starts, `to` where it ends
  let to: string | undefined;
  if (f.endKnown && (f.endKnown.day !== undefined || f.endKnown.month !== undefined)) {
    const b = one({ ...k, ...f.endKnown });
    if (b && b.value !== a.value && ISO_VALUE.test(b.value)) to = b.value;
  }
  if (!ISO_VALUE.test(value)) return null; // never emit a value that is not an ISO date (year 0, etc.)
  place(to ? null : a.day);
  const tx: Timex = { ...base, value };
  if (to) tx.to = to;
  if (mod) tx.mod = mod;
  if (k.year === undefined) tx.anchor = 'published';
  return tx;
}
