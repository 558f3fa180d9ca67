/**
 * Base forms of name mentions, the way SlavicNER's `lemma` column writes them: every word of a
 * multiword name to the nominative with agreement (`Эммануэлем Макроном` -> `Эммануэль Макрон`,
 * `Елисейским дворцом` -> `Елисейский дворец`), only the head of an organisation phrase changes
 * (`Совета безопасности РФ` -> `Совет безопасности РФ`), indeclinable and foreign names stay.
 *
 * The model is data: suffix-rewrite rules learned by `scripts/kb/build-lemma-model.ts` from the
 * surface/lemma pairs of annotated news (SlavicNER train topics, NEREL), keyed by language, entity
 * type, the word's position in the phrase (first word / after an adjective / after a noun) and the
 * word's ending; plus exact word and phrase dictionaries. Unknown endings back off to shorter ones.
 */
import type { EntityType } from '../../doc/model.js';

/** A rewrite: strip the ending `cut` from the word, append `add` (lower-case; case adapted on use). */
export type Rule = string; // `${cut}|${add}`

export interface LemmaModel {
  /** lang -> lower-cased surface phrase -> lemma (phrases seen often enough with one lemma) */
  phrases: Record<string, Record<string, string>>;
  /** key `${lang}|${type}|${ctx}|${lowerWord}` -> rule */
  words: Record<string, Rule>;
  /** key `${lang}|${type}|${ctx}|${suffix}` -> [total, rule, count, rule, count ...] (top rules), suffix lengths 0..MAX_SUFFIX */
  suffixes: Record<string, (string | number)[]>;
}

export const MAX_SUFFIX = 5;
/** a suffix context must have been seen this often to decide */
export const MIN_SUPPORT = 3;

export type Ctx = 'first' | 'adj' | 'noun';

const ADJ_END = /(ого|его|ому|ему|ыми|ими|ым|им|ім|ой|ую|юю|ая|яя|ое|ее|ые|ие|ых|их|ый|ий|ій|ої|ою|ій|ська|цька|зька|ське|цьке|ські)$/;

/** Whether a surface word looks like an inflected adjective (decides the context of the next word). */
export function adjLike(word: string): boolean {
  const w = word.toLowerCase();
  return w.length > 3 && ADJ_END.test(w);
}

const CYR = /[\u0400-\u04FF]/;
const QUOTES = /^["«»“”„'’]+|["«»“”„'’]+$/g;

/** Words that never inflect: acronyms, words with digits or Latin letters, single letters. */
export function frozen(word: string): boolean {
  if (!CYR.test(word)) return true;
  if (/[0-9A-Za-z]/.test(word)) return true;
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters.length <= 1) return true;
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters.length <= 6) return true;
  return false;
}

/** Split a phrase into words and the separators between them (spaces, hyphens), keeping both. */
export function splitWords(phrase: string): { words: string[]; seps: string[] } {
  const parts = phrase.split(/(\s+|-|–)/);
  const words: string[] = [];
  const seps: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) words.push(parts[i]);
    else seps.push(parts[i]);
  }
  return { words, seps };
}

export function joinWords(words: string[], seps: string[]): string {
  let s = words[0] ?? '';
  for (let i = 1; i < words.length; i++) s += (seps[i - 1] ?? ' ') + words[i];
  return s;
}

/**
 * Words that stay in a hyphenated place or organisation name: every Cyrillic segment but the last
 * (`Усть-Луги` -> `Усть-Луга`, `Санкт-Петербурге` -> `Санкт-Петербург`), except around `на`/`над`
 * (`Ростова-на-Дону`, where the first segment declines and the rest stays).
 */
export function hyphenFixed(words: string[], seps: string[], type: EntityType): boolean[] {
  const out = words.map(() => false);
  if (type === 'PER') return out;
  const cyr = (w: string) => /^[\p{Script=Cyrillic}’']+$/u.test(w);
  for (let i = 0; i + 1 < words.length; i++) {
    if (seps[i] !== '-' || !cyr(words[i]) || !cyr(words[i + 1])) continue;
    const chain: number[] = [i];
    let j = i;
    while (j + 1 < words.length && seps[j] === '-' && cyr(words[j + 1])) chain.push(++j);
    const na = chain.findIndex((k) => /^(на|над|в|у)$/i.test(words[k]));
    if (na > 0) for (const k of chain.slice(na)) out[k] = true;
    else for (const k of chain.slice(0, -1)) out[k] = true;
    i = j;
  }
  return out;
}

/** The contexts of each word of a phrase (from the surface words). */
export function contexts(words: string[]): Ctx[] {
  const out: Ctx[] = [];
  let prevWord = '';
  for (let i = 0; i < words.length; i++) {
    out.push(i === 0 ? 'first' : adjLike(prevWord) ? 'adj' : 'noun');
    if (words[i].replace(QUOTES, '')) prevWord = words[i].replace(QUOTES, '');
  }
  return out;
}

/** The rule turning `surface` into `lemma` (compared case-insensitively). */
export function ruleOf(surface: string, lemma: string): Rule {
  const s = surface.toLowerCase();
  const l = lemma.toLowerCase();
  let p = 0;
  while (p < s.length && p < l.length && s[p] === l[p]) p++;
  return `${s.slice(p)}|${l.slice(p)}`;
}

/** Apply a rule keeping the word's capitalisation pattern. */
export function applyRule(word: string, rule: Rule): string {
  const bar = rule.indexOf('|');
  const cut = rule.slice(0, bar);
  const add = rule.slice(bar + 1);
  if (cut.length >= word.length || !word.toLowerCase().endsWith(cut)) return word;
  const stem = word.slice(0, word.length - cut.length);
  const upper = word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase();
  return stem + (upper ? add.toUpperCase() : add);
}

/** Split leading/trailing quote marks off a word. */
function unquote(w: string): [string, string, string] {
  const m = /^(["«»“”„'’]*)(.*?)(["«»“”„'’]*)$/su.exec(w);
  return m ? [m[1], m[2], m[3]] : ['', w, ''];
}

export interface WordHint {
  /** the morphology's lemma for the word (if the morphology stage ran), capitalised for names */
  lemma?: string;
  /** UD case of the word in context */
  case?: string;
  pos?: string;
}

export class Lemmatizer {
  constructor(private readonly m: LemmaModel) {}

  /** The rule of an exact training word (this type or any), or null. */
  exactRule(lang: string, type: EntityType, ctx: Ctx, w: string): Rule | null {
    const lw = w.toLowerCase();
    for (const t of [type, '*']) {
      const r = this.m.words[`${lang}|${t}|${ctx}|${lw}`];
      if (r !== undefined) return r;
    }
    return null;
  }

  /** A multiword phrase seen in training with one lemma. */
  phrase(surface: string, lang: string): string | undefined {
    return this.m.phrases[lang]?.[surface.toLowerCase()];
  }

  /** Rule for one word in context, or null when nothing is known. */
  wordRule(lang: string, type: EntityType, ctx: Ctx, w: string): Rule | null {
    const lw = w.toLowerCase();
    for (const t of [type, '*']) {
      const r = this.m.words[`${lang}|${t}|${ctx}|${lw}`];
      if (r !== undefined) return r;
    }
    // smoothed suffix vote: every suffix length votes with its rule distribution, longer ones weigh more
    const score = new Map<Rule, number>();
    for (let k = Math.min(MAX_SUFFIX, lw.length - 2); k >= 0; k--) {
      const suf = lw.slice(lw.length - k);
      const hit = this.m.suffixes[`${lang}|${type}|${ctx}|${suf}`];
      if (!hit) continue;
      const tot = hit[0] as number;
      const conf = tot / (tot + MIN_SUPPORT);
      for (let j = 1; j + 1 < hit.length; j += 2) {
        const r = hit[j] as string;
        if (!lw.endsWith(r.slice(0, r.indexOf('|')))) continue;
        score.set(r, (score.get(r) ?? 0) + (k + 1) * conf * ((hit[j + 1] as number) / tot));
      }
    }
    let best: Rule | null = null;
    let bs = 0;
    for (const [r, v] of score) if (v > bs) [best, bs] = [r, v];
    return best;
  }

  /** Base form of a whole mention. */
  lemma(surface: string, lang: string, type: EntityType, hints?: (WordHint | undefined)[]): string {
    const phr = this.m.phrases[lang]?.[surface.toLowerCase()];
    if (phr !== undefined) return adaptCase(surface, phr);
    const { words, seps } = splitWords(surface);
    const ctxs = contexts(words);
    const fixed = hyphenFixed(words, seps, type);
    const out = words.map((w, i) => {
      const [q1, core, q2] = unquote(w);
      if (!core || frozen(core) || fixed[i]) return w;
      const rule = this.wordRule(lang, type, ctxs[i], core);
      let res = rule ? applyRule(core, rule) : core;
      // the morphology knows the word and says it is already nominative: keep it
      const h = hints?.[i];
      if (h?.case === 'Nom' && rule && rule !== '|' && h.lemma && h.lemma.toLowerCase() === core.toLowerCase()) res = core;
      return q1 + res + q2;
    });
    return joinWords(out, seps);
  }
}

/** Give `lemma` the capitalisation style of `surface` (all lower -> lower first letters). */
export function adaptCase(surface: string, lemma: string): string {
  const letters = surface.replace(/[^\p{L}]/gu, '');
  if (letters && letters === letters.toLowerCase() && lemma !== lemma.toLowerCase()) {
    // a lower-case surface (`росія`, `путіна`) keeps lower-case words
    return lemma
      .split(/(\s+)/)
      .map((w) => (w.length > 1 && w === w.toUpperCase() ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1)))
      .join('');
  }
  return lemma;
}
