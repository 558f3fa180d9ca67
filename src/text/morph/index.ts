/**
 * The `morph` stage: fills `lemma`, `pos` (UD), `tags` (UD features) and `alts` of every word
 * token in `doc.layers.tokens`, and offers the `morph` service (analyze / inflect) to later stages.
 *
 * In context: a capitalised word inside a sentence prefers a proper-name reading (and a dictionary
 * noun read as a name gets a capitalised lemma: Макроном -> Макрон); an adjective takes the reading
 * that agrees with the noun after it (case, number, gender).
 */
import type { Doc, MorphAnalysis, Token } from '../../doc/model.js';
import type { Context } from '../../pipeline/context.js';
import type { Stage } from '../../pipeline/stage.js';
import { fold } from '../../doc/normalize.js';
import { ALTS, freezeAnalyses, frozenAnalysis, MorphologyService } from './morphology.js';
import { capitalizeLike, isCapitalized, isUpper } from './names.js';
import { governedCases, nameCases, nameGender, NO_PREP_CASES } from './name-case.js';

/** apostrophes other than U+2019 (what the dictionaries write) */
const OTHER_APOS = /[ʼ'`ʹ′‘]/;
const OTHER_APOS_G = /[ʼ'`ʹ′‘]/g;

export type { Morphology } from './api.js';
export { MorphologyService } from './morphology.js';

const NOMINAL = new Set(['NOUN', 'PROPN']);
const NON_NAME = new Set(['VERB', 'AUX']);
const FUNCTION_POS = new Set(['ADV', 'ADP', 'CCONJ', 'SCONJ', 'PART', 'PRON', 'DET', 'AUX', 'NUM', 'INTJ']);
const ADJ_LIKE = /(ий|ій|їй|ый|ой)$/iu;
const ENDS = new Set(['.', '…', '!', '?', '...', '?!', '!?']);
const OPENERS = new Set(['«', '"', '“', '„', '(', '[', '—', '–', '-', '‘', '\'', ':', '•', '*']);

/** true when the token starts its sentence (only openers and punctuation before it) */
function sentenceInitial(tokens: Token[], i: number): boolean {
  const s = tokens[i].sent;
  for (let j = i - 1; j >= 0 && tokens[j].sent === s; j--) {
    const t = tokens[j];
    if (t.kind === 'word' || t.kind === 'number') return false;
    // after an end mark the segmenter kept inside the sentence (…, or a period before a quote)
    if (ENDS.has(t.text)) return true;
    if (!OPENERS.has(t.text)) return false;
  }
  return true;
}

function agrees(a: MorphAnalysis, n: MorphAnalysis): boolean {
  const at = a.tags;
  const nt = n.tags;
  let x = at.Case;
  let y = nt.Case;
  if (x && y && x !== y) return false;
  const an = at.Number;
  const nn = nt.Number;
  if (an && nn && an !== nn) return false;
  x = at.Gender;
  y = nt.Gender;
  // (genders do not clash in the plural)
  return !(x && y && x !== y && an !== 'Plur' && nn !== 'Plur');
}

type Analyses = readonly MorphAnalysis[];

// The analyses of a form are shared (cached, frozen); so are their re-orderings and tails, so
// a token costs no allocation once its form has been seen.
const promoted = new WeakMap<Analyses, Map<number, Analyses>>();
const tails = new WeakMap<Analyses, MorphAnalysis[]>();
const asName = new WeakMap<Analyses, Analyses>();
const folded = new WeakMap<MorphAnalysis, string>();
/** the matching form of an analysis's lemma (memoised: analyses are shared) */
function foldLemma(a: MorphAnalysis): string {
  let f = folded.get(a);
  if (f === undefined) folded.set(a, (f = fold(a.lemma)));
  return f;
}
const EMPTY: MorphAnalysis[] = Object.freeze([]) as unknown as MorphAnalysis[];

/** `as` with its k-th analysis first */
function promote(as: Analyses, k: number): Analyses {
  if (k <= 0) return as;
  let m = promoted.get(as);
  if (!m) promoted.set(as, (m = new Map()));
  let r = m.get(k);
  if (!r) m.set(k, (r = freezeAnalyses([as[k], ...as.slice(0, k), ...as.slice(k + 1)])));
  return r;
}

function tail(as: Analyses): MorphAnalysis[] {
  if (as.length < 2) return EMPTY;
  const own = (as as { [ALTS]?: MorphAnalysis[] })[ALTS];
  if (own) return own;
  let r = tails.get(as);
  if (!r) tails.set(as, (r = Object.freeze(as.slice(1)) as MorphAnalysis[]));
  return r;
}

/**
 * English: a few contextual choices over the lexicon's readings (most frequent first): after a
 * determiner, possessive or adjective a noun or adjective reading; after `to` or a modal the
 * base form of a verb; before a noun an adjective (or participle) reading.
 */
function englishContext(tokens: Token[], chosen: (Analyses | null)[]): void {
  const pick = (i: number, ok: (a: MorphAnalysis) => boolean): void => {
    const as = chosen[i];
    if (!as || ok(as[0])) return;
    const k = as.findIndex(ok);
    if (k > 0) chosen[i] = promote(as, k);
  };
  for (let i = 1; i < tokens.length; i++) {
    const p = chosen[i - 1]?.[0];
    if (!p || !chosen[i] || tokens[i - 1].sent !== tokens[i].sent) continue;
    const pl = tokens[i - 1].norm;
    if (pl === 'to' || (p.pos === 'AUX' && p.tags.VerbForm === 'Fin' && !['be', 'have'].includes(p.lemma))) {
      pick(i, (a) => (a.pos === 'VERB' || a.pos === 'AUX') && a.tags.VerbForm === 'Inf');
    } else if (p.pos === 'DET' || (p.pos === 'PRON' && p.tags.Poss === 'Yes') || tokens[i - 1].norm === '’s') {
      const next = chosen[i + 1]?.[0];
      if (next && (next.pos === 'NOUN' || next.pos === 'PROPN')) pick(i, (a) => a.pos === 'ADJ' || a.pos === 'NOUN' || a.pos === 'PROPN' || a.tags.VerbForm === 'Part');
      else pick(i, (a) => a.pos === 'NOUN' || a.pos === 'PROPN' || a.pos === 'ADJ');
    } else if ((p.pos === 'PROPN' || (p.pos === 'PRON' && p.tags.Poss !== 'Yes')) && chosen[i]![0].pos === 'NOUN') {
      // a subject then a finite verb: Rubio plans, he visits
      pick(i, (a) => (a.pos === 'VERB' || a.pos === 'AUX') && a.tags.VerbForm === 'Fin');
    }
    const cur = chosen[i]![0];
    const next = chosen[i + 1]?.[0];
    if (cur.pos === 'VERB' && cur.tags.Tense === 'Past' && cur.tags.VerbForm === 'Fin' && next?.pos === 'NOUN' && p.pos !== 'PROPN' && p.pos !== 'PRON' && p.pos !== 'NOUN') {
      // behind closed doors: a past form before a noun is a participle used as an adjective
      pick(i, (a) => a.pos === 'ADJ' || a.tags.VerbForm === 'Part');
    }
  }
}

/*
 * The stage runs in phases, each a function of its own: a large function is recompiled whole by
 * V8 whenever one of its rare paths first runs (a deoptimisation); the whole stage in one function
 * took ~0.1-0.4 s per recompile, several times over the first thousand articles.
 */

/** the analyses of every word (context-free, cached), with the capitalised ones read as names inside a sentence */
function readWords(
  tokens: Token[],
  lang: Doc['lang'],
  morph: MorphologyService,
  chosen: (Analyses | null)[],
  named: number[],
  initial: number[],
  midCaps: Set<string>,
  capAdj: number[],
): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    // (the dictionaries write the apostrophe as U+2019; the text keeps the source's: `прем'єр`)
    const text = OTHER_APOS.test(t.text) ? t.text.replace(OTHER_APOS_G, '\u2019') : t.text;
    let as = morph.analyzeCached(text, lang);
    const titleCase = isCapitalized(text) && !isUpper(text);
    if (titleCase && sentenceInitial(tokens, i)) {
      initial.push(i);
    } else if (titleCase) {
      midCaps.add(t.norm);
      // a dictionary name reading goes first (guessed ones are already ranked by the analyser)
      let k = -1;
      for (let j = 0; j < as.length; j++) {
        if (as[j].pos === 'PROPN' && as[j].source === 'dict') {
          k = j;
          break;
        }
      }
      if (k > 0) as = promote(as, k);
      else if (k < 0 && NON_NAME.has(as[0].pos) && as[0].tags.VerbForm !== 'Part') {
        // known only as a verb, adverb...: a name here (Туск, not тускнуть)
        const n = as.findIndex((a) => a.source === 'name');
        if (n > 0) as = promote(as, n);
      } else if (k < 0 && as[0].source === 'dict' && (as[0].pos === 'NOUN' || ((as[0].pos === 'ADV' || as[0].pos === 'X') && as[0].lemma === t.norm))) {
        // a dictionary common noun written as a name inside a sentence (Макроном, Мэй): a name
        // a name in the plural keeps the plural (Соединённых Штатов -> Штаты, Сполучені Штати)
        let nameFirst = asName.get(as);
        if (!nameFirst) {
          const a = as[0];
          // (a Russian surname in the nominative read as a genitive plural: Мясников stays)
          // (unless an adjective in the genitive plural comes before: Соединенных Штатов)
          const adjBefore = i > 0 && !!chosen[i - 1]?.some((b) => (b.pos === 'ADJ' || b.tags.VerbForm === 'Part') && b.tags.Number === 'Plur');
          const surname = lang === 'ru' && !adjBefore && a.tags.Case === 'Gen' && a.tags.Number === 'Plur' && /(ов|ев|ёв|ин|ын)$/u.test(text);
          const plural = a.tags.Number === 'Plur' && !surname ? morph.inflect(text, lang, { Case: 'Nom', Number: 'Plur' }, a) : null;
          const n = frozenAnalysis({ ...a, pos: 'PROPN', lemma: capitalizeLike(surname ? text : plural ?? a.lemma, text), source: a.source });
          nameFirst = freezeAnalyses([n, ...as]);
          asName.set(as, nameFirst);
        }
        as = nameFirst;
      }
      if (as[0].pos === 'ADJ') capAdj.push(i);
    }
    if (as[0].source === 'name' && as.length > 1) named.push(i);
    chosen[i] = as;
  }
}

// a guessed name: the candidate whose case fits the context (preposition, given name, no
// preposition -> no locative) wins over a slightly more frequent ending change
function guessedNameCases(tokens: Token[], lang: string, chosen: (Analyses | null)[], named: number[]): { decided: Set<number>; strongByForm: Map<string, string>; strongLemmas: Set<string> } {
  const decided = new Set<number>();
  const strongByForm = new Map<string, string>();
  const strongLemmas = new Set<string>();
  for (const i of named) {
    const as = chosen[i]!;
    let expected: string[] = NO_PREP_CASES;
    let strong = false;
    let gender: string | undefined;
    let byPrep = false;
    const prev = i > 0 ? tokens[i - 1] : null;
    const pa = prev && prev.kind === 'word' && prev.sent === tokens[i].sent ? chosen[i - 1]?.[0] : undefined;
    if (pa) {
      if (pa.pos === 'ADP') {
        const g = governedCases(pa.lemma, lang);
        if (g) {
          expected = g;
          strong = true;
          byPrep = true;
        }
      } else if (pa.pos === 'PROPN' && pa.tags.NameType === 'Giv' && pa.tags.Case && pa.source === 'dict') {
        expected = [pa.tags.Case];
        strong = true;
      } else if (chosen[i - 1]!.some((a) => (a.pos === 'ADJ' || a.pos === 'DET') && a.source === 'dict' && a.tags.Case)) {
        // an adjective before the name agrees with it: далеку Тасманію
        const adj = chosen[i - 1]!.filter((a) => (a.pos === 'ADJ' || a.pos === 'DET') && a.source === 'dict' && a.tags.Case);
        expected = [...new Set(adj.map((a) => a.tags.Case))];
        strong = true;
        const gs = new Set(adj.filter((a) => a.tags.Number !== 'Plur').map((a) => a.tags.Gender));
        if (gs.size === 1 && [...gs][0]) gender = [...gs][0];
      } else if (pa.pos === 'NOUN' && pa.source === 'dict') {
        // after a common noun a name is in apposition (same case) or a genitive attribute:
        // заборгованості Мінська, президентові Макрону
        const cs = new Set<string>(['Gen']);
        for (const a of chosen[i - 1]!) if (a.pos === 'NOUN' && a.lemma === pa.lemma && a.tags.Case) cs.add(a.tags.Case);
        if (cs.size > 1) {
          expected = [...cs];
          strong = true;
        }
      }
    }
    let best = 0;
    let bestScore = -1;
    let bestFits = false;
    for (let k = 0; k < as.length; k++) {
      const a = as[k];
      if (a.source !== 'name') continue;
      const g = gender ? nameGender(a.lemma) : null;
      const fits = nameCases(tokens[i].text, a.lemma, lang).some((c) => expected.includes(c)) && (!g || g === gender || nameCases(tokens[i].text, a.lemma, lang).length === 6);
      let s = (a.score ?? 0.1) * (fits ? 1 : strong ? 0.1 : 0.3);
      // after a preposition an unchanged form (an indeclinable reading) is less likely than a
      // declined one that fits: в Лахоре -> Лахор
      if (byPrep && a.lemma.toLowerCase() === tokens[i].text.toLowerCase()) s *= 0.5;
      if (s > bestScore) {
        bestScore = s;
        best = k;
        bestFits = fits;
      }
    }
    if (best > 0) chosen[i] = promote(as, best);
    if (strong && bestFits) {
      decided.add(i);
      const l = foldLemma(chosen[i]![0]);
      strongByForm.set(tokens[i].norm, l);
      strongLemmas.add(l);
    }
  }
  return { decided, strongByForm, strongLemmas };
}

// a capitalised word at a sentence start that is also a lower-case function word (Тому,
// Пока, Сами) is that word unless the article writes it capitalised inside a sentence
function initialFunctionWords(tokens: Token[], chosen: (Analyses | null)[], initial: number[], midCaps: Set<string>): void {
  for (const i of initial) {
    const as = chosen[i]!;
    if (as[0].pos !== 'PROPN' || as[0].source === 'name' && as.length < 2) continue;
    if (midCaps.has(tokens[i].norm) || midCaps.has(foldLemma(as[0]))) continue;
    const k = as.findIndex((a) => FUNCTION_POS.has(a.pos) && a.source === 'dict' && !isCapitalized(a.lemma));
    if (k > 0) chosen[i] = promote(as, k);
  }
}

// one name per article: a form read on strong evidence somewhere (Марк Рютте) is read the
// same way where the context says nothing (заявил Рютте); else a base form the article
// itself uses (Лаврова -> Лавров when `Лавров` occurs) wins
// forms the article uses as their own base form (Лавров, not Трампа)
function oneNamePerArticle(tokens: Token[], chosen: (Analyses | null)[], decided: Set<number>, strongByForm: Map<string, string>, strongLemmas: Set<string>): void {
  const surfaces = new Set<string>();
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.kind === 'word' && chosen[j] && isCapitalized(t.text) && foldLemma(chosen[j]![0]) === t.norm) surfaces.add(t.norm);
  }
  const otherBase = (a: MorphAnalysis, form: string): boolean => {
    const l = foldLemma(a);
    return l !== form && surfaces.has(l);
  };
  for (let i = 0; i < tokens.length; i++) {
    const as = chosen[i];
    if (!as || decided.has(i) || !isCapitalized(tokens[i].text) || as.length < 2) continue;
    const form = tokens[i].norm;
    if (as[0].source === 'name') {
      const target = strongByForm.get(form);
      let k = target ? as.findIndex((a) => a.source === 'name' && foldLemma(a) === target) : -1;
      if (k < 0) k = as.findIndex((a) => a.source === 'name' && strongLemmas.has(foldLemma(a)));
      if (k < 0 && !otherBase(as[0], form)) k = as.findIndex((a) => a.source === 'name' && otherBase(a, form));
      if (k > 0) chosen[i] = promote(as, k);
    } else if (as[0].pos === 'PROPN' && !otherBase(as[0], form) && foldLemma(as[0]) !== form) {
      const k = as.findIndex((a) => a.pos === 'PROPN' && otherBase(a, form));
      if (k > 0) chosen[i] = promote(as, k);
    }
  }
}

// a capitalised word inside a sentence that the dictionary knows only as a lower-case adjective
// (Мінська) is a name unless a noun it agrees with follows (Північної Кореї, Елисейским дворцом)
function capitalAdjectives(tokens: Token[], chosen: (Analyses | null)[], capAdj: number[]): void {
  for (const i of capAdj) {
    const as = chosen[i]!;
    if (as[0].pos !== 'ADJ' || isCapitalized(as[0].lemma)) continue;
    const k = as.findIndex((a) => a.source === 'name');
    if (k < 0) continue;
    const next = chosen[i + 1];
    if (next && tokens[i + 1].sent === tokens[i].sent && as.some((a) => a.pos === 'ADJ' && next.some((n) => (NOMINAL.has(n.pos) || n.pos === 'ADJ') && agrees(a, n)))) continue;
    chosen[i] = promote(as, k);
  }
}

// agreement: an adjective / determiner / participle before a noun takes the agreeing reading
function agreement(tokens: Token[], chosen: (Analyses | null)[]): void {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const as = chosen[i];
    const ns = chosen[i + 1];
    if (!as || !ns || as.length < 2) continue;
    const head = ns[0];
    if (!NOMINAL.has(head.pos) || !head.tags.Case) continue;
    const a0 = as[0];
    if (a0.pos === 'PROPN') {
      // a name before a noun: an adjectival reading that agrees (Білого дому: Білий, not Біле)
      if (agrees(a0, head) && ADJ_LIKE.test(a0.lemma)) continue;
      // (loops, not findIndex with a closure: this runs for most word pairs)
      let k = -1;
      for (let j = 0; j < as.length; j++) {
        const a = as[j];
        if ((a.pos === 'PROPN' || a.pos === 'ADJ') && ADJ_LIKE.test(a.lemma) && a.tags.Gender !== undefined && agrees(a, head)) {
          k = j;
          break;
        }
      }
      if (k > 0) chosen[i] = promote(as, k);
      continue;
    }
    // (`?? ''`: a verb reading without VerbForm, first met after the function was optimised, was no
    // string at the comparison and threw the optimised agreement away)
    if (a0.pos !== 'ADJ' && a0.pos !== 'DET' && !(a0.pos === 'VERB' && (a0.tags.VerbForm ?? '') === 'Part')) continue;
    if (agrees(a0, head)) continue;
    let k = -1;
    for (let j = 0; j < as.length; j++) {
      if (as[j].pos === a0.pos && agrees(as[j], head)) {
        k = j;
        break;
      }
    }
    if (k > 0) chosen[i] = promote(as, k);
  }
}

/** the best reading of each word into its token, the others as its `alts` */
function fillTokens(tokens: Token[], chosen: (Analyses | null)[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const as = chosen[i];
    if (!as) continue;
    const t = tokens[i];
    const best = as[0];
    t.lemma = best.lemma;
    t.pos = best.pos;
    t.tags = best.tags;
    t.alts = tail(as);
  }
}

export function runMorph(doc: Doc, morph: MorphologyService): void {
  const tokens = doc.layers.tokens;
  if (!tokens) return;
  const lang = doc.lang;
  if (lang !== 'ru' && lang !== 'uk' && lang !== 'en') return;
  const chosen: (Analyses | null)[] = new Array(tokens.length).fill(null);
  const named: number[] = []; // tokens whose best reading is a guessed name
  const initial: number[] = []; // capitalised tokens at a sentence start
  const midCaps = new Set<string>(); // forms written capitalised inside a sentence
  const capAdj: number[] = []; // capitalised tokens inside a sentence read as an adjective
  readWords(tokens, lang, morph, chosen, named, initial, midCaps, capAdj);
  if (lang !== 'en') {
    const { decided, strongByForm, strongLemmas } = guessedNameCases(tokens, lang, chosen, named);
    initialFunctionWords(tokens, chosen, initial, midCaps);
    oneNamePerArticle(tokens, chosen, decided, strongByForm, strongLemmas);
    capitalAdjectives(tokens, chosen, capAdj);
    agreement(tokens, chosen);
  } else {
    englishContext(tokens, chosen);
  }
  fillTokens(tokens, chosen);
}

export function createMorphStage(): Stage {
  let morph: MorphologyService | null = null;
  return {
    name: 'morph',
    needs: ['tokens'],
    load(ctx: Context) {
      morph = ctx.maybe('morph') instanceof MorphologyService ? (ctx.get('morph') as MorphologyService) : new MorphologyService();
      ctx.provide('morph', morph);
    },
    run(doc: Doc) {
      if (!morph) throw new Error('morph stage: load() was not called');
      runMorph(doc, morph);
    },
  };
}

export const morphStage: Stage = createMorphStage();
export default morphStage;
