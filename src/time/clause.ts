/**
 * Small grammar helpers over a document shared by the time and event stages: sentences, clauses,
 * words (the tokens layer with its morphology when present, else a plain word scan), and the
 * tense/modality direction of a clause.
 */
import type { Doc, Span, Token } from '../doc/model.js';
import type { TimeLexicon } from './lexicon.js';

export interface Word extends Span {
  text: string;
  /** lower-case, ё→е, apostrophes unified */
  norm: string;
  tok?: Token;
}

export function normWord(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[’ʼ`]/g, "'");
}

/** Sentence spans: the `sentences` layer when present, else a punctuation split. */
export function sentences(doc: Doc): Span[] {
  const got = doc.layers.sentences;
  if (got && got.length) return got;
  const cached = doc.meta.__timeSentences as Span[] | undefined;
  if (cached) return cached;
  const out: Span[] = [];
  const text = doc.text;
  const re = /[^\n.!?…]+(?:[.!?…]+["»”]?|\n|$)/g;
  let m: RegExpExecArray | null;
  let start = -1;
  let last = 0;
  while ((m = re.exec(text))) {
    if (!m[0].length) {
      re.lastIndex++;
      continue;
    }
    if (start < 0) start = m.index;
    last = m.index + m[0].length;
    const next = text.slice(last, last + 3);
    // an abbreviation or initial (`Е. Бонн`, `г.`) or a lower-case continuation does not end a sentence
    const tail = m[0].trimEnd();
    const endsAbbr = /(?:^|[\s(])(?:\p{Lu}|г|гг|ст|тыс|млн|млрд|им|т\.е|т\.д|р|с|ж)\.$/u.test(tail);
    if (m[0].endsWith('\n') || (!endsAbbr && !/^\s*[\p{Ll},;]/u.test(next))) {
      out.push(trimSpan(text, start, last));
      start = -1;
    }
  }
  if (start >= 0) out.push(trimSpan(text, start, text.length));
  const res = out.filter((s) => s.end > s.start);
  doc.meta.__timeSentences = res;
  return res;
}

function trimSpan(text: string, s: number, e: number): Span {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

export function sentenceAt(doc: Doc, offset: number): Span {
  const ss = sentences(doc);
  let lo = 0, hi = ss.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ss[mid].end <= offset) lo = mid + 1;
    else if (ss[mid].start > offset) hi = mid - 1;
    else return ss[mid];
  }
  // between sentences: the one before, else the whole text
  if (hi >= 0 && hi < ss.length) return ss[hi];
  return { start: 0, end: doc.text.length };
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’ʼ-]*/gu;

/** Words of [start, end): tokens (with lemma/pos/tags) when the tokens layer exists. */
export function wordsIn(doc: Doc, start: number, end: number): Word[] {
  const toks = doc.layers.tokens;
  if (toks && toks.length) {
    let lo = 0, hi = toks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (toks[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    const out: Word[] = [];
    for (let i = lo; i < toks.length && toks[i].start < end; i++) {
      const t = toks[i];
      if (t.kind !== 'word' && t.kind !== 'number') continue;
      out.push({ start: t.start, end: t.end, text: t.text, norm: normWord(t.text), tok: t });
    }
    return out;
  }
  const out: Word[] = [];
  const slice = doc.text.slice(start, end);
  WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_RE.exec(slice))) {
    out.push({ start: start + m.index, end: start + m.index + m[0].length, text: m[0], norm: normWord(m[0]) });
  }
  return out;
}

const CLAUSE_BREAK = /[,;:—–()«»"“”„]|\s-\s/g;

/** The clause around [start, end): the sentence cut at clause punctuation. */
export function clauseAt(doc: Doc, start: number, end: number): Span {
  const s = sentenceAt(doc, start);
  const text = doc.text;
  let a = s.start, b = s.end;
  CLAUSE_BREAK.lastIndex = 0;
  const seg = text.slice(s.start, s.end);
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(seg))) {
    const at = s.start + m.index;
    if (at + m[0].length <= start) a = at + m[0].length;
    else if (at >= end) {
      b = at;
      break;
    }
  }
  return { start: a, end: Math.max(b, end) };
}

export type Direction = 'past' | 'future' | 'none';

const UK_PF_PREFIX = /^(?!взаємо)(?:від|віді|за|зі|з|с|по|про|при|роз|ви|на|об|о|у|пере|під|до|над)(?=[а-яіїєґ']{4})/;
const UK_IMPF = /(?:ува|юва|ва|ча|ля|жа|ша|ща|ідж|одж|оджу)(?:ти|тися|тись)$|(?:ходити|водити|носити|возити)(?:ся)?$/;

/**
 * Aspect of a Ukrainian verb lemma when the morphology gives none (its non-past forms carry no
 * Tense): a prefixed verb without an imperfective suffix is perfective, so its non-past form is
 * a future (`відвідає`, `проведе`, `зустрінеться`); `взаємодіють`, `спілкуємося` stay present.
 */
export function ukPerfective(lemma: string): boolean {
  const l = lemma.toLowerCase();
  return UK_PF_PREFIX.test(l) && !UK_IMPF.test(l);
}

/** Tense of a finite verb token: the morphology's, or for Ukrainian non-past forms the aspect's. */
export function verbTense(t: Token, lang: string): 'Past' | 'Pres' | 'Fut' | null {
  const tags = t.tags ?? {};
  if (tags.Tense === 'Past' || tags.Tense === 'Fut') return tags.Tense;
  if (tags.Tense === 'Pres') return tags.Aspect === 'Perf' ? 'Fut' : 'Pres';
  if (lang === 'uk' && tags.VerbForm === 'Fin' && tags.Person && t.lemma) return ukPerfective(t.lemma) ? 'Fut' : 'Pres';
  return null;
}

const cueCache = new Map<string, { pastRe: RegExp; fut: Set<string>; pastW: Set<string>; stop: Set<string>; gov: Set<string> }>();
function cues(lx: TimeLexicon) {
  let c = cueCache.get(lx.lang);
  if (!c) {
    c = {
      pastRe: new RegExp(lx.pastSuffix, 'u'),
      fut: new Set(lx.futureWords.map(normWord)),
      pastW: new Set(lx.pastWords.map(normWord)),
      stop: new Set(lx.pastStop.map(normWord)),
      gov: new Set((lx.futureGovernors ?? []).map(normWord)),
    };
    cueCache.set(lx.lang, c);
  }
  return c;
}

/**
 * Which way the clause around [start, end) points in time: the nearest finite verb (or future /
 * modality cue) decides. Uses the morphology's Tense when tokens carry it, else suffix cues.
 */
export function clauseDirection(doc: Doc, lx: TimeLexicon, start: number, end: number): Direction {
  const cl = clauseAt(doc, start, end);
  const words = wordsIn(doc, cl.start, cl.end).filter((w) => w.end <= start || w.start >= end);
  let best: { dist: number; dir: Direction } | null = null;
  // a future word qualifying another noun (`the upcoming G7 summit`, `предстоящего саммита`) speaks of
  // that noun: it decides only when no verb of the clause does (`discussed the upcoming summit ... on Monday`)
  let attr: { dist: number; dir: Direction } | null = null;
  const { pastRe, fut, pastW, stop, gov } = cues(lx);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let dir = wordDirection(w, pastRe, fut, pastW, stop, lx.lang);
    // English `-ed` forms are tagged participles: without an auxiliary before them (`has met`,
    // `was held`: those say it themselves) one after its subject is the simple past (`Ishiba discussed`)
    if (dir === 'none' && lx.lang === 'en' && isSimplePast(words, i)) dir = 'past';
    // an infinitive governed by a word of intent or schedule points forward whatever the governor's
    // tense: `was due to take place`, `договорились встретиться`, `домовилися зустрітися`
    if (gov.size && isInfinitive(words, i, lx.lang) && governed(words, i, lx.lang, gov)) dir = 'future';
    if (dir === 'none') continue;
    const dist = w.start >= end ? w.start - end : start - w.end;
    if (dir === 'future' && fut.has(w.norm) && isAttributive(words, i, start, end)) {
      if (!attr || dist < attr.dist) attr = { dist, dir };
      continue;
    }
    // a future/modal cue beats a past form at a similar distance (`может провести`, `должен был` excepted)
    if (!best || dist < best.dist) best = { dist, dir };
  }
  return best ? best.dir : attr ? attr.dir : 'none';
}

const ATTRIBUTIVE_HEAD = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
const SUBJECT_END = new Set(['PROPN', 'NOUN', 'PRON']);

/** An English past participle form used as the simple past: right after a noun or pronoun, no auxiliary. */
function isSimplePast(words: Word[], i: number): boolean {
  const t = words[i].tok;
  if (!t || t.pos !== 'VERB' || t.tags?.VerbForm !== 'Part' || t.tags?.Tense !== 'Past') return false;
  const p = words[i - 1]?.tok;
  return !!p && SUBJECT_END.has(p.pos ?? '') && words[i - 1].end <= words[i].start;
}

/** Does the word stand before a noun it qualifies (not the temporal expression itself)? */
function isAttributive(words: Word[], i: number, start: number, end: number): boolean {
  const n = words[i + 1];
  if (!n || !n.tok?.pos || !ATTRIBUTIVE_HEAD.has(n.tok.pos)) return false;
  // the next word is part of the expression being resolved: `upcoming Monday`
  return !(n.start >= start && n.end <= end);
}

/**
 * Is the infinitive at `i` governed by a word of intent or schedule: the word before it (before
 * `to` in English), or in Russian and Ukrainian one up to three words back with only its object
 * between (`пригласил монгольскую делегацию посетить`), no other verb.
 */
function governed(words: Word[], i: number, lang: string, gov: Set<string>): boolean {
  if (lang === 'en') return gov.has(words[i - 2]?.norm ?? '');
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    if (gov.has(words[j].norm)) return true;
    const t = words[j].tok;
    if (!t || !t.pos || t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'ADP' || t.pos === 'SCONJ' || t.pos === 'CCONJ') return false;
  }
  return false;
}

function isInfinitive(words: Word[], i: number, lang: string): boolean {
  if (i < 1) return false;
  if (lang === 'en') return i > 1 && words[i - 1].norm === 'to' && (!words[i].tok?.pos || words[i].tok!.pos === 'VERB' || words[i].tok!.pos === 'AUX');
  const t = words[i].tok;
  return !!t && t.tags?.VerbForm === 'Inf';
}

function wordDirection(w: Word, pastRe: RegExp, fut: Set<string>, pastW: Set<string>, stop: Set<string>, lang: string): Direction {
  const t = w.tok;
  if (fut.has(w.norm)) return 'future';
  if (t && t.pos) {
    const tags = t.tags ?? {};
    if ((t.pos === 'VERB' || t.pos === 'AUX') && (!tags.VerbForm || tags.VerbForm === 'Fin')) {
      const tense = verbTense(t, lang);
      if (tense === 'Past') return 'past';
      if (tense === 'Fut') return 'future';
      return 'none';
    }
    if (t.pos === 'VERB' && tags.VerbForm === 'Part' && tags.Tense === 'Past' && tags.Voice === 'Pass') return 'past';
    if (pastW.has(w.norm) && t.pos !== 'VERB') return 'past';
    return 'none';
  }
  if (pastW.has(w.norm)) return 'past';
  if (w.text[0] === w.text[0].toLowerCase() && w.norm.length >= 4 && !stop.has(w.norm) && pastRe.test(w.norm)) return 'past';
  return 'none';
}
