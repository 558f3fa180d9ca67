/**
 * Finding who speaks: the noun phrase governing a cue (either side of it), read from tokens,
 * their morphology (Case=Nom, prepositions, genitive dependents) and the entity mentions.
 */
import type { Entity } from '../doc/model.js';
import type { Lexicon } from './lexicon.js';
import { nomAlt, type View, type W } from './view.js';

export type Subj =
  /** `body`: named by a common noun that says it is an institution (`the ministry`, `турецька сторона`), no outlet */
  | { k: 'entity'; ent: Entity; start: number; end: number; t0: number; body?: boolean }
  /** `poss`: a possessive owning the body that speaks (`his office said`): its person may be named in the quote itself */
  | { k: 'pronoun'; g: string; start: number; end: number; t0: number; poss?: boolean }
  | { k: 'role'; head: string; phrase: string; of: string[]; adjs: string[]; start: number; end: number; t0: number }
  | { k: 'unnamed'; via: Entity | null; start: number; end: number; t0: number }
  | { k: 'institution'; ent: Entity; start: number; end: number; t0: number }
  | { k: 'media'; start: number; end: number; t0: number; quoted?: boolean }
  /** a common noun subject the stage cannot resolve (`официальные лица`): speaker stays null */
  | { k: 'other'; start: number; end: number; t0: number };

export const DASHES = new Set(['—', '–', '-', '−', '--', '―', '‒']);
export const QUOTE_CHARS = new Set(['«', '»', '"', '“', '”', '„', '‘']);
const HARD_STOP = new Set(['.', '!', '?', ';', ':', '…', '(', ')']);

export function caseOf(t: W): string | undefined {
  return t.tags?.Case;
}

let PREPS: Set<string> = new Set();

/** outlet names the recogniser may have missed (`Фокус писал`): set by the stage, per document */
let OUTLET_LOOKUP: ((name: string, start: number, end: number) => Entity | null) | null = null;
export function setOutletLookup(f: ((name: string, start: number, end: number) => Entity | null) | null): void {
  OUTLET_LOOKUP = f;
}

function isAdp(t: W | undefined): boolean {
  if (!t || !t.word) return false;
  if (t.pos) return t.pos === 'ADP';
  return PREPS.has(t.norm);
}

/** A mention is oblique when a preposition or a governing common noun precedes it. */
export function obliqueBefore(v: View, t0: number, lex: Lexicon, t1 = t0 + 1): boolean {
  const p = v.w[t0 - 1];
  if (!p || !p.word) return false;
  PREPS = lex.preps;
  if (isAdp(p)) return true;
  // `источники Reuters`, `Джерела Reuters`: the name depends on the unnamed source
  if (lex.unnamed.has(p.lemma)) return true;
  if (mentionCaseOk(v, t0, t1) === 'nom') return false;
  // the rest of a name in an oblique case (`Терезы | Мэй`)
  if (p.pos === 'PROPN' && p.upper && caseOf(p) && caseOf(p) !== 'Nom' && !nomAlt(p)) return true;
  // `глава МИД`, `представитель Кремля`, `Керівник МОЗ`: a body after a role noun is what the role is of
  const men = v.mentionAt[t0] >= 0 ? v.mentions[v.mentionAt[t0]] : null;
  if (men && men.type !== 'PER' && lex.roles.has(p.lemma)) return true;
  // `интервью Süddeutsche Zeitung`, `советник Макрона`: a lower-case noun that is not a role noun
  if (p.pos === 'NOUN' && !lex.roles.has(p.lemma) && !lex.media.has(p.lemma) && !lex.unnamed.has(p.lemma)) return true;
  return false;
}

/** 'other' when some word of the name is definitely not nominative (`Девидом Кэмероном`), 'nom' when one is. */
export function mentionCaseOk(v: View, t0: number, t1: number): 'nom' | 'other' | 'unknown' {
  // a body or place named by a phrase takes its case from the head, the first word: the genitive
  // dependents of `пресс-служба Кремля`, `Совет безопасности ООН`, `МЗС України` say nothing of it
  const k = v.mentionAt[t0];
  if (k >= 0 && v.mentions[k].type !== 'PER' && t1 - t0 > 1) {
    const h = v.w[t0];
    const c = caseOf(h);
    if (!c) return 'unknown';
    return c === 'Nom' || nomAlt(h) ? 'nom' : 'other';
  }
  let nom = false;
  for (let t = t0; t < t1; t++) {
    const c = caseOf(v.w[t]);
    if (!c) continue;
    if (c === 'Nom' || nomAlt(v.w[t])) nom = true;
    else return 'other';
  }
  return nom ? 'nom' : 'unknown';
}

function isRoleWord(v: View, i: number, lex: Lexicon): boolean {
  const t = v.w[i];
  if (!t.word || !lex.roles.has(t.lemma)) return false;
  if (v.mentionAt[i] >= 0) return false;
  if (t.upper && i > 0 && v.w[i - 1].sent === t.sent && v.w[i - 1].word) return false;
  return true;
}

/** The role noun phrase starting at head `i`: adjectives before, genitive dependents after, an apposed name. */
function roleNP(v: View, i: number, lex: Lexicon, dir: 1 | -1): Subj {
  const w = v.w;
  const adjs: string[] = [];
  let s = i;
  // (English demonyms the tagger reads as names: `the Indian leader`, `the Turkish president`)
  while (s - 1 >= 0 && w[s - 1].word && w[s - 1].sent === w[i].sent && (w[s - 1].pos === 'ADJ' || (!w[s - 1].pos && /(ий|ый|ой|ій|ський|цький)$/u.test(w[s - 1].norm)) || (v.lang === 'en' && w[s - 1].pos === 'PROPN' && w[s - 1].upper && /(an|ese|ish|ch|i)$/.test(w[s - 1].norm))) && v.mentionAt[s - 1] < 0) {
    adjs.push(w[s - 1].lemma);
    s--;
  }
  const of: string[] = [];
  const phrase: string[] = [w[i].lemma];
  let e = i + 1;
  let apposed = false;
  for (let k = i + 1; k < w.length && k <= i + 14; k++) {
    const t = w[k];
    // `заступник міністра охорони здоров’я, головний державний санітарний лікар Віктор Ляшко`
    if (!t.word && t.text === ',' && k + 1 < w.length && w[k + 1].word && !w[k + 1].upper && (w[k + 1].pos === 'ADJ' || lex.roles.has(w[k + 1].lemma))) {
      apposed = true;
      continue;
    }
    if (!t.word || t.sent !== w[i].sent) break;
    if (k > i + 6 && v.mentionAt[k] < 0 && t.pos !== 'ADJ' && t.pos !== 'NOUN') break;
    const m = v.mentionAt[k];
    if (m >= 0) {
      const men = v.mentions[m];
      if (men.type === 'PER') {
        // apposition: `глава МИД Сергей Лавров`, `пресс-секретарь президента РФ Дмитрий Песков`
        return { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
      }
      of.push(men.entity.id);
      for (let u = men.t0; u < men.t1; u++) phrase.push(abbrBase(w[u]));
      k = men.t1 - 1;
      e = men.t1;
      continue;
    }
    if (lex.roles.has(t.lemma) || (apposed && !t.upper && (t.pos === 'ADJ' || t.pos === 'NOUN')) || (t.pos === 'NOUN' && caseOf(t) === 'Gen') || (t.pos === 'ADJ' && caseOf(t) === 'Gen') || (!t.pos && !t.upper && /(а|я|ы|и|у|ого|его|ої|ого|ів|их)$/u.test(t.norm) && k === e)) {
      if (t.pos === 'VERB') break;
      phrase.push(abbrBase(t));
      e = k + 1;
      continue;
    }
    break;
  }
  void dir;
  return { k: 'role', head: w[i].lemma, phrase: phrase.join(' '), of, adjs, start: w[s].start, end: w[e - 1].end, t0: s };
}

/** `МИДа`, `МИДе`, `МЗСу`: an abbreviation with a case ending is the abbreviation (`глава мид`, a title the KB knows) */
function abbrBase(t: W): string {
  const abbr = /^([A-ZА-ЯЁІЇЄҐ]{2,})(а|у|е|ом|ы|і|ові)$/u.exec(t.text);
  return abbr ? abbr[1].toLowerCase() : t.norm;
}

function personBySurname(v: View, lemma: string, norm: string): Entity | null {
  const l = lemma.toLowerCase();
  let found: Entity | null = null;
  for (const m of v.mentions) {
    if (m.type !== 'PER') continue;
    const words = `${m.entity.name} ${v.text.slice(m.start, m.end)}`.toLowerCase().split(/\s+/);
    if (words.includes(l) || words.includes(norm)) {
      if (found && found.id !== m.entity.id) return null;
      found = m.entity;
    }
  }
  return found;
}

/**
 * A quotation mark at `i` that opens (dir 1) or closes (dir -1) a name in marks (`У “Газпромі” стверджують`,
 * `зазначили в «Нафтогазі»`, `прес-служба «Нафтогазу України»`): one to four words, the first capitalised, in
 * one sentence. Returns the token on the other side of the name's marks, else -1.
 */
export function quotedNameEnd(v: View, i: number, dir: 1 | -1): number {
  const w = v.w;
  if (!w[i] || w[i].word || (!QUOTE_CHARS.has(w[i].text) && w[i].text !== '»')) return -1;
  let words = 0;
  for (let k = i + dir; k >= 0 && k < w.length && w[k].sent === w[i].sent && words <= 4; k += dir) {
    if (w[k].word) {
      words++;
      continue;
    }
    if (QUOTE_CHARS.has(w[k].text) || w[k].text === '»') {
      const first = dir === 1 ? w[i + 1] : w[k + 1];
      return words >= 1 && words <= 4 && first && first.word && first.upper ? k : -1;
    }
    if (w[k].text !== '-' && w[k].text !== '.') return -1;
  }
  return -1;
}

/** tokens [a, b) are names, titles and their joints only (`Somali President Hassan Sheikh Mohamud and Ethiopian Prime Minister`) */
function nounPhraseOnly(v: View, a: number, b: number, lex: Lexicon): boolean {
  if (b - a > 16) return false;
  for (let t = a; t < b; t++) {
    const x = v.w[t];
    if (v.mentionAt[t] >= 0 || lex.roles.has(x.lemma)) continue;
    if (!x.word ? x.text === ',' || /^['’]s?$/.test(x.text) : x.upper || x.norm === 'and' || x.pos === 'DET' || x.pos === 'PROPN' || x.pos === 'PART') continue;
    return false;
  }
  return true;
}

function outletAfter(v: View, i: number): Entity | null {
  for (let k = i + 1; k < v.w.length && k <= i + 3; k++) {
    // (`прес-служба «Нафтогазу України»`: the body's name in marks)
    if (k === i + 1 && quotedNameEnd(v, k, 1) > k) continue;
    const m = v.mentionAt[k];
    // (`Russian state news agencies said Putin …`: a name past a verb is no agency's name)
    if (m >= 0) return v.mentions[m].type === 'PER' && v.mentions[m].t0 > i + 1 ? null : v.mentions[m].entity;
    if (!v.w[k].word || v.w[k].pos === 'VERB' || v.w[k].pos === 'AUX') break;
  }
  return null;
}

function subjAt(v: View, i: number, lex: Lexicon, opts: { allowOblique: boolean; dir: 1 | -1; cue?: number }): { s: Subj; score: number; next: number } | null {
  const w = v.w;
  const t = w[i];
  const m = v.mentionAt[i];
  // a lower-case "name" is an adjective the recogniser took for one (`французский`): not a subject
  // (a lower-case body, `пресс-служба Кремля`, starts with a noun and is one)
  if (m >= 0 && /^\p{Ll}/u.test(v.w[v.mentions[m].t0].text)) {
    const h = v.w[v.mentions[m].t0];
    // (`российском МИД`: an adjective before a capitalised body is part of its name)
    let capsAfterAdj = false;
    for (let u = v.mentions[m].t0 + 1; u < v.mentions[m].t1; u++) if (v.w[u].upper) capsAfterAdj = h.pos === 'ADJ' && v.mentions[m].type !== 'PER';
    if (!capsAfterAdj && (h.pos !== 'NOUN' || v.mentions[m].type === 'PER' || !lex.institutions.has(h.lemma))) return null;
  }
  if (m >= 0) {
    const men = v.mentions[m];
    const cs = mentionCaseOk(v, men.t0, men.t1);
    // right before the cue (`Мэй объявила`, `Макрон заявил`) only a preposition makes a name oblique
    const prev0 = w[men.t0 - 1];
    const adjacent = opts.dir === -1 && opts.cue !== undefined && men.t1 === opts.cue;
    const obl = adjacent ? isAdp(prev0) || (men.type !== 'PER' && !!prev0 && lex.roles.has(prev0.lemma)) : obliqueBefore(v, men.t0, lex, men.t1);
    const next = opts.dir === 1 ? men.t1 : men.t0 - 1;
    // `В Кремле отмечали`: an institution in the locative
    // (`в российском МИД заявили`: adjectives between the preposition and the body)
    let pi = men.t0 - 1;
    // (`в «Газпроме» утверждают`: the name's opening mark between them)
    if (pi > 0 && !w[pi].word && quotedNameEnd(v, pi, 1) >= men.t1) pi--;
    while (pi > 0 && men.t0 - pi <= 2 && w[pi].word && w[pi].pos === 'ADJ' && v.mentionAt[pi] < 0) pi--;
    const prev = w[pi];
    if (prev && prev.word && lex.instPreps.has(prev.norm) && men.type !== 'PER') {
      return { s: { k: 'institution', ent: men.entity, start: men.start, end: men.end, t0: men.t0 }, score: -1, next };
    }
    // the morphology's case of a foreign or indeclinable name is a guess: a person is only ruled out by a preposition
    const badCase = cs === 'other' && !(men.type === 'PER' && !isAdp(prev));
    if (!opts.allowOblique && (obl || badCase)) return { s: { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 }, score: -5, next };
    let score = cs === 'nom' ? 3 : 1.5;
    if (men.type === 'PER') score += 1;
    return { s: { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 }, score, next };
  }
  if (!t.word) return null;
  if (t.upper && OUTLET_LOOKUP && !isAdp(w[i - 1])) {
    for (let n = 3; n >= 1; n--) {
      if (i + n > w.length) continue;
      const name = v.text.slice(t.start, w[i + n - 1].end);
      const o = OUTLET_LOOKUP(name, t.start, w[i + n - 1].end);
      if (o) return { s: { k: 'entity', ent: o, start: t.start, end: w[i + n - 1].end, t0: i }, score: 2.5, next: opts.dir === 1 ? i + n : i - 1 };
    }
  }
  if (t.upper && (t.pos === 'PROPN' || !t.pos) && i > 0 && !isAdp(w[i - 1])) {
    // a surname the recogniser left out: the person of the article with that name
    const e = personBySurname(v, t.lemma, t.norm);
    if (e) return { s: { k: 'entity', ent: e, start: t.start, end: t.end, t0: i }, score: 2.5, next: i + opts.dir };
  }
  const g = lex.pronouns.get(t.norm);
  // (`it` speaks only right before its cue, `“…,” it said`; `said it would …` opens the clause)
  if (g === 'n' && !(opts.dir === -1 && opts.cue === i + 1)) return null;
  if (g && (caseOf(t) ?? 'Nom') === 'Nom') return { s: { k: 'pronoun', g, start: t.start, end: t.end, t0: i }, score: 3, next: i + opts.dir };
  const initial = i === v.sStart[t.sent] || (i > 0 && !w[i - 1].word && !/[,]/.test(w[i - 1].text));
  if (lex.unnamed.has(t.lemma) && (!t.upper || initial) && !isAdp(w[i - 1]) && ((caseOf(t) ?? 'Nom') === 'Nom' || nomAlt(t))) {
    return { s: { k: 'unnamed', via: outletAfter(v, i), start: t.start, end: t.end, t0: i }, score: 3, next: i + opts.dir };
  }
  if (lex.media.has(t.lemma) && !isAdp(w[i - 1])) {
    const o = outletAfter(v, i);
    if (o) return { s: { k: 'entity', ent: o, start: t.start, end: w[i + 1].end, t0: i }, score: 3, next: i + opts.dir };
    if ((caseOf(t) ?? 'Nom') === 'Nom') return { s: { k: 'media', start: t.start, end: t.end, t0: i }, score: 2, next: i + opts.dir };
  }
  if (isRoleWord(v, i, lex) && !isAdp(w[i - 1]) && (caseOf(t) ?? 'Nom') === 'Nom') {
    const np = roleNP(v, i, lex, opts.dir);
    // `his party spokesman said`, `Erdogan’s spokesman said`: somebody's spokesman is not that somebody, and
    // without a name the article may not give him: a speaker nobody can resolve
    if (np.k === 'role' && lex.lang === 'en') {
      for (let o = i - 1; o >= 0 && i - o <= 4 && w[o].sent === t.sent; o--) {
        if (w[o].word && (lex.possessives.has(w[o].norm) || w[o].norm === 'its')) return { s: { k: 'other', start: w[o].start, end: t.end, t0: o }, score: 2.5, next: opts.dir === 1 ? i + 1 : o - 1 };
        if (!w[o].word ? !/^['’]s?$/.test(w[o].text) : !(w[o].pos === 'NOUN' || w[o].pos === 'ADJ' || w[o].pos === 'PROPN' || v.mentionAt[o] >= 0)) break;
      }
    }
    return { s: np, score: np.k === 'entity' ? 4 : 2.5, next: opts.dir === 1 ? i + 1 : np.t0 - 1 };
  }
  // `his office said`, `the premier’s office said`, `the Kremlin’s press service said`: an English body owned by a
  // possessive speaks for its owner
  // (the body heads its phrase: `his party spokesman said` is the spokesman's)
  if (lex.lang === 'en' && lex.institutions.has(t.lemma) && !t.upper && !(w[i + 1]?.word && (w[i + 1].pos === 'NOUN' || lex.roles.has(w[i + 1].lemma)))) {
    let o = i - 1;
    if (w[o] && w[o].word && w[o].pos === 'NOUN' && !w[o].upper && v.mentionAt[o] < 0) o--;
    const pw = w[o];
    const next = (to: number) => (opts.dir === 1 ? i + 1 : to - 1);
    const g = pw && pw.word ? lex.possessives.get(pw.norm) : undefined;
    if (g && g !== 'p') return { s: { k: 'pronoun', g, poss: true, start: pw.start, end: pw.end, t0: o }, score: 3, next: next(o) };
    if (pw && o >= 1 && /^['’]s?$/.test(pw.text)) {
      const k = v.mentionAt[o - 1];
      if (k >= 0 && v.mentions[k].t1 === o) {
        const men = v.mentions[k];
        return { s: { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 }, score: 3.5, next: next(men.t0) };
      }
      if (isRoleWord(v, o - 1, lex)) {
        const np = roleNP(v, o - 1, lex, -1);
        return { s: np, score: 3, next: next(np.t0) };
      }
    }
  }
  if (lex.institutions.has(t.lemma) && !isAdp(w[i - 1]) && (caseOf(t) ?? 'Nom') === 'Nom') {
    // (`Турецька розвідка`: the intelligence service named before, not Turkey; `турецька сторона`: Turkey)
    const after = outletAfter(v, i);
    const o = after ?? bodyByNoun(v, i, lex) ?? countryOfAdjective(v, i);
    // `повідомила пресслужба МЗС України`: a nominative service of a named body speaks for it
    if (o && o.type !== 'PER' && (!t.upper || i === v.sStart[t.sent]) && (caseOf(t) === 'Nom' || nomAlt(t) || (lex.lang === 'en' && !caseOf(t)))) {
      return { s: { k: 'entity', ent: o, start: t.start, end: t.end, t0: i, body: !after }, score: 3, next: opts.dir === 1 ? i + 1 : i - 1 };
    }
    if (o) return { s: { k: 'institution', ent: o, start: t.start, end: t.end, t0: i }, score: 2, next: i + opts.dir };
  }
  // a name nobody recognised: somebody speaks, but not one of the article's entities
  if (t.upper && t.pos === 'PROPN' && v.mentionAt[i] < 0 && !isAdp(w[i - 1]) && ((caseOf(t) ?? 'Nom') === 'Nom' || nomAlt(t))) {
    let s0 = i;
    let e0 = i;
    while (s0 - 1 >= 0 && w[s0 - 1].upper && w[s0 - 1].pos === 'PROPN' && w[s0 - 1].sent === t.sent) s0--;
    while (e0 + 1 < w.length && w[e0 + 1].upper && w[e0 + 1].pos === 'PROPN' && w[e0 + 1].sent === t.sent) e0++;
    return { s: { k: 'other', start: w[s0].start, end: w[e0].end, t0: s0 }, score: 1, next: opts.dir === 1 ? e0 + 1 : s0 - 1 };
  }
  if (t.pos === 'NOUN' && (caseOf(t) === 'Nom' || (lex.lang === 'en' && !caseOf(t))) && !t.upper && !lex.possessives.has(t.norm)) {
    return { s: { k: 'other', start: t.start, end: t.end, t0: i }, score: 0.5, next: i + opts.dir };
  }
  return null;
}

/**
 * The subject of the cue at `c`, looking right (inverted `— сказал Лавров`) or left (`Лавров
 * заявил`). Returns null when the clause has none (a continuation of the previous speaker).
 */
export function findSubject(v: View, c: number, lex: Lexicon, dir: 1 | -1, opts: { allowOblique?: boolean; maxTokens?: number } = {}): Subj | null {
  PREPS = lex.preps;
  const w = v.w;
  const sent = w[c].sent;
  const plural = w[c].tags?.Number === 'Plur' || (!w[c].tags && /(ли|ют|ят|уть|ать)$/u.test(w[c].norm));
  const max = opts.maxTokens ?? (dir === 1 ? 8 : 25);
  let best: { s: Subj; score: number } | null = null;
  let inst: Subj | null = null;
  /** the abbreviation in brackets before the cue (see below) */
  let inner: Subj | null = null;
  let n = 0;
  for (let i = c + dir; i >= 0 && i < w.length && n < max; n++) {
    const t = w[i];
    if (t.sent !== sent && dir === -1) break;
    // `Zelenskyy, writing on the messaging service Telegram, said`: a participle phrase between commas before the
    // cue is an aside; the subject stands before it
    if (dir === -1 && lex.lang === 'en' && i === c - 1 && t.text === ',') {
      let o = i - 1;
      while (o > 0 && i - o <= 12 && w[o].sent === sent && w[o].text !== ',' && (w[o].word || w[o].text === '-' || w[o].text === '’s')) o--;
      const first = w[o + 1];
      // (not `citing Y` / `referring to the words of Y`: Y is where the words come from)
      if (o > 0 && w[o].text === ',' && first && first.word && first.pos === 'VERB' && /ing$/.test(first.norm) && !lex.sourceParticiples.has(first.norm)) {
        i = o - 1;
        continue;
      }
    }
    if (!t.word) {
      // `Венгерское издание «444» сообщило`, `газета "Коммерсант" пишет`: an outlet by a quoted name nobody recognised
      if (dir === -1 && !best && (t.text === '»' || t.text === '"' || t.text === '”')) {
        let o = i - 1;
        while (o >= 0 && i - o <= 6 && w[o].sent === sent && !(!w[o].word && QUOTE_CHARS.has(w[o].text))) o--;
        const noun = w[o - 1];
        if (o >= 1 && i - o >= 2 && noun && noun.word && lex.media.has(noun.lemma) && v.mentionAt[o + 1] < 0) {
          return { k: 'media', quoted: true, start: noun.start, end: t.end, t0: o - 1 };
        }
      }
      // `Національна розвідувальна організація Туреччини (MIT) заявила`, `Prime Minister’s Office (PMO) tweeted`:
      // an abbreviation in brackets right before the cue; the name before it speaks (else the abbreviation)
      if (dir === -1 && t.text === ')' && n === 0) {
        let o = i - 1;
        while (o >= 0 && i - o <= 5 && w[o].sent === sent && w[o].text !== '(' && w[o].text !== ')') o--;
        if (o >= 1 && w[o].text === '(' && i - o >= 2) {
          const k = v.mentionAt[o + 1];
          if (k >= 0 && v.mentions[k].type !== 'PER') inner = inner ?? { k: 'entity', ent: v.mentions[k].entity, start: v.mentions[k].start, end: v.mentions[k].end, t0: v.mentions[k].t0 };
          i = o - 1;
          continue;
        }
      }
      // a name in marks (`У “Газпромі” стверджують`, `зазначили в "Нафтогазі"`): its marks are no quotation's
      if ((QUOTE_CHARS.has(t.text) || t.text === '»') && quotedNameEnd(v, i, dir) >= 0) {
        i += dir;
        continue;
      }
      if (HARD_STOP.has(t.text) || QUOTE_CHARS.has(t.text) || t.text === '»') break;
      if (dir === 1 && (t.text === ',' || DASHES.has(t.text))) break;
      if (dir === -1 && DASHES.has(t.text) && best) break;
      i += dir;
      continue;
    }
    if (dir === -1 && (lex.comp.has(t.norm) || lex.relatives.has(t.lemma))) {
      if (lex.relatives.has(t.lemma)) {
        // `X, который заявил`: the antecedent before the comma; `Chris Cox, who runs the NRA’s lobbying
        // arm, says …`: what lies between the relative word and the cue is the relative clause, not the subject
        // (`… by U.S. President Donald Trump on Saturday, who revealed that`: a time adjunct between the name and the comma)
        for (let k = i - 2; k >= 0 && k >= i - 5 && w[k].word; k--) {
          if (v.mentionAt[k] < 0) {
            if (!(lex.preps.has(w[k].norm) || w[k].pos === 'ADP' || w[k].pos === 'NUM' || (w[k].pos === 'PROPN' && v.mentionAt[k] < 0 && /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)$/i.test(w[k].norm)) || w[k].pos === 'NOUN' && k < i - 2)) break;
            continue;
          }
          const men = v.mentions[v.mentionAt[k]];
          if (men.type === 'PER' || k === i - 2) return { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
          break;
        }
      }
      break;
    }
    if (i !== c && (t.pos === 'VERB' || t.pos === 'AUX') && t.tags?.VerbForm === 'Fin' && dir === 1) break;
    // English: a noun phrase right after a verb of its own is that verb's object (`Putin embraced the Indian leader,
    // greeted him … and said`): the subject is further left (a past form: `Russian state news agencies said` has a noun the tagger read as a present verb)
    // (a subject pronoun or a reporting verb before it, `Fowler said he expects`, starts a clause: no object there)
    // (`Erdogan praised Somali President Hassan Sheikh Mohamud and Ethiopian Prime Minister Abiy Ahmed and revealed that`:
    // a long coordinated object, names and titles only)
    if (dir === -1 && lex.lang === 'en' && i !== c && best && best.s.k !== 'pronoun' && !lex.verbs.has(t.lemma) && (best.s.t0 - i <= 4 || nounPhraseOnly(v, i + 1, best.s.t0, lex)) && t.pos === 'VERB' && (t.tags?.VerbForm === 'Fin' || t.tags?.VerbForm === 'Part') && t.tags?.Tense === 'Past' && !['ADJ', 'DET', 'NUM'].includes(w[i - 1]?.pos ?? '')) best = null;
    const r = subjAt(v, i, lex, { allowOblique: !!opts.allowOblique, dir, cue: c });
    if (r) {
      if (r.s.k === 'institution') {
        // `В Кремле отмечали`, `заявили в МИД`: next to a plural cue
        if (plural && n <= 3) inst = inst ?? r.s;
      }
      else if (r.score > 0) {
        const sc = r.score - n * 0.05;
        if (!best || sc > best.score) best = { s: r.s, score: sc };
        // `сообщили ТАСС в МИД России`: after a plural cue a body named next may still come (the first name is the hearer)
        if (dir === 1 && r.score >= 2.5 && !(plural && n <= 2 && r.s.k === 'entity' && r.s.ent.type !== 'PER')) break;
      }
      i = r.next === i ? i + dir : r.next;
      continue;
    }
    i += dir;
  }
  // `Mauricio Claver-Carone, the U.S. special envoy on Latin America, said`, `Песков, пресс-секретарь президента, заявил`:
  // a role in apposition to a name before it is that person's
  // (an apposition closes with a comma before the cue: `Trump, the Kremlin spokesman said` is no apposition)
  if (best && best.s.k === 'role' && dir === -1 && w[c - 1] && w[c - 1].text === ',') {
    let t = best.s.t0 - 1;
    while (t > 0 && c - t < 30 && w[t].word && (v.mentionAt[t] < 0 || v.mentions[v.mentionAt[t]].type !== 'PER') && (w[t].pos === 'DET' || w[t].pos === 'ADJ' || w[t].pos === 'PROPN' || w[t].upper)) t--;
    if (t > 0 && !w[t].word && w[t].text === ',' && v.mentionAt[t - 1] >= 0) {
      const men = v.mentions[v.mentionAt[t - 1]];
      if (men.type === 'PER') return { k: 'entity', ent: men.entity, start: men.start, end: men.end, t0: men.t0 };
    }
  }
  // `Там також наголосили, що …`, `Там также отметили`: the seat the text named last (`в МИД`, `у Кремлі`) speaks
  if (!best && !inst && plural && dir === -1) {
    for (let t = c - 1; t >= 0 && t >= c - 3 && w[t].sent === sent; t--) {
      if (w[t].word && lex.there.has(w[t].norm)) {
        const seat = lastSeat(v, lex, v.sStart[sent] ?? t, false);
        if (seat) return seat;
        // (no seat named: `там` stands for the body that spoke last, as a plural `они`/`вони` does: `…, заявила
        // турецька сторона. … Там підтверджують, що …`)
        return { k: 'pronoun', g: 'p', start: w[t].start, end: w[t].end, t0: t };
      }
      // `У міністерстві наголошують, що …`, `В ведомстве заявили`: a body by its common noun is the one named last
      if (w[t].word && lex.institutions.has(w[t].lemma) && v.mentionAt[t] < 0 && !w[t].upper && w[t - 1] && lex.instPreps.has(w[t - 1].norm)) {
        const seat = lastSeat(v, lex, v.sStart[sent] ?? t, true);
        if (seat) return seat;
        break;
      }
    }
  }
  // a plural cue next to a body in the locative: the body speaks, a non-person before it is the hearer
  if (inst && plural && dir === 1 && best && best.s.k === 'entity' && best.s.ent.type !== 'PER') return inst;
  if (best && best.s.k !== 'other') return best.s;
  if (inst) return inst;
  if (inner) return inner;
  return best ? best.s : null;
}

/** The last body named as a seat (`в МИД России`, `у Кремлі`, `в российском МИД`), or with `anyBody` any body, in the three sentences before token `before`. */
function lastSeat(v: View, lex: Lexicon, before: number, anyBody: boolean): Subj | null {
  const w = v.w;
  const s0 = w[before] ? w[before].sent : 0;
  for (let k = v.mentions.length - 1; k >= 0; k--) {
    const m = v.mentions[k];
    if (m.t0 >= before) continue;
    if (w[m.t0].sent < s0 - 3) break;
    if (m.type === 'PER') continue;
    // (`у міністерстві`: any body named before, `у відповіді МЗС України`; `там`: a place or body named as a seat)
    if (anyBody && m.type === 'ORG' && !QUOTE_CHARS.has(w[m.t0 - 1]?.text ?? '')) return { k: 'institution', ent: m.entity, start: m.start, end: m.end, t0: m.t0 };
    let pi = m.t0 - 1;
    while (pi > 0 && m.t0 - pi <= 2 && w[pi].word && w[pi].pos === 'ADJ') pi--;
    if (w[pi] && w[pi].word && lex.instPreps.has(w[pi].norm)) return { k: 'institution', ent: m.entity, start: m.start, end: m.end, t0: m.t0 };
  }
  return null;
}

/**
 * `the ministry noted`, `the department said`, `министерство сообщило` (a body by its common noun, nobody
 * named after it): the body named before, in the last eight sentences, whose name holds that noun
 * (`the Indian Foreign Ministry`, `Министерство иностранных дел`). None for a noun no name there holds.
 */
function bodyByNoun(v: View, i: number, lex: Lexicon): Entity | null {
  const t = v.w[i];
  if (t.upper && i !== v.sStart[t.sent] && !(i > 0 && v.w[i - 1].norm === 'the')) return null;
  const stem = t.lemma.slice(0, Math.max(4, t.lemma.length - 2));
  // `ведомство`, `відомство` (a body of government, whatever its name): the last body named by an institution noun (`МИД КНР`)
  const generic = lex.genericBodies.has(t.lemma);
  const s0 = t.sent;
  let fallback: Entity | null = null;
  for (let k = v.mentions.length - 1; k >= 0; k--) {
    const m = v.mentions[k];
    if (m.t0 >= i) continue;
    if (v.w[m.t0].sent < s0 - 8) break;
    if (m.type !== 'ORG' || m.entity.kind === 'outlet') continue;
    for (let u = m.t0; u < m.t1; u++) if (v.w[u].lemma.startsWith(stem) || v.w[u].norm.startsWith(stem)) return m.entity;
    if (generic && !fallback && (lex.institutions.has(v.w[m.t0].lemma) || lex.institutions.has(v.w[m.t0].norm))) fallback = m.entity;
  }
  return fallback;
}

/** `The Venezuelan government`, `турецька сторона`: the country of the capitalised adjective right before an institution noun, among the places the text names. */
function countryOfAdjective(v: View, i: number): Entity | null {
  const a = v.w[i - 1];
  // (Russian and Ukrainian write the adjective lower-case: `турецька сторона`, `российская сторона`)
  if (!a || !a.word || (!a.upper && !(v.lang !== 'en' && a.pos === 'ADJ')) || v.mentionAt[i - 1] >= 0 || !(a.pos === 'ADJ' || a.pos === 'PROPN') || a.norm.length < 5) return null;
  const stem = a.norm.slice(0, 4);
  let found: Entity | null = null;
  for (const m of v.mentions) {
    if (m.type !== 'LOC') continue;
    const name = (m.entity.name ?? '').toLowerCase();
    if (name.length >= 4 && name.slice(0, 4) === stem) {
      if (found && found.id !== m.entity.id) return null;
      found = m.entity;
    }
  }
  return found;
}
