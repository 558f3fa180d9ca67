/**
 * The quotes stage's read-only view of a document: tokens with lemma/pos/tags, sentence and
 * paragraph bounds, and the entity mentions ordered by position. Built from the `tokens`,
 * `morph` and `entities` layers; where a layer is missing (a language the tokenizer skips, a test
 * without the full pipeline) it falls back to a plain word split so the stage still works.
 */
import type { Doc, Entity, EntityType, MorphAnalysis } from '../doc/model.js';
import { fold } from '../doc/normalize.js';
import { fallbackVerbLemma, type Lexicon } from './lexicon.js';

export interface W {
  start: number;
  end: number;
  text: string;
  norm: string;
  /** lower-cased lemma (the morphology's, else the surface norm) */
  lemma: string;
  /** verb lemma from the fallback matcher when the morphology gave none */
  hasLemma: boolean;
  pos?: string;
  tags?: Record<string, string>;
  sent: number;
  para: number;
  word: boolean;
  upper: boolean;
  /** the morphology's other analyses of the form (read through nomAlt and altsVerb) */
  alts: MorphAnalysis[] | undefined;
  /** nomAlt and altsVerb worked out (bits 1 and 2), or -1 until asked */
  altFlags: number;
}

function altFlagsOf(t: W): number {
  if (t.altFlags < 0) {
    let f = 0;
    const alts = t.alts;
    if (alts && alts.length) {
      const num = t.tags?.Number;
      for (const a of alts) {
        if (a.tags?.Case === 'Nom' && (a.tags?.Number ?? num) === num) f |= 1;
        if (a.pos === 'VERB') f |= 2;
      }
    }
    t.altFlags = f;
  }
  return t.altFlags;
}

/** another analysis of the form is nominative, of the same number (`Рютте` Loc/Nom sg), not `Терезы` Gen sg / Nom pl */
export function nomAlt(t: W): boolean {
  return (altFlagsOf(t) & 1) !== 0;
}

/** another analysis of the form is a verb */
export function altsVerb(t: W): boolean {
  return (altFlagsOf(t) & 2) !== 0;
}

export interface MentionRef {
  start: number;
  end: number;
  /** token index range [t0, t1) */
  t0: number;
  t1: number;
  entity: Entity;
  type: EntityType;
}

export interface View {
  text: string;
  lang: string;
  w: W[];
  /** token index of the first token of each sentence, and one past the last */
  sStart: number[];
  sEnd: number[];
  mentions: MentionRef[];
  /** mention index covering each token, or -1 */
  mentionAt: Int32Array;
  /** paragraph index of a character offset */
  paraOfChar(pos: number): number;
  paraStarts: number[];
}

const WORD_RE = /[\p{L}\p{N}]+(?:[’'\-‐.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;
const SENT_END = /^[.!?…]$/;

/** paragraph starts: after a line break, with blank lines between paragraphs counting once */
function paragraphs(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const last = starts[starts.length - 1];
    if (text.slice(last, i).trim() === '') starts[starts.length - 1] = i + 1;
    else starts.push(i + 1);
  }
  return starts;
}

function upperFirst(s: string): boolean {
  const k = s.charCodeAt(0);
  // (ASCII and basic Cyrillic letters without a string per call; the same answer as below)
  if ((k >= 0x61 && k <= 0x7a) || (k >= 0x430 && k <= 0x44f) || (k >= 0x30 && k <= 0x39)) return false;
  if ((k >= 0x41 && k <= 0x5a) || (k >= 0x410 && k <= 0x42f)) return true;
  const c = s.charAt(0);
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

/** characters `fold` leaves as they are (lower-case Latin and Cyrillic letters but ё, digits, `’`, `-`, `.`) */
const FOLDED = /^[a-z0-9\u0430-\u044f\u0456\u0457\u0454\u0491\u2019.\-]*$/;

/** `fold(s)`, without the three string passes for a word that is folded already (most lemmas) */
function foldLemma(s: string): string {
  return FOLDED.test(s) ? s : fold(s);
}

export function buildView(doc: Doc, lex: Lexicon): View {
  const text = doc.text;
  const paraStarts = paragraphs(text);
  const paraOfChar = (pos: number): number => {
    let lo = 0;
    let hi = paraStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (paraStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const w: W[] = [];
  const toks = doc.layers.tokens;
  if (toks && toks.length) {
    // tokens come in text order: the paragraph index moves forward (binary search if one did not)
    let para = 0;
    let lastStart = -1;
    for (const t of toks) {
      const isWord = t.kind === 'word' || t.kind === 'number';
      if (t.start < lastStart) para = paraOfChar(t.start);
      else while (para + 1 < paraStarts.length && paraStarts[para + 1] <= t.start) para++;
      lastStart = t.start;
      let lemma = t.lemma ? foldLemma(t.lemma) : t.norm;
      let hasLemma = !!t.lemma;
      if (isWord && lemma === t.norm && !lex.verbs.has(lemma)) {
        const fb = fallbackVerbLemma(lex, t.norm);
        if (fb) {
          lemma = fb;
          hasLemma = true;
        }
      }
      w.push({
        start: t.start,
        end: t.end,
        text: t.text,
        norm: t.norm,
        lemma,
        hasLemma,
        pos: t.pos,
        tags: t.tags,
        sent: t.sent,
        para,
        word: isWord,
        upper: upperFirst(t.text),
        alts: t.alts,
        altFlags: -1,
      });
    }
  } else {
    let sent = 0;
    let prevEnd = false;
    let prevPara = 0;
    WORD_RE.lastIndex = 0;
    for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
      const s = m[0];
      const start = m.index;
      const para = paraOfChar(start);
      const up = upperFirst(s);
      if (w.length && (para !== prevPara || (prevEnd && (up || /[«"“„—–-]/.test(s))))) sent++;
      const isWord = /[\p{L}\p{N}]/u.test(s);
      const norm = fold(s);
      const fb = isWord ? fallbackVerbLemma(lex, norm) : null;
      w.push({ start, end: start + s.length, text: s, norm, lemma: fb ?? norm, hasLemma: !!fb, pos: undefined, tags: undefined, sent, para, word: isWord, upper: up, alts: undefined, altFlags: -1 });
      prevEnd = SENT_END.test(s);
      prevPara = para;
    }
  }
  // sentence bounds by token index
  const sStart: number[] = [];
  const sEnd: number[] = [];
  for (let i = 0; i < w.length; i++) {
    const s = w[i].sent;
    if (sStart[s] === undefined) sStart[s] = i;
    sEnd[s] = i + 1;
  }
  // fill gaps (sentences with no tokens)
  for (let s = 0; s < sStart.length; s++) {
    if (sStart[s] === undefined) {
      sStart[s] = s > 0 ? sEnd[s - 1] : 0;
      sEnd[s] = sStart[s];
    }
  }
  // mentions
  const mentions: MentionRef[] = [];
  for (const e of doc.layers.entities ?? []) {
    for (const m of e.mentions) {
      const t0 = tokenAt(w, m.start);
      let t1 = t0;
      while (t1 < w.length && w[t1].start < m.end) t1++;
      if (t0 < 0 || t1 <= t0) continue;
      mentions.push({ start: m.start, end: m.end, t0, t1, entity: e, type: e.type });
    }
  }
  addSurnameMentions(w, mentions, text);
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  const mentionAt = new Int32Array(w.length).fill(-1);
  mentions.forEach((m, k) => {
    for (let t = m.t0; t < m.t1; t++) if (mentionAt[t] < 0) mentionAt[t] = k;
  });
  return { text, lang: lex.lang, w, sStart, sEnd, mentions, mentionAt, paraOfChar, paraStarts };
}

/** Index of the first token that ends after `pos` (the token holding or following it), -1 if none. */
export function tokenAt(w: W[], pos: number): number {
  let lo = 0;
  let hi = w.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < w.length ? lo : -1;
}

/**
 * Coreference by surname inside the stage: a capitalised word the recogniser left out, or typed as
 * a place or body, whose lemma is the surname (last name word) of exactly one person of the article
 * counts as a mention of that person (`Лавров заявив` after `Сергій Лавров`).
 */
function addSurnameMentions(w: W[], mentions: MentionRef[], text: string): void {
  const bySurname = new Map<string, Entity | null>();
  // (each entity once: its other mentions give the same surname and the same answer)
  const done = new Set<Entity>();
  for (const m of mentions) {
    if (m.type !== 'PER' || done.has(m.entity)) continue;
    done.add(m.entity);
    const parts = m.entity.name.toLowerCase().split(/\s+/).filter((x) => x.length >= 3);
    const last = parts[parts.length - 1];
    if (!last) continue;
    const prev = bySurname.get(last);
    bySurname.set(last, prev === undefined || prev === m.entity || (prev && prev.id === m.entity.id) ? m.entity : null);
  }
  if (!bySurname.size) return;
  const covered = new Uint8Array(w.length);
  for (const m of mentions) for (let t = m.t0; t < m.t1; t++) covered[t] = 1;
  // a place/body mention that is really a person's surname (`Лавров` typed LOC)
  for (const m of mentions) {
    if (m.type === 'PER' || m.t1 - m.t0 !== 1 || !m.entity.id.startsWith('new:')) continue;
    const t = w[m.t0];
    const e = bySurname.get(t.lemma) ?? bySurname.get(t.norm);
    if (e) {
      m.entity = e;
      m.type = 'PER';
    }
  }
  for (let i = 0; i < w.length; i++) {
    const t = w[i];
    if (covered[i] || !t.word || !t.upper || (t.pos && t.pos !== 'PROPN' && t.pos !== 'NOUN' && t.pos !== 'X')) continue;
    const e = bySurname.get(t.lemma) ?? bySurname.get(t.norm);
    if (!e) continue;
    void text;
    mentions.push({ start: t.start, end: t.end, t0: i, t1: i + 1, entity: e, type: 'PER' });
  }
}
