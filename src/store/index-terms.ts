/**
 * The search-index terms of one article, shared by every store so that SQLite and PostgreSQL
 * index exactly the same terms: one term per word token (its lemma and its folded surface form,
 * aligned with the token offsets, for snippets), the other plausible lemmas of ambiguous tokens,
 * and the title's words with their lemmas.
 */
import { termOf, words } from './terms.js';
import type { Lemmatizer } from './types.js';

export interface TokenLike {
  start: number;
  end: number;
  text?: string;
  lemma?: string;
  kind?: string;
  pos?: string;
  alts?: { lemma: string; source?: string }[];
}

export interface IndexTerms {
  /** folded title words and their lemmas (distinct) */
  title: string[];
  /** lemma term of each word token */
  lemmas: string[];
  /** folded surface term of each word token (aligned with `lemmas`) */
  forms: string[];
  /** [start0, end0, start1, end1, ...] offsets of token i in the text */
  offsets: number[];
  /** [token index, "alt1 alt2"]: other lemmas of ambiguous tokens */
  alts: [number, string][];
  /** every alternative lemma term, in token order */
  altTerms: string[];
}

export function indexTerms(
  text: string,
  title: string | null,
  lang: string | null,
  tokens: TokenLike[] | null,
  lemmatizer?: Lemmatizer,
): IndexTerms {
  const lemmas: string[] = [];
  const forms: string[] = [];
  const offsets: number[] = [];
  const alts: [number, string][] = [];
  const altTerms: string[] = [];
  const toks: TokenLike[] = tokens ?? words(text).map((w) => ({ ...w, kind: 'word' }));
  for (const t of toks) {
    if (t.kind && t.kind !== 'word' && t.kind !== 'number') continue;
    if (!t.kind && (t.pos === 'PUNCT' || t.pos === 'SYM')) continue;
    const surface = typeof t.text === 'string' ? t.text : text.slice(t.start, t.end);
    const form = termOf(surface);
    if (!form) continue;
    // (a lemma spelt as the surface folds to the same term)
    const lemma = t.lemma === surface ? form : termOf(t.lemma ?? '') || form;
    const as = t.alts;
    if (as?.length) {
      // dictionary and name readings always; for a word the dictionary does not know (only
      // guesses), the guesser's two best readings too (`Лахоре` -> Лахор)
      let known = false;
      for (let k = 0; k < as.length; k++)
        if (as[k].source === 'dict') {
          known = true;
          break;
        }
      let other: string[] | null = null;
      // readings repeat their lemma (one per case or gender): each lemma string is folded once
      const tried: string[] = [];
      for (let k = 0; k < as.length; k++) {
        const x = as[k];
        if (x.source !== 'dict' && x.source !== 'name' && (known || k >= 2)) continue;
        const raw = x.lemma;
        // the token's own lemma folds to `lemma` (or to nothing): never another term
        if (raw === t.lemma || tried.includes(raw)) continue;
        tried.push(raw);
        const term = termOf(raw);
        if (term && term !== lemma && !other?.includes(term)) (other ??= []).push(term);
        if (other && other.length >= 4) break;
      }
      if (other) {
        alts.push([lemmas.length, other.join(' ')]);
        for (const x of other) altTerms.push(x);
      }
    }
    lemmas.push(lemma);
    forms.push(form);
    offsets.push(t.start, t.end);
  }
  // the title: its folded words, and their lemmas — from the same word form in the body (a headline
  // repeats the body's words), else from the store's lemmatizer when it has one
  const titleTerms = new Set<string>();
  if (title) {
    const lemmaOf = new Map<string, string>();
    for (let k = 0; k < forms.length; k++) if (lemmas[k] !== forms[k] && !lemmaOf.has(forms[k])) lemmaOf.set(forms[k], lemmas[k]);
    for (const tw of words(String(title))) {
      const f = termOf(tw.text);
      if (!f) continue;
      titleTerms.add(f);
      const l = lemmaOf.get(f);
      if (l) titleTerms.add(l);
      else if (lemmatizer && /^[\p{L}]/u.test(f)) {
        for (const x of lemmatizer.lemmas(tw.text, lang ?? undefined)) {
          const t = termOf(x);
          if (t) titleTerms.add(t);
        }
      }
    }
  }
  return { title: [...titleTerms], lemmas, forms, offsets, alts, altTerms };
}
