/**
 * Index terms: how words become the strings the full-text index holds and the query looks up.
 * Both sides go through `termOf`, so the index and the query agree by construction: folded
 * (lower case, ё→е), with every character that is not a letter or digit removed (apostrophes,
 * hyphens), so that one word is always exactly one FTS5 token.
 */
import type { Lemmatizer } from './types.js';

const NON_WORD = /[^\p{L}\p{N}]/u;
const NON_WORD_G = /[^\p{L}\p{N}]+/gu;

/** The index term of a word (input already NFC, as `Doc.text` and query words are). */
export function termOf(s: string): string {
  let t = s.toLowerCase();
  if (t.includes('ё')) t = t.replace(/ё/g, 'е');
  if (NON_WORD.test(t)) t = t.replace(NON_WORD_G, '');
  return t;
}

/** A word with internal apostrophes or hyphens: `п’ятий`, `пресс-секретарь`, `O'Brien`. */
export const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[’'ʼ`‘\-‐][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

export interface WordSpan {
  start: number;
  end: number;
  text: string;
}

/** Words of a text (used for titles, and for articles stored without a tokens layer). */
export function words(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD_RE)) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0] });
  return out;
}

/** Likely languages of one query word from its letters alone. */
export function wordLangs(word: string, hint?: string): string[] {
  if (hint) return [hint];
  if (/[a-z]/i.test(word) && !/[\u0400-\u04FF]/.test(word)) return ['en'];
  if (/[іїєґ]/i.test(word)) return ['uk'];
  if (/[ыэъё]/i.test(word)) return ['ru'];
  if (/[\u0400-\u04FF]/.test(word)) return ['ru', 'uk'];
  return [];
}

export interface QueryWord {
  word: string;
  /** lemma terms to match in the lemma column */
  lemmas: string[];
  /** surface terms to match in the forms/title columns */
  forms: string[];
}

/** Split a query into words and expand each with its lemmas in every plausible language. */
export function expandQuery(text: string, lemmatizer?: Lemmatizer, lang?: string): QueryWord[] {
  const out: QueryWord[] = [];
  for (const w of words(text.normalize('NFC'))) {
    const form = termOf(w.text);
    if (!form) continue;
    const lemmas = new Set<string>([form]);
    if (lemmatizer) {
      for (const l of wordLangs(w.text, lang)) {
        for (const lemma of lemmatizer.lemmas(w.text, l)) {
          const t = termOf(lemma);
          if (t) lemmas.add(t);
        }
      }
    }
    out.push({ word: w.text, lemmas: [...lemmas], forms: [form] });
  }
  return out;
}

/** An FTS5 MATCH expression: every query word must match (by lemma or by surface form). */
export function ftsExpression(q: QueryWord[]): string {
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return q
    .map((w) => {
      const alts = [
        ...w.lemmas.map((l) => `lemmas : ${quote(l)}`),
        ...w.lemmas.map((l) => `alts : ${quote(l)}`),
        ...w.forms.map((f) => `forms : ${quote(f)}`),
        ...[...new Set([...w.forms, ...w.lemmas])].map((f) => `title : ${quote(f)}`),
      ];
      return `(${alts.join(' OR ')})`;
    })
    .join(' AND ');
}
